/// What falls due in a period, for finance: each instalment whose due date
/// (or, while it is not known, its earliest possible due date) is inside
/// it, and what earlier periods left overdue.
public struct DueReport: Sendable {
    public struct Item: Sendable {
        public var line: PaymentLine
        /// The due date, or the earliest one when it is estimated.
        public var day: CalendarDay
        public var estimated: Bool
        /// Unpaid and depending on a condition or an event not yet met.
        public var conditional: Bool
    }

    public var range: DayRange
    public var asOf: CalendarDay
    public var items: [Item]
    /// Instalments due before the period, still unpaid as of the as-of day.
    public var overdue: [PaymentLine]

    /// Everything falling due in the period.
    public var total: Money { items.reduce(.zero) { $0 + $1.line.amount } }
    /// The unpaid part that depends on a condition not yet met.
    public var conditionalTotal: Money { items.filter(\.conditional).reduce(.zero) { $0 + $1.line.outstanding } }
    /// The unpaid part of what falls due in the period.
    public var outstanding: Money { items.reduce(.zero) { $0 + $1.line.outstanding } }
    public var overdueCarriedIn: Money { overdue.reduce(.zero) { $0 + $1.outstanding } }
}

public enum Dues {
    public static func report(for contracts: [Contract], ledger: Ledger, range: DayRange, asOf: CalendarDay, calendar: WorkCalendar) -> DueReport {
        let lines = Payments.lines(for: contracts, ledger: ledger, asOf: asOf, calendar: calendar)
        var items: [DueReport.Item] = []
        var overdue: [PaymentLine] = []
        for line in lines {
            guard let day = line.dueDate ?? line.earliestDueDate else { continue }
            if range.contains(day) {
                let pending = line.conditions.contains { [.undetermined, .notMet, .notRecorded].contains($0.state) }
                items.append(DueReport.Item(line: line, day: day, estimated: line.dueDate == nil, conditional: line.outstanding > .zero && pending))
            } else if let due = line.dueDate, (due < range.from), (line.outstanding > .zero), (asOf > due) {
                overdue.append(line)
            }
        }
        items.sort { ($0.day, $0.line.alias, $0.line.instalment) < ($1.day, $1.line.alias, $1.line.instalment) }
        return DueReport(range: range, asOf: asOf, items: items, overdue: overdue)
    }
}
