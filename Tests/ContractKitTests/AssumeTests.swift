import Foundation
import Testing
@testable import ContractKit

/// `--assume FILE` (issue 14, item 5): what if. Every expected figure is
/// worked out from the contract and docs/readings.md, with the bundled
/// example ledger, Fixtures/ledger/example.jsonl, as the books.
@Suite("--assume: events read after the ledger's, checked as its lines, marked, never written")
struct AssumeTests {
    /// A fresh folder with `files` written in it.
    static func folder(_ files: [String: String]) throws -> String {
        let folder = NSTemporaryDirectory() + "assume-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    /// Every file's bytes under `folder`, by path: to prove nothing was written.
    static func snapshot(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            var directory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &directory), !directory.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            }
        }
        return files
    }

    /// Supersedes minhang-2026's Q3 assessment (ledger lines 34-35, scored
    /// 95) with 2 late work orders and 6 late notices: 附件2 takes 2 x 5 =
    /// 10 (工单处置, within its 10 points) and 6 x 5 = 30 (应急处置, within
    /// its 40), so the quarter scores 100 - 10 - 30 = 60.
    static let lowQ3 = #"{"contract":"minhang-2026","type":"assessment","from":"2026-07-01","to":"2026-09-30","occurrences":{"workOrders":{"late":2},"emergency":{"lateNotice":6}},"supersede":true,"note":"what if the review finds six late notices"}"# + "\n"

    @Test("an assumed Q3 score of 60 flips minhang instalment 2: §4.2(2)'s average to 2026-10-30 becomes (95 + 60) / 2 = 77.5 < 80, not met")
    func minhangFlips() throws {
        let folder = try Self.folder(["q3.jsonl": Self.lowQ3])
        let ledger = packageRoot + "/Fixtures/ledger/example.jsonl"
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let fixtures = try Self.snapshot(packageRoot + "/Fixtures")
        // Without it: the invoice of 2026-10-12 (line 36) makes instalment 2
        // due 2026-10-30 (§4.2(2)); the average of 95 and 95 is met, and
        // nothing is paid by 2026-11-01 (the payment is 2026-11-12, line 37).
        let plain = try Run(["payments", "--contract", "minhang-2026", "--as-of", "2026-11-01"], environment: ["COLUMNS": "1000"])
        #expect(plain.code == 0, "\(plain.stderr)")
        let row = try #require(plain.stdout.split(separator: "\n").first { $0.hasPrefix("minhang-2026  2") })
        #expect(row.contains("overdue (2 days late)") && !row.hasSuffix("*"), "\(row)")

        let table = try Run(["payments", "--contract", "minhang-2026", "--as-of", "2026-11-01", "--assume", folder + "/q3.jsonl"], environment: ["COLUMNS": "1000"])
        #expect(table.code == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        let assumed = try #require(lines.first { $0.hasPrefix("minhang-2026  2") })
        #expect(assumed.contains("condition not met") && assumed.hasSuffix(" *"), "\(assumed)")
        // Instalment 1 (paid 2026-07-20, line 29) does not depend on it: unmarked.
        let first = try #require(lines.first { $0.hasPrefix("minhang-2026  1") })
        #expect(first.contains("paid") && !first.hasSuffix("*"), "\(first)")
        #expect(lines.last == "* assumed (from \(folder)/q3.jsonl), not recorded", "\(table.stdout)")
        #expect(table.stderr.contains("contractctl: note: assuming 1 event from \(folder)/q3.jsonl (not recorded)\n"), "\(table.stderr)")

        let json = try Run(["payments", "--contract", "minhang-2026", "--as-of", "2026-11-01", "--assume", folder + "/q3.jsonl", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(rows.first?["assumed"] == nil)
        #expect(rows.last?["status"] as? String == "condition not met")
        #expect(rows.last?["assumed"] as? Bool == true)

        let scores = try Run(["scores", "--contract", "minhang-2026", "--as-of", "2026-11-01", "--assume", folder + "/q3.jsonl", "--format", "json"])
        #expect(scores.stdout.contains("\"average\": \"77.5\""), "\(scores.stdout)")

        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
        #expect(try Self.snapshot(packageRoot + "/Fixtures") == fixtures)
        #expect(try Self.snapshot(folder) == ["q3.jsonl": Data(Self.lowQ3.utf8)])
    }

    @Test("if we pay liyang 100,000.00 on instalment 2 on 2026-12-15: §7.3 interest first (Reading 7), the rest to the principal")
    func liyangPayment() throws {
        let payment = #"{"contract":"liyang-2024","type":"payment","day":"2026-12-15","amount":"100000.00","instalment":"2"}"#
        let folder = try Self.folder(["pay.jsonl": payment + "\n"])
        // Recorded: 300,000.00 on 2026-03-20 (line 23). Instalment 2 fell due
        // 2026-02-26; 2026-02-27 to 03-13 are excused (line 41, 财政拨款), so
        // it was 7 days late (03-14 to 03-20) and the payment covered 7 x
        // 0.05% x 490,000.00 = 1,715.00 of interest first: 298,285.00 paid,
        // 191,715.00 outstanding. From 2026-03-21 to 2026-12-15 is 270 days
        // (11 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 15): 0.05% x
        // 191,715.00 x 270 = 25,881.525, 25,881.53 half up, then
        // 100,000.00 - 25,881.53 = 74,118.47 of principal.
        let run = try Run(["payments", "--contract", "liyang-2024", "--as-of", "2026-12-20", "--format", "json", "--assume", folder + "/pay.jsonl"])
        #expect(run.code == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let second = try #require(rows.first { $0["instalment"] as? String == "2" })
        #expect(second["paid"] as? String == "372403.47")         // 298,285.00 + 74,118.47
        #expect(second["outstanding"] as? String == "117596.53")  // 191,715.00 - 74,118.47
        #expect(second["status"] as? String == "overdue")
        #expect(second["assumed"] as? Bool == true)
        let covered = try #require(second["chargesCovered"] as? [[String: Any]])
        #expect(covered.last?["amount"] as? String == "25881.53")
        #expect(covered.last?["assumed"] as? Bool == true)
        #expect(covered.first?["assumed"] == nil)
        #expect(rows.first { $0["instalment"] as? String == "1" }?["assumed"] == nil)

        // The table: the row and both totals (487,060.00 + 372,403.47 = 859,463.47) are marked.
        let table = try Run(["payments", "--contract", "liyang-2024", "--as-of", "2026-12-20", "--assume", folder + "/pay.jsonl"], environment: ["COLUMNS": "1000"])
        let marked = table.stdout.split(separator: "\n").filter { $0.hasSuffix(" *") }
        #expect(marked.count == 3, "\(table.stdout)")
        #expect(marked.allSatisfy { $0.contains("372,403.47") || $0.contains("859,463.47") }, "\(table.stdout)")
    }

    @Test("assumed lines are checked as ledger lines: a problem names the assumed file and its own line, exit 65; an assertion too")
    func checked() throws {
        let good = #"{"contract":"liyang-2024","type":"payment","day":"2026-12-15","amount":"100000.00","instalment":"2"}"#
        // Reading 9: 117,596.53 is what is left on instalment 2 after the
        // first line, so 200,000.00 more is refused.
        let tooMuch = #"{"contract":"liyang-2024","type":"payment","day":"2026-12-16","amount":"200000.00","instalment":"2"}"#
        let folder = try Self.folder([
            "over.jsonl": good + "\n\n" + tooMuch + "\n",
            "bad.jsonl": "{\"contract\":\"liyang-2024\",\"type\":\"payment\"\n",
            // Paid to date on instalment 2 as of 2026-12-15, worked out above: 372,403.47.
            "holds.jsonl": good + "\n" + #"{"contract":"liyang-2024","type":"assert","day":"2026-12-15","figure":"paid","amount":"372403.47","instalment":"2"}"# + "\n",
            "fails.jsonl": good + "\n" + #"{"contract":"liyang-2024","type":"assert","day":"2026-12-15","figure":"paid","amount":"398285.00","instalment":"2"}"# + "\n",
        ])
        let over = try Run(["payments", "--assume", folder + "/over.jsonl"], environment: ["COLUMNS": "1000"])
        #expect(over.code == 65)
        #expect(over.stderr.contains("contractctl: error: \(folder)/over.jsonl: line 3"), "\(over.stderr)")
        #expect(over.stdout.isEmpty)
        // Checked exactly as a ledger line: the same lines appended to a copy
        // of the ledger (numbered 57 and 59 there) give the same message.
        let copy = try String(contentsOfFile: packageRoot + "/Fixtures/ledger/example.jsonl", encoding: .utf8) + good + "\n\n" + tooMuch + "\n"
        try copy.write(toFile: folder + "/copy.jsonl", atomically: true, encoding: .utf8)
        let appended = try Run(["payments", "--ledger", folder + "/copy.jsonl", "--fixtures", packageRoot + "/Fixtures/contracts"], environment: ["COLUMNS": "1000"])
        #expect(appended.code == 65)
        let message = { (text: String, prefix: String) in text.components(separatedBy: prefix).dropFirst().first }
        let assumedMessage = try #require(message(over.stderr, "over.jsonl: line 3: "))
        #expect(assumedMessage.contains("Reading 9"))
        #expect(message(appended.stderr, "copy.jsonl: line 59: ") == assumedMessage, "\(appended.stderr)")
        let bad = try Run(["due", "-p", "2026Q4", "--assume", folder + "/bad.jsonl"])
        #expect(bad.code == 65 && bad.stderr.contains("\(folder)/bad.jsonl: line 1"), "\(bad.stderr)")
        let holds = try Run(["payments", "--contract", "liyang-2024", "--as-of", "2026-12-20", "--assume", folder + "/holds.jsonl"], environment: ["COLUMNS": "1000"])
        #expect(holds.code == 0, "\(holds.stderr)")
        let fails = try Run(["payments", "--contract", "liyang-2024", "--as-of", "2026-12-20", "--assume", folder + "/fails.jsonl"], environment: ["COLUMNS": "1000"])
        #expect(fails.code == 1)
        #expect(fails.stderr.contains("\(folder)/fails.jsonl: line 2"), "\(fails.stderr)")
        #expect(fails.stderr.contains("372,403.47"), "\(fails.stderr)")
        let missing = try Run(["payments", "--assume", folder + "/none.jsonl"], environment: ["COLUMNS": "1000"])
        #expect(missing.code == 66, "\(missing.stderr)")
    }

    @Test("an assumed void of line 37 (minhang's 2026-11-12 payment): instalment 2, due 2026-10-30 (§4.2(2)), is 22 days overdue on 2026-11-21; a wrong hash is refused")
    func assumedVoid() throws {
        // The hash line 37 of the example ledger carries ("hash"), as a recorded void names it.
        let void = #"{"contract":"minhang-2026","type":"void","day":"2026-11-20","line":37,"lineHash":"6b34119d12f67eb2851e680f76179d15d9eae5342208e40478c796940a7187bf","reason":"what if it bounced"}"#
        let folder = try Self.folder(["void.jsonl": void + "\n", "wrong.jsonl": void.replacingOccurrences(of: "6b34119d", with: "6b34119e") + "\n"])
        let run = try Run(["payments", "--contract", "minhang-2026", "--as-of", "2026-11-21", "--assume", folder + "/void.jsonl"], environment: ["COLUMNS": "1000"])
        #expect(run.code == 0, "\(run.stderr)")
        // 2026-10-31 to 2026-11-21: 22 days.
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("minhang-2026  2") })
        #expect(row.contains("overdue (22 days late)") && row.hasSuffix(" *"), "\(row)")
        let wrong = try Run(["payments", "--assume", folder + "/wrong.jsonl"], environment: ["COLUMNS": "1000"])
        #expect(wrong.code == 65 && wrong.stderr.contains("\(folder)/wrong.jsonl: line 1: $.lineHash: is not the hash of line 37"), "\(wrong.stderr)")
    }

    @Test("--assume - reads standard input; with --ledger - too it is a usage error")
    func standardInput() throws {
        let folder = try Self.folder(["q3.jsonl": Self.lowQ3])
        let piped = try Run(["/bin/sh", "-c", "\"$0\" payments --contract minhang-2026 --as-of 2026-11-01 --assume - < \"$1\"", Run.binary, folder + "/q3.jsonl"], shell: true, environment: ["COLUMNS": "1000"])
        #expect(piped.code == 0, "\(piped.stderr)")
        #expect(piped.stdout.contains("condition not met"), "\(piped.stdout)")
        #expect(piped.stderr.contains("assuming 1 event from standard input (not recorded)"), "\(piped.stderr)")
        let both = try Run(["payments", "--ledger", "-", "--assume", "-"], environment: ["COLUMNS": "1000"])
        #expect(both.code == 64 && both.stderr.contains("both read standard input"), "\(both.stderr)")
    }

    @Test("the register shows the assumed event after the ledger's lines, marked; the report outlines what changes; --out is written, the ledger not")
    func registerAndReport() throws {
        let folder = try Self.folder(["q3.jsonl": Self.lowQ3])
        let events = try Run(["events", "--contract", "minhang-2026", "--type", "assessment", "--assume", folder + "/q3.jsonl"])
        #expect(events.code == 0, "\(events.stderr)")
        // The example ledger has 56 lines: the assumed one is numbered 57, as if appended.
        let marked = events.stdout.split(separator: "\n").filter { $0.hasSuffix(" *") }
        #expect(marked.first?.drop(while: \.isWhitespace).hasPrefix("57  2026-09-30  minhang-2026  assessment") == true, "\(events.stdout)")
        #expect(!events.stdout.split(separator: "\n").contains { $0.drop(while: \.isWhitespace).hasPrefix("35  ") && $0.hasSuffix(" *") }, "\(events.stdout)")
        let before = try Self.snapshot(packageRoot + "/Fixtures")
        let report = try Run(["report", "--contract", "minhang-2026", "--as-of", "2026-11-01", "--assume", folder + "/q3.jsonl", "--lang", "en", "--out", folder + "/r.html"])
        #expect(report.code == 0 && report.stdout == "wrote \(folder)/r.html\n", "\(report.stderr)")
        let html = try String(contentsOfFile: folder + "/r.html", encoding: .utf8)
        #expect(html.contains("<p class=\"assumed-note\">"))
        // The score table's Q3 row: 60, worked out above.
        #expect(html.split(separator: "\n").contains { $0.hasPrefix("<tr class=\"assumed\">") && $0.contains("<td class=\"num\">60</td>") }, "\(html)")
        #expect(try Self.snapshot(packageRoot + "/Fixtures") == before)
        // --out onto an input, the assumed file included, is refused and writes nothing.
        let onto = try Run(["report", "--assume", folder + "/q3.jsonl", "--out", folder + "/q3.jsonl"])
        #expect(onto.code == 64 && onto.stderr.contains("which report reads"), "\(onto.stderr)")
        #expect(try String(contentsOfFile: folder + "/q3.jsonl", encoding: .utf8) == Self.lowQ3)
    }
}
