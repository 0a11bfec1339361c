import Foundation
import Testing
@testable import ContractKit

/// The fast paths must give what the straightforward ones give.
@Suite("Fast paths agree with the straightforward ones")
struct FastPathTests {
    /// Every line of the example ledger and of the hostile ledgers: the
    /// one-pass EventLine(node:) against Codable decoding of the same text.
    @Test("EventLine from the parsed node equals JSONDecoder's")
    func eventLines() throws {
        var lines = try String(contentsOfFile: packageRoot + "/Fixtures/ledger/example.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        let hostile = packageRoot + "/Tests/ContractKitTests/Hostile/ledgers"
        for name in try FileManager.default.contentsOfDirectory(atPath: hostile) {
            if let text = try? String(contentsOfFile: hostile + "/" + name, encoding: .utf8) {
                lines += text.split(separator: "\n").map(String.init)
            }
        }
        var compared = 0
        for line in lines {
            guard let node = try? JSONParser.parse(Array(line.utf8)) else { continue }
            let fast = try? EventLine(node: node)
            let slow = try? JSONDecoder().decode(EventLine.self, from: Data(line.utf8))
            #expect((fast == nil) == (slow == nil), "\(line)")
            if let fast, let slow {
                #expect(fast.encoded == slow.encoded, "\(line)")
                compared += 1
            }
        }
        #expect(compared >= 40)
    }

    @Test("the parallel map is the plain map, in order", arguments: [0, 1, 2047, 2048, 2049, 100_000])
    func parallel(_ count: Int) {
        let items = Array(0..<count)
        #expect(ParallelMap.map(items) { $0 * 3 + 1 } == items.map { $0 * 3 + 1 })
    }

    /// Results written in place: values that own memory (strings, arrays)
    /// come out whole and in order, at every chunk size and remainder.
    @Test("results that own memory come out in order at any chunk size", arguments: [1, 7, 64, 999])
    func parallelOwned(_ chunk: Int) {
        let items = Array(0..<1000)
        let expected = items.map { [String(repeating: "x", count: $0 % 40), "\($0)"] }
        #expect(ParallelMap.map(items, chunk: chunk) { [String(repeating: "x", count: $0 % 40), "\($0)"] } == expected)
    }

    /// Texts made a few at a time on both cores, appended after what the
    /// text already holds; the room guessed after the first round is too
    /// small for the longer texts that come later, which must still all
    /// be written.
    @Test("texts appended from both cores, a few at a time, come out in order", arguments: [0, 1, 7, 8, 9, 100])
    func appendTexts(_ count: Int) {
        let items = Array(0..<count)
        var text = "head\n"
        ParallelMap.append(items, to: &text, together: 8) { String(repeating: "长", count: $0) + "\($0)\n" }
        #expect(text == "head\n" + items.map { String(repeating: "长", count: $0) + "\($0)\n" }.joined())
    }

    @Test("a ledger parsed on both cores reports the same events and errors as line by line")
    func ledgerOrder() throws {
        // 3,000 lines, past the chunk size, with refusals spread through them.
        var lines: [String] = []
        for index in 0..<3000 {
            let day = CalendarDay(parsing: "2025-01-01")?.adding(days: index % 300).description ?? ""
            lines.append(index % 997 == 5
                ? #"{"contract":"liyang-2024","type":"staffViolation","day":"\#(day)","violation":"sleeping"}"#
                : #"{"contract":"liyang-2024","type":"staffViolation","day":"\#(day)","violation":"lateForDuty","note":"n\#(index)"}"#)
        }
        let (ledger, errors) = Fixture.ledger(lines)
        #expect(ledger == nil)
        #expect(errors.map { $0.components(separatedBy: ":")[1] } == [" line 6", " line 1003", " line 2000", " line 2997"])
        let (good, _) = Fixture.ledger(lines.enumerated().filter { $0.offset % 997 != 5 }.map(\.element))
        #expect(good?.events.map(\.line) == Array(1...2996))
        #expect(good?.events.compactMap(\.note) == lines.enumerated().filter { $0.offset % 997 != 5 }.map { "n\($0.offset)" })
    }
}

extension EventLine {
    /// A canonical rendering, to compare two decodings field by field.
    var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
