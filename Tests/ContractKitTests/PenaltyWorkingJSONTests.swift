import Foundation
import Testing
@testable import ContractKit

/// The working's JSON keys are the README's, in the README's order, for
/// every kind; the Chinese report and `penalties --lang zh` carry no
/// English sentence.
@Suite("Penalty working in JSON, and the language of the sentences")
struct PenaltyWorkingJSONTests {
    /// The keys of `working` for each kind, as README.md ("penalties") lists them.
    static let keys: [String: [String]] = [
        "latePayment": ["rate", "base", "baseClause", "periodDays", "periods", "days", "excusedDays", "due", "until", "paidInFull"],
        "overdueParts": ["rate", "periodDays", "parts", "excusedDays"],
        "interest": ["rate", "periodDays", "parts", "excusedDays"],
        "cap": ["rate", "base", "baseClause", "capClause", "limit", "counted", "includesInterest", "penaltyCut", "interestCut"],
        "lateService": ["rate", "base", "baseClause", "periodDays", "periods", "days", "excusedDays", "dayCap"],
        "excusedDelay": ["cause", "days", "excusedBy"],
        "incident": ["grade", "subsystem", "subsystemName", "rate", "base", "contractYear", "occurrence", "step", "previous", "increase", "charge",
                     "resolveWithinHours", "tookSeconds", "openAt", "late", "surcharge"],
        "reportOnly": ["grade", "subsystem", "subsystemName", "contractYear"],
        "noFirstAnswer": ["requestKind", "received", "firstAnswer", "asOf", "limitHours"],
        "requestLate": ["agreedDue", "done", "asOf", "amountPerRequest"],
        "requestComplaint": ["agreedDue", "done", "asOf", "amountPerRequest", "complaint", "factor"],
        "requestDisruptive": ["agreedDue", "done", "asOf", "amountPerRequest"],
        "staffViolation": ["violation", "amount", "min", "max"],
        "breach": ["rate", "base", "baseClause"],
        "uncoveredBreach": ["breachedClause"],
    ]

    static func names(_ value: JSONValue) -> [String] {
        guard case .object(let members) = value else { return [] }
        return members.map(\.0)
    }

    @Test("every line's working has its kind's keys, in order, then its events and notes as values")
    func workingKeys() throws {
        var lines = try PenaltyWordingTests.cases.map(PenaltyWordingTests.line)
        let ledger = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/example.jsonl", contracts: Fixture.set)
        lines += try Penalties.report(for: PaymentsTests.contracts, ledger: ledger, asOf: Fixture.day("2026-11-21"), calendar: CalendarLoader.builtin).lines
        for line in lines {
            let kind = line.working.name
            let expected = try #require(Self.keys[kind], "\(kind) is not in the README's table")
            #expect(Self.names(PenaltiesReport.working(line)) == ["kind"] + expected + ["events", "notes"], "\(line.alias) \(line.rule) \(kind)")
        }
        #expect(Set(lines.map(\.working.name)) == Set(Self.keys.keys))
    }

    @Test("penalties --format json: ledgerLines, working and measure are there; the language names the sentences'")
    func jsonOutput() throws {
        for language in ["en", "zh"] {
            let run = try Run(["penalties", "--format", "json", "--lang", language, "--as-of", "2026-11-21"])
            #expect(run.code == 0 && run.stderr == Run.bundledLedgerNote, "\(run.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            #expect(object["language"] as? String == language)
            let lines = try #require(object["lines"] as? [[String: Any]])
            for line in lines {
                let working = try #require(line["working"] as? [String: Any])
                #expect(Set(working.keys) == Set(["kind", "events", "notes"] + (Self.keys[working["kind"] as? String ?? ""] ?? [])))
                #expect(line["ledgerLines"] is [Int])
            }
            // minhang §10.2 counts the payment on ledger line 37: 1 whole period of the 13 days late.
            let minhang = try #require(lines.first { $0["rule"] as? String == "10.2" })
            let working = try #require(minhang["working"] as? [String: Any])
            #expect(minhang["ledgerLines"] as? [Int] == [37])
            #expect(working["rate"] as? String == "1%" && working["base"] as? String == "8298000.00" && working["periods"] as? Int == 1 && working["days"] as? Int == 13)
            #expect((minhang["formula"] as? String)?.hasPrefix(language == "zh" ? "1% × 合同总额 8,298,000.00 元（§4.1）" : "1% x 8,298,000.00 (§4.1)") == true)
            let terminations = try #require(object["terminations"] as? [[String: Any]])
            #expect(terminations.allSatisfy { ($0["measure"] as? [String: Any])?["kind"] is String })
        }
    }

    @Test("penalties --lang: anything but en or zh is a usage error")
    func badLanguage() throws {
        let run = try Run(["penalties", "--lang", "fr"])
        #expect(run.code == 64)
        #expect(run.stdout.isEmpty && run.stderr.hasPrefix("contractctl: error: --lang 'fr': use en or zh"))
    }

    /// The identifiers the contract files and ledger give, which a Chinese
    /// page may show as they are: aliases, rule ids, clauses, subsystem names.
    static func identifiers(_ lines: [PenaltyLine]) -> [String] {
        let names = PaymentsTests.contracts.flatMap { $0.price.breakdowns.flatMap(\.lines).map(\.name) }
        return (lines.flatMap { [$0.alias, $0.rule, $0.clause] } + names).sorted { $0.count > $1.count }
    }

    /// The ASCII words of `text` left after the identifiers are taken out.
    static func englishWords(_ text: String, identifiers: [String]) -> [String] {
        var rest = text
        for identifier in identifiers where !identifier.isEmpty { rest = rest.replacingOccurrences(of: identifier, with: " ") }
        var words: [String] = []
        var word = ""
        for character in rest + " " {
            if character.isASCII, character.isLetter { word.append(character); continue }
            if word.count > 1 { words.append(word) }
            word = ""
        }
        return words
    }

    @Test("report --lang zh: the penalty section has no English word, only the contracts' identifiers")
    func chineseReportPenalties() throws {
        let run = try Run(["report", "--lang", "zh", "--as-of", "2026-11-21"])
        #expect(run.code == 0)
        let section = try #require(run.stdout.components(separatedBy: "<h2>违约金</h2>").dropFirst().first?.components(separatedBy: "</section>").first)
        // What a reader sees: text between tags, SVG titles included; not the tags' class names.
        var visible = ""
        var inTag = false
        for character in section {
            if character == "<" { inTag = true; visible.append(" ") } else if character == ">" { inTag = false } else if !inTag { visible.append(character) }
        }
        let ledger = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/example.jsonl", contracts: Fixture.set)
        let lines = try Penalties.report(for: PaymentsTests.contracts, ledger: ledger, asOf: Fixture.day("2026-11-21"), calendar: CalendarLoader.builtin).lines
        #expect(Self.englishWords(visible, identifiers: Self.identifiers(lines)) == [])
        #expect(visible.contains("第1个合同年度第2次重大安全事件：前次 508.80 元递增 50% = 763.20 元"))
        // The same page in English keeps the English sentences.
        let english = try Run(["report", "--lang", "en", "--as-of", "2026-11-21"])
        #expect(english.stdout.contains("the 2nd major incident of contract year 1: the previous 508.80 + 50% = 763.20"))
    }

    @Test("penalties --lang zh: the formulas, events, thresholds and headings have no English word")
    func chineseTable() throws {
        // Unfolded (COLUMNS=1000), so that each quoted note is on one line and is found whole below.
        let run = try Run(["penalties", "--lang", "zh", "--as-of", "2026-11-21"], environment: ["COLUMNS": "1000"])
        #expect(run.code == 0)
        let ledger = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/example.jsonl", contracts: Fixture.set)
        let report = try Penalties.report(for: PaymentsTests.contracts, ledger: ledger, asOf: Fixture.day("2026-11-21"), calendar: CalendarLoader.builtin)
        // The notes quote the contract files' own words (weinan's deductedFrom "unpaid amounts") and
        // cite docs/readings.md; the ledger's names (ecg, records) stand beside their Chinese.
        let notes = Set(report.lines.flatMap { line in line.notes.map { PenaltyWording(.zh).note($0) } })
        let subsystems = report.lines.flatMap { line in line.events.compactMap { event -> String? in
            if case .incident(_, _, let subsystem, _, _) = event { return subsystem }
            return nil
        } }
        var text = run.stdout
        for note in notes { text = text.replacingOccurrences(of: note, with: " ") }
        #expect(Self.englishWords(text, identifiers: Self.identifiers(report.lines) + subsystems) == [])
    }
}
