/// An iCalendar file (RFC 5545): one all-day VEVENT per deadline, stable
/// UIDs, CRLF line ends, lines folded at 75 octets, TEXT escaped.
public enum ICalendar {
    /// An alarm (RFC 5545 §3.6.6, VALARM) some days or weeks before the
    /// start of a deadline's day, so the reminder arrives whatever the
    /// calendar app's default.
    public struct Reminder: Equatable, Sendable {
        public var count: Int
        public var weeks: Bool

        public init(count: Int, weeks: Bool) {
            self.count = count
            self.weeks = weeks
        }

        /// The trigger, before the start of the event's day: -P3D, -P2W.
        var trigger: String { "-P\(count)\(weeks ? "W" : "D")" }

        var lines: [String] {
            let unit = weeks ? (count == 1 ? "week" : "weeks") : (count == 1 ? "day" : "days")
            let when = count == 0 ? "today" : "in \(count) \(unit)"
            return ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:" + trigger, "DESCRIPTION:Deadline " + when, "END:VALARM"]
        }
    }

    /// The file; with `reminders`, each event of a deadline not yet met
    /// has one alarm per reminder (one given twice counts once: the same
    /// alarm twice would ring twice), in the order given.
    public static func render(_ items: [DeadlineItem], stamp: CalendarDay, reminders: [Reminder] = []) -> String {
        var unique: [Reminder] = []
        for reminder in reminders where !unique.contains(reminder) { unique.append(reminder) }
        let alarms = unique.flatMap(\.lines)
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//contractctl//deadlines//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + escape("contractctl deadlines")]
        let dtstamp = compact(stamp) + "T000000Z"
        for item in items {
            var description = "\(item.title). Clause: \(item.clause)."
            if item.estimated { description += " Estimated: the earliest possible day; the due date waits on an event not yet recorded." }
            if item.provisional { description += " Provisional: computed through a year the official calendar does not cover." }
            if let done = item.done { description += " Done: \(done)." }
            if item.missed { description += " Missed: past its day and not recorded as done." }
            description += "\nContract: \(item.contractID)"
            lines += [
                "BEGIN:VEVENT",
                "UID:" + escape(item.uid),
                "DTSTAMP:" + dtstamp,
                "DTSTART;VALUE=DATE:" + compact(item.day),
                "DTEND;VALUE=DATE:" + compact(item.day.adding(days: 1)),
                "SUMMARY:" + escape((item.done != nil ? "[done] " : item.missed ? "[missed] " : "") + item.title),
                "DESCRIPTION:" + escape(description),
                "CATEGORIES:" + escape(item.kind),
                "TRANSP:TRANSPARENT",
            ]
            if item.done == nil { lines += alarms }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// 20261130
    static func compact(_ day: CalendarDay) -> String { day.description.filter { $0 != "-" } }

    /// RFC 5545 3.3.11: backslash, semicolon, comma and line breaks escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out
    }

    /// RFC 5545 3.1: no line longer than 75 octets; a continuation line
    /// starts with one space. A multi-octet UTF-8 character is never split.
    static func fold(_ line: String) -> String {
        var result: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = result.isEmpty ? 75 : 74
            if octets + size > limit {
                result.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        result.append(current)
        return result.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }.joined(separator: "\r\n")
    }
}

/// `deadlines` as JSON, CSV and a table.
public enum DeadlinesReport {
    public static func json(_ items: [DeadlineItem], range: DayRange?) -> String {
        JSONValue.object([
            ("from", .optional(range?.from.description)), ("to", .optional(range?.to.description)),
            ("deadlines", .array(items.map { item in
                .object([
                    ("day", .string(item.day.description)), ("contract", .string(item.contractID)), ("alias", .string(item.alias)),
                    ("kind", .string(item.kind)), ("title", .string(item.title)), ("clause", .string(item.clause)),
                    ("estimated", .bool(item.estimated)), ("provisional", .bool(item.provisional)),
                    ("amount", .optional(item.amount?.plain)), ("done", .optional(item.done)), ("uid", .string(item.uid)),
                    ("duty", .optional(item.duty)), ("missed", .bool(item.missed)),
                ])
            })),
        ]).rendered() + "\n"
    }

    public static func csv(_ items: [DeadlineItem]) -> String {
        CSV.render(header: ["day", "contract", "alias", "kind", "title", "clause", "estimated", "provisional", "amount", "done", "duty", "missed"],
                   items: items) { [$0.day.description, $0.contractID, $0.alias, $0.kind, $0.title, $0.clause,
                                      $0.estimated ? "true" : "false", $0.provisional ? "true" : "false", $0.amount?.plain ?? "", $0.done ?? "",
                                      $0.duty ?? "", $0.missed ? "true" : "false"] }
    }

    /// The table, `width` columns wide when given: what falls due folds,
    /// what was done goes under its line; the DONE column only when
    /// something is done.
    public static func table(_ items: [DeadlineItem], range: DayRange?, asOf: CalendarDay, width: Int? = nil) -> String {
        var text = range.map { "Deadlines from \($0.from) to \($0.to)\n\n" } ?? "All deadlines, as of \(asOf)\n\n"
        guard !items.isEmpty else { return text + "None.\n" }
        var table = Table([.init("DAY"), .init("IN", .right), .init("CONTRACT"), .init("WHAT", folds: true), .init("CLAUSE"), .init("DONE", movesUnder: true)])
        table.omitsEmptyColumns = true
        for item in items {
            let days = item.day.dayNumber - asOf.dayNumber
            table.add([(item.estimated ? "≥ " : "") + item.day.description + (item.provisional ? " *" : ""), "\(days)d", item.alias, item.title, item.clause, item.done ?? (item.missed ? "MISSED" : "")])
        }
        text += table.rendered(width: width)
        if items.contains(where: \.estimated) { text += "\n≥ DAY: the earliest possible day; it waits on an event not yet recorded.\n" }
        if items.contains(where: \.provisional) { text += "*: provisional: computed through a year the calendar does not cover.\n" }
        return text
    }
}
