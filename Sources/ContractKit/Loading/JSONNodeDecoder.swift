/// Decodes a Codable value straight from a `JSONNode` tree the strict
/// parser has already built, so a fixture's bytes are read once instead of
/// twice (the parser, then Foundation's `JSONDecoder`).
///
/// It is deliberately narrower than `JSONDecoder`: it accepts only what
/// `JSONDecoder` certainly accepts the same way (strings, `true`/`false`,
/// integers written as plain digits that fit the type, objects, arrays) and
/// throws on anything else (a number where a floating-point value or a
/// `Decimal` is asked for, an integer with a fraction or an exponent).
/// Callers treat any error as "not sure" and decode the same bytes again
/// with `JSONDecoder`, whose errors the messages are made from
/// (`JSONFile.decodeTree`), so what a user sees never depends on which of
/// the two decoded a file.
///
/// So its errors are never shown, and it keeps no coding path: every
/// `codingPath` is empty. Building one per value (an array per nested
/// value of 10,000 contract files) was an eighth of loading them.
struct JSONNodeDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from node: JSONNode) throws -> T {
        try T(from: NodeDecoder(node: node))
    }
}

private extension JSONNode {
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

private func mismatch(_ type: Any.Type, _ node: JSONNode, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, .init(codingPath: path, debugDescription: "Expected to decode \(type) but found \(node.kindName) instead."))
}

/// A scalar from a node, or nil where `JSONDecoder` might read it otherwise.
private enum Scalar {
    static func string(_ node: JSONNode) -> String? {
        if case .string(let text) = node { return text }
        return nil
    }

    static func bool(_ node: JSONNode) -> Bool? {
        if case .bool(let value) = node { return value }
        return nil
    }

    /// Plain digits only ("12", "-3"): `Int("1.0")` and `Int("1e2")` are nil,
    /// and such a number is left to `JSONDecoder`.
    static func integer<T: FixedWidthInteger>(_ node: JSONNode, as type: T.Type) -> T? {
        if case .number(let text) = node { return T(text) }
        return nil
    }
}

private struct NodeDecoder: Decoder {
    let node: JSONNode
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = node else {
            throw mismatch([String: Any].self, node, codingPath)
        }
        return KeyedDecodingContainer(KeyedNodeContainer<Key>(members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = node else {
            throw mismatch([Any].self, node, codingPath)
        }
        return UnkeyedNodeContainer(items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleNodeContainer(node: node)
    }
}

private struct SingleNodeContainer: SingleValueDecodingContainer {
    let node: JSONNode
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { node.isNull }

    private func scalar<T>(_ value: T?) throws -> T {
        guard let value else { throw mismatch(T.self, node, codingPath) }
        return value
    }

    func decode(_ type: Bool.Type) throws -> Bool { try scalar(Scalar.bool(node)) }
    func decode(_ type: String.Type) throws -> String { try scalar(Scalar.string(node)) }
    func decode(_ type: Double.Type) throws -> Double { throw mismatch(type, node, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { throw mismatch(type, node, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try scalar(Scalar.integer(node, as: type)) }
    func decode(_ type: Int8.Type) throws -> Int8 { try scalar(Scalar.integer(node, as: type)) }
    func decode(_ type: Int16.Type) throws -> Int16 { try scalar(Scalar.integer(node, as: type)) }
    func decode(_ type: Int32.Type) throws -> Int32 { try scalar(Scalar.integer(node, as: type)) }
    func decode(_ type: Int64.Type) throws -> Int64 { try scalar(Scalar.integer(node, as: type)) }
    func decode(_ type: UInt.Type) throws -> UInt { try scalar(Scalar.integer(node, as: type)) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar(Scalar.integer(node, as: type)) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar(Scalar.integer(node, as: type)) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar(Scalar.integer(node, as: type)) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar(Scalar.integer(node, as: type)) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: NodeDecoder(node: node))
    }
}

/// A final class so that it can remember where the last key was found: the
/// synthesized `init(from:)` asks for keys in declaration order, which is
/// mostly the order a fixture writes them, so the next key is usually the
/// next member.
private final class KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [JSONNode.Member]
    var codingPath: [any CodingKey] { [] }
    private var cursor = 0

    init(members: [JSONNode.Member]) {
        self.members = members
    }

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    /// The member's value, or nil when the object has no such key.
    private func value(_ key: Key) -> JSONNode? {
        let name = key.stringValue
        let count = members.count
        var offset = 0
        while offset < count {
            let index = (cursor + offset) % count
            if members[index].key == name {
                cursor = index + 1
                return members[index].value
            }
            offset += 1
        }
        return nil
    }

    private func required(_ key: Key) throws -> JSONNode {
        guard let value = value(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)."))
        }
        return value
    }

    private func scalar<T>(_ key: Key, _ read: (JSONNode) -> T?) throws -> T {
        let node = try required(key)
        guard let result = read(node) else {
            if node.isNull {
                throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath, debugDescription: "Expected \(T.self) value but found null instead."))
            }
            throw mismatch(T.self, node, codingPath)
        }
        return result
    }

    func contains(_ key: Key) -> Bool { value(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try required(key).isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try scalar(key, Scalar.bool) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try scalar(key, Scalar.string) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { throw mismatch(type, try required(key), codingPath) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw mismatch(type, try required(key), codingPath) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(key) { Scalar.integer($0, as: type) } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try scalar(key) { Scalar.integer($0, as: type) } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try scalar(key) { Scalar.integer($0, as: type) } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(key) { Scalar.integer($0, as: type) } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(key) { Scalar.integer($0, as: type) } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try scalar(key) { Scalar.integer($0, as: type) } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try scalar(key) { Scalar.integer($0, as: type) } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try scalar(key) { Scalar.integer($0, as: type) } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try scalar(key) { Scalar.integer($0, as: type) } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try scalar(key) { Scalar.integer($0, as: type) } }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: NodeDecoder(node: try required(key)))
    }

    /// A missing key or a null reads as nil, as with `JSONDecoder`.
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key, Scalar.bool) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key, Scalar.string) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key) { Scalar.integer($0, as: type) } }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let node = value(key), !node.isNull else { return nil }
        return try T(from: NodeDecoder(node: node))
    }

    private func present<T>(_ key: Key, _ read: (JSONNode) -> T?) throws -> T? {
        guard let node = value(key), !node.isNull else { return nil }
        guard let result = read(node) else { throw mismatch(T.self, node, codingPath) }
        return result
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try NodeDecoder(node: try required(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try NodeDecoder(node: try required(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        NodeDecoder(node: membersValue("super"))   // the key JSONDecoder's superDecoder() reads
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        NodeDecoder(node: membersValue(key.stringValue))
    }

    /// `JSONDecoder` gives a super decoder of a missing key a null to read.
    private func membersValue(_ name: String) -> JSONNode {
        members.first { $0.key == name }?.value ?? .null
    }
}

private struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let items: [JSONNode]
    var codingPath: [any CodingKey] { [] }
    private(set) var currentIndex = 0

    init(items: [JSONNode]) {
        self.items = items
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private func next<T>(_ type: T.Type) throws -> JSONNode {
        guard currentIndex < items.count else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "Unkeyed container is at end."))
        }
        return items[currentIndex]
    }

    private mutating func scalar<T>(_ read: (JSONNode) -> T?) throws -> T {
        let node = try next(T.self)
        guard let result = read(node) else {
            if node.isNull {
                throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath, debugDescription: "Expected \(T.self) but found null instead."))
            }
            throw mismatch(T.self, node, codingPath)
        }
        currentIndex += 1
        return result
    }

    mutating func decodeNil() throws -> Bool {
        guard try next(Never.self).isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try scalar(Scalar.bool) }
    mutating func decode(_ type: String.Type) throws -> String { try scalar(Scalar.string) }
    mutating func decode(_ type: Double.Type) throws -> Double { throw mismatch(type, try next(type), codingPath) }
    mutating func decode(_ type: Float.Type) throws -> Float { throw mismatch(type, try next(type), codingPath) }
    mutating func decode(_ type: Int.Type) throws -> Int { try scalar { Scalar.integer($0, as: type) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try scalar { Scalar.integer($0, as: type) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try scalar { Scalar.integer($0, as: type) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try scalar { Scalar.integer($0, as: type) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try scalar { Scalar.integer($0, as: type) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try scalar { Scalar.integer($0, as: type) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try scalar { Scalar.integer($0, as: type) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try scalar { Scalar.integer($0, as: type) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try scalar { Scalar.integer($0, as: type) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try scalar { Scalar.integer($0, as: type) } }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let node = try next(type)
        let value = try T(from: NodeDecoder(node: node))
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try NodeDecoder(node: try next(type)).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try NodeDecoder(node: try next([Any].self)).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = NodeDecoder(node: try next(Never.self))
        currentIndex += 1
        return decoder
    }
}
