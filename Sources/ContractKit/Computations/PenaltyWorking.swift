/// How one penalty figure was worked, as values: one case per kind of
/// sentence a penalty line carries, each with every number the sentence
/// uses. The computation fills it; Rendering (`PenaltyWording`) writes the
/// sentence in Chinese or English, and the JSON carries the values as they are.
///
/// The amount the figure comes to is the line's own `amount`.
public enum PenaltyWorking: Sendable, Equatable {
    /// A rate of the contract total per whole period (or day) of late
    /// payment (minhang §10.2, weinan §十三(二); Readings 1, 10).
    case latePayment(LatePaymentOfTotal)
    /// A rate of the amount overdue, each part by its own days late (liyang §7.3; Reading 10).
    case overdueParts(OverdueParts)
    /// Interest on the amount overdue, each part by its own days late (liyang §7.3; Reading 7).
    case interest(OverdueParts)
    /// A share-of-total cap taking the excess off the rule's sum (Readings 2, 7).
    case cap(CapCut)
    /// One recorded delay of the supplier's service: a rate of the total
    /// per whole period (or day), less excused days, within a day cap (Readings 10, 16).
    case lateService(LateServiceDelay)
    /// A delay whose cause excuses it whole: nothing counts (Reading 16).
    case excusedDelay(cause: DelayCause, days: Int, by: ExcuseGround)
    /// A security incident: the first of its grade in a contract year, or a
    /// repeat on the previous amount, and its resolution time (Readings 6, 11).
    case incident(IncidentCharge)
    /// An incident of a grade the contract only asks to report.
    case reportOnly(IncidentReport)
    /// A request without a first answer within its limit (Reading 12).
    case noFirstAnswer(FirstAnswer)
    /// A request done after the agreed time (Reading 12).
    case requestLate(RequestLateness)
    /// A request done late after a complaint: the amount times the complaint's factor (Reading 12).
    case requestComplaint(RequestLateness, complaint: String, factor: Quantity)
    /// A request done late that disrupted the buyer's work (Reading 12).
    case requestDisruptive(RequestLateness)
    /// An on-site staff violation: a fixed amount, or one set within a range.
    case staffViolation(StaffCharge)
    /// A breach, or a termination without cause: a rate of the total (Reading 13).
    case breach(ShareOfTotal)
    /// A recorded breach of a clause no penalty rule prices.
    case uncoveredBreach(clause: String)

    /// The name of the case, the `kind` of the JSON's `working`.
    public var name: String {
        switch self {
        case .latePayment: return "latePayment"
        case .overdueParts: return "overdueParts"
        case .interest: return "interest"
        case .cap: return "cap"
        case .lateService: return "lateService"
        case .excusedDelay: return "excusedDelay"
        case .incident: return "incident"
        case .reportOnly: return "reportOnly"
        case .noFirstAnswer: return "noFirstAnswer"
        case .requestLate: return "requestLate"
        case .requestComplaint: return "requestComplaint"
        case .requestDisruptive: return "requestDisruptive"
        case .staffViolation: return "staffViolation"
        case .breach: return "breach"
        case .uncoveredBreach: return "uncoveredBreach"
        }
    }
}

/// A rate of the contract total, with the clause that states the total.
public struct ShareOfTotal: Sendable, Equatable {
    public var rate: Percent
    public var total: Money
    public var totalClause: String
}

public struct LatePaymentOfTotal: Sendable, Equatable {
    public var share: ShareOfTotal
    /// The period the rate is for, in days (1: a daily rate).
    public var periodDays: Int
    /// Whole periods counted; a part period counts nothing.
    public var periods: Int
    /// Days late counted, after the excused days.
    public var days: Int
    public var excusedDays: Int
    public var due: CalendarDay
    /// The day paid in full, or the as-of day.
    public var until: CalendarDay
    public var paidInFull: Bool
}

public struct OverdueParts: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var amount: Money
        /// Days late counted for this part, after the excused days.
        public var days: Int
    }
    public var rate: Percent
    public var periodDays: Int
    public var parts: [Part]
    public var excusedDays: Int
}

public struct CapCut: Sendable, Equatable {
    public var share: ShareOfTotal
    /// The clause that sets the cap.
    public var clause: String
    public var limit: Money
    /// What the rule came to, with its interest where the cap counts it.
    public var counted: Money
    public var penaltyCut: Money
    /// The cut on interest not yet paid; nil when the cap does not count interest.
    public var interestCut: Money?
}

public struct LateServiceDelay: Sendable, Equatable {
    /// A cap in days on all delays together, where it cut this one.
    public struct DayCap: Sendable, Equatable {
        /// The days in all the cap allows.
        public var days: Int
        public var clause: String
        /// The days this delay would have counted without the cap.
        public var before: Int
    }
    public var share: ShareOfTotal
    public var periodDays: Int
    public var periods: Int
    /// Days counted, after the excused days and the day cap.
    public var days: Int
    public var excusedDays: Int
    public var dayCap: DayCap?
}

public struct IncidentCharge: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        /// The first of its grade in the contract year: the rate of the fee.
        case first
        /// A repeat: the previous amount plus the increase.
        case repeated(previous: Money, increase: Percent)
        /// A repeat under a rule that states no increase: the rate of the fee again.
        case unescalated
    }
    public enum Surcharge: Sendable, Equatable {
        /// This rate of the fee is added.
        case addRate(Percent, extra: Money)
        case multiplier(Quantity)
        /// Late, but the rule states no surcharge.
        case none
    }
    public enum Resolution: Sendable, Equatable {
        /// The rule sets no time limit.
        case unlimited
        case withinLimit(hours: Int, took: Duration)
        case late(hours: Int, took: Duration, Surcharge)
    }
    /// How long the incident took to resolve, or has run while still open.
    public struct Duration: Sendable, Equatable {
        public var seconds: Int64
        /// Still open: judged at the end of this day.
        public var openAt: CalendarDay?
    }
    public var grade: String
    public var subsystem: String
    public var subsystemName: String
    public var fee: Money
    public var rate: Percent
    public var contractYear: Int
    /// Which of its grade in the contract year, 1 for the first.
    public var occurrence: Int
    public var step: Step
    /// The amount before any lateness surcharge: what the next repeat builds on.
    public var charge: Money
    public var resolution: Resolution
}

public struct IncidentReport: Sendable, Equatable {
    public var grade: String
    public var subsystem: String
    public var subsystemName: String
    public var contractYear: Int
}

public struct FirstAnswer: Sendable, Equatable {
    public var requestKind: String
    public var received: Instant
    /// nil: no first answer by the end of `asOf`.
    public var firstAnswer: Instant?
    public var asOf: CalendarDay
    public var limitHours: Int
}

public struct RequestLateness: Sendable, Equatable {
    public var agreedDue: Instant
    /// nil: not done by the end of `asOf`.
    public var done: Instant?
    public var asOf: CalendarDay
    /// The rule's amount for one request.
    public var amount: Money
}

public struct StaffCharge: Sendable, Equatable {
    public var violation: String
    public var amount: Money
    /// The range the rule lets the buyer set the amount within.
    public var min: Money?
    public var max: Money?
}
