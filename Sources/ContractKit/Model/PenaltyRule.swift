/// A penalty (违约金) or deduction rule.
///
/// One shape covers every kind in the five contracts: a rate of a base per
/// period of delay, with caps and add-on interest; per-incident amounts by
/// grade that escalate on repeats; fixed amounts with multipliers; a rate per
/// breached clause. The fields a kind does not use are left out.
public struct PenaltyRule: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// The buyer pays late.
        case latePayment
        /// The supplier serves late.
        case lateService
        /// A security incident by grade (liyang attachment 1 §5).
        case incident
        /// A request answered or done late.
        case request
        /// An on-site staff violation.
        case staffViolation
        /// A breach of a clause.
        case breach
        /// Termination without cause.
        case terminationWithoutCause
    }

    public enum Base: String, Codable, Sendable {
        /// The total the price clause states.
        case contractTotal
        /// The amount overdue.
        case overdueAmount
        /// The annual fee of the subsystem concerned.
        case subsystemFee
    }

    public var id: String
    public var kind: Kind
    public var clause: String
    /// Who pays the penalty.
    public var payer: Payer
    public var text: String?

    public var rate: Percent?
    public var base: Base?
    /// The rate applies once per this period of delay (1% per 10 days).
    public var per: PeriodSpec?
    /// A fixed amount per occurrence.
    public var amount: Money?
    /// A range the buyer sets case by case (¥100-300).
    public var amountMin: Money?
    public var amountMax: Money?

    public var cap: PenaltyCap?
    public var interest: Interest?
    public var termination: TerminationThreshold?

    /// incident: the grade, its resolution limit, and what repeats and late
    /// resolution cost.
    public var grade: String?
    public var resolveWithinHours: Int?
    /// Each repeat of the same grade in the year costs this much more than the previous one.
    public var repeatIncrease: Percent?
    /// Resolved late: add this rate of the base ...
    public var lateAddRate: Percent?
    /// ... or multiply the penalty by this factor.
    public var lateMultiplier: Quantity?

    /// request: the event penalised and the limits in clock hours by kind.
    public var event: String?
    @DefaultEmpty public var limitsHours: [RequestLimit]
    /// Multipliers by complaint level ("cityGovernment": 2).
    @DefaultEmpty public var multipliers: [Multiplier]
    /// The id of a rule this one replaces when both apply.
    public var replaces: String?

    /// breach: the clauses it covers (empty = any clause).
    @DefaultEmpty public var clauses: [String]
    /// A condition on applying the rule at all (only if the parties cannot agree ...).
    public var onlyIf: String?
    /// Causes that excuse the delay.
    @DefaultEmpty public var exclusions: [String]
    /// Where the penalty is taken from ("unpaid amounts").
    public var deductedFrom: String?
    /// latePayment on the amount overdue: a payment covers what this rule
    /// (and its interest) has accrued on the debt before the principal
    /// (Civil Code Art. 561; Readings 7).
    public var coveredBeforePrincipal: Bool?
}

/// Who pays a penalty: one party, or either one that breaches.
public enum Payer: String, Codable, Sendable {
    case buyer, supplier, either
}

public struct PenaltyCap: Codable, Sendable {
    /// At most this share of `of` ...
    public var share: Percent?
    public var of: PenaltyRule.Base?
    /// ... or at most this many days counted ...
    public var days: Int?
    /// ... and whether interest counts toward the cap.
    public var includesInterest: Bool?
    public var clause: String?
}

public struct Interest: Codable, Sendable {
    public var rate: Percent
    public var per: PeriodSpec
    public var base: PenaltyRule.Base
    public var clause: String
}

/// When the other party may terminate because of this rule's amounts or delay.
public struct TerminationThreshold: Codable, Sendable {
    public var party: PartyRole
    /// Once the penalties reach this share of the total ...
    public var share: Percent?
    /// ... or the delay reaches this many days in all.
    public var days: Int?
    public var clause: String
}

public struct RequestLimit: Codable, Sendable, Hashable {
    public var kind: String
    public var hours: Int
}

public struct Multiplier: Codable, Sendable, Hashable {
    public var level: String
    public var factor: Quantity
}
