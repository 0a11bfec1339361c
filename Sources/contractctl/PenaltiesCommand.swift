import ContractKit

/// `contractctl penalties`: every penalty rule, computed from the events.
enum PenaltiesCommand: Command {
    static let name = "penalties"
    static let summary = "penalties accrued under every rule, with formulas, caps and termination thresholds"
    static let about = """
        Computes every penalty rule of the contracts from the ledger as of a day.
        Each line gives the rule, its clause, who pays, the events counted (with
        their ledger lines), the formula with its numbers, and the amount; a cap
        is a line of its own that takes the excess off. Totals per contract and
        payer, and the termination thresholds each rule can reach, with the day
        they were reached. The formulas, events and notes are written from the
        working kept as values; --lang zh writes them (and the table's headings)
        in Chinese. The JSON gives the values too, under each line's "working"
        (its "kind" names the sentence; README, "penalties").

        How the rules count (docs/readings.md, Readings 1, 2, 6, 7, 10-13, 16):
          days late = the day paid (or the as-of day, if unpaid) - the due day;
          "every 10 days" counts whole periods (25 days = 2); per-day rates
          multiply by the days; a rate of the amount overdue takes each part of a
          payment by its own days late, less the days a recorded cause excuses
          (an excuse event, where the clause lists that cause); an instalment
          whose condition is unmet or undetermined accrues nothing; a cap limits
          the rule's sum within the contract, cutting the penalty before interest;
          a payment covers accrued interest, never the penalty, before the
          principal (Civil Code Art. 561); a repeated incident of one grade in a
          contract year costs the previous amount plus the rule's repeatIncrease;
          a recorded breach counts once, a rule naming the clause replacing the
          general one. A figure too large to represent is an error (exit 65).
        """
    static let options = Common.reportOptions(asOf: "the day the penalties are computed for") + [
        Arguments.Option("lang", value: "en|zh", default: "en", choices: ["en", "zh"],
            help: "the sentences and the table's headings in English or Chinese; JSON keys and CSV headers do not change"),
    ]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        guard let language = Language(rawValue: arguments.valueOrDefault("lang") ?? "en") else {
            throw CommandFailure(usage: "--lang '\(arguments.value("lang") ?? "")': use en or zh")
        }
        let input = try ReportInput(arguments)
        let report: PenaltyReport
        do {
            report = try Penalties.report(for: input.contracts, ledger: input.ledger, asOf: input.asOf, calendar: input.calendar)
        } catch {
            throw CommandFailure(error)
        }
        return input.render(table: { PenaltiesReport.table(report, asOf: input.asOf, language: language, width: Common.terminalWidth()) },
                            json: { PenaltiesReport.json(report, asOf: input.asOf, language: language) },
                            csv: { PenaltiesReport.csv(report, language: language) })
    }
}
