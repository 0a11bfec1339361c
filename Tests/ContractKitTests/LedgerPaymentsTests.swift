import Testing
import Foundation
@testable import ContractKit

@Suite("Payments driven by recorded events (Readings 1, 7, 8, 9)")
struct LedgerPaymentsTests {
    func lines(_ alias: String, _ events: [String], asOf: String) throws -> [PaymentLine] {
        let (ledger, errors) = Fixture.ledger(events)
        let contract = try #require(Fixture.contract(alias))
        return Payments.lines(for: [contract], ledger: try #require(ledger, "\(errors)"), asOf: Fixture.day(asOf), calendar: CalendarLoader.builtin)
    }

    @Test("minhang §4.2(2): an invoice received 2026-06-15 fixes instalment 1's due date: 30 working days later, 2026-07-28")
    func invoiceFixesDueDate() throws {
        let events = [#"{"contract": "minhang-2026", "type": "invoice", "day": "2026-06-15"}"#]
        // 06-16..18 (3), 06-19 Dragon Boat, 06-22..26 (8), 06-29..07-03 (13), then 5 a week: 07-24 is the 28th, 07-28 the 30th.
        #expect(try lines("minhang-2026", events, asOf: "2026-07-28")[0].dueDate?.description == "2026-07-28")
        #expect(try lines("minhang-2026", events, asOf: "2026-07-28")[0].status == .open)
        let late = try lines("minhang-2026", events, asOf: "2026-07-29")[0]
        #expect(late.status == .overdue && late.daysLate == 1)
    }

    @Test("weinan §三.3: an invoice received after the 7th working day makes the instalment due the day it arrives")
    func lateInvoice() throws {
        let events = [#"{"contract": "weinan-2026", "type": "invoice", "day": "2026-06-10"}"#]
        #expect(try lines("weinan-2026", events, asOf: "2026-06-30")[0].dueDate?.description == "2026-06-10")
    }

    @Test("an unnamed payment pays what is already due first, then what falls due next (Readings 7, minhang §4.4)")
    func allocation() throws {
        // Instalment 1 (due 2025-02-26) is 12 days overdue: §7.3's interest
        // has accrued 490,000 x 12 x 0.05% = 2,940, which the payment covers
        // first (Art. 561); the 0.1% penalty is not in Art. 561's list and is
        // not paid out of it. Then 490,000 of principal; the last
        // 500,000 - 2,940 - 490,000 = 7,060 goes to instalment 2, not yet due.
        let events = [#"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-10", "amount": "500000.00"}"#]
        let result = try lines("liyang-2024", events, asOf: "2025-03-10")
        #expect(result[0].chargesCovered.map(\.amount.plain) == ["2940.00"])
        #expect(result[0].paid.plain == "490000.00" && result[0].status == .paid && result[0].daysLate == 12)
        #expect(result[1].paid.plain == "7060.00" && result[1].status == .partlyPaid)
    }

    @Test("liyang §7.3 with Art. 561: each payment covers accrued interest, not the penalty, before the principal (Readings 7)")
    func interestFirst() throws {
        let events = [
            #"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-08", "amount": "200000.00"}"#,
            #"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-18", "amount": "290000.00"}"#,
        ]
        let first = try lines("liyang-2024", events, asOf: "2025-03-18")[0]
        // 03-08: interest 490,000 x 10 days x 0.05% = 2,450 first; 197,550 principal.
        // 03-18: (197,550 x 10 + 292,450 x 20) x 0.05% = 3,912.25 accrued, less 2,450 covered = 1,462.25;
        // 290,000 - 1,462.25 = 288,537.75 principal; 490,000 - 197,550 - 288,537.75 = 3,912.25 left.
        #expect(first.chargesCovered.map(\.amount.plain) == ["2450.00", "1462.25"])
        #expect(first.payments.map(\.amount.plain) == ["197550.00", "288537.75"])
        #expect(first.outstanding.plain == "3912.25" && first.status == .overdue)
    }

    @Test("a payment naming an instalment pays that one, even while another is overdue (Civil Code Art. 560)")
    func namedPayment() throws {
        let events = [#"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-10", "amount": "100000.00", "instalment": "2"}"#]
        let result = try lines("liyang-2024", events, asOf: "2025-03-10")
        #expect(result[0].paid == .zero && result[0].status == .overdue)
        #expect(result[1].paid.plain == "100000.00")
    }

    @Test("an event dated after the as-of day does not count")
    func asOfFilters() throws {
        let events = [#"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-10", "amount": "490000.00"}"#]
        let result = try lines("liyang-2024", events, asOf: "2025-03-01")
        #expect(result[0].paid == .zero && result[0].daysLate == 3)
    }

    @Test("minhang instalment 2 is not payable when the October average misses 80")
    func conditionNotMet() throws {
        let events = [
            #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "occurrences": {"emergency": {"lateNotice": 5}}}"#,
            #"{"contract": "minhang-2026", "type": "invoice", "day": "2026-10-12", "instalment": "2"}"#,
        ]
        let second = try lines("minhang-2026", events, asOf: "2026-11-01")[1]
        #expect(second.status == .conditionNotMet)
        #expect(second.conditions.contains { $0.state == .notMet && ($0.detail ?? "").contains("75 < 80") })
    }

    @Test("a payment larger than what is outstanding is refused, not carried over (Readings 9)")
    func overpayment() {
        // On 2025-03-10: 980,000 of principal and the §7.3 interest, 12 days on 490,000 at 0.05% = 2,940
        // (the 0.1% penalty is a claim of its own, not covered by a payment: Readings 7).
        let (ledger, errors) = Fixture.ledger([#"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-10", "amount": "982940.01"}"#])
        #expect(ledger == nil)
        #expect(errors.contains { $0.contains("exceeds what is outstanding on liyang-2024, 982,940.00 (with 2,940.00 of accrued interest") })
        let (exact, _) = Fixture.ledger([#"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-10", "amount": "982940.00"}"#])
        #expect(exact != nil)
    }
}

@Suite("Penalty rules, each worked from its clause")
struct PenaltyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var alias: String
        var events: [String]
        var asOf: String
        var rule: String
        /// The amounts of the rule's lines, caps and interest included, in order.
        var amounts: [String]
        var worked: String
        var testDescription: String { "\(alias) \(rule): \(worked)" }
    }

    static let minhangInvoice = #"{"contract": "minhang-2026", "type": "invoice", "day": "2026-06-15", "instalment": "1"}"#

    @Test(arguments: [
        Case(alias: "minhang-2026", events: [minhangInvoice, #"{"contract": "minhang-2026", "type": "payment", "day": "2026-08-22", "amount": "4149000.00", "instalment": "1"}"#],
             asOf: "2026-11-01", rule: "10.2", amounts: ["165960.00"],
             worked: "due 2026-07-28, paid 08-22: 25 days late = 2 whole periods of 10 days; 1% x 8,298,000 x 2"),
        Case(alias: "minhang-2026", events: [minhangInvoice, #"{"contract": "minhang-2026", "type": "payment", "day": "2026-08-06", "amount": "4149000.00", "instalment": "1"}"#],
             asOf: "2026-11-01", rule: "10.2", amounts: ["0.00"],
             worked: "9 days late is no whole period of 10 days: nothing"),
        Case(alias: "minhang-2026", events: [#"{"contract": "minhang-2026", "type": "serviceDelay", "day": "2026-08-03", "days": 3}"#, #"{"contract": "minhang-2026", "type": "serviceDelay", "day": "2026-09-01", "days": 8}"#, #"{"contract": "minhang-2026", "type": "serviceDelay", "day": "2026-10-08", "days": 10}"#],
             asOf: "2026-11-01", rule: "10.3", amounts: ["0.00", "0.00", "82980.00"],
             worked: "§10.3 counts whole periods per delay: 3 and 8 days cost nothing (Readings 10), 10 days 1% x 8,298,000"),
        Case(alias: "weinan-2026", events: [#"{"contract": "weinan-2026", "type": "serviceDelay", "day": "2026-07-01", "days": 20}"#, #"{"contract": "weinan-2026", "type": "serviceDelay", "day": "2026-09-01", "days": 15}"#],
             asOf: "2026-11-01", rule: "13.2-supplier", amounts: ["27800.00", "13900.00"],
             worked: "§十三(二): 0.5% x 278,000 = 1,390 a day, 30 days in all at most: 20 days, then 10 of 15; 41,700 in all"),
        Case(alias: "weinan-2026", events: [#"{"contract": "weinan-2026", "type": "serviceDelay", "day": "2026-09-01", "days": 15}"#, #"{"contract": "weinan-2026", "type": "serviceDelay", "day": "2026-07-01", "days": 20}"#],
             asOf: "2026-11-01", rule: "13.2-supplier", amounts: ["27800.00", "13900.00"],
             worked: "recorded out of order, the 30-day limit of §十三(二) still runs by date: the July delay's 20 days first, then 10 of September's 15"),
        Case(alias: "weinan-2026", events: [#"{"contract": "weinan-2026", "type": "serviceDelay", "day": "2026-07-01", "days": 4, "cause": "buyer"}"#],
             asOf: "2026-11-01", rule: "13.2-supplier", amounts: ["0.00"],
             worked: "a delay the buyer caused costs the supplier nothing (§十三(一))"),
        Case(alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "serviceDelay", "day": "2025-06-02", "days": 6}"#],
             asOf: "2025-12-01", rule: "7.2", amounts: ["58800.00", "-9800.00"],
             worked: "§7.2: 1% x 980,000 x 6 days = 58,800, capped at 5% = 49,000"),
        Case(alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-08", "amount": "200000.00"}"#, #"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-18", "amount": "290000.00"}"#],
             asOf: "2025-03-18", rule: "7.3", amounts: ["7824.50", "3912.25"],
             worked: "§7.3 by parts, principal after the interest only (Art. 561, Readings 7): 197,550 x 10 days + 288,537.75 x 20 + 3,912.25 unpaid x 20 = 7,824,500; x 0.1% and x 0.05%"),
        Case(alias: "liyang-2024", events: [
                #"{"contract": "liyang-2024", "type": "excuse", "cause": "budgetAllocation", "from": "2025-02-27", "to": "2025-03-04", "instalment": "1"}"#,
                #"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-10", "amount": "490000.00", "instalment": "1"}"#],
             asOf: "2025-03-10", rule: "7.3", amounts: ["2940.00", "1470.00"],
             worked: "§7.3 excludes the buyer's budget allocation (Readings 16): 12 days late less the 6 excused (02-27..03-04) = 6; the payment covers interest 490,000 x 6 x 0.05% = 1,470 first, so 488,530 paid 6 days late + 1,470 unpaid 6 days = 490,000 x 6; x 0.1% = 2,940, x 0.05% = 1,470"),
        Case(alias: "liyang-2024", events: [
                #"{"contract": "liyang-2024", "type": "incident", "grade": "specialMajor", "subsystem": "ecg", "occurred": "2025-01-05T09:00+08:00", "resolved": "2025-01-05T09:30+08:00"}"#,
                #"{"contract": "liyang-2024", "type": "incident", "grade": "specialMajor", "subsystem": "ecg", "occurred": "2025-02-05T09:00+08:00", "resolved": "2025-02-05T09:30+08:00"}"#,
                #"{"contract": "liyang-2024", "type": "incident", "grade": "specialMajor", "subsystem": "ecg", "occurred": "2025-03-05T09:00+08:00", "resolved": "2025-03-05T09:30+08:00"}"#],
             asOf: "2025-12-01", rule: "incident-special-major", amounts: ["1968.00", "2952.00", "4428.00"],
             worked: "1% x 196,800 = 1,968, then 50% more than the previous each time: 2,952, 4,428"),
        Case(alias: "liyang-2024", events: [
                #"{"contract": "liyang-2024", "type": "incident", "grade": "specialMajor", "subsystem": "records", "occurred": "2025-01-05T09:00+08:00", "resolved": "2025-01-05T11:00+08:00"}"#],
             asOf: "2025-12-01", rule: "incident-special-major", amounts: ["912.00"],
             worked: "1% x 45,600 = 456, resolved in 2h > 1h: 1% of the fee more = 912"),
        Case(alias: "liyang-2024", events: [
                #"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "ecg", "occurred": "2025-01-05T09:00+08:00", "resolved": "2025-01-05T10:00+08:00"}"#,
                #"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "records", "occurred": "2025-02-05T09:00+08:00", "resolved": "2025-02-05T12:00+08:00"}"#,
                #"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "records", "occurred": "2025-03-05T09:00+08:00", "resolved": "2025-03-05T12:01+08:00"}"#],
             asOf: "2025-12-01", rule: "incident-major", amounts: ["984.00", "1476.00", "4428.00"],
             worked: "the chain runs on the previous amount, across subsystems (Readings 6, 11): 0.5% x 196,800 = 984; 984 + 50% = 1,476, resolved in exactly 3h, not late; 1,476 + 50% = 2,214, resolved in 3h01 > 3h: x 2 = 4,428"),
        Case(alias: "liyang-2024", events: [
                #"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "records", "occurred": "2025-01-10T09:00+08:00", "resolved": "2025-01-10T10:00+08:00"}"#,
                #"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "records", "occurred": "2025-11-28T09:00+08:00", "resolved": "2025-11-28T10:00+08:00"}"#],
             asOf: "2026-01-01", rule: "incident-major", amounts: ["228.00", "342.00"],
             worked: "the anniversary 2025-11-28 closes contract year 1 (Arts. 201-202, Readings 11): a repeat that day costs 228 + 50% = 342"),
        Case(alias: "liyang-2024", events: [
                #"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "records", "occurred": "2025-01-10T09:00+08:00", "resolved": "2025-01-10T10:00+08:00"}"#,
                #"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "records", "occurred": "2025-12-10T09:00+08:00", "resolved": "2025-12-10T10:00+08:00"}"#],
             asOf: "2026-01-01", rule: "incident-major", amounts: ["228.00", "228.00"],
             worked: "a new contract year (from 2025-11-29) starts the count again: 0.5% x 45,600 twice"),
        Case(alias: "liyang-2024", events: [
                #"{"contract": "liyang-2024", "type": "incident", "grade": "fairlyMajor", "subsystem": "records", "occurred": "2025-03-05T20:00+08:00"}"#],
             asOf: "2025-03-05", rule: "incident-fairly-major", amounts: ["91.20"],
             worked: "still open is judged at the end of the as-of day: 4h, within 6h: 0.2% x 45,600"),
        Case(alias: "liyang-2024", events: [
                #"{"contract": "liyang-2024", "type": "incident", "grade": "fairlyMajor", "subsystem": "records", "occurred": "2025-03-05T20:00+08:00"}"#],
             asOf: "2025-03-06", rule: "incident-fairly-major", amounts: ["182.40"],
             worked: "still open at the end of the next day: 28h > 6h, doubled"),
        Case(alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "request", "kind": "ordinary", "received": "2025-05-06T09:00+08:00"}"#],
             asOf: "2025-05-08", rule: "request-no-first-answer", amounts: ["100.00"],
             worked: "no first answer within 24h: ¥100; no agreed time, so no late penalty"),
        Case(alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "request", "kind": "complex", "received": "2025-05-06T09:00+08:00", "firstAnswer": "2025-05-08T09:00+08:00", "agreedDue": "2025-05-20T18:00+08:00", "done": "2025-05-21T10:00+08:00", "complaint": "cityGovernment"}"#],
             asOf: "2025-06-01", rule: "request-late", amounts: ["400.00"],
             worked: "done after the agreed time with a complaint to the city government: ¥200 x 2"),
        Case(alias: "keping-2024", events: [#"{"contract": "keping-2024", "type": "breach", "day": "2025-03-15", "clause": "§3.5", "party": "supplier"}"#],
             asOf: "2025-12-01", rule: "3.5", amounts: ["49800.00"],
             worked: "§3.5's 10% x 498,000 replaces §5.1's 5% (Readings 13)"),
        Case(alias: "keping-2024", events: [#"{"contract": "keping-2024", "type": "breach", "day": "2025-03-15", "clause": "§2.5", "party": "buyer"}"#],
             asOf: "2025-12-01", rule: "5.1", amounts: ["24900.00"],
             worked: "§5.1: either party, 5% of the year's total 498,000 (Readings 3)"),
        Case(alias: "keping-2024", events: [#"{"contract": "keping-2024", "type": "notice", "day": "2025-06-01", "kind": "termination", "party": "buyer", "withoutCause": true}"#],
             asOf: "2025-12-01", rule: "5.2", amounts: ["99600.00"],
             worked: "§5.2: termination without cause, 20% x 498,000"),
        Case(alias: "qingpu-2026", events: [#"{"contract": "qingpu-2026", "type": "breach", "day": "2026-05-01", "clause": "§9.1", "party": "supplier"}"#],
             asOf: "2026-06-01", rule: "9.3", amounts: ["627540.00"],
             worked: "§9.3: 30% of the award 2,091,800, only if the parties cannot agree on the gain or the loss"),
        Case(alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "staffViolation", "day": "2025-10-03", "violation": "noHolidayAnswer", "amount": "300.00"}"#],
             asOf: "2025-12-01", rule: "staff-no-holiday-answer", amounts: ["300.00"],
             worked: "§7(3): an amount the buyer sets within ¥100-300"),
    ])
    func rule(_ c: Case) throws {
        let (ledger, errors) = Fixture.ledger(c.events)
        let contract = try #require(Fixture.contract(c.alias))
        let report = try Penalties.report(for: [contract], ledger: try #require(ledger, "\(errors)"), asOf: Fixture.day(c.asOf), calendar: CalendarLoader.builtin)
        #expect(report.lines.filter { $0.rule == c.rule }.map(\.amount.plain) == c.amounts)
        if c.rule == "3.5" { #expect(!report.lines.contains { $0.rule == "5.1" }) }
        if c.rule == "9.3" { #expect(report.lines.first?.notes.contains { if case .onlyIf = $0 { true } else { false } } == true) }
    }

    @Test("minhang §10.3: the buyer may terminate from the day the delays' penalties reach 10%, in date order, whatever the order recorded")
    func terminationByDateOfDelays() throws {
        // 1% x 8,298,000 per whole 10 days; 10% = 829,800 = 100 days. The delay from 2026-08-01 (100 days) reaches
        // it alone when it ends, 2026-11-09; the one from 2026-10-01, recorded first, comes after it.
        let (ledger, errors) = Fixture.ledger([
            #"{"contract": "minhang-2026", "type": "serviceDelay", "day": "2026-10-01", "days": 10}"#,
            #"{"contract": "minhang-2026", "type": "serviceDelay", "day": "2026-08-01", "days": 100}"#,
        ])
        let contract = try #require(Fixture.contract("minhang-2026"))
        let report = try Penalties.report(for: [contract], ledger: try #require(ledger, "\(errors)"), asOf: Fixture.day("2026-12-31"), calendar: CalendarLoader.builtin)
        let flag = try #require(report.terminations.first { $0.rule == "10.3" })
        #expect(flag.reached && flag.from?.description == "2026-11-09" && flag.party == .buyer)
    }

    @Test("liyang §7.3 moved back 60 years: the day the threshold is reached is found before 1970 too", .timeLimit(.minutes(1)))
    func thresholdBefore1970() throws {
        // Every date of the fixture 60 years earlier (1964 is a leap year as 2024 is). Due 1965-02-26 (90 days
        // after signing); 0.1% x 490,000 = 490 a day reaches 5% x 980,000 = 49,000 after 100 days: 1965-06-06.
        let contract = try RuleModelTests.variant { object in
            let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            let shifted = text.replacing(/"202([4-7])-(\d\d-\d\d)/) { match in "\"196\(match.output.1)-\(match.output.2)" }
            object = ((try? JSONSerialization.jsonObject(with: Data(shifted.utf8))) as? [String: Any]) ?? [:]
        }
        let set = ContractSet(contracts: [contract], folder: fixturesFolder)
        let ledger = try LedgerLoader.parse(#"{"contract": "liyang-2024", "type": "effective", "day": "1964-11-28"}"# + "\n", file: "t.jsonl", contracts: set)
        let report = try Penalties.report(for: [contract], ledger: ledger, asOf: Fixture.day("1965-12-01"), calendar: CalendarLoader.builtin)
        let flag = try #require(report.terminations.first { $0.rule == "7.3" })
        #expect(flag.reached && flag.from?.description == "1965-06-06")
    }

    @Test("minhang §10.2: the supplier may terminate once payments are 100 days overdue in all")
    func terminationByDays() throws {
        let (ledger, errors) = Fixture.ledger([Self.minhangInvoice])
        let contract = try #require(Fixture.contract("minhang-2026"))
        // Due 2026-07-28: 3 days to 07-31, 34 to 08-31, 64 to 09-30, 95 to 10-31, 100 on 11-05.
        let report = try Penalties.report(for: [contract], ledger: try #require(ledger, "\(errors)"), asOf: Fixture.day("2026-11-10"), calendar: CalendarLoader.builtin)
        let flag = try #require(report.terminations.first { $0.rule == "10.2" })
        #expect(flag.reached && flag.from?.description == "2026-11-05" && flag.party == .supplier)
        let before = try Penalties.report(for: [contract], ledger: try #require(ledger), asOf: Fixture.day("2026-11-04"), calendar: CalendarLoader.builtin)
        #expect(before.terminations.first { $0.rule == "10.2" }?.reached == false)
    }
}

@Suite("The ledger refuses events that contradict the terms or earlier events")
struct LedgerRefusalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var lines: [String]
        var message: String
        var why: String
        var testDescription: String { why }
    }

    static let lodged = #"{"contract": "minhang-2026", "type": "guarantee", "day": "2026-11-12", "guarantee": "advance", "action": "lodged"}"#

    @Test(arguments: [
        Case(lines: [#"{"contract": "minhang-2026", "type": "refund", "day": "2026-01-01"}"#], message: "t.jsonl: line 1: $.type: \"refund\": unknown event type", why: "an unknown event type"),
        Case(lines: [#"{"contract": "nowhere", "type": "payment", "day": "2026-01-01", "amount": "1.00"}"#], message: "line 1: $.contract: \"nowhere\": no contract has this id or alias", why: "an unknown contract"),
        Case(lines: [#"{"contract": "liyang-2024", "type": "payment", "day": "2026-01-01", "amount": "1.00", "grade": "major"}"#], message: "line 1: $.grade: a payment event has no \"grade\"", why: "a field the type does not take"),
        Case(lines: [#"{"contract": "liyang-2024", "type": "payment", "day": "2026-01-01"}"#], message: "line 1: $.amount: missing; a payment event needs day, amount", why: "a missing field"),
        Case(lines: [#"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "ecg", "occurred": "2025-03-05T10:00"}"#], message: "with a zone", why: "a time without a zone"),
        Case(lines: [#"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "ecg", "occurred": "2025-03-05T10:00+08:00", "resolved": "2025-03-05T09:00+08:00"}"#], message: "is before the incident occurred", why: "an incident resolved before it occurred"),
        Case(lines: [#"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "cloud", "occurred": "2025-03-05T10:00+08:00"}"#], message: "not a subsystem with a fee", why: "an incident on a line that is not a subsystem"),
        Case(lines: [#"{"contract": "qingpu-2026", "type": "acceptance", "day": "2027-01-20", "stage": "final"}"#, #"{"contract": "qingpu-2026", "type": "acceptance", "day": "2027-01-25", "stage": "final"}"#], message: "line 2: a final acceptance is already recorded (line 1)", why: "a second final acceptance"),
        Case(lines: [#"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30"}"#, #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30"}"#], message: "line 2: the period 2026-07-01 to 2026-09-30 is already scored (line 1)", why: "a period scored twice without supersede"),
        Case(lines: [#"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "supersede": true}"#], message: "no result for the period 2026-07-01 to 2026-09-30 is recorded to replace", why: "supersede with nothing to replace"),
        Case(lines: [#"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30"}"#, #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-09-01", "to": "2026-09-30"}"#], message: "overlaps a period already scored (line 1)", why: "overlapping assessment periods"),
        // 附件2 is scored quarterly: a period from September into October spans two quarters.
        Case(lines: [#"{"contract": "minhang-2026", "type": "assessment", "from": "2026-09-01", "to": "2026-10-31"}"#], message: "$.to: the period 2026-09-01 to 2026-10-31 runs past one calendar quarter; the sheet is scored quarterly (附件2 运维考核表)", why: "an assessment period longer than the sheet's frequency"),
        Case(lines: [#"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "occurrences": {"workOrder": {"late": 1}}}"#], message: "$.occurrences.workOrder: no such category", why: "an unknown assessment category"),
        Case(lines: [#"{"contract": "liyang-2024", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30"}"#], message: "liyang-2024 has no assessment sheet", why: "an assessment for a contract without a sheet"),
        Case(lines: [#"{"contract": "minhang-2026", "type": "guarantee", "day": "2026-11-12", "guarantee": "advance", "action": "released"}"#], message: "guarantee advance cannot be released: it is not recorded as lodged", why: "a guarantee released before it was lodged"),
        Case(lines: [lodged, lodged], message: "guarantee advance is already lodged (line 1)", why: "a guarantee lodged twice"),
        Case(lines: [lodged, #"{"contract": "minhang-2026", "type": "guarantee", "day": "2027-06-01", "guarantee": "advance", "action": "deducted", "amount": "305366.41"}"#], message: "exceeds the 8% the buyer may keep, 305,366.40", why: "a deduction above 8% of the guarantee"),
        Case(lines: [#"{"contract": "liyang-2024", "type": "staffViolation", "day": "2025-10-03", "violation": "noHolidayAnswer", "amount": "350.00"}"#], message: "350.00 is outside 100.00-300.00", why: "a staff penalty outside its range"),
        Case(lines: [#"{"contract": "liyang-2024", "type": "staffViolation", "day": "2025-10-03", "violation": "noHolidayAnswer"}"#], message: "sets 100.00-300.00 case by case, so record the amount set", why: "a ranged staff penalty without its amount"),
        Case(lines: [#"{"contract": "minhang-2026", "type": "invoice", "day": "2026-06-15", "instalment": "1"}"#, #"{"contract": "minhang-2026", "type": "invoice", "day": "2026-06-20", "instalment": "1"}"#], message: "instalment 1 already has an invoice, received 2026-06-15", why: "a second invoice for one instalment"),
        Case(lines: [#"{"contract": "minhang-2026", "type": "signature", "party": "buyer", "day": "2026-06-10"}"#], message: "the contract records the buyer's signature as 2026-06-09", why: "a signature that contradicts the document"),
        Case(lines: [#"{"contract": "minhang-2026", "type": "payment", "day": "2026-07-20", "amount": "4149000.00", "instalment": "3"}"#], message: "minhang-2026 has no such instalment", why: "a payment to an instalment that does not exist"),
        Case(lines: ["{\"contract\": \"minhang-2026\", \"type\": \"payment\",,}"], message: "t.jsonl: line 1: is not valid JSON", why: "a line that is not JSON"),
    ])
    func refused(_ c: Case) {
        let (ledger, errors) = Fixture.ledger(c.lines)
        #expect(ledger == nil)
        #expect(errors.contains { $0.contains(c.message) }, "\(errors)")
    }

    @Test("every refused line of a ledger is reported in one run")
    func collectsAll() {
        let (_, errors) = Fixture.ledger([
            #"{"contract": "nowhere", "type": "payment", "day": "2026-01-01", "amount": "1.00"}"#,
            #"{"contract": "liyang-2024", "type": "payment", "day": "2026-01-01", "amount": "1.00"}"#,
            #"{"contract": "liyang-2024", "type": "refund", "day": "2026-01-01"}"#,
        ])
        #expect(errors.count == 2)
        #expect(errors[0].contains("line 1") && errors[1].contains("line 3"))
    }
}

@Suite("minhang's guarantees (§4.2 notes 1 and 2, Readings 5 and 14)")
struct GuaranteeTests {
    func statuses(scores: [Int], asOf: String) throws -> [GuaranteeStatus] {
        let periods = [("2026-11-01", "2026-12-31"), ("2027-01-01", "2027-03-31"), ("2027-04-01", "2027-05-31")]
        var lines = [
            #"{"contract": "minhang-2026", "type": "guarantee", "day": "2026-10-28", "guarantee": "advance", "action": "lodged"}"#,
            #"{"contract": "minhang-2026", "type": "guarantee", "day": "2026-10-28", "guarantee": "performance", "action": "lodged"}"#,
        ]
        for (period, score) in zip(periods, scores) {
            lines.append(#"{"contract": "minhang-2026", "type": "assessment", "from": "\#(period.0)", "to": "\#(period.1)", "occurrences": {"emergency": {"lateNotice": \#((100 - score) / 5)}}}"#)
        }
        let (ledger, errors) = Fixture.ledger(lines)
        let contract = try #require(Fixture.contract("minhang-2026"))
        return Guarantees.statuses(for: [contract], ledger: try #require(ledger, "\(errors)"), asOf: Fixture.day(asOf), calendar: CalendarLoader.builtin)
    }

    @Test("amounts: 46% and 4% of 8,298,000; 8% of each may be kept")
    func amounts() throws {
        let found = try statuses(scores: [], asOf: "2026-11-21")
        #expect(found.map(\.amount.plain) == ["3817080.00", "331920.00"])
        #expect(found.map { $0.deductible?.plain } == ["305366.40", "26553.60"])
        #expect(found.allSatisfy { $0.state == .lodged && $0.validUntil?.description == "2027-05-31" })
    }

    @Test("the Nov 2026 - May 2027 average reaches 80: they lapse on 2027-05-31")
    func lapse() throws {
        // (85 + 80 + 75) / 3 = 80 exactly.
        let found = try statuses(scores: [85, 80, 75], asOf: "2027-05-31")
        #expect(found.allSatisfy { $0.state == .lapses })
    }

    @Test("below 80: the buyer may deduct 8% of each guarantee")
    func deduct() throws {
        // (80 + 75 + 80) / 3 = 78.33...
        let found = try statuses(scores: [80, 75, 80], asOf: "2027-06-01")
        #expect(found.allSatisfy { $0.state == .deductible })
        #expect(found[0].outcome.contains("305,366.40"))
    }

    @Test("before the window closes nothing is decided")
    func open() throws {
        #expect(try statuses(scores: [60], asOf: "2027-01-15").allSatisfy { $0.state == .lodged })
    }
}
