import Foundation
import Testing
@testable import ContractKit

@Suite("The hash chain: verify catches every edit and names the line")
struct ChainTests {
    static let example = (try? String(contentsOfFile: packageRoot + "/Fixtures/ledger/example.jsonl", encoding: .utf8)) ?? ""

    func check(_ text: String) throws -> LedgerLoader.Verification {
        let path = NSTemporaryDirectory() + "chain-\(UUID().uuidString).jsonl"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try LedgerLoader.verify(path: path, contracts: Fixture.set)
    }

    var lines: [String] { Self.example.split(separator: "\n").map(String.init) }

    @Test("the bundled example ledger is whole")
    func whole() throws {
        let result = try check(Self.example)
        #expect(result.whole && result.lines == 56)
    }

    /// Every byte of the first eight lines, and 400 offsets spread over the
    /// whole ledger (the full cross product is quadratic in a debug build).
    @Test("a one-byte edit anywhere is caught, at its own line", arguments: [8, 40])
    func everyByte(lines count: Int) throws {
        let bytes = Array((lines.prefix(count).joined(separator: "\n") + "\n").utf8)
        let step = count == 8 ? 1 : max(1, bytes.count / 400)
        var lineOf: [Int] = []
        var line = 1
        for byte in bytes {
            lineOf.append(line)
            if byte == 0x0A { line += 1 }
        }
        var unnoticed: [Int] = []
        for (offset, byte) in bytes.enumerated() where byte != 0x0A && offset % step == 0 {
            var edited = bytes
            // Another printable ASCII byte, or for a byte of a Chinese character another continuation byte.
            edited[offset] = byte >= 0x80 ? (byte == 0xBF ? 0xBE : byte + 1) & 0xBF | 0x80 : (byte == UInt8(ascii: "z") ? UInt8(ascii: "y") : byte + 1)
            guard let text = String(validating: edited, as: UTF8.self) else { continue }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let broken = LedgerChain.verify(Array(lines))
            if broken?.line != lineOf[offset] { unnoticed.append(offset) }
        }
        #expect(unnoticed.isEmpty, "edits not named at their line: \(unnoticed.prefix(10))")
    }

    @Test("a line inserted, with a forged but valid hash of its own, is named")
    func inserted() throws {
        var lines = self.lines
        let head = LedgerChain.seal(of: Substring(lines[4]))?.hash ?? ""
        let forged = LedgerChain.seal(#"{"contract":"keping-2024","type":"breach","day":"2025-01-01","clause":"§5.1","party":"buyer"}"#, prev: head)
        lines.insert(forged, at: 5)
        let result = try check(lines.joined(separator: "\n") + "\n")
        #expect(result.chainBreak == LedgerChain.Break(line: 6, message: "line 6 was inserted: line 7 chains to line 5"))
    }

    @Test("a line removed from the middle is noticed at the line after it")
    func removed() throws {
        var lines = self.lines
        lines.remove(at: 9)
        let result = try check(lines.joined(separator: "\n") + "\n")
        #expect(result.chainBreak?.line == 10)
        #expect(result.chainBreak?.message.contains("was removed") == true)
    }

    @Test("two lines swapped: the first out of order is named")
    func reordered() throws {
        var lines = self.lines
        lines.swapAt(11, 12)
        let result = try check(lines.joined(separator: "\n") + "\n")
        #expect(result.chainBreak?.line == 12)
    }

    @Test("the first line removed: line 1 no longer starts the chain")
    func firstRemoved() throws {
        let result = try check(lines.dropFirst().joined(separator: "\n") + "\n")
        #expect(result.chainBreak == LedgerChain.Break(line: 1, message: "line 1 does not start the chain: the line(s) before it were removed"))
    }

    @Test("lines cut from the end: the chain alone cannot tell, a noted head can")
    func truncated() throws {
        let full = try check(Self.example)
        let path = NSTemporaryDirectory() + "chain-\(UUID().uuidString).jsonl"
        try (lines.dropLast(2).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let cut = try LedgerLoader.verify(path: path, contracts: Fixture.set, expectedHead: full.head)
        #expect(cut.chainBreak == nil)
        #expect(cut.headFound == nil)
        let earlier = try LedgerLoader.verify(path: path, contracts: Fixture.set, expectedHead: LedgerChain.seal(of: Substring(lines[20]))?.hash)
        #expect(earlier.headFound == 21)
    }

    @Test("a copy of line 3 appended at the end is named as a copy of line 3, not as lines moved")
    func appendedCopy() throws {
        let result = try check((lines + [lines[2]]).joined(separator: "\n") + "\n")
        #expect(result.chainBreak == LedgerChain.Break(line: 57, message: "line 57 repeats line 3, byte for byte: a copy was appended or inserted"))
    }

    @Test("a blank line keeps its number in the chain's messages")
    func blankLineNumbers() throws {
        var edited = lines
        edited.insert("", at: 1)
        edited.remove(at: 4)   // example line 4, now at index 4 after the blank line
        let result = try check(edited.joined(separator: "\n") + "\n")
        // Lines 1, (blank) 2, then example lines 2, 3, 5...: example line 5 is file line 5.
        #expect(result.chainBreak?.line == 5, "\(String(describing: result.chainBreak))")
        #expect(result.chainBreak?.message.contains("a line between lines 4 and 5 was removed") == true, "\(String(describing: result.chainBreak))")
    }
}
