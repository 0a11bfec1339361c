import Testing
@testable import ContractKit

/// `verify` hashes the lines on both cores in chunks of 4,096 lines; a
/// ledger of 10,000 lines spans three chunks. Each break below is placed at
/// or next to a chunk's edge, and the expected message is the one the
/// chain's rules give for that edit (see `LedgerChain.verify`).
@Suite("The hash chain over a ledger larger than one chunk of the parallel hashing")
struct ChainParallelTests {
    static let count = 10_000

    /// 10,000 chained lines, line i (from 1) carrying `"n":i`.
    static let lines: [String] = {
        var lines: [String] = []
        var head = LedgerChain.genesis
        for index in 1...count {
            let line = LedgerChain.seal(#"{"contract":"c-\#(index % 7)","type":"note","n":\#(index)}"#, prev: head)
            lines.append(line)
            head = LedgerChain.seal(of: Substring(line))?.hash ?? ""
        }
        return lines
    }()

    static func verify(_ lines: [String]) -> LedgerChain.Break? {
        LedgerChain.verify(lines.map { Substring($0) })
    }

    @Test("the whole ledger has no break")
    func whole() {
        #expect(Self.verify(Self.lines) == nil)
        #expect(LedgerChain.head(of: Self.lines.map { Substring($0) }) == LedgerChain.seal(of: Substring(Self.lines[Self.count - 1]))?.hash)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var testDescription: String
        var edit: @Sendable ([String]) -> [String]
        var expected: LedgerChain.Break
    }

    static let cases: [Case] = [
        Case(testDescription: "a digit of line 4097 (first of the second chunk) changed: that line was altered",
             edit: { lines in var lines = lines; lines[4096] = lines[4096].replacingOccurrences(of: "\"n\":4097", with: "\"n\":4098"); return lines },
             expected: .init(line: 4097, message: "line 4097 was altered: its text no longer matches its hash")),
        Case(testDescription: "a digit of line 8192 (last of the second chunk) changed",
             edit: { lines in var lines = lines; lines[8191] = lines[8191].replacingOccurrences(of: "\"n\":8192", with: "\"n\":8193"); return lines },
             expected: .init(line: 8192, message: "line 8192 was altered: its text no longer matches its hash")),
        Case(testDescription: "line 4097 removed: the chain breaks before the line now at 4097",
             edit: { lines in var lines = lines; lines.remove(at: 4096); return lines },
             expected: .init(line: 4097, message: "the chain breaks before line 4097: a line between lines 4096 and 4097 was removed, or line 4096 was rewritten")),
        Case(testDescription: "a forged line, chained to line 4096, inserted after it: the inserted line is named",
             edit: { lines in
                 var lines = lines
                 let head = LedgerChain.seal(of: Substring(lines[4095]))?.hash ?? ""
                 lines.insert(LedgerChain.seal(#"{"contract":"c-0","type":"note","n":0}"#, prev: head), at: 4096)
                 return lines
             },
             expected: .init(line: 4097, message: "line 4097 was inserted: line 4098 chains to line 4096")),
        Case(testDescription: "lines 8192 and 8193 (across the second and third chunks) swapped",
             edit: { lines in var lines = lines; lines.swapAt(8191, 8192); return lines },
             expected: .init(line: 8192, message: "line 8192 is out of order: it was written after line 8193")),
        Case(testDescription: "a copy of line 5 appended at the end (line 10,001)",
             edit: { lines in lines + [lines[4]] },
             expected: .init(line: 10_001, message: "line 10001 repeats line 5, byte for byte: a copy was appended or inserted")),
        Case(testDescription: "the hash of line 9000 written in capitals: it carries no chain hash",
             edit: { lines in
                 var lines = lines
                 let line = lines[8999]
                 let cut = line.index(line.endIndex, offsetBy: -66)
                 lines[8999] = String(line[..<cut]) + line[cut...].uppercased()
                 return lines
             },
             expected: .init(line: 9000, message: "line 9000 carries no chain hash: it was not written by contractctl record, or its hash was edited away")),
        Case(testDescription: "the first 4,096 lines cut: line 1 no longer starts the chain",
             edit: { lines in Array(lines.dropFirst(4096)) },
             expected: .init(line: 1, message: "line 1 does not start the chain: the line(s) before it were removed")),
    ]

    @Test(arguments: cases)
    func tampered(_ test: Case) {
        #expect(Self.verify(test.edit(Self.lines)) == test.expected)
    }
}
