/// One line of the ledger: what happened, when, to which contract.
///
/// The ledger records what did happen; the terms say what should. Every
/// figure the tool prints is computed from the two.
public struct LedgerEvent: Sendable {
    /// The line of the ledger file, 1-based: where the event was recorded.
    public var line: Int
    /// The contract's document number (resolved from an id or alias).
    public var contractID: String
    public var kind: Kind
    public var note: String?
    /// A payment's bank transaction id (or the hash of its statement row),
    /// kept by `import` so that a statement imported twice records nothing
    /// twice; nil on every other event.
    public var transaction: String?

    public enum Kind: Sendable {
        case signature(party: PartyRole, day: CalendarDay)
        case effective(day: CalendarDay)
        /// An invoice received (the day that starts a payment clock).
        case invoice(received: CalendarDay, issued: CalendarDay?, amount: Money?, instalment: String?)
        case payment(day: CalendarDay, amount: Money, instalment: String?)
        case acceptance(day: CalendarDay, stage: AcceptanceStage)
        case assessment(AssessmentRecord)
        case guarantee(day: CalendarDay, guarantee: String, action: GuaranteeAction, amount: Money?)
        case incident(IncidentRecord)
        case request(RequestRecord)
        case staffViolation(day: CalendarDay, violation: String, amount: Money?)
        /// Service delivered late, by the days given.
        case serviceDelay(day: CalendarDay, days: Int, cause: DelayCause)
        case breach(day: CalendarDay, clause: String, party: PartyRole)
        case notice(day: CalendarDay, kind: NoticeKind, party: PartyRole, withoutCause: Bool)
        /// Days of delay that a cause excuses: on one instalment's payment,
        /// or, with no instalment, on the supplier's service (Readings 16).
        case excuse(ExcuseRecord)
        /// A correction: the event on `line`, whose hash is `hash`, is void.
        /// No computation counts a void or the event it voids.
        case void(day: CalendarDay, line: Int, hash: String, reason: String)
        /// What the books must show as of a day (README: "Assertions").
        case assertion(AssertionRecord)
    }

    /// The day the event is dated (for an incident or request, its first moment's day in Shanghai).
    public var day: CalendarDay {
        switch kind {
        case .signature(_, let day), .effective(let day), .payment(let day, _, _), .acceptance(let day, _),
             .guarantee(let day, _, _, _), .staffViolation(let day, _, _), .serviceDelay(let day, _, _),
             .breach(let day, _, _), .notice(let day, _, _, _), .void(let day, _, _, _):
            return day
        case .invoice(let received, _, _, _): return received
        case .assessment(let record): return record.to
        case .incident(let record): return record.occurred.shanghaiDay
        case .request(let record): return record.received.shanghaiDay
        case .excuse(let record): return record.from
        case .assertion(let record): return record.day
        }
    }

    public var typeName: String {
        switch kind {
        case .signature: return "signature"
        case .effective: return "effective"
        case .invoice: return "invoice"
        case .payment: return "payment"
        case .acceptance: return "acceptance"
        case .assessment: return "assessment"
        case .guarantee: return "guarantee"
        case .incident: return "incident"
        case .request: return "request"
        case .staffViolation: return "staffViolation"
        case .serviceDelay: return "serviceDelay"
        case .breach: return "breach"
        case .notice: return "notice"
        case .excuse: return "excuse"
        case .void: return "void"
        case .assertion: return "assert"
        }
    }
}

public enum AcceptanceStage: String, Codable, Sendable { case initial, final }
public enum GuaranteeAction: String, Codable, Sendable { case lodged, released, deducted }
public enum NoticeKind: String, Codable, Sendable { case nonRenewal, termination, renewalReminder }

/// Who or what caused a delay. A clause's `exclusions` name the causes that
/// excuse it (Readings 16).
public enum DelayCause: String, Codable, Sendable, CaseIterable {
    case supplier, buyer, forceMajeure
    /// The buyer's budget allocation (财政拨款).
    case budgetAllocation
}

/// A stretch of days, first and last included, whose delay a cause excuses.
public struct ExcuseRecord: Sendable {
    public var cause: DelayCause
    public var from: CalendarDay
    public var to: CalendarDay
    /// The instalment whose late payment it excuses; nil: the service.
    public var instalment: String?
}

/// A figure the books must show at the end of a day, as a bank statement
/// or the other party's books give it: checked by every command that reads
/// the ledger, never counted by any computation.
public struct AssertionRecord: Sendable, Equatable {
    public enum Figure: String, Codable, Sendable, CaseIterable {
        /// Paid to date: the payments applied to the instalment, or to all of
        /// the contract's instalments (the `paid` column of `payments`).
        case paid
        /// The instalment's amount (or the schedule's) less what is paid of it
        /// (the `outstanding` column of `payments`).
        case outstanding
        /// The penalties one party pays under the contract, every rule's lines
        /// and caps added (the totals of `penalties`).
        case penalties
    }

    public var day: CalendarDay
    public var figure: Figure
    /// The instalment the figure is for; nil: the whole contract.
    public var instalment: String?
    /// For `penalties`: the party who pays.
    public var payer: PartyRole?
    public var amount: Money
}

/// One assessment period's result: occurrences per category and deduction,
/// and additional items.
public struct AssessmentRecord: Sendable {
    public var from: CalendarDay
    public var to: CalendarDay
    /// category id -> deduction id -> occurrences
    public var occurrences: [String: [String: Int]]
    /// additional item id -> occurrences
    public var additional: [String: Int]
    public var supersede: Bool
}

public struct IncidentRecord: Sendable {
    public var grade: String
    public var subsystem: String
    public var occurred: Instant
    public var resolved: Instant?
}

public struct RequestRecord: Sendable {
    /// "ordinary" or "complex": picks the first-answer limit.
    public var kind: String
    public var received: Instant
    public var firstAnswer: Instant?
    public var agreedDue: Instant?
    public var done: Instant?
    /// Where the user complained, if anywhere ("cityGovernment", "healthBureau").
    public var complaint: String?
    /// Late and disrupting the buyer's work.
    public var disruptive: Bool
}
