import Foundation
import Testing
@testable import ContractKit

/// Where the ledger and the fixtures come from when no option says (issue
/// 14, item 6): `CONTRACTCTL_LEDGER` / `CONTRACTCTL_FIXTURES`, then the
/// nearest `contractctl.json`, then the bundled ones; `--ledger -` reads
/// standard input; a command names on stderr the ledger it read.
@Suite("default ledger and fixtures: environment, contractctl.json, standard input")
struct DefaultSourcesTests {
    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "sources-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/work/deep", withIntermediateDirectories: true)
        return folder
    }

    /// A payment of 100.00 to weinan-2026 with no instalment named: well within its price, so record takes it.
    static let payment = ["record", "payment", "--contract", "weinan-2026", "--day", "2026-07-01", "--amount", "100.00"]

    @Test("CONTRACTCTL_LEDGER: record appends to it and events reads it, each naming it on stderr")
    func environment() throws {
        let ledger = try Self.folder() + "/env.jsonl"
        let recorded = try Run(Self.payment, environment: ["CONTRACTCTL_LEDGER": ledger])
        #expect(recorded.code == 0, "\(recorded.stderr)")
        #expect(recorded.stderr == "contractctl: note: ledger \(ledger) (from CONTRACTCTL_LEDGER)\n")
        let events = try Run(["events", "--format", "csv"], environment: ["CONTRACTCTL_LEDGER": ledger])
        #expect(events.stdout.contains("\r\n1,2026-07-01,"), "\(events.stdout)")
        #expect(events.stderr == "contractctl: note: ledger \(ledger) (from CONTRACTCTL_LEDGER)\n")
        // --ledger wins over the environment, and then nothing is noted.
        let explicit = try Run(["events", "--ledger", "Fixtures/ledger/example.jsonl", "--format", "csv"], environment: ["CONTRACTCTL_LEDGER": ledger])
        #expect(explicit.stderr.isEmpty && explicit.stdout.contains("\r\n50,2026-10-15,"), "\(explicit.stderr)")
    }

    @Test("contractctl.json in a folder above the working directory: its ledger and fixtures, relative to it; the environment wins over it")
    func settingsFile() throws {
        let root = try Self.folder()
        try FileManager.default.copyItem(atPath: packageRoot + "/Fixtures/contracts", toPath: root + "/terms")
        try #"{"fixtures": "terms", "ledger": "books.jsonl"}"#.write(toFile: root + "/contractctl.json", atomically: true, encoding: .utf8)
        let deep = root + "/work/deep"
        let recorded = try Run(Self.payment, in: deep)
        #expect(recorded.code == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.hasPrefix("recorded on line 1 of \(root)/books.jsonl\n"), "\(recorded.stdout)")
        #expect(recorded.stderr == "contractctl: note: ledger \(root)/books.jsonl (from \(root)/contractctl.json)\n")
        let other = root + "/other.jsonl"
        let env = try Run(Self.payment, in: deep, environment: ["CONTRACTCTL_LEDGER": other])
        #expect(env.code == 0 && FileManager.default.fileExists(atPath: other), "\(env.stderr)")
    }

    @Test("a contractctl.json with an unknown key or a value that is not a path is refused with its JSON path, exit 65")
    func badSettings() throws {
        let root = try Self.folder()
        try #"{"ledgr": "books.jsonl"}"#.write(toFile: root + "/contractctl.json", atomically: true, encoding: .utf8)
        let run = try Run(["payments"], in: root)
        #expect(run.code == 65)
        #expect(run.stderr == "contractctl: error: \(root)/contractctl.json: $.ledgr: unknown key; contractctl.json takes fixtures, ledger\n", "\(run.stderr)")
        try #"{"ledger": 7}"#.write(toFile: root + "/contractctl.json", atomically: true, encoding: .utf8)
        let number = try Run(["payments"], in: root)
        #expect(number.code == 65 && number.stderr.contains("$.ledger: expected a path (a non-empty string), found a number"), "\(number.stderr)")
    }

    @Test("--fixtures without --ledger says that no ledger was read, so an unpaid figure is not taken for the books")
    func noLedger() throws {
        let run = try Run(["payments", "--fixtures", packageRoot + "/Fixtures/contracts", "--contract", "qingpu-2026", "--as-of", "2026-11-21"])
        #expect(run.code == 0)
        #expect(run.stderr.hasPrefix("contractctl: note: no ledger read:"), "\(run.stderr)")
    }

    @Test("--ledger - reads the ledger from standard input: qingpu's lines 20, 21, 22, 32, 49, 50 as from the file")
    func standardInput() throws {
        let run = try Run(["/bin/sh", "-c", "\"$0\" events --ledger - --contract qingpu-2026 --format csv < Fixtures/ledger/example.jsonl", Run.binary], shell: true)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\r\n").dropFirst().map { $0.prefix(2) } == ["20", "21", "22", "32", "49", "50"])
        let record = try Run(["record", "payment", "--ledger", "-"])
        #expect(record.code == 64 && record.stderr.contains("--ledger - (standard input) is for the commands that read one"), "\(record.stderr)")
    }

    @Test("record without any ledger is a usage error naming the three ways to give one")
    func recordNeedsLedger() throws {
        let run = try Run(Self.payment, in: try Self.folder())
        #expect(run.code == 64)
        #expect(run.stderr.hasPrefix("contractctl: error: record needs --ledger PATH (or CONTRACTCTL_LEDGER, or \"ledger\" in contractctl.json)"), "\(run.stderr)")
    }

    @Test("record takes amounts as the tables print them and keeps them as the ledger format writes them")
    func typedAmounts() throws {
        let ledger = try Self.folder() + "/typed.jsonl"
        let grouped = try Run(["record", "payment", "--ledger", ledger, "--contract", "weinan-2026", "--day", "2026-07-01", "--amount", "1,000.50"])
        #expect(grouped.code == 0 && grouped.stdout.contains(#""amount":"1000.50""#), "\(grouped.stdout)\(grouped.stderr)")
        let whole = try Run(["/bin/sh", "-c", #"echo '{"contract":"weinan-2026","type":"payment","day":"2026-07-02","amount":"72000"}' | "$0" record --ledger "$1""#, Run.binary, ledger], shell: true)
        #expect(whole.code == 0 && whole.stdout.contains(#""amount":"72000.00""#), "\(whole.stdout)\(whole.stderr)")
        let misplaced = try Run(["record", "payment", "--ledger", ledger, "--contract", "weinan-2026", "--day", "2026-07-03", "--amount", "1,00"])
        #expect(misplaced.code == 65)
    }

    @Test("Money(typed:): commas only between groups of three")
    func typedParsing() throws {
        #expect(try Money(typed: "1,464,260.00").fen == 146_426_000)
        #expect(try Money(typed: "48,000").fen == 4_800_000)
        #expect(try Money(typed: "72000").fen == 7_200_000)
        for bad in ["4,80", "1,0000.00", ",100", "1,000.0,0", "1,,000"] {
            #expect(throws: Money.ParseError.self, "\(bad)") { try Money(typed: bad) }
        }
    }
}
