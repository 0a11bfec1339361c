/// Checks a document's structure against the published JSON Schema:
/// unknown keys, missing keys, types, enumerations, property counts and
/// integer ranges. Value formats (amounts, dates, percentages) are checked
/// by the decoders, which give better messages for them. Every problem is
/// collected, so one run reports all of a file's mistakes.
struct SchemaValidator {
    struct Problem: Equatable {
        var path: String
        var message: String
    }

    let root: JSONNode
    /// The schema read once, for `problems`; nil where some `$ref` is not a
    /// plain "#/$defs/NAME" that resolves (then every check reads `root`).
    private let compiled: CompiledSchema?

    init(schema: JSONNode) {
        root = schema
        compiled = CompiledSchema(validator: SchemaValidator(uncompiled: schema))
    }

    private init(uncompiled schema: JSONNode) {
        root = schema
        compiled = nil
    }

    func problems(in document: JSONNode) -> [Problem] {
        var problems: [Problem] = []
        if let compiled {
            var path = JSONPath()
            compiled.check(document, against: compiled.root, path: &path, into: &problems)
        } else {
            check(document, against: root, path: "$", into: &problems)
        }
        return problems
    }

    /// The paths of the document's values the schema declares documentary
    /// (`"x-documentary": true`): words kept for the reader, shown by `diff`,
    /// that no computation reads.
    func documentaryPaths(in document: JSONNode) -> [String] {
        var paths: [String] = []
        collectDocumentary(document, against: root, path: "$", into: &paths)
        return paths
    }

    private func collectDocumentary(_ value: JSONNode, against schema: JSONNode, path: String, into paths: inout [String]) {
        var schema = resolved(schema)
        if schema["x-documentary"] == .bool(true) {
            paths.append(path)
            return
        }
        if case .array(let branches)? = schema["oneOf"], let union = tags(of: branches),
           let tag = value[union.key], let index = union.values.firstIndex(of: tag) {
            schema = resolved(branches[index])
        }
        switch value {
        case .object(let members):
            for member in members {
                if let property = schema["properties"]?[member.key] {
                    collectDocumentary(member.value, against: property, path: path + "." + member.key, into: &paths)
                }
            }
        case .array(let items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    collectDocumentary(item, against: itemSchema, path: path + "[\(index)]", into: &paths)
                }
            }
        default:
            break
        }
    }

    private func check(_ value: JSONNode, against schema: JSONNode, path: String, into problems: inout [Problem]) {
        var schema = schema
        var seen = 0
        while let reference = schema["$ref"]?.stringValue, seen < 32 {
            guard reference.hasPrefix("#/$defs/"), let target = root["$defs"]?[String(reference.dropFirst(8))] else { return }
            schema = target
            seen += 1
        }
        if let expected = schema["type"], !matches(value, expected) {
            problems.append(Problem(path: path, message: "expected \(typeWords(expected)), found \(value.kindName)"))
            return
        }
        if case .array(let allowed)? = schema["enum"], !allowed.contains(value) {
            let words = allowed.map { $0.stringValue.map { "\"\($0)\"" } ?? $0.numberText ?? "" }.joined(separator: ", ")
            problems.append(Problem(path: path, message: "\(value.stringValue.map { "\"\($0)\"" } ?? value.numberText ?? value.kindName): expected one of \(words)"))
            return
        }
        if case .array(let branches)? = schema["oneOf"] {
            checkOneOf(value, branches: branches, path: path, into: &problems)
            return
        }
        switch value {
        case .object(let members):
            let properties = schema["properties"]
            if case .array(let required)? = schema["required"] {
                for case .string(let key) in required where !members.contains(where: { $0.key == key && $0.value != .null }) {
                    problems.append(Problem(path: path, message: "missing required key \"\(key)\""))
                }
            }
            if let minimum = schema["minProperties"]?.integer, members.count < minimum {
                problems.append(Problem(path: path, message: "expected at least \(minimum) key\(minimum == 1 ? "" : "s")\(keyList(properties))"))
            }
            if let maximum = schema["maxProperties"]?.integer, members.count > maximum {
                problems.append(Problem(path: path, message: "expected at most \(maximum) key\(maximum == 1 ? "" : "s")\(keyList(properties)), found \(members.map(\.key).joined(separator: ", "))"))
            }
            for member in members {
                let memberPath = path + "." + member.key
                if let propertySchema = properties?[member.key] {
                    // null stands for an optional value left out, as Codable reads it.
                    if member.value == .null && !requiredKeys(schema).contains(member.key) { continue }
                    check(member.value, against: propertySchema, path: memberPath, into: &problems)
                } else if schema["additionalProperties"] == .bool(false) {
                    problems.append(Problem(path: memberPath, message: "unknown key \"\(member.key)\"\(keyList(properties, prefix: "; expected one of "))"))
                }
            }
        case .array(let items):
            if let maximum = schema["maxItems"]?.integer, items.count > maximum {
                problems.append(Problem(path: path, message: "\(items.count) items: expected at most \(maximum)"))
                return
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    check(item, against: itemSchema, path: path + "[\(index)]", into: &problems)
                }
            }
        case .number(let text):
            if let integer = Int(text) {
                if let minimum = schema["minimum"]?.integer, integer < minimum {
                    problems.append(Problem(path: path, message: "\(text): expected at least \(minimum)"))
                }
                if let maximum = schema["maximum"]?.integer, integer > maximum {
                    problems.append(Problem(path: path, message: "\(text): expected at most \(maximum)"))
                }
            }
        default:
            break
        }
    }

    /// A tagged union: the branch is chosen by the member whose schema is a
    /// one-value enum (a rule's "kind"), so the problems reported are those of
    /// the shape the document meant, not of every shape at once.
    /// A tagged union's tag: the one key whose schema is a one-value enum in
    /// every branch, and each branch's value of it, in branch order; nil
    /// when the branches are not tagged so.
    fileprivate func tags(of branches: [JSONNode]) -> (key: String, values: [JSONNode])? {
        var tags: [(key: String, value: JSONNode)] = []
        for branch in branches {
            guard case .object(let properties)? = resolved(branch)["properties"] else { return nil }
            for property in properties {
                if case .array(let allowed)? = resolved(property.value)["enum"], allowed.count == 1 { tags.append((property.key, allowed[0])) }
            }
        }
        guard let key = tags.first?.key, tags.count == branches.count, tags.allSatisfy({ $0.key == key }) else { return nil }
        return (key, tags.map(\.value))
    }

    private func checkOneOf(_ value: JSONNode, branches: [JSONNode], path: String, into problems: inout [Problem]) {
        guard let (key, values) = tags(of: branches) else {
            // Not a tagged union: the first branch that fits.
            for branch in branches {
                var found: [Problem] = []
                check(value, against: branch, path: path, into: &found)
                if found.isEmpty { return }
            }
            problems.append(Problem(path: path, message: "matches none of the allowed shapes"))
            return
        }
        guard case .object = value else {
            problems.append(Problem(path: path, message: "expected an object, found \(value.kindName)"))
            return
        }
        let names = values.map { $0.stringValue.map { "\"\($0)\"" } ?? "" }.joined(separator: ", ")
        guard let tag = value[key], tag != .null else {
            problems.append(Problem(path: path, message: "missing required key \"\(key)\" (one of \(names))"))
            // A misspelt tag: name the keys no shape has.
            if case .object(let members) = value {
                let known = Set(branches.flatMap { branch -> [String] in
                    guard case .object(let properties)? = resolved(branch)["properties"] else { return [] }
                    return properties.map(\.key)
                })
                for member in members where !known.contains(member.key) {
                    problems.append(Problem(path: path + "." + member.key, message: "unknown key \"\(member.key)\"; is it \"\(key)\"?"))
                }
            }
            return
        }
        guard let index = values.firstIndex(of: tag) else {
            problems.append(Problem(path: path + "." + key, message: "\(tag.stringValue.map { "\"\($0)\"" } ?? tag.kindName): expected one of \(names)"))
            return
        }
        check(value, against: branches[index], path: path, into: &problems)
    }

    fileprivate func resolved(_ schema: JSONNode) -> JSONNode {
        var schema = schema
        var seen = 0
        while let reference = schema["$ref"]?.stringValue, reference.hasPrefix("#/$defs/"), let target = root["$defs"]?[String(reference.dropFirst(8))], seen < 32 {
            schema = target
            seen += 1
        }
        return schema
    }

    fileprivate func requiredKeys(_ schema: JSONNode) -> [String] {
        guard case .array(let required)? = schema["required"] else { return [] }
        return required.compactMap(\.stringValue)
    }

    fileprivate func keyList(_ properties: JSONNode?, prefix: String = " of ") -> String {
        guard case .object(let members)? = properties else { return "" }
        return prefix + members.map(\.key).joined(separator: ", ")
    }

    fileprivate func matches(_ value: JSONNode, _ expected: JSONNode) -> Bool {
        switch expected {
        case .string(let name): return matches(value, name)
        case .array(let names): return names.contains { $0.stringValue.map { matches(value, $0) } ?? false }
        default: return true
        }
    }

    fileprivate func matches(_ value: JSONNode, _ name: String) -> Bool {
        switch (name, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number): return true
        case ("integer", .number(let text)): return Int(text) != nil
        default: return false
        }
    }

    fileprivate func typeWords(_ expected: JSONNode) -> String {
        let names: [String]
        switch expected {
        case .string(let name): names = [name]
        case .array(let list): names = list.compactMap(\.stringValue)
        default: names = []
        }
        return names.map { name in
            switch name {
            case "object": return "an object"
            case "array": return "an array"
            case "string": return "a string"
            case "boolean": return "true or false"
            case "integer": return "a whole number"
            case "number": return "a number"
            default: return name
            }
        }.joined(separator: " or ")
    }
}

/// The schema with every `$ref` followed and every keyword read once, so
/// that checking a document looks nothing up in the schema per value: a
/// node per schema place, children by index (a `$defs` entry is one node,
/// however many places refer to it). `check` gives exactly the problems
/// `SchemaValidator.check` gives, in the same order.
private struct CompiledSchema: Sendable {
    struct Node: Sendable {
        /// The raw "type", for `matches`, and its words for the message.
        var type: JSONNode?
        var typeWords = ""
        var allowed: [JSONNode]?
        var allowedWords = ""
        var oneOf: OneOf?
        var properties: [String: Int] = [:]
        var keysOf = ""
        var keysExpected = ""
        var required: [String] = []
        var requiredSet: Set<String> = []
        var minProperties: Int?
        var maxProperties: Int?
        var closed = false
        var maxItems: Int?
        var items: Int?
        var minimum: Int?
        var maximum: Int?
    }

    struct OneOf: Sendable {
        var branches: [Int]
        /// A tagged union's key and each branch's value of it.
        var tag: (key: String, values: [JSONNode])?
        var names = ""
        /// Every key some branch declares, for a misspelt tag.
        var known: Set<String> = []
    }

    /// A node, shared rather than copied where `check` reads it.
    final class Place: Sendable {
        let node: Node
        init(_ node: Node) { self.node = node }
    }

    private(set) var places: [Place] = []
    private(set) var root = 0
    private var nodes: [Node] = []
    private var byReference: [String: Int] = [:]

    init?(validator: SchemaValidator) {
        guard let root = compile(validator.root, validator) else { return nil }
        self.root = root
        places = nodes.map(Place.init)
        nodes = []
        byReference = [:]
    }

    private mutating func compile(_ start: JSONNode, _ validator: SchemaValidator) -> Int? {
        var schema = start
        var reference: String?
        var seen = 0
        while let next = schema["$ref"]?.stringValue {
            guard seen < 32, next.hasPrefix("#/$defs/"), let target = validator.root["$defs"]?[String(next.dropFirst(8))] else { return nil }
            schema = target
            reference = next
            seen += 1
        }
        if let reference, let index = byReference[reference] { return index }
        let index = nodes.count
        nodes.append(Node())
        if let reference { byReference[reference] = index }

        var node = Node()
        if let type = schema["type"] {
            node.type = type
            node.typeWords = validator.typeWords(type)
        }
        if case .array(let allowed)? = schema["enum"] {
            node.allowed = allowed
            node.allowedWords = allowed.map { $0.stringValue.map { "\"\($0)\"" } ?? $0.numberText ?? "" }.joined(separator: ", ")
        }
        if case .array(let branches)? = schema["oneOf"] {
            var union = OneOf(branches: [])
            for branch in branches {
                guard let compiled = compile(branch, validator) else { return nil }
                union.branches.append(compiled)
            }
            if let tag = validator.tags(of: branches) {
                union.tag = tag
                union.names = tag.values.map { $0.stringValue.map { "\"\($0)\"" } ?? "" }.joined(separator: ", ")
                union.known = Set(branches.flatMap { branch -> [String] in
                    guard case .object(let properties)? = validator.resolved(branch)["properties"] else { return [] }
                    return properties.map(\.key)
                })
            }
            node.oneOf = union
        }
        let properties = schema["properties"]
        if case .object(let members)? = properties {
            for member in members {
                guard let compiled = compile(member.value, validator) else { return nil }
                if node.properties[member.key] == nil { node.properties[member.key] = compiled }
            }
        }
        node.keysOf = validator.keyList(properties)
        node.keysExpected = validator.keyList(properties, prefix: "; expected one of ")
        if case .array(let required)? = schema["required"] {
            for case .string(let key) in required { node.required.append(key) }
        }
        node.requiredSet = Set(validator.requiredKeys(schema))
        node.minProperties = schema["minProperties"]?.integer
        node.maxProperties = schema["maxProperties"]?.integer
        node.closed = schema["additionalProperties"] == .bool(false)
        node.maxItems = schema["maxItems"]?.integer
        if let items = schema["items"] {
            guard let compiled = compile(items, validator) else { return nil }
            node.items = compiled
        }
        node.minimum = schema["minimum"]?.integer
        node.maximum = schema["maximum"]?.integer
        nodes[index] = node
        return index
    }

    func check(_ value: JSONNode, against index: Int, path: inout JSONPath, into problems: inout [SchemaValidator.Problem]) {
        let schema = places[index]
        if let expected = schema.node.type, !CompiledSchema.matches(value, expected) {
            problems.append(.init(path: path.text, message: "expected \(schema.node.typeWords), found \(value.kindName)"))
            return
        }
        if let allowed = schema.node.allowed, !allowed.contains(value) {
            problems.append(.init(path: path.text, message: "\(value.stringValue.map { "\"\($0)\"" } ?? value.numberText ?? value.kindName): expected one of \(schema.node.allowedWords)"))
            return
        }
        if let union = schema.node.oneOf {
            checkOneOf(value, union, path: &path, into: &problems)
            return
        }
        switch value {
        case .object(let members):
            for key in schema.node.required where !members.contains(where: { $0.key == key && $0.value != .null }) {
                problems.append(.init(path: path.text, message: "missing required key \"\(key)\""))
            }
            if let minimum = schema.node.minProperties, members.count < minimum {
                problems.append(.init(path: path.text, message: "expected at least \(minimum) key\(minimum == 1 ? "" : "s")\(schema.node.keysOf)"))
            }
            if let maximum = schema.node.maxProperties, members.count > maximum {
                problems.append(.init(path: path.text, message: "expected at most \(maximum) key\(maximum == 1 ? "" : "s")\(schema.node.keysOf), found \(members.map(\.key).joined(separator: ", "))"))
            }
            for member in members {
                if let property = schema.node.properties[member.key] {
                    // null stands for an optional value left out, as Codable reads it.
                    if case .null = member.value, !schema.node.requiredSet.contains(member.key) { continue }
                    path.steps.append(.key(member.key))
                    check(member.value, against: property, path: &path, into: &problems)
                    path.steps.removeLast()
                } else if schema.node.closed {
                    problems.append(.init(path: path.text(then: member.key), message: "unknown key \"\(member.key)\"\(schema.node.keysExpected)"))
                }
            }
        case .array(let items):
            if let maximum = schema.node.maxItems, items.count > maximum {
                problems.append(.init(path: path.text, message: "\(items.count) items: expected at most \(maximum)"))
                return
            }
            if let itemSchema = schema.node.items {
                for (position, item) in items.enumerated() {
                    path.steps.append(.index(position))
                    check(item, against: itemSchema, path: &path, into: &problems)
                    path.steps.removeLast()
                }
            }
        case .number(let text):
            if schema.node.minimum != nil || schema.node.maximum != nil, let integer = Int(text) {
                if let minimum = schema.node.minimum, integer < minimum {
                    problems.append(.init(path: path.text, message: "\(text): expected at least \(minimum)"))
                }
                if let maximum = schema.node.maximum, integer > maximum {
                    problems.append(.init(path: path.text, message: "\(text): expected at most \(maximum)"))
                }
            }
        default:
            break
        }
    }

    private func checkOneOf(_ value: JSONNode, _ union: OneOf, path: inout JSONPath, into problems: inout [SchemaValidator.Problem]) {
        guard let (key, values) = union.tag else {
            // Not a tagged union: the first branch that fits.
            for branch in union.branches {
                var found: [SchemaValidator.Problem] = []
                check(value, against: branch, path: &path, into: &found)
                if found.isEmpty { return }
            }
            problems.append(.init(path: path.text, message: "matches none of the allowed shapes"))
            return
        }
        guard case .object(let members) = value else {
            problems.append(.init(path: path.text, message: "expected an object, found \(value.kindName)"))
            return
        }
        guard let tag = value[key], tag != .null else {
            problems.append(.init(path: path.text, message: "missing required key \"\(key)\" (one of \(union.names))"))
            // A misspelt tag: name the keys no shape has.
            for member in members where !union.known.contains(member.key) {
                problems.append(.init(path: path.text(then: member.key), message: "unknown key \"\(member.key)\"; is it \"\(key)\"?"))
            }
            return
        }
        guard let position = values.firstIndex(of: tag) else {
            problems.append(.init(path: path.text(then: key), message: "\(tag.stringValue.map { "\"\($0)\"" } ?? tag.kindName): expected one of \(union.names)"))
            return
        }
        check(value, against: union.branches[position], path: &path, into: &problems)
    }

    /// As `SchemaValidator.matches`, without the validator.
    static func matches(_ value: JSONNode, _ expected: JSONNode) -> Bool {
        switch expected {
        case .string(let name): return matches(value, name)
        case .array(let names): return names.contains { $0.stringValue.map { matches(value, $0) } ?? false }
        default: return true
        }
    }

    static func matches(_ value: JSONNode, _ name: String) -> Bool {
        switch (name, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null), ("number", .number): return true
        case ("integer", .number(let text)): return Int(text) != nil
        default: return false
        }
    }
}

extension JSONNode {
    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var numberText: String? {
        if case .number(let text) = self { return text }
        return nil
    }

    var integer: Int? { numberText.flatMap { Int($0) } }
}
