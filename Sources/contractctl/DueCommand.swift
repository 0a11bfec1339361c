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
    static let options = [
        Arguments.Option("period", short: "p", value: "PERIOD",
            help: "a quarter (2026Q4), a month (2026-11) or a year (2026)"),
        Arguments.Option("quarter", value: "YYYYQN", help: "a quarter, e.g. 2026Q4 (October to December 2026)"),
        Arguments.Option("year", value: "YYYY", help: "a calendar year"),
        Arguments.Option("from", short: "b", value: "DAY", help: "the first day of a range, included (with --to or -e)"),
        Arguments.Option("to", value: "DAY", help: "the last day of the range, included"),
        Arguments.Option("end", short: "e", value: "DAY", help: "the day after the range, excluded, as in hledger"),
    ] + Common.reportOptions(asOf: "the day payments and conditions are taken as of")

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

    /// The period: `-p`/`--period`, `--quarter`, `--year`, or a range from
    /// `--from`/`-b` to `--to` (included) or `-e` (excluded, as hledger's `-e`).
    static func period(_ arguments: Arguments) throws(CommandFailure) -> DayRange {
        let given = ["period", "quarter", "year", "from"].filter { arguments.value($0) != nil }
        guard given.count == 1 else {
            throw CommandFailure(usage: given.isEmpty
                ? "give the period: -p 2026Q4, --quarter 2026Q4, --year 2026, or --from DAY --to DAY"
                : "give one period: -p, --quarter, --year, or --from with --to")
        }
        if let text = arguments.value("period") {
            guard let range = DayRange.quarter(text) ?? DayRange.year(text) ?? month(text) else {
                throw CommandFailure(usage: "-p '\(text)': expected a quarter (2026Q4), a month (2026-11) or a year (2026)")
            }
            return range
        }
        if let text = arguments.value("quarter") {
            guard let range = DayRange.quarter(text) else { throw CommandFailure(usage: "--quarter '\(text)': expected a quarter such as 2026Q4") }
            return range
        }
        if let text = arguments.value("year") {
            guard let range = DayRange.year(text) else { throw CommandFailure(usage: "--year '\(text)': expected a year such as 2026") }
            return range
        }
        guard let fromText = arguments.value("from") else { throw CommandFailure(usage: "--to and -e go with --from (or -b)") }
        guard let from = CalendarDay(parsing: fromText) else {
            throw CommandFailure(usage: "--from '\(fromText)': expected a date that exists, written YYYY-MM-DD")
        }
        let to: CalendarDay
        switch (arguments.value("to"), arguments.value("end")) {
        case (let text?, nil):
            guard let day = CalendarDay(parsing: text) else { throw CommandFailure(usage: "--to '\(text)': expected a date that exists, written YYYY-MM-DD") }
            to = day
        case (nil, let text?):
            guard let day = CalendarDay(parsing: text) else { throw CommandFailure(usage: "-e '\(text)': expected a date that exists, written YYYY-MM-DD") }
            to = day.adding(days: -1)
        case (nil, nil): throw CommandFailure(usage: "--from needs --to (the last day) or -e (the day after)")
        case (_?, _?): throw CommandFailure(usage: "give --to (the last day) or -e (the day after), not both")
        }
        guard from <= to else { throw CommandFailure(usage: "--from \(from) is after --to \(to)") }
        return DayRange(from: from, to: to)
    }

    /// "2026-11": the month.
    static func month(_ text: String) -> DayRange? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
              let start = CalendarDay(year: year, month: month, day: 1) else { return nil }
        return DayRange(from: start, to: start.endOfMonth, name: text)
    }
}
