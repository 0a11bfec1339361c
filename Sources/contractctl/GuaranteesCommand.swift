import ContractKit

/// `contractctl guarantees`: bank guarantees, their release or deduction.
enum GuaranteesCommand: Command {
    static let name = "guarantees"
    static let summary = "bank guarantees: amounts, lodging, expiry, release or deduction"
    static let about = """
        For each bank guarantee the terms require (minhang §4.2: advance-payment
        46% and performance 4% of the total, lodged with instalment 2, valid to
        2027-05-31): its amount, when it is due to be lodged, when it was,
        its expiry, the assessment window whose average releases it, the amount
        the buyer may keep if the average misses the threshold (8% of each
        guarantee), and, once the window closes, the release or deduction.
        """
    static let options = Common.reportOptions(asOf: "the day the state is for")

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        let input = try ReportInput(arguments)
        let statuses = Guarantees.statuses(for: input.contracts, ledger: input.ledger, asOf: input.asOf, calendar: input.calendar)
        return input.render(table: { GuaranteesReport.table(statuses, asOf: input.asOf, width: Common.terminalWidth()) },
                            json: { GuaranteesReport.json(statuses) },
                            csv: { GuaranteesReport.csv(statuses) })
    }
}
