import Foundation
import Testing
@testable import ContractKit

/// qingpu §2.5 "履约保证金：不收取" and §6 "履约保证金：无" are an explicit term
/// (docs/readings.md, Reading 17): no performance guarantee is taken. It is
/// not a blank, and nothing can be lodged against it.
@Suite("Guarantees not taken (不收取) are a term, not a blank")
struct GuaranteesNotTakenTests {
    @Test("qingpu §2.5, §6: the performance guarantee is shown as not taken, for 0.00, and check no longer calls it a blank")
    func qingpuTakesNone() throws {
        let qingpu = try #require(Fixture.contract("qingpu-2026"))
        #expect(qingpu.guaranteesNotTaken.map(\.kind) == [.performance])
        let statuses = Guarantees.statuses(for: [qingpu], ledger: .empty, asOf: Fixture.day("2026-11-21"), calendar: CalendarLoader.builtin)
        #expect(statuses.map(\.state) == [.notTaken])
        #expect(statuses.first?.amount == .zero && statuses.first?.clause == "§2.5, §6")
        let findings = Checks.findings(for: qingpu, calendar: CalendarLoader.builtin)
        #expect(!findings.contains { $0.clause.contains("§2.5") })
        // The blanks the document does leave: §5.1's formula, §5.2.1a's amount, §2.3's dates after
        // "一年：" and §3.6's "（需列明）" (Reading 20).
        #expect(findings.filter { $0.code == "blank-term" }.map(\.clause) == ["§5.1", "§5.2.1a", "§2.3", "§3.6"])
    }

    @Test("a kind said to be not taken and also listed as a guarantee is refused at load, naming the path")
    func contradictionIsRefused() throws {
        do {
            _ = try RuleModelTests.variant("minhang-2026") {
                $0["guaranteesNotTaken"] = [["kind": "performance", "clause": "§x", "text": "不收取"]]
            }
            Issue.record("a contract both taking and not taking a performance guarantee loaded")
        } catch {
            #expect(error.description.contains("$.guaranteesNotTaken[0].kind") && error.description.contains("guarantee \"performance\""))
        }
    }

    @Test("record refuses a guarantee event on qingpu, naming §2.5, §6; the ledger is left as it was")
    func recordRefuses() throws {
        let path = NSTemporaryDirectory() + "not-taken-\(UUID().uuidString).jsonl"
        try "".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try Run(["record", "guarantee", "--ledger", path, "--contract", "qingpu-2026", "--guarantee", "performance",
                           "--action", "lodged", "--day", "2026-05-01"])
        #expect(run.code == 65 && run.stderr.contains("performance is not taken (§2.5, §6"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).isEmpty)
    }
}
