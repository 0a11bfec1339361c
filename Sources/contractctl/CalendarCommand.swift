import ContractKit

/// `contractctl calendar`: Civil Code date arithmetic on the official calendar.
enum CalendarCommand: Command {
    static let name = "calendar"
    static let summary = "working days and deadlines on the official calendar"
    static let usage = """
        usage: contractctl calendar add-workdays DAY N [--calendar FILE]
               contractctl calendar add-days DAY N [--calendar FILE]
               contractctl calendar add-months DAY N [--calendar FILE]
               contractctl calendar is-workday DAY [--calendar FILE]

        Prints the resulting day first (YYYY-MM-DD, followed by the word
        provisional when the computation passed through a year the calendar
        does not cover), then the rule applied.

          add-workdays DAY N  the N-th working day after DAY, DAY not counted
                              ("within N working days after DAY")
          add-days DAY N      DAY + N days, the first day not counted (Art. 201);
                              an end on a rest day moves to the next working day (Art. 203)
          add-months DAY N    the corresponding day N months later, or the month's
                              last day (Art. 202), then Art. 203 as above
          is-workday DAY      whether DAY is a working day, and why

        Working days follow the official calendar: Monday to Friday, minus public
        holidays, plus adjusted working Saturdays and Sundays (调休上班). The built-in
        calendar covers 2004-2026; other years count weekends only (provisional).

        options:
          --calendar FILE  a calendar file whose years add to or replace the built-in ones
          -h, --help       show this help
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
            guard let n = Int(words[1]), (0...36_500).contains(n) else {
                throw CommandFailure(usage: "'\(words[1])': N must be a whole number from 0 to 36500")
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
