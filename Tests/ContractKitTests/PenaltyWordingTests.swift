import Foundation
import Testing
@testable import ContractKit

/// Each kind of sentence a penalty line carries, written from its working
/// in both languages. Every expected figure is worked by hand from the
/// clause the case names (the contract texts are quoted in docs/readings.md).
@Suite("Penalty sentences: the working as values, written in Chinese and English")
struct PenaltyWordingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// The clause and the working by hand.
        var worked: String
        var alias: String
        var events: [String]
        var asOf: String
        var rule: String
        /// Which of the rule's lines (interest and cap lines included).
        var index = 0
        /// Keys of the rule removed from the contract file, to vary it.
        var removing: [String] = []
        /// The name of the working's case.
        var kind: String
        var en: String
        var zh: String
        var testDescription: String { "\(alias) \(rule) \(kind): \(worked)" }
    }

    static let minhangInvoice = #"{"contract": "minhang-2026", "type": "invoice", "day": "2026-06-15", "instalment": "1"}"#
    static let weinanInvoice = #"{"contract": "weinan-2026", "type": "invoice", "day": "2026-05-28", "amount": "139000.00"}"#
    static func incident(_ grade: String, _ subsystem: String, _ occurred: String, _ resolved: String? = nil) -> String {
        #"{"contract": "liyang-2024", "type": "incident", "grade": "\#(grade)", "subsystem": "\#(subsystem)", "occurred": "\#(occurred)""#
            + (resolved.map { #", "resolved": "\#($0)"}"# } ?? "}")
    }
    static func request(_ fields: String) -> String { #"{"contract": "liyang-2024", "type": "request", "# + fields + "}" }

    static let cases: [Case] = [
        // The buyer pays late.
        Case(worked: "minhang §10.2: invoiced 06-15, due 2026-07-28 (D4), paid 08-22: 25 days late, 2 whole periods of 10; 1% x 8,298,000.00 x 2 = 165,960.00",
             alias: "minhang-2026", events: [minhangInvoice, #"{"contract": "minhang-2026", "type": "payment", "day": "2026-08-22", "amount": "4149000.00", "instalment": "1"}"#],
             asOf: "2026-11-01", rule: "10.2", kind: "latePayment",
             en: "1% x 8,298,000.00 (§4.1) x 2 whole periods of 10 days (25 days late, 2026-07-28 to 2026-08-22, paid in full; a part period counts nothing) = 165,960.00",
             zh: "1% × 合同总额 8,298,000.00 元（§4.1）× 2 个完整的 10 日周期（逾期 25 天，2026-07-28 至 2026-08-22，已付清；不足 10 日的部分不计）= 165,960.00 元"),
        Case(worked: "weinan §十三(二): due 2026-06-04, unpaid on 06-16: 12 days at 0.5% x 278,000.00 = 1,390.00 a day, 16,680.00",
             alias: "weinan-2026", events: [weinanInvoice], asOf: "2026-06-16", rule: "13.2-buyer", kind: "latePayment",
             en: "0.5% x 278,000.00 (§二.1) x 12 days (12 days late, 2026-06-04 to 2026-06-16, unpaid) = 16,680.00",
             zh: "0.5% × 合同总额 278,000.00 元（§二.1）× 12 天（逾期 12 天，2026-06-04 至 2026-06-16，尚未付清）= 16,680.00 元"),
        Case(worked: "liyang §7.3: due 2025-02-26, paid 03-10, 6 of the 12 days excused (budget allocation); the payment covers interest 1,470.00 first, so 488,530.00 paid and 1,470.00 unpaid, 6 days each; x 0.1%",
             alias: "liyang-2024", events: [
                #"{"contract": "liyang-2024", "type": "excuse", "cause": "budgetAllocation", "from": "2025-02-27", "to": "2025-03-04", "instalment": "1"}"#,
                #"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-10", "amount": "490000.00", "instalment": "1"}"#],
             asOf: "2025-03-10", rule: "7.3", kind: "overdueParts",
             en: "0.1% x (488,530.00 x 6 days + 1,470.00 x 6 days) = 2,940.00",
             zh: "0.1% × (488,530.00 元 × 6 天 + 1,470.00 元 × 6 天) = 2,940.00 元"),
        Case(worked: "liyang §7.3 interest, the same parts x 0.05% = 1,470.00",
             alias: "liyang-2024", events: [
                #"{"contract": "liyang-2024", "type": "excuse", "cause": "budgetAllocation", "from": "2025-02-27", "to": "2025-03-04", "instalment": "1"}"#,
                #"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-10", "amount": "490000.00", "instalment": "1"}"#],
             asOf: "2025-03-10", rule: "7.3", index: 1, kind: "interest",
             en: "0.05% x (488,530.00 x 6 days + 1,470.00 x 6 days) = 1,470.00",
             zh: "利息 0.05% × (488,530.00 元 × 6 天 + 1,470.00 元 × 6 天) = 1,470.00 元"),
        Case(worked: "liyang §7.3 cap: 490,000.00 unpaid 68 days (02-26 to 05-05): penalty 33,320.00 + interest 16,660.00 = 49,980.00 > 5% x 980,000.00 = 49,000.00; the penalty is cut by 980.00",
             alias: "liyang-2024", events: [], asOf: "2025-05-05", rule: "7.3", index: 2, kind: "cap",
             en: "cap: 5% x 980,000.00 (§三) = 49,000.00; penalty and interest together came to 49,980.00: the penalty cut by 980.00, interest not yet paid cut by 0.00",
             zh: "上限：5% × 合同总额 980,000.00 元（§三）= 49,000.00 元；违约金与利息合计 49,980.00 元，核减违约金 980.00 元，核减未付利息 0.00 元"),
        // The supplier serves late.
        Case(worked: "minhang §10.3: a 12-day delay is 1 whole period of 10; 1% x 8,298,000.00 = 82,980.00",
             alias: "minhang-2026", events: [#"{"contract": "minhang-2026", "type": "serviceDelay", "day": "2026-08-03", "days": 12}"#],
             asOf: "2026-11-01", rule: "10.3", kind: "lateService",
             en: "1% x 8,298,000.00 (§4.1) x 1 whole period of 10 days (12 days; a part period counts nothing) = 82,980.00",
             zh: "1% × 合同总额 8,298,000.00 元（§4.1）× 1 个完整的 10 日周期（12 天；不足 10 日的部分不计）= 82,980.00 元"),
        Case(worked: "minhang §10.3: 3 of the 12 days (08-04..08-06) excused by force majeure (Civil Code Art. 590): 9 days, no whole period",
             alias: "minhang-2026", events: [
                #"{"contract": "minhang-2026", "type": "serviceDelay", "day": "2026-08-03", "days": 12}"#,
                #"{"contract": "minhang-2026", "type": "excuse", "cause": "forceMajeure", "from": "2026-08-04", "to": "2026-08-06"}"#],
             asOf: "2026-11-01", rule: "10.3", kind: "lateService",
             en: "1% x 8,298,000.00 (§4.1) x 0 whole periods of 10 days (9 days; 3 days excused; a part period counts nothing) = 0.00",
             zh: "1% × 合同总额 8,298,000.00 元（§4.1）× 0 个完整的 10 日周期（9 天；其中 3 天免责；不足 10 日的部分不计）= 0.00 元"),
        Case(worked: "weinan §十三(二): 30 days in all at most; after 20 days, only 10 of the next 15 count: 10 x 1,390.00 = 13,900.00",
             alias: "weinan-2026", events: [#"{"contract": "weinan-2026", "type": "serviceDelay", "day": "2026-07-01", "days": 20}"#, #"{"contract": "weinan-2026", "type": "serviceDelay", "day": "2026-09-01", "days": 15}"#],
             asOf: "2026-11-01", rule: "13.2-supplier", index: 1, kind: "lateService",
             en: "0.5% x 278,000.00 (§二.1) x 10 days; only 10 of the 15 days count: 30 days in all at most (§十三(二)) = 13,900.00",
             zh: "0.5% × 合同总额 278,000.00 元（§二.1）× 10 天；累计以 30 天为限（§十三(二)），15 天中仅计 10 天 = 13,900.00 元"),
        Case(worked: "liyang §7.2 cap: 6 days x 1% x 980,000.00 = 58,800.00 > 5% = 49,000.00: 9,800.00 off",
             alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "serviceDelay", "day": "2025-06-02", "days": 6}"#],
             asOf: "2025-12-01", rule: "7.2", index: 1, kind: "cap",
             en: "cap: 5% x 980,000.00 (§三) = 49,000.00; the penalty came to 58,800.00: the penalty cut by 9,800.00",
             zh: "上限：5% × 合同总额 980,000.00 元（§三）= 49,000.00 元；违约金合计 58,800.00 元，核减违约金 9,800.00 元"),
        Case(worked: "liyang §7.2 lists 甲方原因: a delay the buyer caused costs nothing",
             alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "serviceDelay", "day": "2025-06-02", "days": 3, "cause": "buyer"}"#],
             asOf: "2025-12-01", rule: "7.2", kind: "excusedDelay",
             en: #"not counted: caused by buyer, excluded by §7.2 ("甲方原因")"#,
             zh: "不计：因甲方原因延误，§7.2 约定除外（“甲方原因”）"),
        Case(worked: "weinan §十三(二) lists only force majeure; a delay the buyer caused is excused by Civil Code Art. 592",
             alias: "weinan-2026", events: [#"{"contract": "weinan-2026", "type": "serviceDelay", "day": "2026-07-01", "days": 4, "cause": "buyer"}"#],
             asOf: "2026-11-01", rule: "13.2-supplier", kind: "excusedDelay",
             en: "not counted: caused by buyer, excused by Civil Code Art. 592 (caused by the other party)",
             zh: "不计：因甲方原因延误，依《民法典》第592条（对方原因）免责"),
        // Incidents (附件1 §5(3)).
        Case(worked: "special major on records: 1% x 45,600.00 = 456.00; resolved in 2h > 1h: 1% of the fee more, 912.00",
             alias: "liyang-2024", events: [incident("specialMajor", "records", "2025-01-05T09:00+08:00", "2025-01-05T11:00+08:00")],
             asOf: "2025-12-01", rule: "incident-special-major", kind: "incident",
             en: "1% x 45,600.00 (病案管理软件系统) = 456.00; resolved in 2h > 1h: + 1% x 45,600.00 = 912.00",
             zh: "1% × 45,600.00 元（病案管理软件系统）= 456.00 元；处置用时 2小时，超过 1 小时：另加 1% × 45,600.00 元，合计 912.00 元"),
        Case(worked: "the 2nd major incident of year 1: 984.00 + 50% = 1,476.00, resolved in exactly 3h, not late",
             alias: "liyang-2024", events: [
                incident("major", "ecg", "2025-01-05T09:00+08:00", "2025-01-05T10:00+08:00"),
                incident("major", "records", "2025-02-05T09:00+08:00", "2025-02-05T12:00+08:00"),
                incident("major", "records", "2025-03-05T09:00+08:00", "2025-03-05T12:01+08:00")],
             asOf: "2025-12-01", rule: "incident-major", index: 1, kind: "incident",
             en: "the 2nd major incident of contract year 1: the previous 984.00 + 50% = 1,476.00; resolved in 3h, within 3h",
             zh: "第1个合同年度第2次重大安全事件：前次 984.00 元递增 50% = 1,476.00 元；处置用时 3小时，未超过 3 小时"),
        Case(worked: "the 3rd: 1,476.00 + 50% = 2,214.00, resolved in 3h01 > 3h: doubled, 4,428.00",
             alias: "liyang-2024", events: [
                incident("major", "ecg", "2025-01-05T09:00+08:00", "2025-01-05T10:00+08:00"),
                incident("major", "records", "2025-02-05T09:00+08:00", "2025-02-05T12:00+08:00"),
                incident("major", "records", "2025-03-05T09:00+08:00", "2025-03-05T12:01+08:00")],
             asOf: "2025-12-01", rule: "incident-major", index: 2, kind: "incident",
             en: "the 3rd major incident of contract year 1: the previous 1,476.00 + 50% = 2,214.00; resolved in 3h1m > 3h: x 2 = 4,428.00",
             zh: "第1个合同年度第3次重大安全事件：前次 1,476.00 元递增 50% = 2,214.00 元；处置用时 3小时1分，超过 3 小时：按 2 倍处罚，计 4,428.00 元"),
        Case(worked: "a fairly major incident still open: judged at the end of 03-06, 28h > 6h: 0.2% x 45,600.00 = 91.20, doubled",
             alias: "liyang-2024", events: [incident("fairlyMajor", "records", "2025-03-05T20:00+08:00")],
             asOf: "2025-03-06", rule: "incident-fairly-major", kind: "incident",
             en: "0.2% x 45,600.00 (病案管理软件系统) = 91.20; resolved in 28h and still open at the end of 2025-03-06 > 6h: x 2 = 182.40",
             zh: "0.2% × 45,600.00 元（病案管理软件系统）= 91.20 元；截至 2025-03-06 日终仍未处置完毕，已历时 28小时，超过 6 小时：按 2 倍处罚，计 182.40 元"),
        Case(worked: "without repeatIncrease, a repeat costs the rate of its own fee again: 0.5% x 45,600.00 = 228.00, 4h > 3h doubled",
             alias: "liyang-2024", events: [
                incident("major", "ecg", "2025-01-05T09:00+08:00", "2025-01-05T10:00+08:00"),
                incident("major", "records", "2025-02-05T09:00+08:00", "2025-02-05T13:00+08:00")],
             asOf: "2025-12-01", rule: "incident-major", index: 1, removing: ["repeatIncrease"], kind: "incident",
             en: "0.5% x 45,600.00 (病案管理软件系统) = 228.00 (the 2nd of contract year 1; the rule states no increase for repeats); resolved in 4h > 3h: x 2 = 456.00",
             zh: "0.5% × 45,600.00 元（病案管理软件系统）= 228.00 元（第1个合同年度第2次；规则未约定递增）；处置用时 4小时，超过 3 小时：按 2 倍处罚，计 456.00 元"),
        Case(worked: "without lateMultiplier, late costs nothing more: 0.5% x 45,600.00 = 228.00",
             alias: "liyang-2024", events: [incident("major", "records", "2025-02-05T09:00+08:00", "2025-02-05T13:00+08:00")],
             asOf: "2025-12-01", rule: "incident-major", removing: ["lateMultiplier"], kind: "incident",
             en: "0.5% x 45,600.00 (病案管理软件系统) = 228.00; resolved in 4h > 3h (the rule states no surcharge)",
             zh: "0.5% × 45,600.00 元（病案管理软件系统）= 228.00 元；处置用时 4小时，超过 3 小时（规则未约定加罚）"),
        Case(worked: "with no time limit (and so no surcharge), the time does not matter: 0.5% x 45,600.00 = 228.00",
             alias: "liyang-2024", events: [incident("major", "records", "2025-02-05T09:00+08:00", "2025-02-05T13:00+08:00")],
             asOf: "2025-12-01", rule: "incident-major", removing: ["resolveWithinHours", "lateMultiplier"], kind: "incident",
             en: "0.5% x 45,600.00 (病案管理软件系统) = 228.00",
             zh: "0.5% × 45,600.00 元（病案管理软件系统）= 228.00 元"),
        Case(worked: "§5(3)(4): a general incident is reported, and costs nothing",
             alias: "liyang-2024", events: [incident("general", "familyDoctor", "2025-09-02T10:00+08:00")],
             asOf: "2025-12-01", rule: "incident-general", kind: "reportOnly",
             en: "report only: general incidents cost nothing (附件1 §5(3)(4))",
             zh: "仅需报告：一般安全事件不罚款（附件1 §5(3)(4)）"),
        // Requests (附件1 §6(4)) and staff (§7).
        Case(worked: "§6(4)(A): an ordinary request unanswered by the end of 05-08, more than 24h: ¥100",
             alias: "liyang-2024", events: [request(#""kind": "ordinary", "received": "2025-05-06T09:00+08:00""#)],
             asOf: "2025-05-08", rule: "request-no-first-answer", kind: "noFirstAnswer",
             en: "no first answer by the end of 2025-05-08 > 24h: 100.00",
             zh: "截至 2025-05-08 日终未作首次答复，超过 24 小时：100.00 元"),
        Case(worked: "§6(4)(A): a complex request first answered after 73h30m, more than 72h: ¥100",
             alias: "liyang-2024", events: [request(#""kind": "complex", "received": "2025-05-06T09:00+08:00", "firstAnswer": "2025-05-09T10:30+08:00""#)],
             asOf: "2025-06-01", rule: "request-no-first-answer", kind: "noFirstAnswer",
             en: "first answer 2025-05-09T10:30:00+08:00, after 73h30m > 72h: 100.00",
             zh: "2025-05-09 10:30 首次答复，历时 73小时30分，超过 72 小时：100.00 元"),
        Case(worked: "§6(4)(B): done after the agreed time: ¥200",
             alias: "liyang-2024", events: [request(#""kind": "complex", "received": "2025-05-06T09:00+08:00", "firstAnswer": "2025-05-08T09:00+08:00", "agreedDue": "2025-05-20T18:00+08:00", "done": "2025-05-21T10:00+08:00""#)],
             asOf: "2025-06-01", rule: "request-late", kind: "requestLate",
             en: "done 2025-05-21T10:00:00+08:00, after the agreed 2025-05-20T18:00:00+08:00: 200.00",
             zh: "2025-05-21 10:00 完成，晚于约定的 2025-05-20 18:00：200.00 元"),
        Case(worked: "§6(4)(B): not done by the end of 05-22, after the agreed 05-20 18:00: ¥200",
             alias: "liyang-2024", events: [request(#""kind": "complex", "received": "2025-05-06T09:00+08:00", "firstAnswer": "2025-05-08T09:00+08:00", "agreedDue": "2025-05-20T18:00+08:00""#)],
             asOf: "2025-05-22", rule: "request-late", kind: "requestLate",
             en: "not done by the end of 2025-05-22, after the agreed 2025-05-20T18:00:00+08:00: 200.00",
             zh: "截至 2025-05-22 日终未完成，晚于约定的 2025-05-20 18:00：200.00 元"),
        Case(worked: "§6(4)(B): a complaint to the city government doubles the ¥200: ¥400",
             alias: "liyang-2024", events: [request(#""kind": "complex", "received": "2025-05-06T09:00+08:00", "firstAnswer": "2025-05-08T09:00+08:00", "agreedDue": "2025-05-20T18:00+08:00", "done": "2025-05-21T10:00+08:00", "complaint": "cityGovernment""#)],
             asOf: "2025-06-01", rule: "request-late", kind: "requestComplaint",
             en: "done 2025-05-21T10:00:00+08:00, after the agreed 2025-05-20T18:00:00+08:00; complaint to cityGovernment: 200.00 x 2 = 400.00",
             zh: "2025-05-21 10:00 完成，晚于约定的 2025-05-20 18:00；被投诉到市委市政府部门：200.00 元 × 2 = 400.00 元"),
        Case(worked: "§6(4)(C): late and disrupting the buyer's work: ¥500 (Reading 12's example)",
             alias: "liyang-2024", events: [request(#""kind": "complex", "received": "2025-07-01T10:00+08:00", "firstAnswer": "2025-07-03T09:00+08:00", "agreedDue": "2025-07-10T18:00+08:00", "done": "2025-07-15T17:00+08:00", "disruptive": true"#)],
             asOf: "2025-08-01", rule: "request-late-disruptive", kind: "requestDisruptive",
             en: "done 2025-07-15T17:00:00+08:00, after the agreed 2025-07-10T18:00:00+08:00, disrupting the buyer's work: 500.00",
             zh: "2025-07-15 17:00 完成，晚于约定的 2025-07-10 18:00，且影响甲方业务开展：500.00 元"),
        Case(worked: "§7 考核措施(2): late for duty, ¥100 a time",
             alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "staffViolation", "day": "2025-05-20", "violation": "lateForDuty"}"#],
             asOf: "2025-12-01", rule: "staff-late-for-duty", kind: "staffViolation",
             en: "100.00", zh: "100.00 元"),
        Case(worked: "§7 考核措施(3): an amount set within ¥100-300",
             alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "staffViolation", "day": "2025-10-03", "violation": "noHolidayAnswer", "amount": "300.00"}"#],
             asOf: "2025-12-01", rule: "staff-no-holiday-answer", kind: "staffViolation",
             en: "300.00, set within 100.00-300.00", zh: "300.00 元（在 100.00-300.00 元之间确定）"),
        // Breaches (Reading 13).
        Case(worked: "keping §3.5: 10% x 498,000.00 = 49,800.00",
             alias: "keping-2024", events: [#"{"contract": "keping-2024", "type": "breach", "day": "2025-03-15", "clause": "§3.5", "party": "supplier"}"#],
             asOf: "2025-12-01", rule: "3.5", kind: "breach",
             en: "10% x 498,000.00 (§二.1) = 49,800.00", zh: "10% × 合同总额 498,000.00 元（§二.1）= 49,800.00 元"),
        Case(worked: "keping §5.2: termination without cause, 20% x 498,000.00 = 99,600.00",
             alias: "keping-2024", events: [#"{"contract": "keping-2024", "type": "notice", "day": "2025-06-01", "kind": "termination", "party": "buyer", "withoutCause": true}"#],
             asOf: "2025-12-01", rule: "5.2", kind: "breach",
             en: "20% x 498,000.00 (§二.1) = 99,600.00", zh: "20% × 合同总额 498,000.00 元（§二.1）= 99,600.00 元"),
        Case(worked: "liyang prices no breach by the buyer of §5: recorded, 0.00",
             alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "breach", "day": "2025-03-15", "clause": "§5", "party": "buyer"}"#],
             asOf: "2025-12-01", rule: "-", kind: "uncoveredBreach",
             en: "no penalty rule covers §5", zh: "违反 §5 无对应的违约金规则"),
    ]

    static func line(_ c: Case) throws -> PenaltyLine {
        var contract = try #require(Fixture.contract(c.alias))
        if !c.removing.isEmpty {
            contract = try RuleModelTests.variant(c.alias) { object in
                var rules = object["penalties"] as? [[String: Any]] ?? []
                for index in rules.indices where rules[index]["id"] as? String == c.rule {
                    for key in c.removing { rules[index][key] = nil }
                }
                object["penalties"] = rules
            }
        }
        let (parsed, errors) = c.events.isEmpty ? (Ledger.empty, []) : Fixture.ledger(c.events)
        let ledger = try #require(parsed, "\(errors)")
        let report = try Penalties.report(for: [contract], ledger: ledger, asOf: Fixture.day(c.asOf), calendar: CalendarLoader.builtin)
        let lines = report.lines.filter { $0.rule == c.rule }
        return try #require(lines.count > c.index ? lines[c.index] : nil, "\(lines.count) lines of \(c.rule)")
    }

    @Test(arguments: cases)
    func sentence(_ c: Case) throws {
        let line = try Self.line(c)
        #expect(line.working.name == c.kind)
        #expect(PenaltyWording(.en).formula(line) == c.en)
        #expect(PenaltyWording(.zh).formula(line) == c.zh)
    }

    @Test("every kind of sentence PenaltyWorking has is covered above")
    func everyKindCovered() {
        let kinds: Set = ["latePayment", "overdueParts", "interest", "cap", "lateService", "excusedDelay", "incident", "reportOnly", "noFirstAnswer",
                          "requestLate", "requestComplaint", "requestDisruptive", "staffViolation", "breach", "uncoveredBreach"]
        #expect(Set(Self.cases.map(\.kind)) == kinds)
    }
}

/// What a line counts and what it notes, and the termination thresholds,
/// in both languages.
@Suite("Penalty events, notes and thresholds, written in Chinese and English")
struct PenaltyEventWordingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var worked: String
        var alias: String
        var events: [String]
        var asOf: String
        var rule: String
        var index = 0
        var en: String
        var zh: String
        var enNotes: String?
        var zhNotes: String?
        var testDescription: String { "\(alias) \(rule): \(worked)" }
    }

    static let liyangExcused = [
        #"{"contract": "liyang-2024", "type": "excuse", "cause": "budgetAllocation", "from": "2025-02-27", "to": "2025-03-04", "instalment": "1"}"#,
        #"{"contract": "liyang-2024", "type": "payment", "day": "2025-03-10", "amount": "490000.00", "instalment": "1"}"#,
    ]

    @Test(arguments: [
        Case(worked: "weinan §三.1: instalment 1 due 2026-06-04 (D4), 139,000.00 unpaid on 06-16: 12 days",
             alias: "weinan-2026", events: [PenaltyWordingTests.weinanInvoice], asOf: "2026-06-16", rule: "13.2-buyer",
             en: "instalment 1 (§三.1) due 2026-06-04: 139,000.00 unpaid as of 2026-06-16, 12 days late",
             zh: "第1期（§三.1）应付日 2026-06-04：139,000.00 元截至 2026-06-16 未付，逾期 12 天"),
        Case(worked: "liyang §7.3 excludes 甲方的财政拨款影响因素: 6 of the 12 days (02-27..03-04, ledger line 1) do not count",
             alias: "liyang-2024", events: liyangExcused, asOf: "2025-03-10", rule: "7.3",
             en: "instalment 1 (§四) due 2025-02-26: 488,530.00 paid 2025-03-10, 6 days late; 1,470.00 unpaid as of 2025-03-10, 6 days late; 6 days excused",
             zh: "第1期（§四）应付日 2025-02-26：488,530.00 元于 2025-03-10 支付，逾期 6 天；1,470.00 元截至 2025-03-10 未付，逾期 6 天；其中 6 天免责",
             enNotes: #"line 1: budgetAllocation 2025-02-27 to 2025-03-04, excluded by §7.3 ("甲方的财政拨款影响因素")"#,
             zhNotes: "台账第1行：2025-02-27 至 2025-03-04 因甲方财政拨款，§7.3 约定除外（“甲方的财政拨款影响因素”）"),
        Case(worked: "liyang §7.3's interest at 0.05% a day; the payment of 03-10 covered the 1,470.00 accrued before the principal (Civil Code Art. 561)",
             alias: "liyang-2024", events: liyangExcused, asOf: "2025-03-10", rule: "7.3", index: 1,
             en: "instalment 1 (§四) due 2025-02-26: 488,530.00 paid 2025-03-10, 6 days late; 1,470.00 unpaid as of 2025-03-10, 6 days late; 6 days excused",
             zh: "第1期（§四）应付日 2025-02-26：488,530.00 元于 2025-03-10 支付，逾期 6 天；1,470.00 元截至 2025-03-10 未付，逾期 6 天；其中 6 天免责",
             enNotes: "interest 0.05% per day on the amount overdue (§7.3); payments covered 1,470.00 on 2025-03-10 of it before the principal (Civil Code Art. 561)",
             zhNotes: "利息按逾期金额每日 0.05% 计收（§7.3）；付款先抵充利息、再抵本金（《民法典》第561条）：2025-03-10 抵充 1,470.00 元"),
        Case(worked: "minhang §10.3 lists no exclusion; force majeure excuses 08-04..08-06 under Civil Code Art. 590",
             alias: "minhang-2026", events: [
                #"{"contract": "minhang-2026", "type": "serviceDelay", "day": "2026-08-03", "days": 12}"#,
                #"{"contract": "minhang-2026", "type": "excuse", "cause": "forceMajeure", "from": "2026-08-04", "to": "2026-08-06"}"#],
             asOf: "2026-11-01", rule: "10.3",
             en: "line 1: 12 days late from 2026-08-03", zh: "台账第1行：自 2026-08-03 起延误 12 天",
             enNotes: "line 2: forceMajeure 2026-08-04 to 2026-08-06, excused by Civil Code Art. 590 (force majeure)",
             zhNotes: "台账第2行：2026-08-04 至 2026-08-06 因不可抗力，依《民法典》第590条（不可抗力）免责"),
        Case(worked: "weinan §十三(二): 「采购人有权从未付款项中……扣除违约金」, recorded in the contract file as deductedFrom, quoted as written",
             alias: "weinan-2026", events: [#"{"contract": "weinan-2026", "type": "serviceDelay", "day": "2026-07-01", "days": 20}"#],
             asOf: "2026-11-01", rule: "13.2-supplier",
             en: "line 1: 20 days late from 2026-07-01", zh: "台账第1行：自 2026-07-01 起延误 20 天",
             enNotes: "taken from unpaid amounts", zhNotes: "扣款来源：unpaid amounts"),
        Case(worked: "附件1 §5(3): an incident names its grade and subsystem (病案管理软件系统)",
             alias: "liyang-2024", events: [PenaltyWordingTests.incident("specialMajor", "records", "2025-01-05T09:00+08:00", "2025-01-05T09:30+08:00")],
             asOf: "2025-12-01", rule: "incident-special-major",
             en: "line 1: specialMajor incident on records, 2025-01-05T09:00:00+08:00",
             zh: "台账第1行：病案管理软件系统（records）特别重大安全事件，发生于 2025-01-05 09:00"),
        Case(worked: "附件1 §6(4)(C) replaces (B) (Reading 12)",
             alias: "liyang-2024", events: [PenaltyWordingTests.request(#""kind": "complex", "received": "2025-07-01T10:00+08:00", "firstAnswer": "2025-07-03T09:00+08:00", "agreedDue": "2025-07-10T18:00+08:00", "done": "2025-07-15T17:00+08:00", "disruptive": true"#)],
             asOf: "2025-08-01", rule: "request-late-disruptive",
             en: "line 1: complex request received 2025-07-01T10:00:00+08:00", zh: "台账第1行：复杂需求，2025-07-01 10:00 提出",
             enNotes: "replaces request-late (docs/readings.md, Reading 12)", zhNotes: "取代 request-late（见 docs/readings.md 解读 12）"),
        Case(worked: "附件1 §7 考核措施(2): 值班人员上班迟到",
             alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "staffViolation", "day": "2025-05-20", "violation": "lateForDuty"}"#],
             asOf: "2025-12-01", rule: "staff-late-for-duty",
             en: "line 1: lateForDuty on 2025-05-20", zh: "台账第1行：2025-05-20 值班人员上班迟到"),
        Case(worked: "keping §3.5 replaces §5.1, not added to it (Reading 13)",
             alias: "keping-2024", events: [#"{"contract": "keping-2024", "type": "breach", "day": "2025-03-15", "clause": "§3.5", "party": "supplier"}"#],
             asOf: "2025-12-01", rule: "3.5",
             en: "line 1: breach of §3.5 by the supplier on 2025-03-15", zh: "台账第1行：乙方于 2025-03-15 违反 §3.5",
             enNotes: "replaces 5.1, not added to it (docs/readings.md, Reading 13)", zhNotes: "取代 5.1，不与之叠加（见 docs/readings.md 解读 13）"),
        Case(worked: "keping §5.2: 「无故终止合同给对方造成损失的」, the condition quoted as the contract file writes it",
             alias: "keping-2024", events: [#"{"contract": "keping-2024", "type": "notice", "day": "2025-06-01", "kind": "termination", "party": "buyer", "withoutCause": true}"#],
             asOf: "2025-12-01", rule: "5.2",
             en: "line 1: termination without cause by the buyer on 2025-06-01", zh: "台账第1行：甲方于 2025-06-01 无故解除合同",
             enNotes: "only if the termination causes the other side a loss", zhNotes: "仅在以下情形适用：the termination causes the other side a loss"),
    ])
    func eventsAndNotes(_ c: Case) throws {
        let line = try PenaltyWordingTests.line(PenaltyWordingTests.Case(worked: c.worked, alias: c.alias, events: c.events, asOf: c.asOf, rule: c.rule, index: c.index,
                                                                          kind: "", en: "", zh: ""))
        #expect(PenaltyWording(.en).events(line) == c.en)
        #expect(PenaltyWording(.zh).events(line) == c.zh)
        #expect(PenaltyWording(.en).notes(line) == c.enNotes)
        #expect(PenaltyWording(.zh).notes(line) == c.zhNotes)
    }

    @Test("a note no bundled rule produces, and the cap a cap line names (liyang §7.3)")
    func notesByValue() throws {
        #expect(PenaltyWording(.en).note(.interestOnOverdueOnly) == "interest is charged on the amount overdue only")
        #expect(PenaltyWording(.zh).note(.interestOnOverdueOnly) == "利息仅按逾期金额计收")
        let notListed = PenaltyNote.notExcused(line: 3, cause: .buyer, from: Fixture.day("2025-02-27"), to: Fixture.day("2025-03-04"), clause: "§7.3")
        #expect(PenaltyWording(.en).note(notListed) == "line 3 records buyer 2025-02-27 to 2025-03-04, but §7.3 lists no such exclusion; those days count")
        #expect(PenaltyWording(.zh).note(notListed) == "台账第3行记载 2025-02-27 至 2025-03-04 因甲方原因，但 §7.3 未约定此项除外，该期间照计")
        // 490,000.00 unpaid 68 days: penalty and interest come to 49,980.00, over §7.3's 5% of 980,000.00.
        let cap = try #require(try PenaltyWordingTests.line(PenaltyWordingTests.cases[4]).cap)
        #expect(PenaltyWording(.en).cap(cap) == "5% of the total (§7.3)")
        #expect(PenaltyWording(.zh).cap(cap) == "合同总额的 5%（§7.3）")
    }

    struct Threshold: CustomTestStringConvertible, Sendable {
        var worked: String
        var alias: String
        var events: [String]
        var asOf: String
        var rule: String
        var en: [String]
        var zh: [String]
        var testDescription: String { "\(alias) \(rule): \(worked)" }
    }

    @Test(arguments: [
        Threshold(worked: "minhang §10.2: due 2026-07-28, unpaid: 3 + 31 + 30 + 31 = 95 days on 10-31, 100 on 11-05, 105 on 11-10",
                  alias: "minhang-2026", events: [PenaltyWordingTests.minhangInvoice], asOf: "2026-11-10", rule: "10.2",
                  en: ["100 days overdue in all", "yes, from 2026-11-05", "105 days overdue in all as of 2026-11-10"],
                  zh: ["累计逾期 100 天", "是，自 2026-11-05 起", "截至 2026-11-10 累计逾期 105 天"]),
        Threshold(worked: "liyang §7.2: 6 days from 2025-06-02 at 9,800.00 a day = 58,800.00, past 5% of 980,000.00 = 49,000.00 when the delay ends, 06-08",
                  alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "serviceDelay", "day": "2025-06-02", "days": 6}"#], asOf: "2025-12-01", rule: "7.2",
                  en: ["penalties reach 5% of the total, 49,000.00", "yes, from 2025-06-08", "penalties 58,800.00 as of 2025-12-01"],
                  zh: ["违约金达到合同总额的 5%，即 49,000.00 元", "是，自 2025-06-08 起", "截至 2025-12-01 违约金 58,800.00 元"]),
        Threshold(worked: "liyang §7.3: 490,000.00 unpaid 30 days at 0.1% = 14,700.00, short of 49,000.00; interest does not count",
                  alias: "liyang-2024", events: [#"{"contract": "liyang-2024", "type": "effective", "day": "2024-11-28"}"#], asOf: "2025-03-28", rule: "7.3",
                  en: ["penalties reach 5% of the total, 49,000.00", "no", "penalties (without interest) 14,700.00 as of 2025-03-28"],
                  zh: ["违约金达到合同总额的 5%，即 49,000.00 元", "否", "截至 2025-03-28 违约金（不含利息）14,700.00 元"]),
    ])
    func thresholds(_ c: Threshold) throws {
        let (ledger, errors) = Fixture.ledger(c.events)
        let contract = try #require(Fixture.contract(c.alias))
        let report = try Penalties.report(for: [contract], ledger: try #require(ledger, "\(errors)"), asOf: Fixture.day(c.asOf), calendar: CalendarLoader.builtin)
        let flag = try #require(report.terminations.first { $0.rule == c.rule })
        for (language, expected) in [(Language.en, c.en), (.zh, c.zh)] {
            let words = PenaltyWording(language)
            #expect([words.threshold(flag), words.reached(flag), words.progress(flag)] == expected)
        }
    }
}
