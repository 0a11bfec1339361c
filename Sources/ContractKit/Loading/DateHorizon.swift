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
        let beyond = ParallelMap.map(contracts, chunk: 8) { contract in
            Deadlines.items(of: contract, ledger: ledger, asOf: last, calendar: CalendarLoader.builtin).filter { $0.day > last }
        }
        guard let item = beyond.joined().min(by: { ($0.day, $0.alias, $0.kind, $0.uid) < ($1.day, $1.alias, $1.kind, $1.uid) }) else { return nil }
        return "\(item.alias) \(item.kind) on \(item.day) (\(item.clause))"
    }

    /// The message for `beyond`'s finding.
    static func message(_ finding: String, from source: String) -> String {
        "\(source) give rise to \(finding), after 9999-12-31, the last day contractctl can read or write"
    }
}
