import ContractKit

/// `deadlines --format ics --remind 3d`: the alarm `ICalendar.render`
/// puts in each event of a deadline not yet met.
extension ICalendar.Reminder {
    /// "3d", "2w", or a plain number of days; at most a year before.
    init(parsing text: String) throws(CommandFailure) {
        var digits = Substring(text)
        var weeks = false
        if let last = digits.last, "dw".contains(last) {
            weeks = last == "w"
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n <= (weeks ? 52 : 366) else {
            throw CommandFailure(usage: "--remind '\(text)': expected a time before the deadline such as 3d or 2w (at most 366d or 52w)")
        }
        self.init(count: n, weeks: weeks)
    }
}
