import Foundation
import Testing
@testable import ContractKit

/// The terms of issue 12 with a date or money consequence, recorded with
/// their clauses: duties that bind for a time after the term, yearly and
/// monthly duties, duties of either party, remedies (termination rights,
/// refunds, costs) and prices that include tax. Every expected value is
/// worked out from the seed documents and docs/readings.md (Readings 11, 19).
@Suite("Fixture terms: post-term periods, yearly duties, either party, remedies")
struct FixtureTermsTests {
    static func items(_ alias: String, kind: String, _ id: String) throws -> [DeadlineItem] {
        let contract = try #require(Fixture.contract(alias))
        return Deadlines.all(for: [contract], ledger: .empty, asOf: Fixture.day("2026-12-01"), calendar: CalendarLoader.builtin)
            .filter { $0.kind == kind && $0.uid.hasPrefix("\(alias).\(kind).\(id)") }
    }

    @Test("liyang §9.6 confidentiality and §6.1(9) no hiring bind for one year after the term ends 2025-11-28 (§二): to 2026-11-28, a Saturday, not moved")
    func liyangPostTerm() throws {
        for id in ["confidentiality", "no-hiring"] {
            let items = try Self.items("liyang-2024", kind: "duty-ends", id)
            #expect(items.map(\.day) == [Fixture.day("2026-11-28")], "\(id)")
        }
        #expect(try Self.items("liyang-2024", kind: "duty-ends", "no-hiring").first?.clause == "§6.1(9)")
    }

    @Test("minhang §5.2 confidentiality binds either party through the term and two years after its end 2027-06-09 (§2.2): to 2029-06-09")
    func minhangConfidentiality() throws {
        let items = try Self.items("minhang-2026", kind: "duty-ends", "confidentiality")
        #expect(items.map(\.day) == [Fixture.day("2029-06-09")])
        #expect(items.first?.title.contains("(either party)") == true)
    }

    @Test("liyang §9.3 materials returned within [10] days after the term ends 2025-11-28: by 2025-12-08")
    func liyangReturn() throws {
        #expect(try Self.items("liyang-2024", kind: "duty", "return-materials").map(\.day) == [Fixture.day("2025-12-08")])
    }

    @Test("liyang 附件3 §二.11 每年 security report: one contract year (2024-11-29 to 2025-11-28, Reading 11), due 2025-11-28")
    func liyangAnnualReport() throws {
        let items = try Self.items("liyang-2024", kind: "duty", "annual-security-report")
        #expect(items.map(\.day) == [Fixture.day("2025-11-28")])
        #expect(items.first?.title.contains("(year 1)") == true)
    }

    @Test("contract years of a three-year term 2024-01-01..2026-12-31 (keping §1.3 read from 2023-12-31): 2024-12-31, 2025-12-31, 2026-12-31; a 14-month term cut at its end")
    func contractYears() {
        let three = Deadlines.contractYears(from: Fixture.day("2023-12-31"), to: Fixture.day("2026-12-31")).map(\.day)
        #expect(three == ["2024-12-31", "2025-12-31", "2026-12-31"].map(Fixture.day))
        let short = Deadlines.contractYears(from: Fixture.day("2026-06-09"), to: Fixture.day("2027-08-09")).map(\.day)
        #expect(short == ["2027-06-09", "2027-08-09"].map(Fixture.day))
    }

    @Test("liyang 附件1 §1.2.2 1 每月 video-system inspection: one per month of the term, November 2024 to November 2025 (13)")
    func liyangVideoInspection() throws {
        let items = try Self.items("liyang-2024", kind: "duty", "video-inspection")
        #expect(items.count == 13)
        #expect(items.first?.day == Fixture.day("2024-11-30") && items.last?.day == Fixture.day("2025-11-28"))
    }

    @Test("keping §4.4 至少提前 24 小时: the maintenance notice is at least 24 hours ahead, not within 24 hours")
    func kepingMaintenance() throws {
        let keping = try #require(Fixture.contract("keping-2024"))
        let notice = try #require(keping.obligations.first { $0.id == "maintenance-notice" })
        #expect(notice.atLeastHours == 24 && notice.withinHours == nil)
    }

    @Test("either party: minhang §5.2 §6, liyang §10.1, qingpu §11.3, keping §11.1 §11.2 §8.1.1")
    func eitherParty() throws {
        let expected: [String: Set<String>] = [
            "minhang-2026": ["§5.2", "§6"], "liyang-2024": ["§10.1"], "qingpu-2026": ["§11.3"], "keping-2024": ["§11.1", "§11.2", "§8.1.1"],
        ]
        for (alias, clauses) in expected {
            let contract = try #require(Fixture.contract(alias))
            #expect(Set(contract.obligations.filter { $0.party == .either }.map(\.clause)) == clauses, "\(alias)")
        }
    }

    @Test("qingpu §5.1 and weinan §二.2 state the price includes tax")
    func taxIncluded() throws {
        for (alias, clause) in [("qingpu-2026", "§5.1"), ("weinan-2026", "§二.2")] {
            let price = try #require(Fixture.contract(alias)).price
            #expect(price.taxIncluded == true && price.taxClause == clause, "\(alias)")
        }
    }

    @Test("remedies: liyang 附件3 §一.4 pays 90%; §10.3 either may terminate after [30] days; minhang §10.2 after 100 days; keping §8.1.1 over a month, on 15 days' notice")
    func remedies() throws {
        let liyang = try #require(Fixture.contract("liyang-2024"))
        #expect(try liyang.remedies.first { $0.clause == "附件3 §一.4" }?.share == Percent(parsing: "90%"))
        let fm = try #require(liyang.remedies.first { $0.clause == "§10.3" })
        #expect(fm.kind == .terminate && fm.party == .either && fm.lasting?.period == .days(30))
        let minhang = try #require(Fixture.contract("minhang-2026"))
        #expect(minhang.remedies.filter { $0.clause == "§10.2" }.map(\.kind) == [.terminate, .collectionCosts])
        #expect(minhang.remedies.contains { $0.clause == "§10.4" && $0.kind == .noRefund })
        let keping = try #require(Fixture.contract("keping-2024"))
        let termination = try #require(keping.remedies.first { $0.clause == "§8.1.1" })
        #expect(termination.lasting?.period == .months(1) && termination.notice?.period == .days(15))
    }

    @Test("liyang 附件3 §一.5: the buyer may terminate and have the whole price returned; weinan §十四.3: after 120 days of force majeure the parties negotiate, no right to terminate")
    func refundAndNegotiation() throws {
        let liyang = try #require(Fixture.contract("liyang-2024"))
        let refund = try #require(liyang.remedies.first { $0.clause == "附件3 §一.5" })
        // 「甲方有权单方终止合同,并要求乙方返还全部合同价款」
        #expect(refund.kind == .fullRefund && refund.party == .buyer && refund.text.contains("返还全部合同价款"))
        let weinan = try #require(Fixture.contract("weinan-2026"))
        // 「不可抗力事件延续 120 天以上, 双方应通过友好协商, 确定是否继续履行合同」
        let limit = try #require(weinan.remedies.first { $0.clause == "§十四.3" })
        #expect(limit.kind == .negotiate && limit.party == .either && limit.lasting?.period == .days(120))
    }

    @Test("amounts the document leaves to another document are reported as unstated, none invented: qingpu §4.3.1, minhang §10.2, keping §1.3 §5.5, weinan 2.1.2")
    func amountUnstated() throws {
        let expected = ["qingpu-2026": ["§4.3.1"], "minhang-2026": ["§10.2"], "keping-2024": ["§1.3", "§5.5"], "weinan-2026": ["§五(二)2.1.2 2 备注"], "liyang-2024": []]
        for (alias, clauses) in expected {
            let contract = try #require(Fixture.contract(alias))
            let findings = Checks.findings(for: contract, calendar: CalendarLoader.builtin).filter { $0.code == "amount-unstated" }
            #expect(findings.map(\.clause) == clauses, "\(alias)")
            #expect(findings.allSatisfy { $0.severity == .info && $0.message.contains("no amount is applied") })
        }
    }

    @Test("a duty that lasts with no day to count from is refused at load with its path; so is an unknown remedy kind")
    func refusals() throws {
        do {
            _ = try RuleModelTests.variant("liyang-2024") { object in
                var obligations = object["obligations"] as? [[String: Any]] ?? []
                for index in obligations.indices where obligations[index]["id"] as? String == "confidentiality" { obligations[index]["after"] = nil }
                object["obligations"] = obligations
            }
            Issue.record("lasts without after was loaded")
        } catch {
            #expect(error.description.contains("$.obligations[") && error.description.contains(".lasts"))
        }
        do {
            _ = try RuleModelTests.variant("liyang-2024") { object in
                var remedies = object["remedies"] as? [[String: Any]] ?? []
                if !remedies.isEmpty { remedies[0]["kind"] = "compensation" }
                object["remedies"] = remedies
            }
            Issue.record("remedy kind compensation was loaded")
        } catch {
            #expect(error.description.contains("$.remedies[0].kind"))
        }
    }
}
