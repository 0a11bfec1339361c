/// What falls due in a period, for finance: each instalment whose due date
/// (or, while it is not known, its earliest possible due date) is inside
/// it, and what earlier periods left overdue.
public struct DueReport: Sendable {
    public struct Item: Sendable {
        public var line: PaymentLine
        /// The due date, or the earliest one when it is estimated.
        public var day: CalendarDay
        public var estimated: Bool
        /// Unpaid, and may never be owed: a condition (an assessment
        /// average) is undetermined or was decided against it.
        public var conditional: Bool
        /// Unpaid, owed, and waiting only for an event not yet recorded
        /// (an invoice, an acceptance) before its due date is known.
        public var awaiting: Bool
    }

    public var range: DayRange
    public var asOf: CalendarDay
    public var items: [Item]
    /// Instalments due before the period, still unpaid as of the as-of day.
    public var overdue: [PaymentLine]

    /// Everything falling due in the period.
    public var total: Money
    /// The unpaid part that may not be owed at all (a condition undetermined or unmet).
    public var conditionalTotal: Money
    /// The unpaid part that is owed but waits for an event (an invoice, an acceptance).
    public var awaitingTotal: Money
    /// The unpaid part of what falls due in the period.
    public var outstanding: Money
    public var overdueCarriedIn: Money
}

public enum Dues {
    /// Every contract's instalments add up here, so a folder of enough
    /// contracts at the largest amount a term may state could take a total
    /// past what money holds: that is an error naming the instalment that
    /// does it, never a trap.
    public static func report(for contracts: [Contract], ledger: Ledger, range: DayRange, asOf: CalendarDay, calendar: WorkCalendar) throws(ComputationError) -> DueReport {
        let lines = Payments.lines(for: contracts, ledger: ledger, asOf: asOf, calendar: calendar)
        var items: [DueReport.Item] = []
        var overdue: [PaymentLine] = []
        for line in lines {
            guard let day = line.dueDate ?? line.earliestDueDate else { continue }
            if range.contains(day) {
                let unpaid = line.outstanding > .zero
                let conditional = unpaid && line.conditions.contains { $0.state == .undetermined || $0.state == .notMet }
                let awaiting = unpaid && !conditional && line.conditions.contains { $0.state == .notRecorded }
                items.append(DueReport.Item(line: line, day: day, estimated: line.dueDate == nil, conditional: conditional, awaiting: awaiting))
            } else if let due = line.dueDate, (due < range.from), (line.outstanding > .zero), (asOf > due) {
                overdue.append(line)
            }
        }
        items.sort { ($0.day, $0.line.alias, $0.line.instalment) < ($1.day, $1.line.alias, $1.line.instalment) }
        let period = range.name ?? "\(range.from) to \(range.to)"
        func sum(_ what: String, _ lines: [PaymentLine], _ amount: (PaymentLine) -> Money) throws(ComputationError) -> Money {
            var total = Money.zero
            for line in lines {
                guard let next = total.plus(amount(line)) else {
                    throw ComputationError(alias: line.alias, kind: "instalment", rule: line.instalment, clause: line.clause, ledgerLines: [],
                                           reason: "with it, \(what) \(period) is too large to represent")
                }
                total = next
            }
            return total
        }
        let inPeriod = items.map(\.line)
        return DueReport(range: range, asOf: asOf, items: items, overdue: overdue,
                         total: try sum("the total falling due in", inPeriod) { $0.amount },
                         conditionalTotal: try sum("the conditional total of", items.filter(\.conditional).map(\.line)) { $0.outstanding },
                         awaitingTotal: try sum("the total awaiting an event of", items.filter(\.awaiting).map(\.line)) { $0.outstanding },
                         outstanding: try sum("what is outstanding of", inPeriod) { $0.outstanding },
                         overdueCarriedIn: try sum("the overdue carried into", overdue) { $0.outstanding })
    }
}
