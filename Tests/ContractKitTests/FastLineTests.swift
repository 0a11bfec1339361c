import Foundation
import Testing
@testable import ContractKit

/// `FastLine` is a shortcut for the ledger lines `record` writes: whatever
/// it accepts, the full parser must read to the same event, and whatever
/// the full parser refuses, it must decline (so every message still comes
/// from the full parser). Checked on every line of the bundled ledgers and
/// on each of them changed in the ways a hand edit changes a line.
@Suite struct FastLineTests {
    static func bundledLines() throws -> [String] {
        let folder = packageRoot + "/Fixtures/ledger"
        var lines: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".jsonl") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            lines += text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        return lines
    }

    /// The full parser's event, or nil when it refuses the line.
    static func slow(_ line: String) -> String? {
        (try? LedgerLoader.event(from: line, line: 0, file: "t.jsonl", contracts: Fixture.set)).map { "\($0)" }
    }

    static func fast(_ line: String) -> String? {
        LedgerLoader.fastEvent(ArraySlice(line.utf8), contracts: Fixture.set).map { "\($0)" }
    }

    /// Each line changed: keys repeated, added, dropped; values of another
    /// type; escapes, spaces, numbers with fractions or exponents, nesting.
    static func variants(of line: String) -> [String] {
        guard line.hasPrefix("{"), line.hasSuffix("}") else { return [] }
        let body = String(line.dropFirst().dropLast())
        var result = [
            "{" + body + ",\"contract\":\"liyang-2024\"}",          // a key twice
            "{" + body + ",\"colour\":\"red\"}",                    // an unknown key
            "{" + body + ",\"$schema\":\"x\"}",                    // a common key the shortcut leaves to the parser
            "{" + body + ",\"hash\":\"00\"}",                      // a chain key the loader does not keep, twice
            "{" + body + ",\"prev\":\"a\\u0030\"}",                // ... with an escape
            "{" + body + ",\"days\":1.0}",                          // a fraction
            "{" + body + ",\"days\":1e2}",                          // an exponent
            "{" + body + ",\"days\":01}",                           // a leading zero
            "{" + body + ",\"days\":99999999999999999999}",         // past Int
            "{" + body + ",\"note\":\"a \\\"quoted\\\" word\"}",    // an escape
            "{" + body + ",\"note\":{\"a\":1}}",                    // nesting
            "{" + body + ",\"note\":null}",
            "{" + body + ",\"supersede\":tru}",
            "{" + body + ",}",                                       // a trailing comma
            "{ " + body.replacingOccurrences(of: ",", with: " , ") + " }",  // spaces
            "{" + body + "} x",                                      // text after the object
            "{" + body,                                              // cut short
            "[" + body + "]",
        ]
        // Each member dropped, and each value made a number and a boolean.
        let members = body.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for index in members.indices {
            var dropped = members
            dropped.remove(at: index)
            result.append("{" + dropped.joined(separator: ",") + "}")
            if let colon = members[index].firstIndex(of: ":") {
                for value in ["7", "true", "null", "\"\"", "\"2026-02-30\""] {
                    var changed = members
                    changed[index] = String(members[index][...colon]) + value
                    result.append("{" + changed.joined(separator: ",") + "}")
                }
            }
        }
        return result
    }

    @Test("every bundled ledger line is read by the shortcut to the full parser's event")
    func bundledLinesAgree() throws {
        let lines = try Self.bundledLines()
        #expect(lines.count > 40)
        var shortcut = 0
        for line in lines {
            let slow = Self.slow(line)
            let fast = Self.fast(line)
            if let fast {
                shortcut += 1
                #expect(fast == slow, "\(line)")
            }
        }
        // The lines record writes take the shortcut; only nested ones
        // (assessments) and escaped text do not.
        #expect(shortcut * 10 >= lines.count * 7, "only \(shortcut) of \(lines.count) lines took the shortcut")
    }

    @Test("a changed line the full parser refuses is declined by the shortcut; one it takes, it reads the same")
    func changedLinesAgree() throws {
        var compared = 0
        for line in try Self.bundledLines() {
            for variant in Self.variants(of: line) {
                let slow = Self.slow(variant)
                guard let fast = Self.fast(variant) else { continue }
                compared += 1
                #expect(slow != nil, "the shortcut took a line the parser refuses: \(variant)")
                #expect(fast == slow, "\(variant)")
            }
        }
        #expect(compared > 100)
    }

    /// The loader reads lines keeping every key but `prev` and `hash`.
    @Test("a key not kept is checked and counted, but its string is not made")
    func keyNotKept() {
        let keepNoHash = ~(UInt64(1) << UInt64(EventLine.Key.hash.rawValue))
        let line = #"{"contract":"liyang-2024","type":"effective","day":"2024-05-09","hash":"ab12"}"#
        let values = FastLine.values(ArraySlice(line.utf8), keeping: keepNoHash)
        #expect(values?.has(.hash) == true)
        #expect(values?[.hash] == nil)
        #expect(values?[.day] == .string("2024-05-09"))
        #expect(FastLine.values(ArraySlice(line.utf8))?[.hash] == .string("ab12"))
        for declined in [#"{"hash":"ab","hash":"cd"}"#, #"{"hash":7}"#, #"{"hash":null}"#, #"{"hash":"a\u0030"}"#, #"{"hash":"ab"#] {
            #expect(FastLine.values(ArraySlice(declined.utf8), keeping: keepNoHash) == nil, "\(declined)")
        }
    }

    @Test("every key an event type takes is one the shortcut knows")
    func everyKeyKnown() {
        for (type, field) in EventLine.fields {
            for key in field.allowed.union(field.required) {
                #expect(EventLine.Key.byName[key] != nil, "\(type).\(key)")
            }
        }
        for key in EventLine.common where key != "$schema" {
            #expect(EventLine.Key.byName[key] != nil, "\(key)")
        }
    }

    @Test("UTF-8 check: RFC 3629's boundaries")
    func utf8() {
        let valid: [[UInt8]] = [[], Array("ascii only, longer than eight bytes".utf8), Array("合同 §4.4".utf8),
                                [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xED, 0x9F, 0xBF]]
        let invalid: [[UInt8]] = [[0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80],
                                  [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE4, 0xB8], Array("12345678".utf8) + [0xFF],
                                  [0xE4, 0x41, 0x41]]
        for bytes in valid { #expect(UTF8Check.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)") }
        for bytes in invalid {
            #expect(!UTF8Check.isValid(bytes), "\(bytes)")
            #expect(String(validating: bytes, as: UTF8.self) == nil, "\(bytes)")
        }
    }
}

/// The payment check's shortcut (`LedgerValidator.surelyWithin`): it may
/// only say yes when the full check would; the full check alone refuses.
@Suite struct PaymentFloorTests {
    static func payment(_ amount: String, _ instalment: String?, line: Int) -> LedgerEvent {
        LedgerEvent(line: line, contractID: "keping-2024", kind: .payment(day: Fixture.day("2025-01-10"), amount: (try? Money(parsing: amount)) ?? .zero, instalment: instalment), note: nil)
    }

    @Test("keping §二.2: instalment 1 is 492,000.00, so after 400,000.00 paid to it the floor is 92,000.00")
    func floorOfNamedInstalment() throws {
        let contract = try #require(Fixture.contract("keping-2024"))
        let earlier = [Self.payment("400000.00", "1", line: 1)]
        #expect(LedgerValidator.surelyWithin(try Money(parsing: "92000.00"), instalment: "1", after: earlier, contract: contract))
        #expect(!LedgerValidator.surelyWithin(try Money(parsing: "92000.01"), instalment: "1", after: earlier, contract: contract))
        // A payment named to instalment 2 pays only instalment 2 (or interest): the floor stays.
        let named = earlier + [Self.payment("1000.00", "2", line: 2)]
        #expect(LedgerValidator.surelyWithin(try Money(parsing: "92000.00"), instalment: "1", after: named, contract: contract))
        // One named to none may have gone to instalment 1 (Reading 7): it lowers the floor.
        let unnamed = earlier + [Self.payment("1000.00", nil, line: 2)]
        #expect(LedgerValidator.surelyWithin(try Money(parsing: "91000.00"), instalment: "1", after: unnamed, contract: contract))
        #expect(!LedgerValidator.surelyWithin(try Money(parsing: "91000.01"), instalment: "1", after: unnamed, contract: contract))
    }

    @Test("keping §二.1: unnamed, the floor is the whole 498,000.00 less what was paid")
    func floorOfContract() throws {
        let contract = try #require(Fixture.contract("keping-2024"))
        let earlier = [Self.payment("492000.00", "1", line: 1)]
        #expect(LedgerValidator.surelyWithin(try Money(parsing: "6000.00"), instalment: nil, after: earlier, contract: contract))
        #expect(!LedgerValidator.surelyWithin(try Money(parsing: "6000.01"), instalment: nil, after: earlier, contract: contract))
    }

    @Test("above the floor the full check decides: 6,000.01 on keping instalment 2 is refused as an overpayment (Reading 9)")
    func fullCheckRefuses() {
        let (ledger, errors) = Fixture.ledger([
            #"{"contract":"keping-2024","type":"payment","day":"2025-01-10","instalment":"2","amount":"6000.01"}"#,
        ])
        #expect(ledger == nil)
        #expect(errors.contains { $0.contains("exceeds what is outstanding on instalment 2, 6,000.00") }, "\(errors)")
    }
}
