import ContractKit

/// `contractctl due`: what falls due in a quarter, a year or a range.
enum DueCommand: Command {
    static let name = "due"
    static let summary = "what falls due in a period; what of it is conditional or awaits an event"
    static let synopsis = ["-p PERIOD [OPTIONS]", "-b DAY (--to DAY | -e DAY) [OPTIONS]"]
    static let about = """
        Every instalment whose due date falls in the period, or whose earliest
        possible due date does while the due date waits on an event not yet
        recorded (marked estimated), across all contracts or those given, with
        amount, what is outstanding, status and conditions. Instalments due
        before the period and still unpaid as of the as-of day are listed in a
        section of their own (overdue carried in).

        Totals: everything falling due in the period; the unpaid part that may
        not be owed at all because a condition (an assessment average) is
        undetermined or unmet (conditional, docs/readings.md Reading 15); the
        unpaid part that is owed but waits on an event not yet recorded, an
        invoice or an acceptance (awaiting an event); what of it is unpaid
        (outstanding); and the overdue carried in. The table writes each
        total in Chinese financial numerals (大写) as a payment voucher would.
        """
    static let options = PeriodOptions.options
        + Common.reportOptions(asOf: "the day payments and conditions are taken as of")

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        let range = try PeriodOptions.required(arguments)
        let input = try ReportInput(arguments)
        let report: DueReport
        do {
            report = try Dues.report(for: input.contracts, ledger: input.ledger, range: range, asOf: input.asOf, calendar: input.calendar)
        } catch {
            throw CommandFailure(error)
        }
        return input.render(table: { DueReportRendering.table(report, width: Common.terminalWidth()) }, json: { DueReportRendering.json(report) }, csv: { DueReportRendering.csv(report) })
    }
}
