import Foundation
import Testing
@testable import ContractKit

/// The rule model: every number of a rule comes from the fixture, a term the
/// engine cannot honour is refused with its path, conditions gate payment,
/// and no figure a ledger drives can trap or turn into 0.00.
@Suite("Rules are data: a sixth contract varies them, an unknown term is refused")
struct RuleModelTests {
    /// liyang-2024's fixture with `edit` applied to its JSON, loaded as a new contract.
    static func variant(_ alias: String = "liyang-2024", _ edit: (inout [String: Any]) -> Void) throws(LoadErrors) -> Contract {
        let path = packageRoot + "/Fixtures/contracts/\(alias).json"
        let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
        var object = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]) ?? [:]
        edit(&object)
        let edited = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return try ContractLoader.decode(edited, file: "sixth.json")
    }

    static func setRule(_ object: inout [String: Any], id: String, _ key: String, _ value: Any) {
        var rules = object["penalties"] as? [[String: Any]] ?? []
        for index in rules.indices where rules[index]["id"] as? String == id { rules[index][key] = value }
        object["penalties"] = rules
    }

    static let twoMajor = [
        #"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "ecg", "occurred": "2025-01-05T09:00+08:00", "resolved": "2025-01-05T10:00+08:00"}"#,
        #"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "records", "occurred": "2025-02-05T09:00+08:00", "resolved": "2025-02-05T13:00+08:00"}"#,
    ]

    func penalties(_ contract: Contract, _ events: [String], asOf: String) throws -> PenaltyReport {
        let (ledger, errors) = Fixture.ledger(events)
        return try Penalties.report(for: [contract], ledger: try #require(ledger, "\(errors)"), asOf: Fixture.day(asOf), calendar: CalendarLoader.builtin)
    }

    @Test("a 20% escalation and a lateness multiplier of 3 come from the fixture, not from Swift (attachment 1 §5(3) varied)")
    func escalationFromTheFixture() throws {
        let contract = try Self.variant {
            Self.setRule(&$0, id: "incident-major", "repeatIncrease", "20%")
            Self.setRule(&$0, id: "incident-major", "lateMultiplier", "3")
        }
        // 0.5% x 196,800 = 984.00; the repeat: 984.00 + 20% = 1,180.80, resolved in 4h > 3h: x 3 = 3,542.40.
        let lines = try penalties(contract, Self.twoMajor, asOf: "2025-12-01").lines.filter { $0.rule == "incident-major" }
        #expect(lines.map(\.amount.plain) == ["984.00", "3542.40"])
        let repeated = try #require(lines.last)
        guard case .incident(let charge) = repeated.working else { Issue.record("not an incident's working: \(repeated.working)"); return }
        #expect(charge.step == .repeated(previous: Money(fen: 98_400), increase: try Percent(parsing: "20%")))
        #expect(charge.resolution == .late(hours: 3, took: .init(seconds: 4 * 3600, openAt: nil), .multiplier(try Quantity(parsing: "3"))))
    }

    @Test("a reversed payer is honoured: the request rule's payer decides who owes (attachment 1 §6(4) varied)")
    func payerFromTheFixture() throws {
        let contract = try Self.variant { Self.setRule(&$0, id: "request-no-first-answer", "payer", "buyer") }
        let events = [#"{"contract": "liyang-2024", "type": "request", "kind": "ordinary", "received": "2025-05-06T09:00+08:00"}"#]
        let report = try penalties(contract, events, asOf: "2025-05-08")
        #expect(report.lines.filter { $0.rule == "request-no-first-answer" }.map(\.payer) == [.buyer])
        #expect(!report.lines.contains { $0.rule == "request-no-first-answer" && $0.payer == .supplier })
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        var alias: String
        var rule: String
        var key: String
        var value: String
        var path: String
        var testDescription: String { "\(alias) \(rule).\(key) = \(value) is refused at \(path)" }
    }

    @Test(arguments: [
        Refusal(alias: "minhang-2026", rule: "10.2", key: "per", value: #"{"months": 1}"#, path: "$.penalties[0].per.months"),
        Refusal(alias: "liyang-2024", rule: "request-late", key: "trigger", value: #""lateDOne""#, path: "$.penalties[7].trigger"),
        Refusal(alias: "liyang-2024", rule: "incident-major", key: "base", value: #""subsystemFee""#, path: "$.penalties[3].base"),
        Refusal(alias: "liyang-2024", rule: "7.3", key: "coveredBeforePrincipal", value: "true", path: "$.penalties[1].coveredBeforePrincipal"),
        Refusal(alias: "liyang-2024", rule: "7.2", key: "exclusions", value: #"[{"cause": "strike", "text": "罢工"}]"#, path: "$.penalties[0].exclusions[0].cause"),
    ])
    func unknownTermIsRefused(_ c: Refusal) throws {
        let value = try JSONSerialization.jsonObject(with: Data(c.value.utf8), options: .fragmentsAllowed)
        #expect(throws: LoadErrors.self) { try Self.variant(c.alias) { Self.setRule(&$0, id: c.rule, c.key, value) } }
        do {
            _ = try Self.variant(c.alias) { Self.setRule(&$0, id: c.rule, c.key, value) }
        } catch {
            #expect(error.errors.contains { $0.description.hasPrefix("sixth.json: \(c.path):") }, "\(error.errors.map(\.description))")
        }
    }

    @Test("minhang §4.2(2) with the October average at 75: instalment 2 has no due date and accrues no §10.2 penalty (Reading 15)")
    func failedConditionAccruesNothing() throws {
        let contract = try #require(Fixture.contract("minhang-2026"))
        let events = [
            #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "occurrences": {"emergency": {"lateNotice": 5}}}"#,
            #"{"contract": "minhang-2026", "type": "invoice", "day": "2026-10-12", "instalment": "2"}"#,
        ]
        let (ledger, _) = Fixture.ledger(events)
        let loaded = try #require(ledger)
        let second = try #require(Payments.lines(for: [contract], ledger: loaded, asOf: Fixture.day("2026-12-31"), calendar: CalendarLoader.builtin).last)
        #expect(second.status == .conditionNotMet && second.dueDate == nil && second.earliestDueDate == nil && second.daysLate == nil)
        let report = try penalties(contract, events, asOf: "2026-12-31")
        #expect(!report.lines.contains { $0.rule == "10.2" && $0.events.contains { $0.instalmentID == "2" } })
        // Instalment 1 waits on its own invoice, so nothing is overdue and §10.2's 100 days are not reached.
        #expect(report.terminations.first { $0.rule == "10.2" }?.reached == false)
    }

    @Test("minhang instalment 2 with no assessment recorded is conditional: not due, no §10.2 penalty (Readings 8, 15)")
    func undeterminedAccruesNothing() throws {
        let contract = try #require(Fixture.contract("minhang-2026"))
        let events = [#"{"contract": "minhang-2026", "type": "invoice", "day": "2026-10-12", "instalment": "2"}"#]
        let (ledger, _) = Fixture.ledger(events)
        let loaded = try #require(ledger)
        let second = try #require(Payments.lines(for: [contract], ledger: loaded, asOf: Fixture.day("2026-12-31"), calendar: CalendarLoader.builtin).last)
        #expect(second.status == .conditional && second.dueDate == nil)
        let report = try penalties(contract, events, asOf: "2026-12-31")
        #expect(!report.lines.contains { $0.rule == "10.2" && $0.events.contains { $0.instalmentID == "2" } })
    }

    @Test("77 major incidents in a year drive the chain past what can be represented: an error naming the rule and the line, never a trap or 0.00")
    func overflowIsAnError() throws {
        let contract = try #require(Fixture.contract("liyang-2024"))
        let events = (0..<77).map { k in
            #"{"contract": "liyang-2024", "type": "incident", "grade": "major", "subsystem": "ecg", "occurred": "2025-01-\#(String(format: "%02d", 1 + k / 20))T\#(String(format: "%02d", k % 20)):00+08:00", "resolved": "2025-01-\#(String(format: "%02d", 1 + k / 20))T\#(String(format: "%02d", k % 20)):30+08:00"}"#
        }
        let (ledger, errors) = Fixture.ledger(events)
        let loaded = try #require(ledger, "\(errors)")
        #expect(throws: ComputationError.self) {
            _ = try Penalties.report(for: [contract], ledger: loaded, asOf: Fixture.day("2025-12-01"), calendar: CalendarLoader.builtin)
        }
        do {
            _ = try Penalties.report(for: [contract], ledger: loaded, asOf: Fixture.day("2025-12-01"), calendar: CalendarLoader.builtin)
        } catch {
            #expect(error.rule == "incident-major" && error.ledgerLines == [77])
        }
    }

    @Test("record refuses an occurrence count no period can hold, and the event that would make a figure unrepresentable; the ledger is left as it was")
    func recordKeepsEveryLedgerComputable() throws {
        let path = NSTemporaryDirectory() + "rules-\(UUID().uuidString).jsonl"
        try "".write(toFile: path, atomically: true, encoding: .utf8)
        let huge = try Run(["record", "assessment", "--ledger", path, "--contract", "minhang-2026", "--from", "2026-07-01", "--to", "2026-09-30",
                            "--additional", "praise=1000000000000000000"])
        #expect(huge.code == 65 && huge.stderr.contains("$.additional.praise: 1000000000000000000: expected a count of occurrences in one period, 0 to 10000"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).isEmpty)
        for k in 0..<76 {
            let time = String(format: "2025-01-%02dT%02d", 1 + k / 20, k % 20)
            let run = try Run(["record", "incident", "--ledger", path, "--contract", "liyang-2024", "--grade", "major", "--subsystem", "ecg",
                               "--occurred", "\(time):00+08:00", "--resolved", "\(time):30+08:00"])
            try #require(run.code == 0, "\(run.stderr)")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let last = try Run(["record", "incident", "--ledger", path, "--contract", "liyang-2024", "--grade", "major", "--subsystem", "ecg",
                            "--occurred", "2025-01-04T16:00+08:00", "--resolved", "2025-01-04T16:30+08:00"])
        #expect(last.code == 65 && last.stderr.contains("rule incident-major") && last.stderr.contains("nothing was recorded"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let penalties = try Run(["penalties", "--ledger", path, "--contract", "liyang-2024", "--as-of", "2025-12-01"])
        #expect(penalties.code == 0)
    }
}

/// Terms the first version loaded and did not honour, found by the
/// figure-coverage test: each now changes the figure it should.
@Suite("Thresholds, the general breach rule and the sheet's range are honoured")
struct HonouredTermsTests {
    static let q3 = #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "occurrences": {"workOrders": {"late": 3}}}"#
    static let q2 = #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-06-10", "to": "2026-06-30", "occurrences": {"hardening": {"late": 1}}}"#

    @Test("§4.2(2): the condition's own atLeast decides, not only the window's: a mean of 92.5 meets 92.5 and misses 95")
    func conditionThreshold() throws {
        // June: 100 - 5 = 95; Q3: 100 - 10 (3 x 5 = 15, capped at workOrders' 10) = 90; mean 92.5.
        let (ledger, errors) = Fixture.ledger([Self.q2, Self.q3])
        let ledgerValue = try #require(ledger, "\(errors)")
        func state(_ atLeast: String) throws -> PaymentLine.ConditionState.State? {
            let contract = try RuleModelTests.variant("minhang-2026") { object in
                var instalments = object["instalments"] as? [[String: Any]] ?? []
                var conditions = instalments[1]["conditions"] as? [[String: Any]] ?? []
                conditions[0]["atLeast"] = atLeast
                instalments[1]["conditions"] = conditions
                object["instalments"] = instalments
            }
            let lines = Payments.lines(for: [contract], ledger: ledgerValue, asOf: Fixture.day("2026-11-01"), calendar: CalendarLoader.builtin)
            return lines.first { $0.instalment == "2" }?.conditions.first { $0.condition.contains("average") }?.state
        }
        #expect(try state("92.5") == .met)
        #expect(try state("95") == .notMet)
    }

    @Test("§4.2 说明 1: the guarantee release's own atLeast decides; 说明 2: below it the buyer may keep 8%")
    func releaseThreshold() throws {
        let q4 = #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-10-01", "to": "2026-12-31", "occurrences": {"operations": {"failure": 2}}}"#
        let lodged = #"{"contract": "minhang-2026", "type": "guarantee", "day": "2026-11-12", "guarantee": "advance", "action": "lodged"}"#
        let (ledger, errors) = Fixture.ledger([lodged, q4])
        let ledgerValue = try #require(ledger, "\(errors)")
        // Q4: 100 - 2 x 5 = 90, the window's only period.
        func state(_ atLeast: String) throws -> GuaranteeStatus.State? {
            let contract = try RuleModelTests.variant("minhang-2026") { object in
                var guarantees = object["guarantees"] as? [[String: Any]] ?? []
                var release = guarantees[0]["release"] as? [String: Any] ?? [:]
                release["atLeast"] = atLeast
                guarantees[0]["release"] = release
                object["guarantees"] = guarantees
            }
            return Guarantees.statuses(for: [contract], ledger: ledgerValue, asOf: Fixture.day("2027-06-01"), calendar: CalendarLoader.builtin).first?.state
        }
        #expect(try state("80") == .lapses)
        #expect(try state("91") == .deductible)
    }

    @Test("keping §5.1 is the general rule by its term \"general\": without it, a breach of §4.4 is priced by no rule")
    func generalRule() throws {
        let breach = #"{"contract": "keping-2024", "type": "breach", "day": "2025-08-01", "clause": "§4.4", "party": "supplier"}"#
        let (ledger, errors) = Fixture.ledger([breach])
        let ledgerValue = try #require(ledger, "\(errors)")
        let keping = try #require(Fixture.contract("keping-2024"))
        // 5% x 498,000.00 (§二.1) = 24,900.00.
        let general = try Penalties.report(for: [keping], ledger: ledgerValue, asOf: Fixture.day("2025-12-31"), calendar: CalendarLoader.builtin)
        #expect(general.lines.map(\.rule) == ["5.1"] && general.lines.map(\.amount.plain) == ["24900.00"])
        do {
            _ = try RuleModelTests.variant("keping-2024") { RuleModelTests.setRule(&$0, id: "5.1", "general", false) }
            Issue.record("3.5 replaces 5.1, which is no longer general: the load should refuse it")
        } catch {
            #expect(error.description.contains("$.penalties[1].replaces"))
        }
    }

    @Test("附件2 note: a total over 100 is held to 100 and one under 0 to 0, from the sheet's maximum and minimum")
    func sheetRange() throws {
        let high = #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "additional": {"praise": 2}}"#
        let low = #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-10-01", "to": "2026-12-31", "additional": {"securityIncident": 11}}"#
        let (ledger, errors) = Fixture.ledger([high, low])
        let ledgerValue = try #require(ledger, "\(errors)")
        let minhang = try #require(Fixture.contract("minhang-2026"))
        let history = History(contractID: minhang.id, ledger: ledgerValue, asOf: nil)
        // 100 + 2 x 10 = 120 -> 100; 100 - 11 x 10 = -10 -> 0.
        #expect(Scores.periods(for: minhang, history: history).map(\.total) == [100, 0])
        let wider = try RuleModelTests.variant("minhang-2026") { object in
            var sheet = object["assessment"] as? [String: Any] ?? [:]
            sheet["maximum"] = 110
            sheet["minimum"] = -5
            object["assessment"] = sheet
        }
        #expect(Scores.periods(for: wider, history: history).map(\.total) == [110, -5])
    }

    @Test("附件2 附加项: the -30 data-leak item is not worded per occurrence (perOccurrence: false), so two leaks in a quarter cost 30, not 60")
    func notPerOccurrence() throws {
        let q3 = #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "additional": {"dataLeak": 2, "securityIncident": 2}}"#
        let (ledger, errors) = Fixture.ledger([q3])
        let ledgerValue = try #require(ledger, "\(errors)")
        let minhang = try #require(Fixture.contract("minhang-2026"))
        let score = try #require(Scores.periods(for: minhang, history: History(contractID: minhang.id, ledger: ledgerValue, asOf: nil)).first)
        // 100 - 30 (data leak, once) - 2 x 10 (security incidents, each "每发生一次") = 50.
        #expect(score.total == 50)
        #expect(score.arithmetic.contains("dataLeak: 2 recorded, counted once a period: not per occurrence"))
    }

    @Test("a notice due 5 working days before keping's term end (§1.3: 2026-12-31) is counted on the calendar in use, not the bundled one")
    func noticeOnTheCalendarInUse() throws {
        let contract = try RuleModelTests.variant("keping-2024") { object in
            var obligations = object["obligations"] as? [[String: Any]] ?? []
            for index in obligations.indices where obligations[index]["id"] as? String == "non-renewal-notice" {
                obligations[index]["atLeast"] = ["workingDays": 5]
            }
            object["obligations"] = obligations
        }
        func notice(_ calendar: WorkCalendar) -> DeadlineItem? {
            Deadlines.all(for: [contract], ledger: .empty, asOf: Fixture.day("2026-12-01"), calendar: calendar)
                .first { $0.kind == "notice" && $0.uid.hasPrefix("keping-2024.notice.non-renewal-notice") }
        }
        // The bundled calendar has no holiday in late December 2026: 30, 29, 28, 25, 24 December.
        let bundled = try #require(notice(CalendarLoader.builtin))
        #expect(bundled.day == Fixture.day("2026-12-24") && !bundled.provisional)
        // A calendar that declares Monday 28 December a holiday: 30, 29, 25, 24, 23 December.
        var year = WorkCalendar.Year()
        year.holidays[Fixture.day("2026-12-28").dayNumber] = "a holiday of this test's calendar"
        let custom = try #require(notice(WorkCalendar(years: [2026: year])))
        #expect(custom.day == Fixture.day("2026-12-23") && !custom.provisional)
        // A calendar that does not cover 2026 counts weekends only, and says the day is provisional.
        let uncovered = try #require(notice(WorkCalendar(years: [:])))
        #expect(uncovered.day == Fixture.day("2026-12-24") && uncovered.provisional)
    }
}

extension PenaltyEvent {
    /// The instalment a late-payment event is about.
    var instalmentID: String? {
        if case .instalment(let delay) = self { return delay.instalment }
        return nil
    }
}
