/// The days a contract's own terms fix: signing, effect, the service term.
public struct ContractDates: Sendable {
    public var signing: CalendarDay?
    public var effective: CalendarDay?
    public var termStart: CalendarDay?
    public var termEnd: ComputedDay?

    public init(_ contract: Contract, calendar: WorkCalendar) {
        signing = contract.signing.day
        effective = contract.signing.effectiveDay
        switch contract.term.start {
        case .date(let day): termStart = day
        case .anchor(let anchor):
            switch anchor {
            case .signing: termStart = signing
            case .effective: termStart = effective
            default: termStart = nil
            }
        }
        if let end = contract.term.end {
            termEnd = ComputedDay(day: end, provisional: false, rule: "the term's last day as stated (\(contract.term.clause))")
        } else if let length = contract.term.length, let start = termStart {
            termEnd = calendar.end(of: length.period, after: start, rollOver: contract.term.rollOver ?? true)
        }
    }

    /// The day a contract anchor falls on; nil for event anchors, which only
    /// the ledger fixes, and for dates the document leaves blank.
    /// A day a term names: a date as written, or the day of an anchor.
    public func day(of ref: DayRef) -> CalendarDay? {
        switch ref {
        case .date(let day): return day
        case .anchor(let anchor): return day(of: anchor)
        }
    }

    public func day(of anchor: Anchor) -> CalendarDay? {
        switch anchor {
        case .signing: return signing
        case .effective: return effective
        case .termStart: return termStart
        case .termEnd: return termEnd?.day
        case .invoiceReceived, .initialAcceptance, .finalAcceptance: return nil
        }
    }
}
