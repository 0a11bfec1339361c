import Foundation
import Testing
@testable import ContractKit

/// Duties marked done or missed (issue 12; README "`deadlines`"): a
/// `dutyDone` event names a dated duty as `deadlines` does, and a duty past
/// its day that the ledger does not record as done is listed as missed.
/// liyang-2024 Attachment 1 §1.1.2 5 and §1.2.2 1 each ask for an
/// inspection with a report every month, by the month's last day.
@Suite("deadlines: a duty recorded done is done, one past its day and not recorded is missed")
struct DutyDoneTests {
    /// A new ledger holding liyang-2024's duties done, (day, duty) each.
    static func ledger(_ done: [(day: String, duty: String)]) throws -> String {
        let folder = NSTemporaryDirectory() + "duty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/ledger.jsonl"
        for (day, duty) in done {
            let run = try Run(["record", "dutyDone", "--ledger", path, "--contract", "liyang-2024", "--day", day, "--duty", duty])
            #expect(run.code == 0, "\(run.stderr)")
        }
        return path
    }

    static func rows(_ path: String, asOf: String) throws -> [[String: Any]] {
        let run = try Run(["deadlines", "--all", "--contract", "liyang-2024", "--format", "json", "--ledger", path, "--as-of", asOf])
        #expect(run.code == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require(object["deadlines"] as? [[String: Any]])
    }

    static func row(_ rows: [[String: Any]], _ duty: String) -> [String: Any]? {
        rows.first { $0["duty"] as? String == duty }
    }

    @Test("as of 2024-12-01: November's inspection, done 2024-11-29, is done; the video inspection is missed; December's roster (by 2024-12-27) is neither")
    func doneAndMissed() throws {
        let path = try Self.ledger([("2024-11-29", "monthly-inspection.2024-11")])
        let rows = try Self.rows(path, asOf: "2024-12-01")
        let done = try #require(Self.row(rows, "monthly-inspection.2024-11"))
        #expect(done["day"] as? String == "2024-11-30")
        #expect(done["done"] as? String == "done 2024-11-29")
        #expect(done["missed"] as? Bool == false)
        let missed = try #require(Self.row(rows, "video-inspection.2024-11"))
        #expect(missed["done"] is NSNull && missed["missed"] as? Bool == true)
        let roster = try #require(Self.row(rows, "duty-roster.2024-12"))
        #expect(roster["day"] as? String == "2024-12-27" && roster["missed"] as? Bool == false)

        let table = try Run(["deadlines", "--all", "--contract", "liyang-2024", "--ledger", path, "--as-of", "2024-12-01"], environment: ["COLUMNS": "400"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.contains { $0.contains("video-conference") && $0.contains("(2024-11)") && $0.hasSuffix("MISSED") }, "\(table.stdout)")
        #expect(lines.contains { $0.contains("(2024-11)") && $0.hasSuffix("done 2024-11-29") }, "\(table.stdout)")
        let ics = try Run(["deadlines", "--all", "--contract", "liyang-2024", "--format", "ics", "--ledger", path, "--as-of", "2024-12-01"])
        #expect(ics.stdout.contains("SUMMARY:[missed] liyang-2024: inspection of the video-conference"), "\(ics.stdout.prefix(2000))")
    }

    @Test("done late says how late; done after the as-of day does not count yet")
    func lateAndFuture() throws {
        // December's inspection is due 2024-12-31 and done 2025-01-03: 3 days late.
        let path = try Self.ledger([("2025-01-03", "monthly-inspection.2024-12")])
        let late = try #require(Self.row(try Self.rows(path, asOf: "2025-01-10"), "monthly-inspection.2024-12"))
        #expect(late["done"] as? String == "done 2025-01-03 (3 days late)")
        let before = try #require(Self.row(try Self.rows(path, asOf: "2025-01-02"), "monthly-inspection.2024-12"))
        #expect(before["done"] is NSNull && before["missed"] as? Bool == true)
    }

    @Test("a duty is named as deadlines names it: a recurring one with its period, a one-off without; anything else is refused with the duties it has")
    func naming() throws {
        let folder = NSTemporaryDirectory() + "duty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/ledger.jsonl"
        func record(_ contract: String, _ duty: String) throws -> Run {
            try Run(["record", "dutyDone", "--ledger", path, "--contract", contract, "--day", "2024-11-29", "--duty", duty])
        }
        let noPeriod = try record("liyang-2024", "monthly-inspection")
        #expect(noPeriod.code == 65 && noPeriod.stderr.contains("monthly-inspection recurs monthly (附件1 §1.1.2 5); name one occurrence as monthly-inspection.PERIOD"), "\(noPeriod.stderr)")
        let quarter = try record("liyang-2024", "quarterly-inspection.2024-11")
        #expect(quarter.code == 65 && quarter.stderr.contains("e.g. quarterly-inspection.2026Q4"), "\(quarter.stderr)")
        let unknown = try record("liyang-2024", "monthly-inspectoin.2024-11")
        #expect(unknown.code == 65 && unknown.stderr.contains("liyang-2024 has no dated duty \"monthly-inspectoin\"; its dated duties: "), "\(unknown.stderr)")
        // qingpu §7.2.16: the handover, 10 working days after the term ends, is due once.
        let once = try record("qingpu-2026", "handover.2026-10")
        #expect(once.code == 65 && once.stderr.contains("handover is due once (§7.2.16); name it without a period"), "\(once.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
        let handover = try record("qingpu-2026", "handover")
        #expect(handover.code == 0, "\(handover.stderr)")
        // liyang 附件3 §二.11: the annual security report, once a contract year.
        let year = try record("liyang-2024", "annual-security-report.year 1")
        #expect(year.code == 0, "\(year.stderr)")
    }
}
