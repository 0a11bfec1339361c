import ContractKit

/// `contractctl scores`: assessment scores per period, and window averages.
enum ScoresCommand: Command {
    static let name = "scores"
    static let summary = "assessment scores per period and the averages the terms' windows take"
    static let about = """
        Scores each assessment period recorded in the ledger against the
        contract's sheet: a category loses at most its points (3 late work orders
        at 5 cost the 10-point category 10, not 15); additional items add or
        subtract without limit; the total is then held to the sheet's range
        (0-100). A later result for the same period recorded with "supersede"
        replaces the earlier one.

        For each window the terms name (minhang: the periods ending by
        2026-10-30; those ending 2026-11-01 to 2027-05-31), the plain mean of
        the periods that end inside it, not rounded, and whether it reaches the
        threshold (>= 80). A window still open, or with nothing recorded, is
        undetermined.
        """
    static let options = Common.reportOptions(asOf: "only results recorded for periods ending by this day")

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        let input = try ReportInput(arguments)
        var periods: [PeriodScore] = []
        var windows: [WindowAverage] = []
        for contract in input.contracts {
            let history = History(contractID: contract.id, ledger: input.ledger, asOf: input.asOf)
            periods += Scores.periods(for: contract, history: history)
            windows += Scores.windows(for: contract, history: history, asOf: input.asOf)
        }
        return input.render(table: { ScoresReport.table(periods: periods, windows: windows, asOf: input.asOf, width: Common.terminalWidth()) },
                            json: { ScoresReport.json(periods: periods, windows: windows) },
                            csv: { ScoresReport.csv(periods: periods, windows: windows) })
    }
}
