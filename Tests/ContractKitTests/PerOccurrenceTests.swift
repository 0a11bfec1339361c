import Testing
@testable import ContractKit

/// minhang-2026 附件2's additional items: most are worded per occurrence
/// (「每发生一次,扣 10 分」), and count each time; 「数据泄露和网络安全事件，
/// 扣 30 分」 is not (`perOccurrence: false` in the fixture), and is deducted
/// at most once in an assessment period, however many occurrences are recorded.
@Suite("Additional items not worded per occurrence count once a period (minhang 附件2, data leak -30)")
struct PerOccurrenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var additional: String
        var score: Int
        var arithmetic: String
        var why: String
        var testDescription: String { why }
    }

    @Test(arguments: [
        Case(additional: #"{"dataLeak": 1}"#, score: 70, arithmetic: "100 - 30 (dataLeak: 1 x -30) = 70",
             why: "one data leak: 「扣 30 分」, 100 - 30 = 70"),
        Case(additional: #"{"dataLeak": 3}"#, score: 70, arithmetic: "100 - 30 (dataLeak: 3 recorded, counted once a period: not per occurrence) = 70",
             why: "three data leaks in the quarter: the item is not worded 每发生一次, so 30 once: 70, not 100 - 90 = 10"),
        Case(additional: #"{"dataLeak": 2, "securityIncident": 2}"#, score: 50,
             arithmetic: "100 - 20 (securityIncident: 2 x -10) - 30 (dataLeak: 2 recorded, counted once a period: not per occurrence) = 50",
             why: "two security incidents, 「每发生一次,扣 10 分」, count twice (-20); two data leaks count once (-30): 50"),
        Case(additional: #"{"dataLeak": 10000, "praise": 2}"#, score: 90,
             arithmetic: "100 + 20 (praise: 2 x 10) - 30 (dataLeak: 10000 recorded, counted once a period: not per occurrence) = 90",
             why: "the most a period records, 10000 data leaks, still cost 30; two letters of praise, 「每发生一次,得 10 分」, add 20: 90"),
        Case(additional: #"{"dataLeak": 0}"#, score: 100, arithmetic: "100 = 100",
             why: "none recorded: nothing deducted"),
    ])
    func period(_ c: Case) throws {
        let line = #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "additional": \#(c.additional)}"#
        let (ledger, errors) = Fixture.ledger([line])
        let contract = try #require(Fixture.contract("minhang-2026"))
        let scores = Scores.periods(for: contract, history: History(contractID: contract.id, ledger: try #require(ledger, "\(errors)"), asOf: nil))
        #expect(scores.map(\.total) == [c.score])
        #expect(scores.first?.arithmetic == c.arithmetic)
    }

    @Test("once a period, not once a contract: two quarters with two data leaks each are 70 and 70, and the window's mean of 70 misses §4.2(2)'s 80")
    func oncePerPeriod() throws {
        let lines = [
            #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-04-01", "to": "2026-06-30", "additional": {"dataLeak": 2}}"#,
            #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "additional": {"dataLeak": 2}}"#,
        ]
        let (ledger, errors) = Fixture.ledger(lines)
        let contract = try #require(Fixture.contract("minhang-2026"))
        let history = History(contractID: contract.id, ledger: try #require(ledger, "\(errors)"), asOf: nil)
        #expect(Scores.periods(for: contract, history: history).map(\.total) == [70, 70])
        let window = try #require(Scores.windows(for: contract, history: history, asOf: Fixture.day("2026-11-21")).first { $0.window.id == "to-2026-10" })
        #expect(window.averageText == "70" && window.state == .notMet)
    }
}
