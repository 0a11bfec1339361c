import Foundation
import Testing
@testable import ContractKit

@Suite("The strict JSON parser")
struct JSONParserTests {
    struct Bad: CustomTestStringConvertible, Sendable {
        var text: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { "\(message) at \(line):\(column)" }
    }

    @Test(arguments: [
        Bad(text: "{\"a\": 1,}", line: 1, column: 9, message: "a comma before '}' (trailing commas are not JSON)"),
        Bad(text: "[1, 2,]", line: 1, column: 7, message: "a comma before ']' (trailing commas are not JSON)"),
        Bad(text: "{\"a\": 1, \"a\": 2}", line: 1, column: 10, message: "duplicate key \"a\""),
        Bad(text: "{\n  \"a\": 01\n}", line: 2, column: 8, message: "a number cannot have a leading zero"),
        Bad(text: "{\"a\": \"x\ny\"}", line: 1, column: 9, message: "a raw control character in a string (write it as an escape such as \\n)"),
        Bad(text: "{\"a\": tru}", line: 1, column: 7, message: "expected a value, found 't'"),
        Bad(text: "// comment\n{}", line: 1, column: 1, message: "expected a value, found '/'"),
        Bad(text: "{} {}", line: 1, column: 4, message: "unexpected text after the JSON value"),
        Bad(text: "", line: 1, column: 1, message: "the file holds no JSON value"),
        Bad(text: "{\"a\": \"\\ud800\"}", line: 1, column: 14, message: "a lone surrogate \\ud800 in a string"),
        Bad(text: "{\"中文\": [1, 2", line: 1, column: 13, message: "unexpected end of file inside an array"),
    ])
    func refuses(_ c: Bad) {
        do {
            _ = try JSONParser.parse(Array(c.text.utf8))
            Issue.record("accepted \(c.text)")
        } catch {
            #expect(error.message == c.message)
            #expect(error.line == c.line && error.column == c.column, "\(error.line):\(error.column)")
        }
    }

    /// An object of up to 15 keys is searched for a repeat, a larger one
    /// through a set: a repeat is found either way, with its path.
    @Test("a repeated key is refused in a small object and a large one, with its path", arguments: [3, 15, 16, 17, 40])
    func repeatedKey(keys: Int) {
        let members = (0..<keys).map { "\"k\($0)\": \($0)" } + ["\"k\(keys / 2)\": 0"]
        let text = "{\"a\": [0, {" + members.joined(separator: ", ") + "}]}"
        do {
            _ = try JSONParser.parse(Array(text.utf8))
            Issue.record("accepted a repeated key among \(keys)")
        } catch {
            #expect(error.message == "duplicate key \"k\(keys / 2)\"")
            #expect(error.path == "$.a[1].k\(keys / 2)")
        }
        let distinct = "{" + (0..<keys).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + "}"
        #expect(throws: Never.self) { try JSONParser.parse(Array(distinct.utf8)) }
    }

    @Test("values, escapes, surrogate pairs, numbers kept as text, a BOM skipped")
    func accepts() throws {
        let text = "\u{FEFF}{\"s\": \"a\\\"\\u4e2d\\ud83d\\ude00\", \"n\": -12.50e3, \"b\": [true, false, null], \"o\": {}}"
        let node = try JSONParser.parse(Array(text.utf8))
        #expect(node["s"] == .string("a\"中😀"))
        #expect(node["n"] == .number("-12.50e3"))
        #expect(node["b"] == .array([.bool(true), .bool(false), .null]))
        #expect(node["o"] == .object([]))
    }

    @Test("nesting is limited instead of overflowing the stack")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(deep.utf8)) }
    }
}

@Suite("Fixtures are checked against the published schema")
struct SchemaTests {
    static func fixture(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturesFolder + "/weinan-2026.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    func problems(_ data: Data) -> [String] {
        do {
            _ = try ContractLoader.decode(data, file: "f.json")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test("the embedded schema is Schema/contract.schema.json")
    func embedded() throws {
        let file = try String(contentsOfFile: packageRoot + "/Schema/contract.schema.json", encoding: .utf8)
        #expect(file.trimmingCharacters(in: .whitespacesAndNewlines) == BuiltinSchema.json.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(ContractLoader.schema != nil)
    }

    @Test("a misspelt key is refused, naming the keys that are allowed")
    func unknownKey() throws {
        let data = try Self.fixture { object in
            var instalments = object["instalments"] as? [[String: Any]] ?? []
            instalments[0]["onOrBefor"] = "2026-06-30"
            object["instalments"] = instalments
        }
        let found = problems(data)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("f.json: $.instalments[0].onOrBefor: unknown key \"onOrBefor\"; expected one of id, label, clause") == true)
    }

    @Test("every structural problem of a file is reported in one run")
    func collectsAll() throws {
        let data = try Self.fixture { object in
            object.removeValue(forKey: "title")
            object["currency"] = "USD"
            var term = object["term"] as? [String: Any] ?? [:]
            term["length"] = ["days": 1, "months": 2]
            object["term"] = term
            object["instalments"] = "none"
        }
        let found = problems(data)
        #expect(found.contains("f.json: $: missing required key \"title\""))
        #expect(found.contains("f.json: $.currency: \"USD\": expected one of \"CNY\""))
        #expect(found.contains { $0.hasPrefix("f.json: $.term.length: expected at most 1 key") })
        #expect(found.contains("f.json: $.instalments: expected an array, found a string"))
        #expect(found.count == 4)
    }

    @Test("duplicate keys are refused with their path")
    func duplicateKey() {
        let text = "{\n  \"formatVersion\": 1,\n  \"id\": \"a\",\n  \"id\": \"b\"\n}"
        let found = problems(Data(text.utf8))
        #expect(found == ["f.json: $.id: duplicate key \"id\" (at line 4, column 3); each key may appear once"])
    }

    /// Walks a decoded value with Mirror: every stored property must be a
    /// key the schema declares at that place, so the model and the
    /// published schema cannot drift apart unnoticed.
    @Test("every property of the model is declared in the schema")
    func modelMatchesSchema() throws {
        let schema = try JSONParser.parse(Array(BuiltinSchema.json.utf8))
        func resolve(_ node: JSONNode) -> JSONNode {
            var node = node
            while let reference = node["$ref"]?.stringValue, let target = schema["$defs"]?[String(reference.dropFirst(8))] { node = target }
            return node
        }
        var undeclared: [String] = []
        var visited = Set<String>()
        func walk(_ value: Any, _ node: JSONNode, _ path: String) {
            let node = resolve(node)
            // PeriodSpec codes itself ({"days": 90}); decoding tests cover it.
            if value is PeriodSpec { return }
            let mirror = Mirror(reflecting: value)
            // A penalty rule is a tagged union: walk its case against the
            // schema's branch for its kind.
            if let rule = value as? PenaltyRule, case .array(let branches)? = node["oneOf"],
               let branch = branches.first(where: { resolve($0)["properties"]?["kind"]?["enum"] == .array([.string(rule.kind.rawValue)]) }),
               let payload = mirror.children.first?.value {
                walk(payload, branch, path)
                return
            }
            if mirror.displayStyle == .optional {
                if let child = mirror.children.first { walk(child.value, node, path) }
                return
            }
            if mirror.displayStyle == .collection, let items = node["items"] {
                for (index, child) in mirror.children.enumerated() { walk(child.value, items, "\(path)[\(index)]") }
                return
            }
            guard mirror.displayStyle == .struct, let properties = node["properties"] else { return }
            visited.insert(String(describing: type(of: value)))
            for child in mirror.children {
                guard var label = child.label else { continue }
                var childValue = child.value
                if label.hasPrefix("_") {   // a property wrapper: DefaultEmpty
                    label.removeFirst()
                    childValue = Mirror(reflecting: child.value).children.first?.value ?? child.value
                }
                guard let propertySchema = properties[label] else {
                    undeclared.append("\(path).\(label)")
                    continue
                }
                walk(childValue, propertySchema, "\(path).\(label)")
            }
        }
        for contract in PaymentsTests.contracts { walk(contract, schema, "$") }
        #expect(undeclared.isEmpty, "\(undeclared)")
        // The walk reached every type of the model, so each was compared.
        let modelTypes: Set<String> = [
            "Contract", "Parties", "Party", "BankAccount", "NameVariant", "Signing", "Signature", "Effectiveness", "Term",
            "Price", "StatedAmount", "Breakdown", "PriceLine", "Instalment", "DueRule", "Condition", "Guarantee",
            "GuaranteeRelease", "GuaranteeDeduction", "ServiceItem", "AssessmentSheet", "AssessmentCategory", "Deduction",
            "AdditionalItem", "AssessmentWindow", "LatePaymentRule", "LateServiceRule", "IncidentRule", "RequestRule", "StaffRule",
            "BreachRule", "DayPeriod", "DayCap", "ShareCap", "Exclusion", "Interest", "TerminationThreshold", "RequestLimit", "Multiplier", "Renewal", "Obligation", "Blank", "Reading", "Reference",
        ]
        #expect(modelTypes.subtracting(visited).isEmpty, "not reached: \(modelTypes.subtracting(visited))")
    }
}

@Suite("The published ledger schema")
struct LedgerSchemaTests {
    /// Schema/ledger-event.schema.json says per type which keys an event
    /// takes and needs; the loader's table must say the same.
    @Test("its per-type rules match the loader's")
    func matchesLoader() throws {
        let text = try String(contentsOfFile: packageRoot + "/Schema/ledger-event.schema.json", encoding: .utf8)
        let schema = try JSONParser.parse(Array(text.utf8))
        guard case .array(let rules)? = schema["allOf"] else { Issue.record("no allOf"); return }
        var seen: Set<String> = []
        for rule in rules {
            let type = try #require(rule["if"]?["properties"]?["type"]?["const"]?.stringValue)
            seen.insert(type)
            let expected = try #require(EventLine.fields[type], "\(type) is not a loader type")
            guard case .array(let required)? = rule["then"]?["required"], case .array(let names)? = rule["then"]?["propertyNames"]?["enum"] else {
                Issue.record("\(type): no then.required or propertyNames")
                continue
            }
            #expect(required.compactMap(\.stringValue) == expected.required, "\(type)")
            #expect(Set(names.compactMap(\.stringValue)) == expected.allowed.union(EventLine.common), "\(type)")
        }
        #expect(seen == Set(EventLine.fields.keys))
    }

    @Test("the bundled ledgers load, exercising every event type between them (assertions in assertions.jsonl, a void in corrections.jsonl)")
    func exampleLedger() throws {
        let ledger = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/example.jsonl", contracts: Fixture.set)
        let assertions = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/assertions.jsonl", contracts: Fixture.set)
        // keping-2024 §二.2: line 1 pays instalment 1 with a mistyped
        // 429,000.00; line 2 voids it, line 3 records the 492,000.00 paid;
        // line 4 records liyang's November 2024 inspection (附件1 §1.1.2 5) done.
        let corrections = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/corrections.jsonl", contracts: Fixture.set)
        #expect(corrections.voidedBy == [1: 2])
        #expect(corrections.events.map(\.line) == [3, 4])
        let types = (ledger.events + assertions.events + corrections.events + corrections.voids).map(\.typeName)
        #expect(Set(types) == Set(EventLine.fields.keys))
    }

    /// Beyond a few thousand lines the loader parses, groups and checks on
    /// both cores, in chunks, and keeps each line's fate as a number: the
    /// void of corrections.jsonl (line 2 voids line 1, keping-2024 §二.2)
    /// must hold as it does in four lines, with 6,000 events after it.
    static let incidents = (0..<6_000).map { index in
        let hour = 10 + index % 10
        return #"{"contract":"liyang-2024","type":"incident","grade":"major","subsystem":"residentApp","occurred":"2025-04-10T\#(hour):00+08:00","resolved":"2025-04-10T\#(hour):30+08:00"}"#
    }

    @Test("many lines: a void, the line it voids and the events after them are kept apart as in a short ledger")
    func manyLinesWithAVoid() throws {
        let corrections = try String(contentsOfFile: packageRoot + "/Fixtures/ledger/corrections.jsonl", encoding: .utf8)
        let ledger = try LedgerLoader.parse(corrections + Self.incidents.joined(separator: "\n") + "\n", file: "many.jsonl", contracts: Fixture.set)
        #expect(ledger.voidedBy == [1: 2])
        #expect(ledger.voids.map(\.line) == [2])
        #expect(ledger.voided.map(\.line) == [1])
        #expect(ledger.events.map(\.line) == Array(3...6_004))
        #expect(ledger.byContract.mapValues { $0.map(\.line) } == Ledger.group(ledger.events).mapValues { $0.map(\.line) })
        // keping-2024: the payment on line 3; liyang-2024: the duty on line 4 and the 6,000 incidents.
        #expect(ledger.byContract.values.map(\.count).sorted() == [1, 6_001])
    }

    @Test("many lines: every problem is named with its line, in the order of the lines")
    func manyLinesProblemsInOrder() throws {
        var lines = Self.incidents
        // keping-2024 §二.2: instalment 1 is 492,000.00; a payment of
        // 9,999,999.00 exceeds it and is refused (docs/readings.md, Reading 9).
        lines[99] = #"{"contract":"keping-2024","type":"payment","day":"2024-12-20","amount":"9999999.00","instalment":"1"}"#
        lines[1_999] = #"{"contract":"no-such-contract","type":"incident","grade":"major","subsystem":"residentApp","occurred":"2025-04-10T10:00+08:00"}"#
        lines[4_999] = "not json"
        do {
            _ = try LedgerLoader.parse(lines.joined(separator: "\n") + "\n", file: "many.jsonl", contracts: Fixture.set)
            Issue.record("three bad lines were accepted")
        } catch {
            #expect(error.errors.map { $0.location?.prefix { $0 != ":" } } == ["line 100", "line 2000", "line 5000"])
            #expect(error.errors[0].message.contains("exceeds what is outstanding on instalment 1"))
            #expect(error.errors[1].message.contains("no contract has this id or alias"))
            #expect(error.errors[2].message.contains("is not valid JSON"))
        }
    }

    /// The loader groups the events by contract from its own checking
    /// instead of regrouping them: the grouping must be what regrouping the
    /// events gives, each contract's in the order recorded, voids and the
    /// events they void left out of both.
    @Test("a loaded ledger's events by contract are its events grouped, in order", arguments: ["example.jsonl", "assertions.jsonl", "corrections.jsonl"])
    func groupedAsRegrouped(name: String) throws {
        let ledger = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/" + name, contracts: Fixture.set)
        let regrouped = Ledger.group(ledger.events)
        #expect(!regrouped.isEmpty)
        #expect(ledger.byContract.mapValues { $0.map { "\($0)" } } == regrouped.mapValues { $0.map { "\($0)" } })
        for (contract, events) in ledger.byContract {
            #expect(events.map(\.line) == events.map(\.line).sorted(), "\(contract)")
            #expect(events.allSatisfy { $0.contractID == contract })
        }
    }
}
