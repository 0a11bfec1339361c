import Foundation
import Testing

/// The command line as a new user meets it (issue 13): what no arguments,
/// `--version` and a misspelling give, and the shorter spellings of options.
@Suite("contractctl command line: usage, suggestions, short options")
struct CLIOptionsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var code: Int32
        var stderr: String
        var why: String
        var testDescription: String { "\(why): exit \(code)" }
    }

    @Test("no arguments lists the commands on standard output, exit 0 (as hledger)")
    func noArguments() throws {
        let run = try Run([])
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        for command in ["payments", "due", "deadlines", "record", "verify", "diff", "report", "check", "calendar", "amount-words"] {
            #expect(run.stdout.contains("\n  \(command) "), "missing \(command)")
        }
    }

    @Test("--version prints the name and a version number, exit 0")
    func version() throws {
        let run = try Run(["--version"])
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty)
        let words = run.stdout.split(separator: " ")
        #expect(words.first == "contractctl")
        #expect(words.count == 2 && words[1].split(separator: ".").count == 3, "\(run.stdout)")
        #expect(run.stdout.hasSuffix("\n"))
    }

    // A usage error is one line naming the mistake and the nearest spelling,
    // then where to read the usage: never the whole help.
    @Test(arguments: [
        Case(arguments: ["paymnets"], code: 64, stderr: "unknown command 'paymnets'; did you mean 'payments'?", why: "misspelt command"),
        Case(arguments: ["--verison"], code: 64, stderr: "unknown option '--verison'; did you mean '--version'?", why: "misspelt top-level option"),
        Case(arguments: ["payments", "--as-off", "2026-11-21"], code: 64, stderr: "unknown option '--as-off'; did you mean '--as-of'?", why: "misspelt option"),
        Case(arguments: ["payments", "--contract", "minhnag-2026"], code: 64, stderr: "--contract 'minhnag-2026': no contract has this id or alias; did you mean 'minhang-2026'?", why: "misspelt alias"),
        Case(arguments: ["payments", "--contract", "zzzz"], code: 64, stderr: "--contract 'zzzz': no contract has this id or alias among the 5 contracts of", why: "an alias near nothing: the count, not the list"),
        Case(arguments: ["diff", "minhang-2026", "qingpu-2062"], code: 64, stderr: "did you mean 'qingpu-2026'?", why: "misspelt alias in diff"),
        Case(arguments: ["due", "-x", "2026Q4"], code: 64, stderr: "unknown option '-x'", why: "unknown short option"),
    ])
    func usageError(_ c: Case) throws {
        let run = try Run(c.arguments)
        #expect(run.code == c.code)
        #expect(run.stderr.contains(c.stderr), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.split(separator: "\n").count == 2, "one error line and the pointer to --help:\n\(run.stderr)")
        #expect(run.stderr.contains("--help'"))
    }

    @Test("record: a misspelt event type or contract is a usage error (64) with the nearest, and the ledger is untouched")
    func recordMisspelt() throws {
        let path = NSTemporaryDirectory() + "contractctl-misspelt-\(ProcessInfo.processInfo.processIdentifier).jsonl"
        try "".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let type = try Run(["record", "paymnet", "--ledger", path, "--contract", "liyang-2024", "--day", "2026-03-20", "--amount", "1.00"])
        #expect(type.code == 64)
        #expect(type.stderr.contains("'paymnet' is not an event type; did you mean 'payment'?"), "\(type.stderr)")
        let contract = try Run(["record", "payment", "--ledger", path, "--contract", "liyang-2042", "--day", "2026-03-20", "--amount", "1.00"])
        #expect(contract.code == 64)
        #expect(contract.stderr.contains("did you mean 'liyang-2024'?"), "\(contract.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).isEmpty)
    }

    // The official calendar for 2026 (Fixtures' built-in calendar, from the
    // State Council notice): National Day 1-7 October are rest days. Three
    // working days before Friday 2026-10-09: Thursday 10-08, then over the
    // holiday, Wednesday 09-30 and Tuesday 09-29.
    @Test("a negative number is a positional, not an option: calendar add-workdays 2026-10-09 -3")
    func negativeNumbers() throws {
        let run = try Run(["calendar", "add-workdays", "2026-10-09", "-3"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("2026-09-29\n"), "\(run.stdout)")
        #expect(run.stdout.contains("the 3rd working day before 2026-10-09"))
        // add-days does not count back: a clear refusal, not "unknown option".
        let days = try Run(["calendar", "add-days", "2026-10-09", "-3"])
        #expect(days.code == 64)
        #expect(days.stderr.contains("only add-workdays counts back"), "\(days.stderr)")
    }

    @Test("amount-words -5 reaches the amount's own check, not the option parser")
    func negativeAmount() throws {
        let run = try Run(["amount-words", "-5"])
        #expect(run.code == 64)
        #expect(run.stderr.contains("\"-5\": an amount here cannot be negative"), "\(run.stderr)")
    }

    /// Today in Asia/Shanghai, as the CLI's `--as-of` reads it.
    static func shanghaiToday(offset: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? calendar.timeZone
        let day = calendar.date(byAdding: .day, value: offset, to: Date()) ?? Date()
        let parts = calendar.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    @Test("--as-of today and yesterday are the days in Asia/Shanghai", arguments: [("today", 0), ("yesterday", -1)])
    func asOfWords(word: String, offset: Int) throws {
        let named = try Run(["payments", "--format", "json", "--as-of", word])
        let dated = try Run(["payments", "--format", "json", "--as-of", Self.shanghaiToday(offset: offset)])
        #expect(named.code == 0, "\(named.stderr)")
        #expect(named.stdout == dated.stdout)
    }

    // 2026Q4 is 1 October to 31 December 2026; hledger's -e names the day
    // after the range, so -e 2027-01-01 ends it on 2026-12-31.
    @Test("due -p, -b and -e give the same report as --quarter and --from/--to", arguments: [
        (["-p", "2026Q4"], ["--quarter", "2026Q4"]),
        (["-p2026Q4"], ["--quarter", "2026Q4"]),
        (["-b", "2026-10-01", "-e", "2027-01-01"], ["--from", "2026-10-01", "--to", "2026-12-31"]),
        (["-p", "2026-11"], ["--from", "2026-11-01", "--to", "2026-11-30"]),
        (["-p", "2026"], ["--year", "2026"]),
    ])
    func periodShortForms(short: [String], long: [String]) throws {
        let asOf = ["--as-of", "2026-11-21", "--format", "json"]
        let a = try Run(["due"] + short + asOf)
        let b = try Run(["due"] + long + asOf)
        #expect(a.code == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
    }

    @Test("--bom puts EF BB BF before the CSV and changes nothing else; without CSV it is refused")
    func byteOrderMark() throws {
        let commands = [
            ["payments", "--format", "csv", "--as-of", "2026-11-21"],
            ["check", "--format", "csv"],
            ["diff", "minhang-2026", "Fixtures/examples/minhang-2027.json", "--format", "csv"],
        ]
        for command in commands {
            let with = try Run(command + ["--bom"])
            let without = try Run(command)
            #expect(Array(with.stdout.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(command[0]): \(with.stderr)")
            #expect(String(with.stdout.unicodeScalars.dropFirst()) == without.stdout, "\(command[0])")
            #expect(with.code == without.code)
        }
        let table = try Run(["payments", "--bom"])
        #expect(table.code == 64)
        #expect(table.stderr.contains("--bom goes with --format csv"))
    }
}

@Suite("deadlines --format ics --remind: alarms (RFC 5545 §3.6.6)")
struct RemindTests {
    static let base = ["deadlines", "--within", "365d", "--format", "ics", "--as-of", "2026-11-21"]

    /// The unfolded events of an iCalendar file, each as its content lines.
    static func events(_ text: String) -> [[String]] {
        var unfolded: [String] = []
        for line in text.components(separatedBy: "\r\n").dropLast() {
            if line.hasPrefix(" ") { unfolded[unfolded.count - 1] += line.dropFirst() } else { unfolded.append(line) }
        }
        var events: [[String]] = []
        for line in unfolded {
            if line == "BEGIN:VEVENT" { events.append([]) } else if !events.isEmpty, line != "END:VCALENDAR" { events[events.count - 1].append(line) }
        }
        return events
    }

    @Test("each deadline not yet met gets one VALARM per --remind; a met one (keping's notice, given 2026-11-20) none")
    func alarms() throws {
        let plain = try Run(Self.base)
        let run = try Run(Self.base + ["--remind", "3d", "--remind", "2w", "--remind", "3d"])
        #expect(run.code == 0, "\(run.stderr)")
        let events = Self.events(run.stdout)
        #expect(events.count == Self.events(plain.stdout).count)
        var withAlarms = 0
        for event in events {
            let done = event.contains { $0.hasPrefix("SUMMARY:[done] ") }
            let triggers = event.filter { $0.hasPrefix("TRIGGER:") }
            // 3d given twice counts once: the same alarm twice would ring twice.
            #expect(triggers == (done ? [] : ["TRIGGER:-P3D", "TRIGGER:-P2W"]), "\(event.first ?? "")")
            #expect(event.filter { $0 == "BEGIN:VALARM" }.count == triggers.count)
            #expect(event.filter { $0 == "ACTION:DISPLAY" }.count == triggers.count)
            #expect(event.filter { $0 == "END:VALARM" }.count == triggers.count)
            // The alarm sits inside the event, after the event's own properties.
            if let begin = event.firstIndex(of: "BEGIN:VALARM") { #expect(event[begin...].allSatisfy { !$0.hasPrefix("UID:") && !$0.hasPrefix("SUMMARY:") }) }
            if !done { withAlarms += 1 }
        }
        #expect(withAlarms > 0 && withAlarms < events.count)
        #expect(events.contains { $0.contains("UID:keping-2024.notice.non-renewal-notice@contractctl") && !$0.contains("BEGIN:VALARM") })
        for line in run.stdout.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75 && !line.contains("\n")) }
        // Without --remind the file is as before (the golden deadlines.ics).
        #expect(!plain.stdout.contains("VALARM"))
    }

    @Test(arguments: [
        (["--remind", "soon"], "--remind 'soon': expected a time before the deadline such as 3d or 2w"),
        (["--remind", "-3d"], "--remind '-3d'"),
        (["--remind", "400d"], "--remind '400d'"),
    ])
    func refused(extra: [String], message: String) throws {
        let run = try Run(Self.base + extra)
        #expect(run.code == 64)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("--remind without --format ics is a usage error")
    func notICS() throws {
        let run = try Run(["deadlines", "--remind", "3d", "--as-of", "2026-11-21"])
        #expect(run.code == 64)
        #expect(run.stderr.contains("--remind goes with --format ics"))
    }
}

/// Where a program is on PATH, for tests that need a real bash or groff.
func onPath(_ program: String) -> String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(program)" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

@Suite("shell completion and the man page come from the option declarations")
struct CompletionManTests {
    /// What bash's completion function offers for `words`, the last one being completed.
    static func complete(_ words: [String]) throws -> [String] {
        let script = try Run(["completion", "bash"])
        let path = NSTemporaryDirectory() + "contractctl-completion-\(UUID().uuidString).bash"
        try script.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let run = try Run([onPath("bash") ?? "/bin/bash", "-c", "source '\(path)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _contractctl; printf '%s\\n' \"${COMPREPLY[@]}\""], shell: true)
        return run.stdout.split(separator: "\n").map(String.init)
    }

    // Needs bash: without it there is nothing to run the script in.
    @Test("bash completes commands, options, fixed values and record's types", .enabled(if: onPath("bash") != nil), arguments: [
        (["contractctl", "paym"], ["payments"]),
        (["contractctl", "--ver"], ["--version"]),
        (["contractctl", "due", "--as"], ["--as-of", "--assume"]),  // both declared by due: the as-of day and the what-if file
        (["contractctl", "due", "--as-"], ["--as-of"]),
        (["contractctl", "due", "--format", ""], ["table", "json", "csv"]),
        (["contractctl", "deadlines", "--format", ""], ["table", "json", "csv", "ics"]),
        (["contractctl", "report", "--lang", ""], ["zh", "en"]),
        (["contractctl", "report", "--for"], []),
        (["contractctl", "record", "paym"], ["payment"]),
        (["contractctl", "calendar", "add-w"], ["add-workdays"]),
        (["contractctl", "due", "-"], ["-p"]),
    ])
    func bash(words: [String], expected: [String]) throws {
        let offered = try Self.complete(words)
        if words.last == "-" {
            #expect(offered.contains("-p") && offered.contains("-b") && offered.contains("-e") && offered.contains("--period"))
        } else {
            #expect(offered == expected)
        }
    }

    @Test("the man page names every command and every option --help lists")
    func manNamesEverything() throws {
        let run = try Run(["man"])
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix(".TH CONTRACTCTL 1"))
        for command in ["payments", "due", "deadlines", "record", "verify", "repair", "diff", "scores", "penalties", "guarantees", "report", "check", "calendar", "amount-words"] {
            #expect(run.stdout.contains(".SS \(command.replacingOccurrences(of: "-", with: "\\-"))\n"), "\(command)")
            // Every option line of the command's --help is in the page.
            let help = try Run([command, "--help"]).stdout
            for line in help.split(separator: "\n") where line.hasPrefix("  -") {
                let spelling = line.dropFirst(2).split(separator: " ").prefix { $0.hasPrefix("-") || $0.uppercased() == $0 && !$0.isEmpty }.first ?? ""
                #expect(run.stdout.contains(".B " + spelling.replacingOccurrences(of: "-", with: "\\-")), "\(command): \(spelling)")
            }
        }
    }

    // Needs groff: -ww turns on every warning, so a stray control character
    // or an unknown escape fails the test.
    @Test("the man page is roff that groff reads without a warning", .enabled(if: onPath("groff") != nil))
    func groffReadsIt() throws {
        let page = try Run(["man"]).stdout
        let path = NSTemporaryDirectory() + "contractctl-\(ProcessInfo.processInfo.processIdentifier).1"
        try page.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try Run([onPath("groff") ?? "groff", "-man", "-Tutf8", "-ww", "-z", path], shell: true)
        #expect(run.code == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
    }
}
