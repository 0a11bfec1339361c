import ContractKit

/// `deadlines --format ics --remind 3d`: an alarm (RFC 5545 §3.6.6, VALARM)
/// in each event of a deadline not yet met, so the reminder arrives whatever
/// the calendar app's default. The alarms are added to the file
/// `ICalendar.render` writes, one block before each `END:VEVENT`.
struct Reminder: Equatable {
    /// How long before the deadline's day: a number of days or weeks.
    var count: Int
    var weeks: Bool

    /// "3d", "2w", or a plain number of days; at most a year before.
    init(parsing text: String) throws(CommandFailure) {
        var digits = Substring(text)
        weeks = false
        if let last = digits.last, "dw".contains(last) {
            weeks = last == "w"
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n <= (weeks ? 52 : 366) else {
            throw CommandFailure(usage: "--remind '\(text)': expected a time before the deadline such as 3d or 2w (at most 366d or 52w)")
        }
        count = n
    }

    /// The trigger, before the start of the event's day: -P3D, -P2W.
    var trigger: String { "-P\(count)\(weeks ? "W" : "D")" }

    var lines: [String] {
        let unit = weeks ? (count == 1 ? "week" : "weeks") : (count == 1 ? "day" : "days")
        let when = count == 0 ? "today" : "in \(count) \(unit)"
        return ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:" + trigger, "DESCRIPTION:Deadline " + when, "END:VALARM"]
    }

    /// `calendar` with the alarms in the event of every item not done;
    /// `items` are the ones it was rendered from, in its order.
    static func add(_ reminders: [Reminder], to calendar: String, items: [DeadlineItem]) -> String {
        guard !reminders.isEmpty else { return calendar }
        var unique: [Reminder] = []
        for reminder in reminders where !unique.contains(reminder) { unique.append(reminder) }
        let alarm = unique.flatMap(\.lines).map { $0 + "\r\n" }.joined()
        var out = ""
        var event = 0
        for line in calendar.split(separator: "\r\n" as Character, omittingEmptySubsequences: false).dropLast() {
            if line == "END:VEVENT" {
                if event < items.count, items[event].done == nil { out += alarm }
                event += 1
            }
            out += line + "\r\n"
        }
        return out
    }
}
