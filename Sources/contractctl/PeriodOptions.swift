import ContractKit

/// The options that name a period (a quarter, a month, a year, or a range
/// of days), shared by the commands that ask about one.
enum PeriodOptions {
    static let options = [
        Arguments.Option("period", short: "p", value: "PERIOD",
            help: "a quarter (2026Q4), a month (2026-11) or a year (2026)"),
        Arguments.Option("quarter", value: "YYYYQN", help: "a quarter, e.g. 2026Q4 (October to December 2026)"),
        Arguments.Option("year", value: "YYYY", help: "a calendar year"),
        Arguments.Option("from", short: "b", value: "DAY", help: "the first day of a range, included (with --to or -e)"),
        Arguments.Option("to", value: "DAY", help: "the last day of the range, included"),
        Arguments.Option("end", short: "e", value: "DAY", help: "the day after the range, excluded, as in hledger"),
    ]

    /// The period: `-p`/`--period`, `--quarter`, `--year`, or a range from
    /// `--from`/`-b` to `--to` (included) or `-e` (excluded, as hledger's `-e`).
    static func required(_ arguments: Arguments) throws(CommandFailure) -> DayRange {
        guard let range = try given(arguments) else {
            throw CommandFailure(usage: "give the period: -p 2026Q4, --quarter 2026Q4, --year 2026, or --from DAY --to DAY")
        }
        return range
    }

    /// The period the options give, or nil when none is given.
    static func given(_ arguments: Arguments) throws(CommandFailure) -> DayRange? {
        let given = ["period", "quarter", "year", "from"].filter { arguments.value($0) != nil }
        if given.isEmpty {
            guard arguments.value("to") == nil, arguments.value("end") == nil else { throw CommandFailure(usage: "--to and -e go with --from (or -b)") }
            return nil
        }
        guard given.count == 1 else { throw CommandFailure(usage: "give one period: -p, --quarter, --year, or --from with --to") }
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
