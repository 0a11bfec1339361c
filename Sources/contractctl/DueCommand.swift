import ContractKit

/// `contractctl due`: what falls due in a quarter, a year or a range.
enum DueCommand: Command {
    static let name = "due"
    static let summary = "what falls due in a period; what of it is conditional or awaits an event"
    static let usage = """
        usage: contractctl due (--quarter 2026Q4 | --year 2026 | --from DAY --to DAY)
                               [--contract ID|ALIAS]... [--as-of DAY] [--format table|json|csv]
                               [--fixtures DIR] [--ledger PATH | --no-ledger] [--calendar FILE]

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

        options:
          --quarter YYYYQN     a quarter, e.g. 2026Q4 (October to December 2026)
          --year YYYY          a calendar year
          --from DAY --to DAY  any range of days, both included
        \(Common.reportOptions(asOf: "the day payments and conditions are taken as of"))
        """
    static let options = [Common.contract, Common.asOf, Common.format, Common.fixtures, Common.ledger, Common.noLedger, Common.calendar,
                          Arguments.Option(name: "quarter", takesValue: true), Arguments.Option(name: "year", takesValue: true),
                          Arguments.Option(name: "from", takesValue: true), Arguments.Option(name: "to", takesValue: true)]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        let range = try period(arguments)
        let input = try ReportInput(arguments)
        let report: DueReport
        do {
            report = try Dues.report(for: input.contracts, ledger: input.ledger, range: range, asOf: input.asOf, calendar: input.calendar)
        } catch {
            throw CommandFailure(error)
        }
        return input.render(table: { DueReportRendering.table(report) }, json: { DueReportRendering.json(report) }, csv: { DueReportRendering.csv(report) })
    }

    static func period(_ arguments: Arguments) throws(CommandFailure) -> DayRange {
        let given = ["quarter", "year", "from"].filter { arguments.value($0) != nil }
        guard given.count == 1 else {
            throw CommandFailure(usage: given.isEmpty ? "give the period: --quarter 2026Q4, --year 2026, or --from DAY --to DAY" : "give one period: --quarter, --year, or --from with --to")
        }
        if let text = arguments.value("quarter") {
            guard let range = DayRange.quarter(text) else { throw CommandFailure(usage: "--quarter '\(text)': expected a quarter such as 2026Q4") }
            return range
        }
        if let text = arguments.value("year") {
            guard let range = DayRange.year(text) else { throw CommandFailure(usage: "--year '\(text)': expected a year such as 2026") }
            return range
        }
        guard let fromText = arguments.value("from"), let toText = arguments.value("to") else {
            throw CommandFailure(usage: "--from needs --to")
        }
        guard let from = CalendarDay(parsing: fromText), let to = CalendarDay(parsing: toText) else {
            throw CommandFailure(usage: "--from and --to take dates that exist, written YYYY-MM-DD")
        }
        guard from <= to else { throw CommandFailure(usage: "--from \(from) is after --to \(to)") }
        return DayRange(from: from, to: to)
    }
}
