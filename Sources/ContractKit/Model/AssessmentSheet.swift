/// A score sheet (考核表): categories with points and per-occurrence
/// deductions, additional items without limit, the total held to a range.
public struct AssessmentSheet: Codable, Sendable {
    public var clause: String
    /// How often a period is scored: each recorded period lies within one
    /// calendar period of this length.
    public var frequency: AssessmentFrequency
    public var categories: [AssessmentCategory]
    @DefaultEmpty public var additionalItems: [AdditionalItem]
    public var minimum: Int
    public var maximum: Int
    @DefaultEmpty public var windows: [AssessmentWindow]
    public var note: String?
}

public enum AssessmentFrequency: String, Codable, Sendable {
    case monthly, quarterly, halfYearly, yearly

    var months: Int {
        switch self {
        case .monthly: 1
        case .quarterly: 3
        case .halfYearly: 6
        case .yearly: 12
        }
    }

    /// Whether both days fall in the same calendar month, quarter, half-year or year.
    public func samePeriod(_ a: CalendarDay, _ b: CalendarDay) -> Bool {
        a.year == b.year && (a.month - 1) / months == (b.month - 1) / months
    }

    var noun: String {
        switch self {
        case .monthly: "month"
        case .quarterly: "quarter"
        case .halfYearly: "half-year"
        case .yearly: "year"
        }
    }
}

public struct AssessmentCategory: Codable, Sendable {
    public var id: String
    public var name: String
    public var content: String?
    public var points: Int
    public var deductions: [Deduction]
}

public struct Deduction: Codable, Sendable {
    public var id: String
    public var description: String
    /// Points lost per occurrence.
    public var points: Int
    /// The kind of incident it deducts for: `check` reports two items of
    /// the sheet recorded as covering the same one.
    public var incident: String?
}

public struct AdditionalItem: Codable, Sendable {
    public var id: String
    public var description: String
    /// Points per occurrence: positive adds, negative deducts.
    public var points: Int
    /// False where the text does not say "per occurrence" (每发生一次).
    public var perOccurrence: Bool?
    public var note: String?
    /// As for a deduction: the kind of incident it counts.
    public var incident: String?
}

/// A span whose assessments are averaged for a condition.
public struct AssessmentWindow: Codable, Sendable {
    public var id: String
    public var label: String
    /// Periods that end on or after this day count (open when nil) ...
    public var periodsEndingFrom: CalendarDay?
    /// ... and on or before this day.
    public var periodsEndingTo: CalendarDay
    /// The end the text itself names, where the reading differs from it
    /// ("up to the end of October 2026" = 2026-10-31).
    public var statedEnd: CalendarDay?
    public var atLeast: Quantity
    public var clause: String
    public var reading: String?
}
