/// A penalty (违约金) or deduction rule: one closed kind per sort of clause.
///
/// Each kind carries exactly the fields its computation reads, so a fixture
/// can hold no term the engine would ignore: a key a kind does not take is
/// refused at load (the schema's `oneOf` by `kind`), and every number or name
/// a rule uses (rates, escalation, multipliers, payer, the names of the events
/// it counts, caps, thresholds) comes from the fixture, never from Swift.
public enum PenaltyRule: Sendable {
    /// The buyer pays late (minhang §10.2, liyang §7.3, weinan §十三(二)).
    case latePayment(LatePaymentRule)
    /// The supplier serves late (minhang §10.3, liyang §7.2, weinan §十三(二)).
    case lateService(LateServiceRule)
    /// A security incident of one grade (liyang attachment 1 §5).
    case incident(IncidentRule)
    /// A request answered or done late (liyang attachment 1 §6(4)).
    case request(RequestRule)
    /// An on-site staff violation (liyang attachment 1 §7).
    case staffViolation(StaffRule)
    /// A breach of a clause (keping §5.1, §3.5; qingpu §9.3).
    case breach(BreachRule)
    /// Termination without cause (keping §5.2).
    case terminationWithoutCause(BreachRule)

    public enum Kind: String, Codable, Sendable, CaseIterable {
        case latePayment, lateService, incident, request, staffViolation, breach, terminationWithoutCause
    }

    public var kind: Kind {
        switch self {
        case .latePayment: return .latePayment
        case .lateService: return .lateService
        case .incident: return .incident
        case .request: return .request
        case .staffViolation: return .staffViolation
        case .breach: return .breach
        case .terminationWithoutCause: return .terminationWithoutCause
        }
    }

    /// The fields every kind has.
    public var terms: any RuleTerms {
        switch self {
        case .latePayment(let rule): return rule
        case .lateService(let rule): return rule
        case .incident(let rule): return rule
        case .request(let rule): return rule
        case .staffViolation(let rule): return rule
        case .breach(let rule), .terminationWithoutCause(let rule): return rule
        }
    }

    public var id: String { terms.id }
    public var clause: String { terms.clause }

    /// The rate of the contract total one occurrence or period costs, for
    /// the kinds priced that way.
    public var rateOfTotal: Percent? {
        switch self {
        case .latePayment(let rule): return rule.base == .contractTotal ? rule.rate : nil
        case .lateService(let rule): return rule.rate
        case .breach(let rule), .terminationWithoutCause(let rule): return rule.rate
        case .incident, .request, .staffViolation: return nil
        }
    }
}

/// What every rule states: its id, clause, who pays and the words.
public protocol RuleTerms: Sendable {
    var id: String { get }
    var clause: String { get }
    var text: String? { get }
}

extension PenaltyRule: Codable {
    enum KindKey: String, CodingKey { case kind }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: KindKey.self)
        switch try container.decode(Kind.self, forKey: .kind) {
        case .latePayment: self = .latePayment(try LatePaymentRule(from: decoder))
        case .lateService: self = .lateService(try LateServiceRule(from: decoder))
        case .incident: self = .incident(try IncidentRule(from: decoder))
        case .request: self = .request(try RequestRule(from: decoder))
        case .staffViolation: self = .staffViolation(try StaffRule(from: decoder))
        case .breach: self = .breach(try BreachRule(from: decoder))
        case .terminationWithoutCause: self = .terminationWithoutCause(try BreachRule(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: KindKey.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .latePayment(let rule): try rule.encode(to: encoder)
        case .lateService(let rule): try rule.encode(to: encoder)
        case .incident(let rule): try rule.encode(to: encoder)
        case .request(let rule): try rule.encode(to: encoder)
        case .staffViolation(let rule): try rule.encode(to: encoder)
        case .breach(let rule), .terminationWithoutCause(let rule): try rule.encode(to: encoder)
        }
    }
}

/// A period of delay a rate applies to, in calendar days ({"days": 10}).
/// Months or working days are refused at load: the engine counts lateness
/// in calendar days only (Readings 1).
public struct DayPeriod: Codable, Sendable, Hashable {
    public var days: Int
}

/// The buyer pays late: a rate of the contract total per whole period of
/// delay, or of the amount overdue per period, with optional interest.
public struct LatePaymentRule: RuleTerms, Codable {
    public enum Base: String, Codable, Sendable {
        /// The total the price clause states (Readings 3).
        case contractTotal
        /// The amount overdue, each part by its own days late.
        case overdueAmount
    }
    public var id: String
    public var clause: String
    public var payer: PartyRole
    public var text: String?
    public var rate: Percent
    public var base: Base
    public var per: DayPeriod
    public var interest: Interest?
    public var cap: ShareCap?
    public var termination: TerminationThreshold?
    /// Causes that excuse days of delay (Readings 16).
    @DefaultEmpty public var exclusions: [Exclusion]
}

/// Interest on the amount overdue (利息), beside a late-payment penalty.
public struct Interest: Codable, Sendable {
    public var rate: Percent
    public var per: DayPeriod
    public var clause: String
    /// A payment covers the interest accrued on the debt before the
    /// principal (Civil Code Art. 561; Readings 7).
    public var paidBeforePrincipal: Bool
}

/// At most a share of the contract total, all of the rule's amounts together.
public struct ShareCap: Codable, Sendable {
    public var share: Percent
    /// Whether the rule's interest counts toward the cap; the cap then cuts
    /// the penalty first, then interest not yet paid (Readings 7).
    public var includesInterest: Bool
    public var clause: String
}

/// The supplier serves late: a rate of the contract total per whole period
/// of each recorded delay.
public struct LateServiceRule: RuleTerms, Codable {
    public var id: String
    public var clause: String
    public var payer: PartyRole
    public var text: String?
    public var rate: Percent
    public var per: DayPeriod
    /// At most this share of the total in all ...
    public var cap: ShareCap?
    /// ... or at most this many days of delay counted in all.
    public var capDays: DayCap?
    public var termination: TerminationThreshold?
    @DefaultEmpty public var exclusions: [Exclusion]
    /// Where the penalty is taken from ("unpaid amounts"), shown beside it.
    public var deductedFrom: String?
}

public struct DayCap: Codable, Sendable {
    public var days: Int
    public var clause: String
}

/// A cause that excuses a delay, as the clause lists it.
public struct Exclusion: Codable, Sendable {
    public var cause: DelayCause
    /// The clause's words for it.
    public var text: String
}

/// When the other party may terminate because of this rule.
public struct TerminationThreshold: Codable, Sendable {
    public var party: PartyRole
    /// Once the penalties reach this share of the total ...
    public var share: Percent?
    /// ... or the delay reaches this many days in all.
    public var days: Int?
    public var clause: String
}

/// A security incident of one grade: a rate of the hit subsystem's annual
/// fee; each repeat of the grade within a contract year costs the previous
/// incident's amount plus `repeatIncrease`; resolved late, a surcharge.
/// A grade with no `rate` is report-only and costs nothing.
public struct IncidentRule: RuleTerms, Codable {
    public var id: String
    public var clause: String
    public var payer: PartyRole
    public var text: String?
    /// The grade's name as the ledger records it ("major").
    public var grade: String
    public var resolveWithinHours: Int?
    public var rate: Percent?
    public var repeatIncrease: Percent?
    /// Resolved late: this rate of the subsystem's fee is added ...
    public var lateAddRate: Percent?
    /// ... or the amount is multiplied by this factor.
    public var lateMultiplier: Quantity?
}

/// A request penalty: a fixed amount when the request's `trigger` happens.
public struct RequestRule: RuleTerms, Codable {
    public enum Trigger: String, Codable, Sendable, CaseIterable {
        /// No first answer within the limit for the request's kind.
        case noFirstAnswer
        /// Not done by the agreed time.
        case lateDone
        /// Late and disrupting the buyer's work.
        case lateDisruptive
    }
    public var id: String
    public var clause: String
    public var payer: PartyRole
    public var text: String?
    public var trigger: Trigger
    public var amount: Money
    /// noFirstAnswer: the limit in clock hours for each kind of request.
    @DefaultEmpty public var limitsHours: [RequestLimit]
    /// lateDone: multipliers by where the user complained.
    @DefaultEmpty public var multipliers: [Multiplier]
    /// The id of a rule this one replaces when both apply.
    public var replaces: String?
}

/// A staff violation: a fixed amount, or one the buyer sets within a range.
public struct StaffRule: RuleTerms, Codable {
    public var id: String
    public var clause: String
    public var payer: PartyRole
    public var text: String?
    /// The violation's name as the ledger records it.
    public var violation: String
    public var amount: Money?
    public var amountMin: Money?
    public var amountMax: Money?
}

/// A breach of a clause (or termination without cause): a rate of the total.
public struct BreachRule: RuleTerms, Codable {
    public var id: String
    public var clause: String
    public var payer: Payer
    public var text: String?
    public var rate: Percent
    /// The clauses whose breach it prices besides its own.
    @DefaultEmpty public var clauses: [String]
    /// Prices any breach by its payer that no rule naming the clause prices
    /// (keping §5.1 "任何一方违约"): the general rule (Readings 13).
    public var general: Bool?
    /// A condition on applying the rule at all, shown beside the figure.
    public var onlyIf: String?
    /// The id of a general rule this one replaces (Readings 13).
    public var replaces: String?
}

/// Who pays a penalty: one party, or either one that breaches.
public enum Payer: String, Codable, Sendable {
    case buyer, supplier, either

    /// Whether some party pays under both.
    func overlaps(_ other: Payer) -> Bool { self == .either || other == .either || self == other }

    func includes(_ party: PartyRole) -> Bool { self == .either || rawValue == party.rawValue }
}

public struct RequestLimit: Codable, Sendable, Hashable {
    public var kind: String
    public var hours: Int
}

public struct Multiplier: Codable, Sendable, Hashable {
    public var level: String
    public var factor: Quantity
}
