/// An iCalendar file (RFC 5545): one all-day VEVENT per deadline, stable
/// UIDs, CRLF line ends, lines folded at 75 octets, TEXT escaped.
public enum ICalendar {
    public static func render(_ items: [DeadlineItem], stamp: CalendarDay) -> String {
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
                "END:VEVENT",
            ]
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
                   rows: items.map { [$0.day.description, $0.contractID, $0.alias, $0.kind, $0.title, $0.clause,
                                      $0.estimated ? "true" : "false", $0.provisional ? "true" : "false", $0.amount?.plain ?? "", $0.done ?? "",
                                      $0.duty ?? "", $0.missed ? "true" : "false"] })
    }

    public static func table(_ items: [DeadlineItem], range: DayRange?, asOf: CalendarDay) -> String {
        var text = range.map { "Deadlines from \($0.from) to \($0.to)\n\n" } ?? "All deadlines, as of \(asOf)\n\n"
        guard !items.isEmpty else { return text + "None.\n" }
        var table = Table([.init("DAY"), .init("IN", .right), .init("CONTRACT"), .init("WHAT"), .init("CLAUSE"), .init("DONE")])
        for item in items {
            let days = item.day.dayNumber - asOf.dayNumber
            table.add([(item.estimated ? "≥ " : "") + item.day.description + (item.provisional ? " *" : ""), "\(days)d", item.alias, item.title, item.clause, item.done ?? (item.missed ? "MISSED" : "")])
        }
        text += table.rendered()
        if items.contains(where: \.estimated) { text += "\n≥ DAY: the earliest possible day; it waits on an event not yet recorded.\n" }
        if items.contains(where: \.provisional) { text += "*: provisional: computed through a year the calendar does not cover.\n" }
        return text
    }
}
