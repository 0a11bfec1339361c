/// The official working-day calendar: weekends and public holidays are rest
/// days, adjusted working Saturdays and Sundays (调休上班) are working days.
///
/// A year the calendar does not cover is counted with weekends only, and
/// every result computed through it says so (`provisional`).
public struct WorkCalendar: Sendable {
    public struct Year: Sendable, Equatable {
        /// Day number -> the holiday's name ("National Day 国庆节").
        public var holidays: [Int: String]
        /// Day number -> the holiday the working day makes up for.
        public var adjustedWorkdays: [Int: String]

        public init(holidays: [Int: String] = [:], adjustedWorkdays: [Int: String] = [:]) {
            self.holidays = holidays
            self.adjustedWorkdays = adjustedWorkdays
        }
    }

    public var years: [Int: Year]

    public init(years: [Int: Year]) { self.years = years }

    /// This calendar with `other`'s years added, replacing any year both have.
    public func overridden(by other: WorkCalendar) -> WorkCalendar {
        WorkCalendar(years: years.merging(other.years) { _, new in new })
    }

    public func covers(year: Int) -> Bool { years[year] != nil }

    /// The covered years as ranges, for messages: "2004-2026".
    public var coveredYearsText: String {
        let sorted = years.keys.sorted()
        var ranges: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            ranges.append(end == index ? "\(sorted[index])" : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return ranges.isEmpty ? "none" : ranges.joined(separator: ", ")
    }

    public enum DayKind: Equatable, Sendable {
        case workday
        case weekend
        case holiday(String)
        case adjustedWorkday(String)

        public var isWorkday: Bool {
            switch self {
            case .workday, .adjustedWorkday: return true
            case .weekend, .holiday: return false
            }
        }
    }

    /// What kind of day this is, and whether the calendar covers its year
    /// (when it does not, only weekends count as rest days).
    public func kind(of day: CalendarDay) -> (kind: DayKind, covered: Bool) {
        guard let year = years[day.year] else {
            return (day.isWeekend ? .weekend : .workday, false)
        }
        if let name = year.holidays[day.dayNumber] { return (.holiday(name), true) }
        if let name = year.adjustedWorkdays[day.dayNumber] { return (.adjustedWorkday(name), true) }
        return (day.isWeekend ? .weekend : .workday, true)
    }

    public func isWorkday(_ day: CalendarDay) -> Bool { kind(of: day).kind.isWorkday }
}
