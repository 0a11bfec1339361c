import Foundation
import Testing
@testable import ContractKit

/// The checks on facts about the document (docs/readings.md, Reading 18):
/// a reference to an attachment or guarantee the contract does not have, an
/// entry listed twice, one service counted in two units, a guarantee that
/// ends before the term, and a year named for a term that runs outside it.
/// Every expected value is worked out from the seed documents.
@Suite("check: references, repeats, guarantee cover and named years")
struct DocumentChecksTests {
    static func findings(_ alias: String) throws -> [Finding] {
        let contract = try #require(Fixture.contract(alias))
        return Checks.findings(for: contract, calendar: CalendarLoader.builtin)
    }

    @Test("keping §1.1, §1.2, §3.1 refer to 合同附件; the document attaches nothing (its §12.4 says attachments exist)")
    func kepingAttachments() throws {
        let absent = try Self.findings("keping-2024").filter { $0.code == "reference-absent" }
        #expect(absent.map(\.clause) == ["§1.1", "§1.2", "§3.1"])
        #expect(absent.allSatisfy { $0.severity == .warning && $0.message.contains("合同附件") && $0.message.contains("attaches nothing") })
    }

    @Test("qingpu §8.1.2 《保密协议》 and §8.2.1 《廉洁协议》 are to be signed as attachments and are not attached")
    func qingpuAgreements() throws {
        let absent = try Self.findings("qingpu-2026").filter { $0.code == "reference-absent" }
        #expect(absent.map(\.clause) == ["§8.1.2", "§8.2.1"])
        #expect(absent[0].message.contains("《保密协议》") && absent[1].message.contains("《廉洁协议》"))
    }

    @Test("liyang 附件3 §一.4 deducts from a 履约保证金 the contract does not take; 儿童体检提醒 is listed twice (附件1 1.3.1 5, entries 2 and 5 of 7)")
    func liyang() throws {
        let findings = try Self.findings("liyang-2024")
        let bond = findings.filter { $0.code == "reference-absent" }
        #expect(bond.map(\.clause) == ["附件3 §一.4"])
        #expect(bond.first?.message.contains("performance guarantee") == true)
        let repeated = findings.filter { $0.code == "item-repeated" }
        #expect(repeated.count == 1)
        #expect(repeated.first?.message.contains("\"儿童体检提醒\" is listed twice in 儿童专区 (entries 2, 5 of 7)") == true)
        // 附件1, 附件2 and 附件3 are all attached: no reference to them is reported.
        #expect(!findings.contains { $0.code == "reference-absent" && $0.message.contains("附件1") })
    }

    @Test("minhang 附件1: items 20 (套) and 54 (次) are the same 安全隐患分析服务; items 3 and 31 have an empty path level (基础设施--)")
    func minhangItems() throws {
        let findings = try Self.findings("minhang-2026")
        let units = findings.filter { $0.code == "item-unit-differs" }
        #expect(units.count == 1)
        #expect(units.first?.message.contains("item 20 (医管中心 X86) in 套, item 54 (区医管中心信创) in 次") == true)
        #expect(findings.filter { $0.code == "item-path-gap" }.map { $0.message.prefix(7) } == ["item 3 ", "item 31"])
    }

    @Test("minhang §4.2(2): both guarantees valid until 2027-05-31, the term (§2.2, 12 months from 2026-06-09) ends 2027-06-09: 9 days uncovered")
    func minhangGuarantees() throws {
        let early = try Self.findings("minhang-2026").filter { $0.code == "guarantee-ends-early" }
        #expect(early.count == 2)
        // 2027-06-01 .. 2027-06-09 inclusive is 9 days.
        #expect(early.allSatisfy { $0.clause == "§4.2(2)" && $0.message.contains("last 9 days (2027-06-01 to 2027-06-09)") })
    }

    @Test("minhang title (2026 年运维) and §1.2 (2026 年全年): the term runs 160 days into 2027, and misses 159 days of 2026")
    func minhangYear() throws {
        let years = try Self.findings("minhang-2026").filter { $0.code == "year-disagrees" }
        #expect(years.map(\.clause) == ["标题", "§1.2"])
        // 2027-01-01 .. 2027-06-09: 31 + 28 + 31 + 30 + 31 + 9 = 160 days.
        #expect(years.allSatisfy { $0.message.contains("160 days after 2026 (2027-01-01 to 2027-06-09)") })
        // 全年: 2026-01-01 .. 2026-06-08: 31 + 28 + 31 + 30 + 31 + 8 = 159 days.
        #expect(years[1].message.contains("159 days of 2026 are not in it (2026-01-01 to 2026-06-08)"))
        #expect(!years[0].message.contains("not in it"))
    }

    @Test("weinan has none of these facts recorded, and none of these findings; no new finding is an error")
    func noneFalse() throws {
        let codes: Set = ["reference-absent", "item-repeated", "item-unit-differs", "item-path-gap", "guarantee-ends-early", "year-disagrees"]
        #expect(try Self.findings("weinan-2026").filter { codes.contains($0.code) }.isEmpty)
        for alias in ["minhang-2026", "qingpu-2026", "liyang-2024", "keping-2024"] {
            #expect(try Self.findings(alias).filter { codes.contains($0.code) && $0.severity == .error }.isEmpty)
        }
    }

    @Test("a cross-reference naming neither an attachment nor a guarantee, or both, is refused at load with its path")
    func referenceNeedsOneTarget() throws {
        for target: [String: Any] in [[:], ["attachment": "附件9", "guarantee": "performance"]] {
            do {
                _ = try RuleModelTests.variant("keping-2024") {
                    $0["crossReferences"] = [["clause": "§x", "text": "见附件"].merging(target) { a, _ in a }]
                }
                Issue.record("a cross-reference with \(target.keys.sorted()) loaded")
            } catch {
                #expect(error.description.contains("$.crossReferences[0]") && error.description.contains("exactly one of attachment and guarantee"))
            }
        }
    }

    @Test("a repeated path is one finding naming both items; a different site with the same unit is not a finding")
    func repeatedPath() throws {
        let contract = try RuleModelTests.variant("keping-2024") {
            var items = $0["serviceItems"] as? [[String: Any]] ?? []
            if let first = items.first { items.append(first) }
            $0["serviceItems"] = items
        }
        let findings = Checks.findings(for: contract, calendar: CalendarLoader.builtin)
        #expect(findings.filter { $0.code == "item-repeated" }.count == 1)
        #expect(findings.filter { $0.code == "item-unit-differs" }.isEmpty)
    }
}
