import Foundation
import Testing
@testable import ContractKit

/// Corrections without editing (issue 14, item 2; README "Correcting a
/// mistake"): a `void` names an earlier line by its number and hash, and
/// `record --replaces LINE` appends the void and the corrected event in one
/// write. The ledger is a copy of the bundled example (56 lines); the line
/// numbers below are read off it.
@Suite("Voids and replacements: a mistake corrected by appending, never by editing")
struct VoidTests {
    static let asOf = ["--as-of", "2026-11-21"]

    /// A copy of the example ledger in a folder of its own.
    static func ledger() throws -> String {
        let folder = NSTemporaryDirectory() + "void-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/ledger.jsonl"
        try FileManager.default.copyItem(atPath: packageRoot + "/Fixtures/ledger/example.jsonl", toPath: path)
        return path
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// keping-2024 §二.2: instalment 2 is 6,000.00, due 2025-12-31; line 19
    /// pays it in full on 2025-12-25. Say it was really 5,000.00: after the
    /// replacement 1,000.00 is outstanding, and as of 2026-11-21 it is
    /// 325 days late (2026-01-01 to 2026-11-21 is 325 days).
    @Test("record --replaces 19: one append of a void and the corrected payment; payments counts only the new one")
    func replacement() throws {
        let path = try Self.ledger()
        let record = try Run(["record", "payment", "--ledger", path, "--contract", "keping-2024", "--replaces", "19",
                              "--reason", "the bank paid 5,000.00", "--day", "2025-12-25", "--amount", "5,000.00", "--instalment", "2"])
        #expect(record.code == 0, "\(record.stderr)")
        #expect(record.stdout.hasPrefix("recorded on lines 57-58 of \(path)\n"), "\(record.stdout)")
        let lines = try Self.lines(path)
        #expect(lines.count == 58)
        let hash19 = try #require(LedgerChain.seal(of: Substring(lines[18]))?.hash)
        #expect(lines[56].contains("\"type\":\"void\""))
        #expect(lines[56].contains("\"line\":19,\"lineHash\":\"\(hash19)\",\"reason\":\"the bank paid 5,000.00\""), "\(lines[56])")
        #expect(lines[57].contains("\"type\":\"payment\",\"day\":\"2025-12-25\",\"amount\":\"5000.00\",\"instalment\":\"2\""), "\(lines[57])")

        let payments = try Run(["payments", "--ledger", path, "--contract", "keping-2024", "--format", "csv"] + Self.asOf)
        #expect(payments.code == 0, "\(payments.stderr)")
        let row = try #require(payments.stdout.split(separator: "\r\n").first { $0.contains(",2,") }.map(String.init))
        #expect(row.contains("6000.00") && row.contains("5000.00") && row.contains("overdue"), "\(row)")
        let table = try Run(["payments", "--ledger", path, "--contract", "keping-2024"] + Self.asOf, environment: ["COLUMNS": "1000"])
        #expect(table.stdout.contains("overdue (325 days late)"), "\(table.stdout)")

        let events = try Run(["events", "--ledger", path, "--contract", "keping-2024", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(events.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first { $0["line"] as? Int == 19 }?["voidedBy"] as? Int == 57)
        #expect(rows.first { $0["line"] as? Int == 57 }?["type"] as? String == "void")
        #expect(rows.first { $0["line"] as? Int == 58 }?["voidedBy"] is NSNull)
        let register = try Run(["events", "--ledger", path, "--contract", "keping-2024"])
        #expect(register.stdout.contains("VOIDED by line 57"), "\(register.stdout)")

        let verify = try Run(["verify", "--ledger", path])
        #expect(verify.code == 0 && verify.stdout.contains("58 lines, the hash chain is whole"), "\(verify.stdout)\(verify.stderr)")
    }

    /// minhang-2026 Attachment 2: line 35 rescores 2026Q3 with
    /// "supersede": true, replacing line 34. Voiding 34 would leave 35
    /// replacing nothing, so the void is refused and the file is unchanged.
    @Test("a void that leaves a later line without its ground is refused, the ledger byte for byte as it was")
    func groundless() throws {
        let path = try Self.ledger()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let hash34 = try #require(LedgerChain.seal(of: Substring(try Self.lines(path)[33]))?.hash)
        let run = try Run(["record", "void", "--ledger", path, "--contract", "minhang-2026", "--day", "2026-11-22",
                           "--line", "34", "--line-hash", hash34, "--reason", "scored twice"])
        #expect(run.code == 65)
        #expect(run.stderr.contains("line 35") && run.stderr.contains("no result for the period 2026-07-01 to 2026-09-30"), "\(run.stderr)")
        #expect(run.stderr.contains("nothing was recorded"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // Voiding the later one, 35, is fine: 34's result stands again.
        let hash35 = try #require(LedgerChain.seal(of: Substring(try Self.lines(path)[34]))?.hash)
        let later = try Run(["record", "void", "--ledger", path, "--contract", "minhang-2026", "--day", "2026-11-22",
                             "--line", "35", "--line-hash", hash35, "--reason", "the rescoring was withdrawn"])
        #expect(later.code == 0, "\(later.stderr)")
    }

    @Test("a void must name an earlier line of its contract by its true hash, once, and not another void")
    func refusals() throws {
        let path = try Self.ledger()
        let lines = try Self.lines(path)
        let hash19 = try #require(LedgerChain.seal(of: Substring(lines[18]))?.hash)
        func void(_ contract: String, line: Int, hash: String) throws -> Run {
            try Run(["record", "void", "--ledger", path, "--contract", contract, "--day", "2026-11-22",
                     "--line", "\(line)", "--line-hash", hash, "--reason", "test"])
        }
        let wrongHash = try void("keping-2024", line: 19, hash: String(repeating: "0", count: 64))
        #expect(wrongHash.code == 65 && wrongHash.stderr.contains("$.lineHash: is not the hash of line 19"), "\(wrongHash.stderr)")
        let otherContract = try void("liyang-2024", line: 19, hash: hash19)
        #expect(otherContract.code == 65 && otherContract.stderr.contains("19: that line is an event of another contract"), "\(otherContract.stderr)")
        let later = try void("keping-2024", line: 57, hash: hash19)
        #expect(later.code == 65 && later.stderr.contains("57: a void names an earlier line"), "\(later.stderr)")
        #expect(try Self.lines(path) == lines)

        let first = try void("keping-2024", line: 19, hash: hash19)
        #expect(first.code == 0, "\(first.stderr)")
        let twice = try void("keping-2024", line: 19, hash: hash19)
        #expect(twice.code == 65 && twice.stderr.contains("19: that line is already voided by line 57"), "\(twice.stderr)")
        let hash57 = try #require(LedgerChain.seal(of: Substring(try Self.lines(path)[56]))?.hash)
        let ofVoid = try void("keping-2024", line: 57, hash: hash57)
        #expect(ofVoid.code == 65 && ofVoid.stderr.contains("57: that line is itself a void"), "\(ofVoid.stderr)")
        #expect(try Self.lines(path).count == 57)
    }

    @Test("--replaces: no --reason is a usage error; a line that is not there, or another contract's, is refused with nothing written")
    func replacesUsage() throws {
        let path = try Self.ledger()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let payment = ["record", "payment", "--ledger", path, "--day", "2025-12-25", "--amount", "5000", "--instalment", "2"]
        let noReason = try Run(payment + ["--contract", "keping-2024", "--replaces", "19"])
        #expect(noReason.code == 64 && noReason.stderr.contains("--replaces 19 needs --reason"), "\(noReason.stderr)")
        let notANumber = try Run(payment + ["--contract", "keping-2024", "--replaces", "nineteen", "--reason", "x"])
        #expect(notANumber.code == 64, "\(notANumber.stderr)")
        let missing = try Run(payment + ["--contract", "keping-2024", "--replaces", "99", "--reason", "x"])
        #expect(missing.code == 65 && missing.stderr.contains("has no line 99 to replace (it has 56 complete lines)"), "\(missing.stderr)")
        // Line 22 is qingpu-2026's payment.
        let other = try Run(payment + ["--contract", "keping-2024", "--replaces", "22", "--reason", "x"])
        #expect(other.code == 65 && other.stderr.contains("the corrected event is for keping-2024, but line 22 is an event of qingpu-2026"), "\(other.stderr)")
        // The same contract by its document number is a replacement.
        let byNumber = try Run(payment + ["--contract", "11N4580043372024116202", "--replaces", "19", "--reason", "x"])
        #expect(byNumber.code == 0, "\(byNumber.stderr)")
    }

    @Test("editing a voided line by hand is still caught: the chain breaks and the void no longer names it")
    func handEdit() throws {
        let path = try Self.ledger()
        let record = try Run(["record", "payment", "--ledger", path, "--contract", "keping-2024", "--replaces", "19",
                              "--reason", "wrong amount", "--day", "2025-12-25", "--amount", "5000", "--instalment", "2"])
        #expect(record.code == 0, "\(record.stderr)")
        var lines = try Self.lines(path)
        lines[18] = lines[18].replacingOccurrences(of: "\"6000.00\"", with: "\"600.00\"")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let verify = try Run(["verify", "--ledger", path])
        #expect(verify.code != 0, "\(verify.stdout)")
        let payments = try Run(["payments", "--ledger", path] + Self.asOf)
        #expect(payments.code == 65 && payments.stderr.contains("line 57: $.lineHash: line 19 no longer matches its hash: it was edited after it was recorded"), "\(payments.stderr)")
    }

    @Test("a sealed ledger: the two lines of a replacement renew the seal as one append")
    func sealed() throws {
        let path = try Self.ledger()
        let key = ["CONTRACTCTL_LEDGER_KEY": "correct horse battery staple"]
        let seal = try Run(["verify", "--seal", "--ledger", path], environment: key)
        #expect(seal.code == 0, "\(seal.stderr)")
        let record = try Run(["record", "payment", "--ledger", path, "--contract", "keping-2024", "--replaces", "19",
                              "--reason", "wrong amount", "--day", "2025-12-25", "--amount", "5000", "--instalment", "2"], environment: key)
        #expect(record.code == 0, "\(record.stderr)")
        let verify = try Run(["verify", "--ledger", path], environment: key)
        #expect(verify.code == 0 && verify.stdout.contains("58 lines"), "\(verify.stdout)\(verify.stderr)")
    }
}
