/// When the contract was signed and took effect.
public struct Signing: Codable, Sendable {
    /// The signing date the document states as such (a cover page's 签订时间),
    /// if any; otherwise the last signature's date is the signing date.
    public var date: CalendarDay?
    public var clause: String?
    @DefaultEmpty public var signatures: [Signature]
    public var effective: Effectiveness

    /// The signing day: the stated date, or the last signature when every
    /// signature is dated, or the latest dated one.
    public var day: CalendarDay? {
        date ?? signatures.compactMap(\.date).max()
    }

    /// The day the contract takes effect, where the terms fix one.
    public var effectiveDay: CalendarDay? {
        switch effective.rule {
        case .onSigning: return day
        case .allSigned:
            let dates = signatures.compactMap(\.date)
            guard !dates.isEmpty, dates.count == signatures.count else { return day }
            return dates.max()
        case .onDate: return effective.date
        }
    }
}

public struct Signature: Codable, Sendable, Hashable {
    public var party: PartyRole
    /// nil where the document's date line is blank.
    public var date: CalendarDay?
    public var signatory: String?
    public var clause: String
    /// The role the block prints ("甲方"), when it prints one: `check`
    /// reports a label `definedTerms` gives the other party.
    public var label: String?
}

public struct Effectiveness: Codable, Sendable {
    public enum Rule: String, Codable, Sendable {
        /// Effective on the signing day.
        case onSigning
        /// Effective when the last party has signed.
        case allSigned
        /// Effective on a stated date.
        case onDate
    }
    public var rule: Rule
    public var date: CalendarDay?
    /// Where the document states the rule; where it states none, where the
    /// reading looks (the signature page).
    public var clause: String
    /// false where the document states no rule on when it takes effect and
    /// `rule` is a reading (`check` reports it); nil or true where it does.
    public var stated: Bool?
    /// The reading the rule rests on ("Reading 21"), where `stated` is false.
    public var reading: String?

    /// Whether the rule is the document's own words, not a reading.
    public var isStated: Bool { stated != false }
}

/// The service term: fixed dates, or a length from an anchor day.
public struct Term: Codable, Sendable {
    /// A date, or an anchor such as "signing" or "effective".
    public var start: DayRef
    /// A fixed last day, when the document states one.
    public var end: CalendarDay?
    /// The term's length from `start` (Art. 201: the start day not counted).
    public var length: PeriodSpec?
    public var clause: String
    /// Whether Art. 203 moves an end on a rest day (default true).
    public var rollOver: Bool?
    /// Renewals or options described in the term clause.
    public var note: String?
}

extension Effectiveness.Rule {
    /// The rule in words, for messages.
    public var words: String {
        switch self {
        case .onSigning: return "taking effect on the signing day"
        case .allSigned: return "taking effect when the last party has signed"
        case .onDate: return "taking effect on a stated date"
        }
    }
}
