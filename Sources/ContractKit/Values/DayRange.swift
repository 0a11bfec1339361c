/// A span of days, both ends included: a quarter, a year, or any range.
public struct DayRange: Hashable, Sendable {
    public var from: CalendarDay
    public var to: CalendarDay
    /// "2026Q4" for a quarter, "2026" for a year, nil for any other range.
    public var name: String?

    public init(from: CalendarDay, to: CalendarDay, name: String? = nil) {
        self.from = from
        self.to = to
        self.name = name
    }

    public func contains(_ day: CalendarDay) -> Bool { day >= from && day <= to }

    /// "2026Q4" (or "2026q4", "2026-Q4"): October to December 2026.
    public static func quarter(_ text: String) -> DayRange? {
        let upper = text.uppercased().replacingOccurrencesOfDash
        let parts = upper.split(separator: "Q", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let q = Int(parts[1]), (1...4).contains(q),
              let start = CalendarDay(year: year, month: (q - 1) * 3 + 1, day: 1) else { return nil }
        let end = start.adding(months: 2).endOfMonth
        return DayRange(from: start, to: end, name: "\(year)Q\(q)")
    }

    /// "2026": the calendar year.
    public static func year(_ text: String) -> DayRange? {
        guard text.count == 4, let year = Int(text), let start = CalendarDay(year: year, month: 1, day: 1),
              let end = CalendarDay(year: year, month: 12, day: 31) else { return nil }
        return DayRange(from: start, to: end, name: text)
    }
}

private extension String {
    var replacingOccurrencesOfDash: String { filter { $0 != "-" } }
}
