/// One payment of the schedule.
public struct Instalment: Codable, Sendable {
    public var id: String
    /// The document's own name for it ("第一笔").
    public var label: String?
    public var clause: String
    /// The clause's words, quoted.
    public var text: String?
    /// A share of the contract total ...
    public var share: Percent?
    /// ... or a fixed amount ...
    public var amount: Money?
    /// ... or whatever the other instalments leave of the total.
    public var remainder: Bool?
    /// The amount the document states for it, if it states one.
    public var statedAmount: StatedAmount?
    /// A caveat on the amount (a final price still to be set).
    public var amountNote: String?
    public var due: DueRule
    @DefaultEmpty public var conditions: [Condition]
}

/// When an instalment falls due.
///
/// The clock starts on the latest of `after` (all must have happened) and
/// runs `within` a period; `onOrBefore` is a fixed last day, which does not
/// move; `notBefore` is a fixed first day; `requires` are events that must
/// precede payment without starting a clock (an invoice before payment).
public struct DueRule: Codable, Sendable {
    @DefaultEmpty public var after: [Anchor]
    public var within: PeriodSpec?
    public var onOrBefore: CalendarDay?
    public var notBefore: CalendarDay?
    @DefaultEmpty public var requires: [Anchor]
    /// Whether Art. 203 moves a computed last day off a rest day (default true).
    public var rollOver: Bool?
    /// The reading adopted where the phrase is open ("before D" = on or before D).
    public var reading: String?
}

/// A condition on payment that is not a date: an assessment average to reach.
public struct Condition: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// The average score of an assessment window reaches `atLeast`.
        case assessmentAverage
    }
    public var kind: Kind
    public var window: String?
    public var atLeast: Quantity?
    public var clause: String
    public var text: String?
}
