/// A period written in a contract: "90 日", "30 个工作日", "6 个月", "一年".
public enum Period: Hashable, Sendable {
    case days(Int)
    case workingDays(Int)
    case months(Int)
    case years(Int)

    public var description: String {
        switch self {
        case .days(let n): return "\(n) day\(n == 1 ? "" : "s")"
        case .workingDays(let n): return "\(n) working day\(n == 1 ? "" : "s")"
        case .months(let n): return "\(n) month\(n == 1 ? "" : "s")"
        case .years(let n): return "\(n) year\(n == 1 ? "" : "s")"
        }
    }
}

/// A day worked out from a start and a period, with the rules applied.
public struct ComputedDay: Hashable, Sendable {
    public var day: CalendarDay
    /// True when the computation passed through a year the calendar does not
    /// cover, so rest days other than weekends may be missing.
    public var provisional: Bool
    /// The rule applied, in words: "2025-09-01 + 30 days = 2025-10-01 (Art. 201) ...".
    public var rule: String
}

extension WorkCalendar {
    /// The end of a period that starts after `start` (Civil Code Arts. 200-204).
    ///
    /// Days, months and years do not count the first day (Art. 201); months and
    /// years end on the corresponding day or the month's last day (Art. 202);
    /// an end on a rest day moves to the next working day (Art. 203) unless
    /// `rollOver` is false. Working days count the N-th working day after `start`.
    public func end(of period: Period, after start: CalendarDay, rollOver: Bool = true) -> ComputedDay {
        switch period {
        case .workingDays(let n):
            return adding(workingDays: n, to: start)
        case .days(let n):
            let raw = start.adding(days: n)
            return rolled(raw, rule: "\(start) + \(period.description) = \(raw) (Art. 201: the first day is not counted)", rollOver: rollOver)
        case .months(let n):
            let raw = start.adding(months: n)
            return rolled(raw, rule: "\(start) + \(period.description) = \(raw) (Art. 202: the corresponding day, or the month's last day)", rollOver: rollOver)
        case .years(let n):
            let raw = start.adding(months: 12 * n)
            return rolled(raw, rule: "\(start) + \(period.description) = \(raw) (Art. 202: the corresponding day, or the month's last day)", rollOver: rollOver)
        }
    }

    /// The N-th working day after `start`, `start` itself not counted; for a
    /// negative N, the |N|-th working day before it.
    public func adding(workingDays n: Int, to start: CalendarDay) -> ComputedDay {
        var day = start
        var remaining = n.magnitude
        let step = n < 0 ? -1 : 1
        var provisional = false
        while remaining > 0 {
            day = day.adding(days: step)
            let (kind, covered) = self.kind(of: day)
            if !covered { provisional = true }
            if kind.isWorkday { remaining -= 1 }
        }
        var rule = "the \(ordinal(Int(n.magnitude))) working day \(n < 0 ? "before" : "after") \(start) (\(start) not counted; official calendar: weekends and public holidays are rest days, adjusted working days count)"
        if provisional { rule += "; " + provisionalNote(from: start, to: day) }
        return ComputedDay(day: day, provisional: provisional, rule: rule)
    }

    private func rolled(_ raw: CalendarDay, rule: String, rollOver: Bool) -> ComputedDay {
        var rule = rule
        var day = raw
        var provisional = !covers(year: raw.year)
        guard rollOver else {
            if provisional { rule += "; " + provisionalNote(from: raw, to: raw) }
            return ComputedDay(day: raw, provisional: provisional, rule: rule)
        }
        let (firstKind, _) = kind(of: raw)
        while true {
            let (kind, covered) = self.kind(of: day)
            if !covered { provisional = true }
            if kind.isWorkday { break }
            day = day.adding(days: 1)
        }
        if day != raw {
            rule += "; \(raw) is a rest day (\(describe(firstKind))), so the period ends on the next working day, \(day) (Art. 203)"
        }
        if provisional { rule += "; " + provisionalNote(from: raw, to: day) }
        return ComputedDay(day: day, provisional: provisional, rule: rule)
    }

    private func provisionalNote(from start: CalendarDay, to end: CalendarDay) -> String {
        let missing = (min(start.year, end.year)...max(start.year, end.year)).filter { !covers(year: $0) }
        let years = missing.map(String.init).joined(separator: ", ")
        return "provisional: the calendar has no \(years) (it covers \(coveredYearsText)), so only weekends were counted as rest days there"
    }

    public func describe(_ kind: DayKind) -> String {
        switch kind {
        case .workday: return "a working day"
        case .weekend: return "a weekend"
        case .holiday(let name): return "public holiday: \(name)"
        case .adjustedWorkday(let name): return "an adjusted working day for \(name)"
        }
    }
}

func ordinal(_ n: Int) -> String {
    let suffix: String
    switch (n % 10, n % 100) {
    case (_, 11...13): suffix = "th"
    case (1, _): suffix = "st"
    case (2, _): suffix = "nd"
    case (3, _): suffix = "rd"
    default: suffix = "th"
    }
    return "\(n)\(suffix)"
}
