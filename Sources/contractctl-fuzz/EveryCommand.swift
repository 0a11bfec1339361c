import ContractKit

/// Runs every computation the CLI runs, with every rendering, for one
/// ledger and one as-of day: payments, due (for the as-of day's quarter and
/// year and for the ends of the calendar), deadlines (with iCalendar),
/// scores, penalties, guarantees, check and the HTML report. A typed error
/// is an answer; a trap is a finding.
enum EveryCommand {
    /// The typed errors the computations gave (a figure too large to
    /// represent), for the caller to judge.
    /// `html`: the report's language, or nil to leave the page out (it
    /// repeats the other computations and costs most of the time).
    static func run(_ contracts: [Contract], ledger: Ledger, asOf: CalendarDay, calendar: WorkCalendar, html: HTMLReport.Language?) -> [String] {
        var errors: [String] = []
        var sink = 0
        func keep(_ text: String) { sink &+= text.utf8.count }

        let payments = Payments.lines(for: contracts, ledger: ledger, asOf: asOf, calendar: calendar)
        keep(PaymentsReport.table(payments, asOf: asOf))
        keep(PaymentsReport.json(payments, asOf: asOf))
        keep(PaymentsReport.csv(payments))

        var ranges: [DayRange] = [
            DayRange.quarter("\(asOf.year)Q\((asOf.month - 1) / 3 + 1)"), DayRange.year(String(asOf.year)),
            DayRange.quarter("0001Q1"), DayRange.quarter("9999Q4"),
        ].compactMap { $0 }
        if let first = CalendarDay(year: 1, month: 1, day: 1), let last = CalendarDay(year: 9999, month: 12, day: 31) {
            ranges.append(DayRange(from: first, to: last))
        }
        for range in ranges {
            do {
                let due = try Dues.report(for: contracts, ledger: ledger, range: range, asOf: asOf, calendar: calendar)
                keep(DueReportRendering.table(due))
                keep(DueReportRendering.json(due))
                keep(DueReportRendering.csv(due))
            } catch {
                errors.append("due: \(error.description)")
            }
        }

        let deadlines = Deadlines.all(for: contracts, ledger: ledger, asOf: asOf, calendar: calendar)
        let within = DayRange(from: asOf, to: asOf.adding(days: 60))
        let coming = deadlines.filter { within.contains($0.day) }
        keep(DeadlinesReport.table(coming, range: within, asOf: asOf))
        keep(DeadlinesReport.table(deadlines, range: nil, asOf: asOf))
        keep(DeadlinesReport.json(deadlines, range: nil))
        keep(DeadlinesReport.csv(deadlines))
        keep(ICalendar.render(deadlines, stamp: asOf))

        var periods: [PeriodScore] = []
        var windows: [WindowAverage] = []
        for contract in contracts {
            let history = History(contractID: contract.id, ledger: ledger, asOf: asOf)
            periods += Scores.periods(for: contract, history: history)
            windows += Scores.windows(for: contract, history: history, asOf: asOf)
        }
        keep(ScoresReport.table(periods: periods, windows: windows, asOf: asOf))
        keep(ScoresReport.json(periods: periods, windows: windows))
        keep(ScoresReport.csv(periods: periods, windows: windows))

        do {
            let penalties = try Penalties.report(for: contracts, ledger: ledger, asOf: asOf, calendar: calendar)
            for language in [Language.en, .zh] {
                keep(PenaltiesReport.table(penalties, asOf: asOf, language: language))
                keep(PenaltiesReport.json(penalties, asOf: asOf, language: language))
                keep(PenaltiesReport.csv(penalties, language: language))
            }
        } catch {
            errors.append("penalties: \(error.description)")
        }

        let guarantees = Guarantees.statuses(for: contracts, ledger: ledger, asOf: asOf, calendar: calendar)
        keep(GuaranteesReport.table(guarantees, asOf: asOf))
        keep(GuaranteesReport.json(guarantees))
        keep(GuaranteesReport.csv(guarantees))

        let findings = Checks.findings(for: contracts, calendar: calendar)
        keep(CheckReport.text(findings, checked: contracts))
        keep(CheckReport.json(findings))
        keep(CheckReport.csv(findings))

        if let language = html {
            do {
                keep(try HTMLReport(contracts: contracts, ledger: ledger, asOf: asOf, calendar: calendar, language: language).rendered())
            } catch {
                errors.append("report: \(error.description)")
            }
        }
        return sink < 0 ? ["unreachable"] : errors
    }
}
