import ContractKit

/// `contractctl deadlines`: every dated obligation coming up, or a calendar file of them.
enum DeadlinesCommand: Command {
    static let name = "deadlines"
    static let summary = "every dated obligation coming up, sorted by day; --format ics for a calendar app"
    static let about = """
        Every dated obligation of the contracts, sorted by day, each with its
        clause: instalments (their due dates, or earliest possible ones), bank
        guarantees to lodge and their expiry, assessment windows closing, the
        end of each service term, notices due a set time before a day (the
        last day for keping's notice of non-renewal, liyang's renewal reminder),
        duties due a set time after one (qingpu's handover after its term), and
        recurring duties, once per calendar month or quarter of the term
        (liyang's inspections and duty rosters). What the ledger records as
        done is shown as done.

        --format ics writes an iCalendar file (RFC 5545): one all-day event per
        deadline, with stable UIDs, so a calendar app can import it and re-import
        it without duplicates:
          contractctl deadlines --within 365d --format ics > contracts.ics
        """
    static let options = [
        Arguments.Option("within", value: "N[d|w|m]", default: "60d",
            help: "deadlines from the as-of day to N days, weeks or months after it"),
        Arguments.Option("all", help: "every deadline, past ones included"),
        Arguments.Option("remind", value: "N[d|w]", repeatable: true,
            help: "with --format ics, an alarm N days or weeks before each deadline not yet met"),
        Common.contract, Common.asOf("the day to count from"), Common.format(["table", "json", "csv", "ics"]), Common.bom,
    ] + Common.sources

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        let ics = arguments.value("format") == "ics"
        let input = try ReportInput(ics ? arguments.removing("format") : arguments)
        if arguments.flag("all"), arguments.value("within") != nil {
            throw CommandFailure(usage: "give --within or --all, not both")
        }
        var reminders: [ICalendar.Reminder] = []
        for text in arguments.all("remind") { reminders.append(try ICalendar.Reminder(parsing: text)) }
        if !reminders.isEmpty, !ics { throw CommandFailure(usage: "--remind goes with --format ics") }
        var range: DayRange?
        if !arguments.flag("all") {
            let within = try parseWithin(arguments.valueOrDefault("within") ?? "60d")
            range = DayRange(from: input.asOf, to: within(input.asOf))
        }
        let items = Deadlines.all(for: input.contracts, ledger: input.ledger, asOf: input.asOf, calendar: input.calendar)
            .filter { range?.contains($0.day) ?? true }
        if ics { return input.result(output: ICalendar.render(items, stamp: input.asOf, reminders: reminders)) }
        return input.render(table: { DeadlinesReport.table(items, range: range, asOf: input.asOf, width: Common.terminalWidth()) },
                            json: { DeadlinesReport.json(items, range: range) },
                            csv: { DeadlinesReport.csv(items) })
    }

    /// "60d", "8w", "3m" (or a plain number of days) into a function of the start day.
    static func parseWithin(_ text: String) throws(CommandFailure) -> (CalendarDay) -> CalendarDay {
        var digits = Substring(text)
        var unit: Character = "d"
        if let last = digits.last, "dwm".contains(last) {
            unit = last
            digits = digits.dropLast()
        }
        guard let n = Int(digits), (0...36_500).contains(n) else {
            throw CommandFailure(usage: "--within '\(text)': expected a length such as 60d, 8w or 3m")
        }
        switch unit {
        case "w": return { $0.adding(days: 7 * n) }
        case "m": return { $0.adding(months: n) }
        default: return { $0.adding(days: n) }
        }
    }
}
