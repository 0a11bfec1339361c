import Testing
@testable import ContractKit

/// Duties that are neither payments nor notices appear in `deadlines`: the
/// recurring ones once per calendar month or quarter of the term, the ones
/// due a set time after a day on that day's count.
@Suite("Recurring and after-the-end duties in deadlines")
struct DutyDeadlinesTests {
    static func duties(_ alias: String, _ id: String) throws -> [DeadlineItem] {
        let contract = try #require(Fixture.contract(alias))
        return Deadlines.all(for: [contract], ledger: .empty, asOf: Fixture.day("2026-12-01"), calendar: CalendarLoader.builtin)
            .filter { $0.kind == "duty" && $0.uid.hasPrefix("\(alias).duty.\(id)") }
    }

    @Test("liyang §6.2(3) 每季度 preventive inspection: one per calendar quarter of the term 2024-11-28 to 2025-11-28 (§二), the last brought back to the term's end")
    func quarterlyInspection() throws {
        let days = try Self.duties("liyang-2024", "quarterly-inspection").map(\.day)
        #expect(days == ["2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30", "2025-11-28"].map(Fixture.day))
    }

    @Test("liyang 附件1 §1.3.2 1 每月 28 日前 duty roster: by the 27th of each month, from December 2024 (27 November is before the term) to November 2025")
    func monthlyRoster() throws {
        let items = try Self.duties("liyang-2024", "duty-roster")
        #expect(items.count == 12)
        #expect(items.first?.day == Fixture.day("2024-12-27") && items.last?.day == Fixture.day("2025-11-27"))
        #expect(items.allSatisfy { $0.day.day == 27 && $0.clause == "附件1 §1.3.2 1" })
    }

    @Test("qingpu §7.2.16 handover within 10 working days after the term's end, 2027-02-03 (§2.3: a year from the last signature): 2027-02-17, provisional, as the calendar does not cover 2027")
    func handoverAfterTheEnd() throws {
        let items = try Self.duties("qingpu-2026", "handover")
        #expect(items.count == 1)
        // 4, 5, 8-12, 15, 16, 17 February 2027: ten weekdays.
        #expect(items.first?.day == Fixture.day("2027-02-17") && items.first?.provisional == true)
    }

    @Test("a recurrence the engine does not know is refused with its path")
    func unknownRecurrence() throws {
        do {
            _ = try RuleModelTests.variant("liyang-2024") { object in
                var obligations = object["obligations"] as? [[String: Any]] ?? []
                for index in obligations.indices where obligations[index]["id"] as? String == "duty-roster" { obligations[index]["every"] = "weekly" }
                object["obligations"] = obligations
            }
            Issue.record("every: weekly was loaded")
        } catch {
            #expect(error.description.contains("$.obligations[") && error.description.contains(".every"))
        }
    }
}
