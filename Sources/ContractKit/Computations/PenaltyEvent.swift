/// What a penalty line counts and notes, as values: the ledger events
/// behind a figure, the remarks beside it, and where a termination
/// threshold stands. Rendering writes them as sentences (`PenaltyWording`).

/// An event a penalty line counts, as values.
public enum PenaltyEvent: Sendable, Equatable {
    /// An instalment paid late: each part with its day and days late.
    case instalment(InstalmentDelay)
    case serviceDelay(line: Int, from: CalendarDay, days: Int, cause: DelayCause)
    case incident(line: Int, grade: String, subsystem: String, subsystemName: String, occurred: Instant)
    case request(line: Int, kind: String, received: Instant)
    case staffViolation(line: Int, violation: String, day: CalendarDay)
    case breach(line: Int, clause: String, party: PartyRole, day: CalendarDay)
    case terminationWithoutCause(line: Int, party: PartyRole, day: CalendarDay)
}

public struct InstalmentDelay: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var amount: Money
        /// The day paid, or the as-of day for what is unpaid.
        public var day: CalendarDay
        public var paid: Bool
        public var days: Int
    }
    public var instalment: String
    public var clause: String
    public var due: CalendarDay
    public var parts: [Part]
    public var excusedDays: Int
}

/// A remark beside a figure, as values.
public enum PenaltyNote: Sendable, Equatable {
    /// Recorded days of delay a cause excuses (Reading 16).
    case excused(line: Int, cause: DelayCause, from: CalendarDay, to: CalendarDay, by: ExcuseGround)
    /// Recorded days of delay whose cause the clause does not list: they count.
    case notExcused(line: Int, cause: DelayCause, from: CalendarDay, to: CalendarDay, clause: String)
    /// The interest's own terms.
    case interestTerms(rate: Percent, periodDays: Int, clause: String)
    /// Payments that covered interest before the principal (Civil Code Art. 561; Reading 7).
    case coveredBeforePrincipal([PaymentPart])
    /// A penalty on the total beside interest, which is on the amount overdue only.
    case interestOnOverdueOnly
    /// A late and disruptive request's rule replaces the late one (Reading 12).
    case replacesRequestRule(String)
    /// A specific breach rule replaces the general one, not added to it (Reading 13).
    case replacesGeneralRule(String)
    /// A condition on applying the rule at all, in the contract file's words.
    case onlyIf(String)
    /// Where the penalty is taken from, in the contract file's words.
    case takenFrom(String)
}

/// What a termination threshold measures, its limit and where it stands.
public enum TerminationMeasure: Sendable, Equatable {
    /// Days of late payment in all.
    case daysOverdue(limit: Int, now: Int)
    /// The rule's penalties against a share of the total.
    case penalties(share: Percent, limit: Money, now: Money, interestExcluded: Bool)
}

/// Why days of delay do not count: the clause's own exclusion, or the Civil Code.
public enum ExcuseGround: Sendable, Equatable {
    /// Excluded by the clause, in its words.
    case clause(String, text: String)
    /// Excused by the Civil Code whatever the clause lists.
    case civilCode(CivilCodeExcuse)
}

public enum CivilCodeExcuse: Int, Sendable, Equatable {
    /// Art. 590: force majeure.
    case forceMajeure = 590
    /// Art. 592: the other party's part in the breach.
    case otherParty = 592

    public var article: Int { rawValue }
}
