/// What happens when the term ends.
public struct Renewal: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// Renews by itself unless a party gives notice in time.
        case automatic
        /// The parties may negotiate a renewal.
        case negotiated
        /// One procurement, signed year by year.
        case yearByYear
    }
    public var kind: Kind
    public var clause: String
    /// The length of a renewal.
    public var period: PeriodSpec?
    /// Notice must be given at least this long before the term ends.
    public var noticeAtLeast: PeriodSpec?
    public var text: String?
}

/// How often a duty recurs: once in each calendar month or quarter the term covers, or in each contract year.
public enum Recurrence: String, Codable, Sendable, CaseIterable {
    case monthly
    case quarterly
    /// Once in each contract year of the term ("每年"), by its last day.
    case yearly
}

/// Who a duty binds: one party, or either of them ("任何一方",
/// "受不可抗力影响的一方", "一方…另一方").
public enum ObligedParty: String, Codable, Sendable, CaseIterable {
    case buyer, supplier, either

    /// The one party it binds; nil when it binds either.
    public var role: PartyRole? { PartyRole(rawValue: rawValue) }

    /// " (either party)" for a duty that binds either, for titles.
    var either: String { self == .either ? " (either party)" : "" }
}

/// A dated or timed duty that is not a payment: a reminder, a report,
/// an answer within a limit, notice before termination.
public struct Obligation: Codable, Sendable {
    public var id: String
    public var clause: String
    public var party: ObligedParty
    public var description: String
    /// A limit: within this long after the trigger ...
    public var within: PeriodSpec?
    public var withinHours: Int?
    public var withinMinutes: Int?
    /// ... or at least this long before `before`.
    public var atLeast: PeriodSpec?
    /// ... or at least this many hours ahead of what it announces.
    public var atLeastHours: Int?
    public var before: DayRef?
    /// ... or within this long after `after` ("10 working days after the term ends").
    public var after: DayRef?
    /// A duty that lasts this long after `after` (confidentiality for one
    /// year after the term ends): `deadlines` lists the day it ends.
    public var lasts: PeriodSpec?
    /// How often it recurs through the term: once in each calendar month or quarter, or contract year.
    public var every: Recurrence?
    /// The day of the month a recurring duty is due by; without it, the
    /// period's last day.
    public var byDayOfMonth: Int?
    /// The cases a rule applies to; an empty list is recorded as written.
    public var cases: [String]?
}
