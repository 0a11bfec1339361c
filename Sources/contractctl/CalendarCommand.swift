import ContractKit

/// `contractctl calendar`: Civil Code date arithmetic on the official calendar.
enum CalendarCommand: Command {
    static let name = "calendar"
    static let summary = "working days and deadlines on the official calendar"
    static let subcommands = ["add-workdays", "add-days", "add-months", "is-workday"]
    static let synopsis = ["add-workdays DAY N [OPTIONS]", "add-days DAY N [OPTIONS]", "add-months DAY N [OPTIONS]", "is-workday DAY [OPTIONS]"]
    static let about = """
        Prints the resulting day first (YYYY-MM-DD, followed by the word
        provisional when the computation passed through a year the calendar
        does not cover), then the rule applied.

          add-workdays DAY N  the N-th working day after DAY, DAY not counted
                              ("within N working days after DAY"); a negative N
                              counts back ("N working days before DAY")
          add-days DAY N      DAY + N days, the first day not counted (Art. 201);
                              an end on a rest day moves to the next working day (Art. 203)
          add-months DAY N    the corresponding day N months later, or the month's
                              last day (Art. 202), then Art. 203 as above
          is-workday DAY      whether DAY is a working day, and why

        Working days follow the official calendar: Monday to Friday, minus public
        holidays, plus adjusted working Saturdays and Sundays (调休上班). The built-in
        calendar covers 2004-2026; other years count weekends only (provisional).
        """
    static let options = [Common.calendar]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        var words = arguments.positionals
        guard !words.isEmpty else { throw CommandFailure(usage: "missing subcommand (add-workdays, add-days, add-months, is-workday)") }
        let subcommand = words.removeFirst()
        let calendar = try Common.calendar(arguments)
        switch subcommand {
        case "add-workdays", "add-days", "add-months":
            guard words.count == 2 else { throw CommandFailure(usage: "\(subcommand) takes DAY and N") }
            let day = try parseDay(words[0])
            let backwards = subcommand == "add-workdays"
            guard let n = Int(words[1]), ((backwards ? -36_500 : 0)...36_500).contains(n) else {
                throw CommandFailure(usage: "'\(words[1])': N must be a whole number from \(backwards ? "-36500" : "0") to 36500"
                                     + (backwards || !words[1].hasPrefix("-") ? "" : "; only add-workdays counts back"))
            }
            let period: Period = subcommand == "add-workdays" ? .workingDays(n) : (subcommand == "add-days" ? .days(n) : .months(n))
            let result = calendar.end(of: period, after: day)
            return CommandResult(output: "\(result.day)\(result.provisional ? " provisional" : "")\n\(result.rule)\n")
        case "is-workday":
            guard words.count == 1 else { throw CommandFailure(usage: "is-workday takes one DAY") }
            let day = try parseDay(words[0])
            let (kind, covered) = calendar.kind(of: day)
            let answer = kind.isWorkday ? "working day" : "rest day"
            var rule = "\(day) is \(calendar.describe(kind))"
            if !covered {
                rule += "; provisional: the calendar has no \(day.year) (it covers \(calendar.coveredYearsText)), so only weekends count as rest days"
            }
            return CommandResult(output: "\(day) \(answer)\(covered ? "" : " provisional")\n\(rule)\n")
        default:
            throw CommandFailure(usage: "unknown subcommand '\(subcommand)' (add-workdays, add-days, add-months, is-workday)")
        }
    }

    static func parseDay(_ text: String) throws(CommandFailure) -> CalendarDay {
        guard let day = CalendarDay(parsing: text) else {
            throw CommandFailure(usage: "'\(text)': expected a date that exists, written YYYY-MM-DD")
        }
        return day
    }
}
