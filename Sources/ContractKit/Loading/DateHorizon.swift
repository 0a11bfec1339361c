/// Days stop at 9999-12-31: a date is written YYYY-MM-DD, so a day of year
/// 10000 could be neither read back (every input refuses it) nor written in
/// a calendar file (`DTSTART;VALUE=DATE:` takes eight digits). Input days
/// are bounded by `CalendarDay(parsing:)`; the days computed from them (an
/// instalment due 90 days after a signing on 9999-12-01, a term's end) are
/// bounded here, once, where contracts and ledgers are loaded and where
/// `record` tries an event: every dated obligation the terms and the events
/// give rise to is worked out, and the first one past the last day named.
enum DateHorizon {
    /// 9999-12-31.
    static let last = CalendarDay(dayNumber: CalendarDay.daysFromCivil(year: 9999, month: 12, day: 31))

    /// The first obligation of `contracts`, with `ledger`, that falls after
    /// 9999-12-31, as "liyang-2024 instalment 1 due on 10000-02-29 (§四)".
    static func beyond(_ contracts: [Contract], ledger: Ledger) -> String? {
        // Each contract's obligations are its own: worked out on both cores,
        // and the first of them all in `Deadlines.all`'s order is named.
        let beyond = ParallelMap.map(contracts, chunk: 8, step: "checking the dates against the calendar") { contract in
            Deadlines.items(of: contract, ledger: ledger, asOf: last, calendar: CalendarLoader.builtin).filter { $0.day > last }
        }
        guard let item = beyond.joined().min(by: DeadlineItem.inOrder) else { return nil }
        return "\(item.alias) \(item.kind) on \(item.day) (\(item.clause))"
    }

    /// True when no obligation of the fixture `document` can fall after
    /// 9999-12-31, by a bound that needs no computation: every day the
    /// terms give rise to is a day they write, moved by their periods and
    /// counts, each at most once, and a recurrence stays within the term.
    /// So the latest day written, plus every whole number the document holds
    /// taken as that many years, plus two years for rounding and rest days,
    /// bounds them all. False (work it out with `beyond`) when the document
    /// writes no day, or a number that is not a plain integer.
    static func cannotReach(_ document: JSONNode) -> Bool {
        var latest: Int?
        var years = 2
        var plain = true
        func walk(_ node: JSONNode) {
            guard plain else { return }
            switch node {
            case .object(let members): for member in members { walk(member.value) }
            case .array(let items): for item in items { walk(item) }
            case .string(let text):
                if text.utf8.count == 10, let day = CalendarDay(parsing: text), day.dayNumber > latest ?? Int.min { latest = day.dayNumber }
            case .number(let text):
                guard let count = Int(text), count.magnitude < 1_000_000 else { plain = false; return }
                years += Int(count.magnitude)
                if years > 10_000 { plain = false }
            case .bool, .null:
                break
            }
        }
        walk(document)
        guard plain, let latest else { return false }
        return latest + years * 366 < last.dayNumber
    }

    /// The message for `beyond`'s finding.
    static func message(_ finding: String, from source: String) -> String {
        "\(source) give rise to \(finding), after 9999-12-31, the last day contractctl can read or write"
    }
}
