import Foundation
import Testing
@testable import ContractKit

/// The defects of issue 12 that `check` finds from document facts the
/// fixtures record (docs/readings.md, Reading 20): terms the clauses use and
/// never define, a signature block labelled with the other party's role, a
/// term counted from a signing day the signatures disagree on, two score-sheet
/// items for one incident, and the defects only reading finds, each under a
/// kind of a closed list. Every expected value is worked out from the seeds.
@Suite("check: defined terms, signature labels, ambiguous term ends, score overlaps, read defects")
struct DocumentDefectsTests {
    static func findings(_ alias: String) throws -> [Finding] {
        try DocumentChecksTests.findings(alias)
    }

    @Test("weinan defines only 采购人 and 供应商 (封面), yet §七, §九, §十 (and §四.2) write 甲方 and 乙方")
    func weinanUndefinedParties() throws {
        let undefined = try Self.findings("weinan-2026").filter { $0.code == "term-undefined" }
        #expect(undefined.count == 2)
        #expect(undefined.allSatisfy { $0.severity == .warning && $0.message.contains("it defines 采购人 (封面), 供应商 (封面)") })
        let jia = try #require(undefined.first { $0.message.contains("“甲方”") })
        // §七 3 to 7 (泄露甲方任何数据 …), §九(二)2 (由甲方承担), §十(二)1 (接受甲方的监督).
        #expect(jia.clause == "§七.3, §七.4, §七.5, §七.6, §七.7, §九(二)2, §十(二)1")
        let yi = try #require(undefined.first { $0.message.contains("“乙方”") })
        // §四.2 (乙方服务合格), §九(二)1 (向乙方支付), §十(二)4 (由乙方承担).
        #expect(yi.clause == "§四.2, §九(二)1, §十(二)4")
    }

    @Test("keping §3.5, §5.1, §5.2 take shares of 合同总金额, which it never defines: it defines 合同总价 (492,000) and 合同一年价款总额 (498,000) for a three-year term")
    func kepingTotalUndefined() throws {
        let undefined = try Self.findings("keping-2024").filter { $0.code == "term-undefined" }
        #expect(undefined.map(\.clause) == ["§3.5, §5.1, §5.2"])
        #expect(undefined.first?.message.contains("“合同总金额”") == true)
        #expect(undefined.first?.message.contains("合同总价 (一、服务项目、价格), 合同一年价款总额 (§二.1)") == true)
    }

    @Test("liyang 签字页: the supplier's block (中国电信股份有限公司常州分公司) is printed 甲方, which the head of the contract defines as the buyer; the buyer's own 甲方 is not a finding")
    func liyangSignatureLabel() throws {
        let labels = try Self.findings("liyang-2024").filter { $0.code == "signature-label-wrong" }
        #expect(labels.count == 1)
        #expect(labels.first?.clause == "签字页 乙方（标作“甲方”）")
        #expect(labels.first?.message.contains("the supplier's signature block is labelled “甲方”, which 合同首部 defines as the buyer") == true)
    }

    @Test("qingpu §2.3: one year from 合同签订日期, signed 2026-01-29 (甲方) and 2026-02-03 (乙方): Art. 201 gives 2027-01-29 or 2027-02-03")
    func qingpuTermEnds() throws {
        let findings = try Self.findings("qingpu-2026")
        let ambiguous = findings.filter { $0.code == "term-end-ambiguous" }
        #expect(ambiguous.map(\.clause) == ["§2.3"])
        #expect(ambiguous.first?.severity == .warning)
        #expect(ambiguous.first?.message.contains("it ends 2027-01-29 or 2027-02-03") == true)
        // The blank after "一年：" and §3.6's "（需列明）" are blanks.
        let blanks = findings.filter { $0.code == "blank-term" }.map(\.clause)
        #expect(blanks.contains("§2.3") && blanks.contains("§3.6"))
    }

    @Test("minhang and liyang sign on one day, or leave a date blank: no ambiguous term end")
    func oneSigningDay() throws {
        for alias in ["minhang-2026", "liyang-2024", "keping-2024", "weinan-2026"] {
            #expect(try Self.findings(alias).filter { $0.code == "term-end-ambiguous" }.isEmpty, "\(alias)")
        }
    }

    @Test("minhang 附件2: \"发生安全事件的 … 扣 10 分\" and \"数据泄露和网络安全事件， 扣 30 分\" both deduct for a security incident")
    func minhangScoreOverlap() throws {
        let overlaps = try Self.findings("minhang-2026").filter { $0.code == "score-items-overlap" }
        #expect(overlaps.count == 1)
        #expect(overlaps.first?.clause == "附件2 运维考核表")
        #expect(overlaps.first?.message.contains("securityIncident (-10 per occurrence") == true)
        #expect(overlaps.first?.message.contains("dataLeak (-30: ") == true)
    }

    @Test("read defects: qingpu §十 10月15日, minhang 14.7.2 in §15.7, liyang 附件2 signed by the buyer, keping's price line naming 电路, weinan 1 天内分配 against 3 小时 and 半年后")
    func readDefects() throws {
        func codes(_ alias: String) throws -> [String: [String]] {
            let kinds = Set(DocumentDefect.Kind.allCases.map(\.code))
            return Dictionary(grouping: try Self.findings(alias).filter { kinds.contains($0.code) }, by: \.code).mapValues { $0.map(\.clause) }
        }
        #expect(try codes("qingpu-2026") == ["text-stray": ["§十"]])
        #expect(try codes("minhang-2026") == ["clause-misnumbered": ["§15.7 (\"14.7.2\")"]])
        #expect(try codes("liyang-2024") == ["party-reversed": ["附件2"]])
        #expect(try codes("keping-2024") == ["terms-overlap": ["一、服务项目、价格"]])
        #expect(try codes("weinan-2026") == ["terms-conflict": ["§五(二)2.1.1 3 业务终止类"], "period-unanchored": ["§三.1"]])
        let minhangBlanks = try Self.findings("minhang-2026").filter { $0.code == "blank-term" }.map(\.clause)
        #expect(minhangBlanks.contains("§15.7.3"))
    }

    @Test("still no false error: none of these findings is an error, and minhang, qingpu and liyang have no error at all")
    func noFalseError() throws {
        let codes = Set(["term-undefined", "signature-label-wrong", "term-end-ambiguous", "score-items-overlap", "blank-term"]).union(DocumentDefect.Kind.allCases.map(\.code))
        for alias in ["minhang-2026", "qingpu-2026", "liyang-2024", "keping-2024", "weinan-2026"] {
            #expect(try Self.findings(alias).filter { codes.contains($0.code) && $0.severity == .error }.isEmpty, "\(alias)")
        }
        for alias in ["minhang-2026", "qingpu-2026", "liyang-2024"] {
            #expect(try Self.findings(alias).filter { $0.severity == .error }.isEmpty, "\(alias)")
        }
    }

    @Test("a sixth contract needs only JSON: a defect of each kind, a term it uses and does not define, and a mislabelled block are reported from the fixture alone")
    func sixthContract() throws {
        let contract = try RuleModelTests.variant("keping-2024") {
            $0["defects"] = DocumentDefect.Kind.allCases.map { ["kind": $0.rawValue, "clause": "§9", "text": "第九条", "note": "n"] }
            $0["termUses"] = [["term": "丙方", "clauses": ["§9"], "text": "丙方负责"]]
            var signing = $0["signing"] as? [String: Any] ?? [:]
            var signatures = signing["signatures"] as? [[String: Any]] ?? []
            if !signatures.isEmpty { signatures[0]["label"] = "乙方" }
            signing["signatures"] = signatures
            $0["signing"] = signing
        }
        let findings = Checks.findings(for: contract, calendar: CalendarLoader.builtin)
        for kind in DocumentDefect.Kind.allCases {
            #expect(findings.contains { $0.code == kind.code && $0.clause == "§9" }, "\(kind)")
        }
        #expect(findings.contains { $0.code == "term-undefined" && $0.message.contains("“丙方”") })
        #expect(findings.contains { $0.code == "signature-label-wrong" && $0.message.contains("the buyer's signature block is labelled “乙方”") })
    }

    @Test("an unknown defect kind, or an unknown key in a defect, is refused at load with its path")
    func refusedAtLoad() throws {
        for defect: [String: Any] in [["kind": "typo", "clause": "§1", "text": "t", "note": "n"], ["kind": "stray", "clause": "§1", "text": "t", "note": "n", "severity": "error"]] {
            do {
                _ = try RuleModelTests.variant("keping-2024") { $0["defects"] = [defect] }
                Issue.record("a defect \(defect) loaded")
            } catch {
                #expect(error.description.contains("$.defects[0]"))
            }
        }
    }
}
