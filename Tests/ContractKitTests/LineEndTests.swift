import Foundation
import Testing
@testable import ContractKit

/// One rule for line ends and blank lines, the same in every command
/// (issue 11, items 4 and 5; README "The ledger"): LF or CRLF ends a line,
/// a blank line carries no event and keeps its number, and a last line
/// without line end is refused until `repair` completes it (when it is
/// whole and sealed) or moves it aside.
@Suite("Line ends and blank lines: one reading in every command")
struct LineEndTests {
    static let example = packageRoot + "/Fixtures/ledger/example.jsonl"

    static func exampleLines() throws -> [String] {
        try String(contentsOfFile: example, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func ledger(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "line-ends-\(UUID().uuidString).jsonl"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The commands that read a ledger, with the arguments each needs.
    static let readers: [[String]] = [["payments"], ["penalties"], ["scores"], ["guarantees"], ["due", "--year", "2026"], ["deadlines"]]

    @Test("a CRLF ledger reads as the LF one in every command, and record keeps it CRLF")
    func crlf() throws {
        let lines = try Self.exampleLines()
        let lf = try Self.ledger(lines.joined(separator: "\n") + "\n")
        let crlf = try Self.ledger(lines.joined(separator: "\r\n") + "\r\n")
        for command in Self.readers {
            let expected = try Run(command + ["--ledger", lf, "--as-of", "2026-11-21"])
            let run = try Run(command + ["--ledger", crlf, "--as-of", "2026-11-21"])
            #expect(run.code == 0 && expected.code == 0, "\(command): \(run.stderr)")
            #expect(run.stdout == expected.stdout, "\(command)")
        }
        let verify = try Run(["verify", "--ledger", crlf])
        #expect(verify.code == 0 && verify.stdout.contains("\(lines.count) lines, the hash chain is whole"), "\(verify.stdout)")
        let record = try Run(FaultInjectionTests.event("crlf", day: 1) + ["--ledger", crlf])
        #expect(record.code == 0, "\(record.stderr)")
        #expect(record.stdout.hasPrefix("recorded on line \(lines.count + 1) of"))
        let after = try String(contentsOfFile: crlf, encoding: .utf8)
        // Every line still ends CRLF: the new one too, and no bare LF.
        #expect(after.utf8.count(where: { $0 == UInt8(ascii: "\n") }) == lines.count + 1)
        #expect(after.components(separatedBy: "\r\n").count == lines.count + 2)
        #expect(try Run(["verify", "--ledger", crlf]).code == 0)
    }

    @Test("one CRLF line among LF lines: the ledger is whole and numbered as an editor shows it")
    func oneCRLFLine() throws {
        var lines = try Self.exampleLines()
        lines[2] += "\r"
        // Line 6 altered (the amount of its payment): named as line 6.
        lines[5] = lines[5].replacingOccurrences(of: "\"amount\":\"490000.00\"", with: "\"amount\":\"490000.10\"")
        let path = try Self.ledger(lines.joined(separator: "\n") + "\n")
        let verify = try Run(["verify", "--ledger", path])
        #expect(verify.code == 1)
        #expect(verify.stdout.contains("line 6: line 6 was altered"), "\(verify.stdout)")
    }

    @Test("a blank line: skipped by every command, verify included, and counted in the line numbers")
    func blankLine() throws {
        var lines = try Self.exampleLines()
        lines.insert("", at: 3)
        lines.insert(" \t", at: 10)
        let path = try Self.ledger(lines.joined(separator: "\n") + "\n")
        for command in Self.readers {
            let run = try Run(command + ["--ledger", path, "--as-of", "2026-11-21"])
            #expect(run.code == 0, "\(command): \(run.stderr)")
        }
        let verify = try Run(["verify", "--ledger", path])
        #expect(verify.code == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("\(lines.count - 2) lines, the hash chain is whole"), "\(verify.stdout)")
        let record = try Run(FaultInjectionTests.event("after a blank line", day: 1) + ["--ledger", path])
        #expect(record.code == 0, "\(record.stderr)")
        // The file has lines.count lines; the new event is the next one.
        #expect(record.stdout.hasPrefix("recorded on line \(lines.count + 1) of"), "\(record.stdout)")
        #expect(try Run(["verify", "--ledger", path]).code == 0)
    }

    @Test("after a blank line, every command names a bad line by the same number")
    func sameNumbers() throws {
        var lines = Array(try Self.exampleLines().prefix(3))
        lines.append("")
        lines.append(#"{"contract":"liyang-2024","type":"bogus"}"#)
        let path = try Self.ledger(lines.joined(separator: "\n") + "\n")
        for command in Self.readers + [["record", "staffViolation", "--contract", "liyang-2024", "--violation", "lateForDuty", "--day", "2025-02-11"]] {
            let run = try Run(command + ["--ledger", path] + (command[0] == "record" ? [] : ["--as-of", "2026-11-21"]))
            #expect(run.code == 65, "\(command)")
            #expect(run.stderr.contains("line 5: $.type: \"bogus\": unknown event type"), "\(command): \(run.stderr)")
        }
        let verify = try Run(["verify", "--ledger", path])
        #expect(verify.stdout.contains("line 5: $.type: \"bogus\""), "\(verify.stdout)")
        #expect(verify.stdout.contains("line 5: line 5 carries no chain hash"), "\(verify.stdout)")
    }

    @Test("a whole, sealed last line that lost only its newline: repair completes it, and its event counts again")
    func newlineLessWholeLine() throws {
        // Line 40 is keping-2024's non-renewal notice: an editor that strips
        // the final newline must not make it stop counting.
        let lines = Array(try Self.exampleLines().prefix(40))
        #expect(lines[39].contains("\"kind\":\"nonRenewal\""))
        let whole = lines.joined(separator: "\n") + "\n"
        let path = try Self.ledger(String(whole.dropLast()))
        let refused = try Run(["deadlines", "--ledger", path, "--as-of", "2026-11-21"])
        #expect(refused.code == 65 && refused.stderr.contains("line 40: the last line has no line end"), "\(refused.stderr)")
        let repair = try Run(["repair", "--ledger", path])
        #expect(repair.code == 0)
        #expect(repair.stdout.contains("line 40 was whole and sealed but had lost its line end; added it"), "\(repair.stdout)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == whole)
        #expect(try Run(["verify", "--ledger", path]).stdout.contains("40 lines, the hash chain is whole"))
        // No file was set aside.
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(name + ".torn") }.isEmpty)
    }

    @Test("a CRLF ledger whose last line lost its LF: repair adds the LF only")
    func crlfLostLF() throws {
        let lines = Array(try Self.exampleLines().prefix(5))
        let whole = lines.joined(separator: "\r\n") + "\r\n"
        let path = try Self.ledger(String(whole.utf8.dropLast()) ?? "")
        #expect(try Run(["repair", "--ledger", path]).code == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == whole)
    }

    @Test("a sealed last line that does not chain to the line before it is moved aside, not completed")
    func sealedButOutOfPlace() throws {
        let all = try Self.exampleLines()
        let kept = all.prefix(40).joined(separator: "\n") + "\n"
        let path = try Self.ledger(kept + all[55])
        let repair = try Run(["repair", "--ledger", path])
        #expect(repair.code == 0)
        #expect(repair.stdout.contains("moved the incomplete last line (\(all[55].utf8.count) bytes)"), "\(repair.stdout)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == kept)
    }

    @Test("the reader: numbers count blank lines; CR belongs to the line end; a tail is kept apart")
    func reader() {
        let lines = LedgerLines("a\r\n\n \t\nb\nc")
        #expect(lines.lines.map(\.number) == [1, 4])
        #expect(lines.lines.map(\.text) == ["a", "b"])
        #expect(lines.complete == 4)
        #expect(lines.tail?.number == 5 && lines.tail?.text == "c")
        #expect(lines.lineEnd == "\n")
        #expect(LedgerLines("a\r\n").lineEnd == "\r\n")
        #expect(LedgerLines("").tail == nil && LedgerLines("").complete == 0)
    }

    /// The head the next line chains to is the last line's stated hash
    /// (README "The ledger": each line's `prev` is the line before's
    /// `hash`); a blank line after it changes nothing; with no lines it is
    /// the 64 zeros; an unsealed last line's head is the SHA-256 of its text.
    @Test("the head is the last line's hash, whatever comes before it")
    func head() throws {
        let first = LedgerChain.seal(#"{"a":1}"#, prev: LedgerChain.genesis)
        let second = LedgerChain.seal(#"{"b":2}"#, prev: "f" + String(repeating: "0", count: 63))
        let stated = try #require(second.split(separator: "\"").dropLast().last.map(String.init))
        #expect(stated.count == 64)
        #expect(LedgerLines(first + "\n" + second + "\n  \n").head == stated)
        #expect(LedgerLines(second + "\n").head == stated)
        #expect(LedgerLines("").head == LedgerChain.genesis)
        #expect(LedgerLines(first + "\n{\"c\":3}\n").head == SHA256.hex(#"{"c":3}"#.utf8))
    }
}
