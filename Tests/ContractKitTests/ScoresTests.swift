import Testing
@testable import ContractKit

@Suite("Assessment scores (minhang attachment 2, Readings 4)")
struct ScoresTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var occurrences: String
        var additional: String
        var score: Int
        var why: String
        var testDescription: String { why }
    }

    @Test(arguments: [
        Case(occurrences: #"{"workOrders": {"late": 3}}"#, additional: "{}", score: 90,
             why: "3 late work orders x 5 = 15 cost the 10-point category 10, not 15: 100 - 10 = 90"),
        Case(occurrences: #"{"hardening": {"late": 1, "notDone": 1}}"#, additional: "{}", score: 90,
             why: "hardening: -5 late and -10 not done = 15, capped at its 10 points: 90"),
        Case(occurrences: #"{"evaluation": {"unresolved": 2}}"#, additional: "{}", score: 92,
             why: "security evaluation: 2 unresolved items x 4 = 8: 92"),
        Case(occurrences: "{}", additional: #"{"praise": 2}"#, score: 100,
             why: "two letters of praise: 100 + 20 = 120, held to 100"),
        Case(occurrences: #"{"emergency": {"lateNotice": 8}}"#, additional: #"{"dataLeak": 1, "securityIncident": 1}"#, score: 20,
             why: "emergency 8 x 5 = 40 capped at 40; additional items without limit: -30 and -10: 100 - 40 - 40 = 20"),
        Case(occurrences: #"{"emergency": {"lateNotice": 8}, "operations": {"failure": 4}}"#, additional: #"{"securityIncident": 9}"#, score: 0,
             why: "100 - 40 - 20 - 9 x 10 = -50, held to 0"),
        Case(occurrences: #"{"keyPeriodDuty": {"missed": 1}}"#, additional: #"{"praise": 1}"#, score: 100,
             why: "a missed key-period duty -5, a letter of praise +10: 105, held to 100"),
    ])
    func period(_ c: Case) throws {
        let line = #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "occurrences": \#(c.occurrences), "additional": \#(c.additional)}"#
        let (ledger, errors) = Fixture.ledger([line])
        let events = try #require(ledger, "\(errors)")
        let contract = try #require(Fixture.contract("minhang-2026"))
        let scores = Scores.periods(for: contract, history: History(contractID: contract.id, ledger: events, asOf: nil))
        #expect(scores.map(\.total) == [c.score])
    }

    struct WindowCase: CustomTestStringConvertible, Sendable {
        var scores: [Int]
        var state: WindowAverage.State
        var average: String
        var why: String
        var testDescription: String { why }
    }

    /// Periods of one month each in July-September, scored by work-order lapses.
    @Test(arguments: [
        WindowCase(scores: [80, 80, 75], state: .notMet, average: "78.33… (235/3)", why: "235/3 is below 80: not met, and the mean is not rounded"),
        WindowCase(scores: [85, 80, 75], state: .met, average: "80", why: "240/3 = 80 exactly: >= 80 is met (达到 80 分及以上)"),
        WindowCase(scores: [90, 75], state: .met, average: "82.5", why: "two periods: 165/2 = 82.5"),
    ])
    func window(_ c: WindowCase) throws {
        let months = [("2026-07-01", "2026-07-31"), ("2026-08-01", "2026-08-31"), ("2026-09-01", "2026-09-30")]
        let lines = zip(months, c.scores).map { month, score in
            // A score of 100 - 5k: k late notices in emergency handling (40 points, -5 each).
            #"{"contract": "minhang-2026", "type": "assessment", "from": "\#(month.0)", "to": "\#(month.1)", "occurrences": {"emergency": {"lateNotice": \#((100 - score) / 5)}}}"#
        }
        let (ledger, errors) = Fixture.ledger(lines)
        let events = try #require(ledger, "\(errors)")
        let contract = try #require(Fixture.contract("minhang-2026"))
        let history = History(contractID: contract.id, ledger: events, asOf: nil)
        let windows = Scores.windows(for: contract, history: history, asOf: Fixture.day("2026-11-21"))
        let first = try #require(windows.first { $0.window.id == "to-2026-10" })
        #expect(first.periods.map(\.total) == c.scores)
        #expect(first.state == c.state)
        #expect(first.averageText == c.average)
        // The guarantee window (periods ending 2026-11-01..2027-05-31) is still open.
        #expect(windows.first { $0.window.id == "2026-11-to-2027-05" }?.state == .undetermined)
    }

    @Test("a window is undetermined while open, even with results (Readings 8)")
    func openWindow() throws {
        let (ledger, _) = Fixture.ledger([#"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30"}"#])
        let contract = try #require(Fixture.contract("minhang-2026"))
        let history = History(contractID: contract.id, ledger: try #require(ledger), asOf: nil)
        let windows = Scores.windows(for: contract, history: history, asOf: Fixture.day("2026-10-29"))
        #expect(windows.first?.state == .undetermined)
        #expect(Scores.windows(for: contract, history: history, asOf: Fixture.day("2026-10-30")).first?.state == .met)
    }

    @Test("a superseding result replaces the earlier one for the same period")
    func supersede() throws {
        let (ledger, errors) = Fixture.ledger([
            #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "occurrences": {"workOrders": {"late": 1}}}"#,
            #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-09-30", "occurrences": {"workOrders": {"late": 2}}, "supersede": true}"#,
        ])
        let contract = try #require(Fixture.contract("minhang-2026"))
        let scores = Scores.periods(for: contract, history: History(contractID: contract.id, ledger: try #require(ledger, "\(errors)"), asOf: nil))
        #expect(scores.map(\.total) == [90])
        #expect(scores.first?.line == 2)
    }
}
