import Foundation
import Testing
@testable import ContractKit

/// Runs the built `contractctl`, as a user would, and returns what it printed.
struct Run {
    /// What a read command says on stderr when it reads the bundled example ledger by default.
    static let bundledLedgerNote = "contractctl: note: ledger Fixtures/ledger/example.jsonl (the bundled example)\n"

    var stdout: String
    var stderr: String
    var code: Int32

    static let cacheHome = NSTemporaryDirectory() + "contractctl-test-cache-\(getpid())"

    static let binary: String = {
        let candidates = [
            ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")).map { ($0 as NSString).deletingLastPathComponent } ?? ""),
            packageRoot + "/.build/debug",
        ]
        for folder in candidates {
            let path = (folder as NSString).appendingPathComponent("contractctl")
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return packageRoot + "/.build/debug/contractctl"
    }()

    /// Runs contractctl with `arguments`; with `shell`, the first argument
    /// is the program to run instead (for ulimit and the like). The ledger
    /// key variables and the default ledger and fixtures are never inherited: only `environment` sets them.
    init(_ arguments: [String], in directory: String = packageRoot, shell: Bool = false, environment: [String: String] = [:]) throws {
        let process = Process()
        var inherited = ProcessInfo.processInfo.environment
        inherited["CONTRACTCTL_LEDGER_KEY"] = nil
        inherited["CONTRACTCTL_LEDGER_KEY_FILE"] = nil
        inherited["CONTRACTCTL_LEDGER"] = nil
        inherited["CONTRACTCTL_FIXTURES"] = nil
        // Tables fold to COLUMNS (else 80): the goldens and README examples
        // are at 80 whatever the terminal running the tests.
        inherited["COLUMNS"] = nil
        // The ledger caches of a test run go to a folder of its own, never
        // to the user's cache folder.
        inherited["XDG_CACHE_HOME"] = Run.cacheHome
        inherited["CONTRACTCTL_CACHE"] = nil
        process.environment = inherited.merging(environment) { $1 }
        process.executableURL = URL(fileURLWithPath: shell ? arguments[0] : Run.binary)
        process.arguments = shell ? Array(arguments.dropFirst()) : arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
        code = process.terminationStatus
    }
}

@Suite("contractctl end to end: golden output for every command and format")
struct GoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var golden: String
        var arguments: [String]
        var code: Int32 = 0
        var testDescription: String { "contractctl " + arguments.joined(separator: " ") }
    }

    static let asOf = ["--as-of", "2026-11-21"]

    @Test(arguments: [
        Case(golden: "payments.table.txt", arguments: ["payments"] + asOf),
        Case(golden: "payments.json", arguments: ["payments", "--format", "json"] + asOf),
        Case(golden: "payments.csv", arguments: ["payments", "--format", "csv"] + asOf),
        Case(golden: "payments.minhang.table.txt", arguments: ["payments", "--contract", "minhang-2026", "--contract", "11N4251906122026201"] + asOf),
        Case(golden: "check.table.txt", arguments: ["check"], code: 1),
        Case(golden: "check.json", arguments: ["check", "--format", "json"], code: 1),
        Case(golden: "check.csv", arguments: ["check", "--format", "csv"], code: 1),
        Case(golden: "check.qingpu.table.txt", arguments: ["check", "--contract", "qingpu-2026"], code: 0),
        Case(golden: "calendar.add-workdays.txt", arguments: ["calendar", "add-workdays", "2024-09-30", "5"]),
        Case(golden: "calendar.add-days.txt", arguments: ["calendar", "add-days", "2025-09-01", "30"]),
        Case(golden: "calendar.add-months.txt", arguments: ["calendar", "add-months", "2026-01-31", "1"]),
        Case(golden: "calendar.provisional.txt", arguments: ["calendar", "add-workdays", "2026-12-25", "10"]),
        Case(golden: "calendar.is-workday.txt", arguments: ["calendar", "is-workday", "2026-10-10"]),
        Case(golden: "amount-words.txt", arguments: ["amount-words", "178000.00"]),
        Case(golden: "amount-words.parse.txt", arguments: ["amount-words", "--parse", "拾柒万捌仟元整"]),
        Case(golden: "payments.no-ledger.table.txt", arguments: ["payments", "--no-ledger"] + asOf),
        Case(golden: "scores.table.txt", arguments: ["scores"] + asOf),
        Case(golden: "scores.json", arguments: ["scores", "--format", "json"] + asOf),
        Case(golden: "scores.csv", arguments: ["scores", "--format", "csv"] + asOf),
        Case(golden: "penalties.table.txt", arguments: ["penalties"] + asOf),
        Case(golden: "penalties.json", arguments: ["penalties", "--format", "json"] + asOf),
        Case(golden: "penalties.csv", arguments: ["penalties", "--format", "csv"] + asOf),
        Case(golden: "guarantees.table.txt", arguments: ["guarantees"] + asOf),
        Case(golden: "guarantees.json", arguments: ["guarantees", "--format", "json"] + asOf),
        Case(golden: "guarantees.csv", arguments: ["guarantees", "--format", "csv"] + asOf),
        Case(golden: "guarantees.closed-window.table.txt", arguments: ["guarantees", "--as-of", "2027-06-01"]),
        Case(golden: "due.2026Q4.table.txt", arguments: ["due", "--quarter", "2026Q4"] + asOf),
        Case(golden: "due.2026Q4.json", arguments: ["due", "--quarter", "2026Q4", "--format", "json"] + asOf),
        Case(golden: "due.2026Q4.csv", arguments: ["due", "--quarter", "2026Q4", "--format", "csv"] + asOf),
        Case(golden: "due.2026Q4.no-ledger.table.txt", arguments: ["due", "--quarter", "2026Q4", "--no-ledger"] + asOf),
        Case(golden: "deadlines.table.txt", arguments: ["deadlines", "--within", "200d"] + asOf),
        Case(golden: "deadlines.json", arguments: ["deadlines", "--format", "json"] + asOf),
        Case(golden: "deadlines.csv", arguments: ["deadlines", "--all", "--format", "csv"] + asOf),
        Case(golden: "deadlines.ics", arguments: ["deadlines", "--within", "365d", "--format", "ics"] + asOf),
        Case(golden: "diff.minhang-2027.txt", arguments: ["diff", "minhang-2026", "Fixtures/examples/minhang-2027.json"], code: 1),
        Case(golden: "diff.minhang-2027.json", arguments: ["diff", "minhang-2026", "Fixtures/examples/minhang-2027.json", "--format", "json"], code: 1),
        Case(golden: "diff.minhang-2027.csv", arguments: ["diff", "minhang-2026", "Fixtures/examples/minhang-2027.json", "--format", "csv"], code: 1),
        Case(golden: "diff.same.txt", arguments: ["diff", "Fixtures/contracts/qingpu-2026.json", "qingpu-2026"], code: 0),
        Case(golden: "verify.txt", arguments: ["verify"]),
        Case(golden: "verify.help.txt", arguments: ["verify", "--help"]),
        Case(golden: "repair.help.txt", arguments: ["repair", "--help"]),
        Case(golden: "report.html", arguments: ["report"] + asOf),
        Case(golden: "report.help.txt", arguments: ["report", "--help"]),
        Case(golden: "help.txt", arguments: ["--help"]),
        Case(golden: "due.help.txt", arguments: ["due", "--help"]),
        Case(golden: "deadlines.help.txt", arguments: ["deadlines", "--help"]),
        Case(golden: "diff.help.txt", arguments: ["diff", "--help"]),
        Case(golden: "record.help.txt", arguments: ["record", "--help"]),
        Case(golden: "import.help.txt", arguments: ["import", "--help"]),
        Case(golden: "scores.help.txt", arguments: ["scores", "--help"]),
        Case(golden: "penalties.help.txt", arguments: ["penalties", "--help"]),
        Case(golden: "guarantees.help.txt", arguments: ["guarantees", "--help"]),
        Case(golden: "payments.help.txt", arguments: ["payments", "--help"]),
        Case(golden: "check.help.txt", arguments: ["check", "--help"]),
        Case(golden: "calendar.help.txt", arguments: ["calendar", "--help"]),
        Case(golden: "amount-words.help.txt", arguments: ["amount-words", "--help"]),
    ])
    func golden(_ c: Case) throws {
        let run = try Run(c.arguments)
        #expect(run.code == c.code)
        // A command that reads a ledger names the one it read when no
        // option chose it (issue 14): here the bundled example.
        let readsLedger = ["payments", "due", "deadlines", "events", "verify", "scores", "penalties", "guarantees", "check", "report"].contains(c.arguments[0])
            && !c.arguments.contains { ["--ledger", "--no-ledger", "--fixtures", "--help"].contains($0) }
        #expect(run.stderr == (readsLedger ? Run.bundledLedgerNote : ""), "\(run.stderr)")
        let path = packageRoot + "/Tests/ContractKitTests/Golden/" + c.golden
        if ProcessInfo.processInfo.environment["CONTRACTCTL_RECORD_GOLDEN"] != nil {
            try run.stdout.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(c.golden); check the diff by hand, then run the tests again without CONTRACTCTL_RECORD_GOLDEN")
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(run.stdout == expected, "stdout differs from Golden/\(c.golden); CONTRACTCTL_RECORD_GOLDEN=1 swift test re-records")
    }

    @Test("the README's command: bundled fixtures found from the repository")
    func defaultFixtures() throws {
        let run = try Run(["payments"] + Self.asOf)
        #expect(run.code == 0)
        #expect(run.stdout.contains("12,145,800.00"))
        for alias in ["minhang-2026", "qingpu-2026", "liyang-2024", "keping-2024", "weinan-2026"] {
            #expect(run.stdout.contains(alias))
        }
    }

    @Test("the built binary finds the bundled fixtures from another directory")
    func fixturesFromElsewhere() throws {
        let run = try Run(["payments", "--format", "csv"] + Self.asOf, in: NSTemporaryDirectory())
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\r\n").count == 11)
    }

    @Test("JSON output parses, and has the keys the issue names for each instalment")
    func jsonKeys() throws {
        let run = try Run(["payments", "--format", "json"] + Self.asOf)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 10)
        for object in array {
            for key in ["contract", "alias", "instalment", "clause", "amount", "currency", "dueDate", "earliestDueDate", "provisional", "conditions", "status"] {
                #expect(object[key] != nil, "missing \(key)")
            }
            #expect((object["amount"] as? String)?.split(separator: ".").last?.count == 2)
        }
    }
}

@Suite("contractctl end to end: bad input gets one clear line and a sysexits code")
struct ErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var code: Int32
        var stderr: String
        var why: String
        var testDescription: String { "\(why): exit \(code)" }
    }

    static let folder: String = {
        let root = NSTemporaryDirectory() + "contractctl-bad-\(ProcessInfo.processInfo.processIdentifier)"
        let good = (try? String(contentsOfFile: fixturesFolder + "/weinan-2026.json", encoding: .utf8)) ?? ""
        let files: [String: String] = [
            "truncated/a.json": String(good.prefix(300)),
            "syntax/a.json": "{\n  \"id\": \"x\",\n  \"alias\": oops\n}\n",
            "subfen/a.json": good.replacingOccurrences(of: "\"278000.00\"", with: "\"278000.005\""),
            "negative/a.json": good.replacingOccurrences(of: "\"160000.00\"", with: "\"-160000.00\""),
            "shape/a.json": good.replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": \"one\""),
            "duplicate/a.json": good,
            "duplicate/b.json": good,
            "empty/README": "no fixtures here",
            "notutf8/a.json": "{\"id\": \"\u{FFFD}\"}",
            "calendar/bad.json": "{\"years\": {\"2027\": {\"holidays\": [{\"date\": \"2027-02-30\"}]}}}",
            "ledger/bad.jsonl": "{\"contract\": \"liyang-2024\", \"type\": \"effective\", \"day\": \"2024-11-28\"}\n{\"contract\": \"nowhere\", \"type\": \"effective\", \"day\": \"2024-11-28\"}\n",
        ]
        for (path, text) in files {
            let full = root + "/" + path
            try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        // Bytes that are not UTF-8.
        FileManager.default.createFile(atPath: root + "/notutf8/a.json", contents: Data([0x7B, 0xFF, 0xFE, 0x7D]))
        return root
    }()

    @Test(arguments: [
        Case(arguments: ["frobnicate"], code: 64, stderr: "contractctl: error: unknown command 'frobnicate'", why: "unknown command"),
        Case(arguments: ["payments", "--format", "xml"], code: 64, stderr: "contractctl: error: 'xml' is not a format; use one of table, json, csv", why: "unknown format"),
        Case(arguments: ["payments", "--as-of", "2026-02-30"], code: 64, stderr: "contractctl: error: --as-of '2026-02-30': expected a date that exists", why: "impossible date"),
        Case(arguments: ["payments", "--bogus"], code: 64, stderr: "contractctl: error: unknown option '--bogus'", why: "unknown option"),
        Case(arguments: ["payments", "--contract"], code: 64, stderr: "contractctl: error: option '--contract' needs a value", why: "option without value"),
        Case(arguments: ["payments", "--contract", "nowhere-2026"], code: 64, stderr: "contractctl: error: --contract 'nowhere-2026': no contract has this id or alias", why: "unknown contract"),
        Case(arguments: ["payments", "--fixtures", "/nonexistent/fixtures"], code: 66, stderr: "contractctl: error: /nonexistent/fixtures: no such folder", why: "missing fixtures folder"),
        Case(arguments: ["payments", "--fixtures", folder + "/empty"], code: 66, stderr: "empty: holds no contract fixtures (*.json)", why: "empty fixtures folder"),
        Case(arguments: ["payments", "--fixtures", folder + "/truncated"], code: 65, stderr: "truncated/a.json: line 14, column 3: is not valid JSON: unexpected end of file inside a string", why: "truncated fixture"),
        Case(arguments: ["payments", "--fixtures", folder + "/syntax"], code: 65, stderr: "syntax/a.json: line 3, column 12: is not valid JSON", why: "syntax error with line and column"),
        Case(arguments: ["payments", "--fixtures", folder + "/subfen"], code: 65, stderr: "subfen/a.json: $.price.total.amount: \"278000.005\": an amount has at most two decimals", why: "sub-fen amount"),
        Case(arguments: ["payments", "--fixtures", folder + "/negative"], code: 65, stderr: "negative/a.json: $.price.breakdowns[0].lines[1].amount: \"-160000.00\": an amount here cannot be negative", why: "negative amount"),
        Case(arguments: ["payments", "--fixtures", folder + "/shape"], code: 65, stderr: "shape/a.json: $.formatVersion: expected a whole number, found a string", why: "wrong shape"),
        Case(arguments: ["payments", "--fixtures", folder + "/duplicate"], code: 65, stderr: "duplicate/b.json: $.id: \"ZCSP-临渭区-2026-00082\" is already used by", why: "two files with one contract id"),
        Case(arguments: ["payments", "--fixtures", folder + "/notutf8"], code: 65, stderr: "notutf8/a.json: is not valid UTF-8 text", why: "not UTF-8"),
        Case(arguments: ["payments", "--calendar", "/nonexistent/calendar.json"], code: 66, stderr: "/nonexistent/calendar.json: no such file", why: "missing calendar file"),
        Case(arguments: ["calendar", "is-workday", "2027-01-01", "--calendar", folder + "/calendar/bad.json"], code: 65, stderr: "bad.json: $.years.2027.holidays[0].date: \"2027-02-30\"", why: "impossible date in a calendar file"),
        Case(arguments: ["calendar", "add-workdays", "2026-01-01", "ten"], code: 64, stderr: "'ten': N must be a whole number", why: "N not a number"),
        Case(arguments: ["calendar", "leap"], code: 64, stderr: "unknown subcommand 'leap'", why: "unknown calendar subcommand"),
        Case(arguments: ["amount-words", "--parse", "壹壹元"], code: 65, stderr: "\"壹壹元\": unexpected \"壹\" at character 2", why: "malformed numerals"),
        Case(arguments: ["amount-words", "1.005"], code: 64, stderr: "an amount has at most two decimals", why: "sub-fen amount to write"),
        Case(arguments: ["payments", "--ledger", "/nonexistent/ledger.jsonl"], code: 66, stderr: "/nonexistent/ledger.jsonl: no such file", why: "missing ledger"),
        Case(arguments: ["payments", "--ledger", folder + "/ledger/bad.jsonl"], code: 65, stderr: "bad.jsonl: line 2: $.contract: \"nowhere\": no contract has this id or alias", why: "a ledger line for an unknown contract"),
        Case(arguments: ["payments", "--ledger", folder + "/ledger/bad.jsonl", "--no-ledger"], code: 64, stderr: "give --ledger PATH or --no-ledger, not both", why: "--ledger with --no-ledger"),
        Case(arguments: ["record", "payment", "--contract", "liyang-2024", "--day", "2025-03-10", "--amount", "1.00"], code: 64, stderr: "record needs --ledger PATH", why: "record without --ledger"),
        Case(arguments: ["due"], code: 64, stderr: "give the period: -p 2026Q4, --quarter 2026Q4, --year 2026, or --from DAY --to DAY", why: "due without a period"),
        Case(arguments: ["due", "--quarter", "2026Q5"], code: 64, stderr: "--quarter '2026Q5': expected a quarter such as 2026Q4", why: "a quarter that does not exist"),
        Case(arguments: ["due", "--from", "2026-12-01", "--to", "2026-11-01"], code: 64, stderr: "--from 2026-12-01 is after --to 2026-11-01", why: "a range backwards"),
        Case(arguments: ["deadlines", "--within", "soon"], code: 64, stderr: "--within 'soon': expected a length such as 60d", why: "a bad --within"),
        Case(arguments: ["diff", "minhang-2026"], code: 64, stderr: "diff takes two contracts", why: "diff with one contract"),
        Case(arguments: ["diff", "minhang-2026", "missing.json"], code: 66, stderr: "missing.json: no such file", why: "diff with a missing file"),
        Case(arguments: ["diff", "minhang-2026", "nowhere-2026"], code: 64, stderr: "'nowhere-2026': neither a fixture file nor a contract's id or alias", why: "diff with an unknown contract"),
    ])
    func refused(_ c: Case) throws {
        let run = try Run(c.arguments)
        #expect(run.code == c.code)
        #expect(run.stderr.contains(c.stderr), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"))
    }
}

@Suite("contractctl record, end to end")
struct RecordTests {
    func temporaryLedger(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "record-\(UUID().uuidString).jsonl"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let first = #"{"contract":"liyang-2024","type":"payment","day":"2025-03-10","amount":"490000.00"}"#

    @Test("an accepted event is appended as one line; the earlier lines are untouched")
    func appends() throws {
        let path = try temporaryLedger(Self.first + "\n")
        let run = try Run(["record", "payment", "--ledger", path, "--contract", "liyang-2024", "--day", "2026-03-20", "--amount", "300000.00", "--instalment", "2"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("recorded on line 2 of \(path)"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // The documented format: the event, then "prev" (the hash the line before
        // carries, or for an unchained line the SHA-256 of its text), then "hash",
        // the SHA-256 of everything up to and including "prev".
        let prev = SHA256.hex(Self.first.utf8)
        let body = #"{"contract":"liyang-2024","type":"payment","day":"2026-03-20","amount":"300000.00","instalment":"2","prev":""# + prev + #""}"#
        let line = String(body.dropLast()) + #","hash":""# + SHA256.hex(body.utf8) + #""}"#
        #expect(text == Self.first + "\n" + line + "\n")
    }

    @Test(arguments: [
        // 2026-03-20: 2,940 + 490,000 of principal; §7.3's interest (the penalty is not covered, Readings 7) has
        // accrued (487,060 x 12 + 2,940 x 387) x 0.05% = 3,491.25 on instalment 1 and 490,000 x 22 x 0.05% = 5,390
        // on instalment 2, less the 2,940 covered: 5,941.25; 492,940 + 5,941.25 = 498,881.25.
        (["record", "payment", "--contract", "liyang-2024", "--day", "2026-03-20", "--amount", "498881.26"], "exceeds what is outstanding on liyang-2024, 498,881.25"),
        (["record", "acceptance", "--contract", "liyang-2024", "--day", "2026-03-20"], "$.stage: missing"),
        (["record", "incident", "--contract", "liyang-2024", "--grade", "major", "--subsystem", "ecg", "--occurred", "2025-03-05T10:00+08:00", "--resolved", "2025-03-05T09:00+08:00"], "is before the incident occurred"),
    ])
    func refusedLeavesTheLedgerAsItWas(arguments: [String], message: String) throws {
        let path = try temporaryLedger(Self.first + "\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let run = try Run(arguments + ["--ledger", path])
        #expect(run.code == 65)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("JSON on standard input, into a new ledger")
    func stdin() throws {
        let path = NSTemporaryDirectory() + "record-\(UUID().uuidString).jsonl"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Run.binary)
        process.arguments = ["record", "--ledger", path]
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        input.fileHandleForWriting.write(Data("{ \"contract\": \"weinan-2026\", \"type\": \"invoice\", \"day\": \"2026-05-28\" }\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let body = #"{"contract":"weinan-2026","type":"invoice","day":"2026-05-28","prev":"0000000000000000000000000000000000000000000000000000000000000000"}"#
        #expect(try String(contentsOfFile: path, encoding: .utf8) == String(body.dropLast()) + #","hash":""# + SHA256.hex(body.utf8) + #""}"# + "\n")
    }

    @Test("a ledger whose last line was cut off is refused, and left as it is")
    func tornLine() throws {
        let path = try temporaryLedger(Self.first + "\n{\"contract\":\"liy")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let run = try Run(["record", "effective", "--ledger", path, "--contract", "qingpu-2026", "--day", "2026-02-03"])
        #expect(run.code == 65)
        #expect(run.stderr.contains("the last line has no line end"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("the recorded event shows in the reports")
    func reportsSeeIt() throws {
        let path = try temporaryLedger("")
        _ = try Run(["record", "payment", "--ledger", path, "--contract", "liyang-2024", "--day", "2025-03-10", "--amount", "490000.00"])
        let run = try Run(["payments", "--contract", "liyang-2024", "--ledger", path, "--as-of", "2025-03-10", "--format", "csv"])
        // The payment covers the §7.3 interest first, 490,000 x 12 days x 0.05% = 2,940 (Art. 561; the
        // 0.1% penalty is not in its list, Readings 7), so 2,940 of principal is still owed.
        #expect(run.stdout.contains("490000.00,CNY,2025-02-26,,false,487060.00,2940.00,,12,overdue"))
    }
}

@Suite("verify and repair, end to end")
struct VerifyRepairTests {
    func copyOfExample() throws -> String {
        let path = NSTemporaryDirectory() + "ledger-\(UUID().uuidString).jsonl"
        try FileManager.default.copyItem(atPath: packageRoot + "/Fixtures/ledger/example.jsonl", toPath: path)
        return path
    }

    @Test("a one-character edit: verify exits 1 and names the line")
    func edited() throws {
        let path = try copyOfExample()
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"amount\":\"490000.00\"", with: "\"amount\":\"490000.10\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try Run(["verify", "--ledger", path])
        #expect(run.code == 1)
        #expect(run.stdout.contains("line 6: line 6 was altered: its text no longer matches its hash"), "\(run.stdout)")
    }

    @Test("a torn last line: every command refuses the ledger; repair moves it aside, deleting nothing")
    func tornAndRepaired() throws {
        let path = try copyOfExample()
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let torn = #"{"contract":"liyang-2024","type":"payme"#
        try (before + torn).write(toFile: path, atomically: true, encoding: .utf8)
        for command in [["payments"], ["penalties"], ["scores"], ["guarantees"], ["due", "--year", "2026"], ["deadlines"], ["check"]] {
            let run = try Run(command + ["--ledger", path, "--as-of", "2026-11-21"].filter { command != ["check"] || $0 == "--ledger" || $0 == path })
            #expect(run.code == 65, "\(command)")
            #expect(run.stderr.contains("line 57: the last line has no line end"), "\(command): \(run.stderr)")
        }
        let verify = try Run(["verify", "--ledger", path])
        #expect(verify.code == 1 && verify.stdout.contains("line 57: the last line has no line end"))
        let repair = try Run(["repair", "--ledger", path])
        #expect(repair.code == 0)
        let aside = try #require(repair.stdout.split(separator: " ").last.map { String($0.dropLast()) })
        #expect(repair.stdout.contains("moved the incomplete last line (\(torn.utf8.count) bytes)"))
        #expect(try String(contentsOfFile: aside, encoding: .utf8) == torn)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        #expect(try Run(["verify", "--ledger", path]).code == 0)
        let again = try Run(["repair", "--ledger", path])
        #expect(again.code == 0 && again.stdout.contains("nothing to repair"))
    }
}
