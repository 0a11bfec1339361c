/// One instalment as of a day: what is due, when, on what condition, and
/// what of it has been paid.
public struct PaymentLine: Sendable {
    public enum Status: String, Sendable {
        /// Paid in full.
        case paid
        /// Due on a known day that has passed, not paid in full.
        case overdue
        /// Part paid, the rest not yet due.
        case partlyPaid = "partly paid"
        /// Due on a known day that has not passed, nothing paid.
        case open
        /// The due date waits on an event not yet recorded (an invoice).
        case waiting
        /// A condition (an assessment average) is not yet determined.
        case conditional
        /// A condition was decided against it: not payable under its clause.
        case conditionNotMet = "condition not met"
    }

    public struct ConditionState: Sendable {
        public enum State: String, Sendable {
            case met
            case notMet = "not met"
            case notRecorded = "not recorded"
            case recorded
            case undetermined
        }
        public var condition: String
        public var clause: String
        public var state: State
        /// The evidence: a recorded day, or an average's arithmetic.
        public var detail: String?
    }

    public var contractID: String
    public var alias: String
    public var instalment: String
    public var label: String?
    public var clause: String
    public var amount: Money
    /// How the amount was made: "50% x 8,298,000.00 (§4.1) = 4,149,000.00".
    public var amountRule: String
    public var amountNote: String?
    public var dueDate: CalendarDay?
    /// When the due date waits on an unrecorded event: the due date if that
    /// event happened on its first possible day (Readings 8).
    public var earliestDueDate: CalendarDay?
    public var provisional: Bool
    /// How the due date was worked out, with the Civil Code articles applied.
    public var dueRule: String
    public var conditions: [ConditionState]
    /// The parts of payments applied to it (Readings 7), in order.
    public var payments: [PaymentPart]
    public var paid: Money
    public var outstanding: Money { amount - paid }
    /// Parts of payments that covered accrued interest before
    /// the principal (Civil Code Art. 561), where the terms say so.
    public var chargesCovered: [PaymentPart]
    /// The day it was paid in full.
    public var paidOn: CalendarDay?
    /// Days late (Readings 1): the day paid in full, or the as-of day if
    /// unpaid, minus the due day; nil when not late.
    public var daysLate: Int?
    public var status: Status
}

/// A part of a payment applied to an instalment.
public struct PaymentPart: Sendable, Equatable {
    public var day: CalendarDay
    public var amount: Money
}

public enum Payments {
    /// Every instalment of `contracts` as of `asOf`, with the ledger's events
    /// dated on or before it.
    public static func lines(for contracts: [Contract], ledger: Ledger = .empty, asOf: CalendarDay, calendar: WorkCalendar) -> [PaymentLine] {
        // Each contract's lines are its own: worked out on both cores, in order.
        ParallelMap.map(contracts, chunk: 8, step: "computing payments, by contract") { lines(for: $0, history: History(contractID: $0.id, ledger: ledger, asOf: asOf), asOf: asOf, calendar: calendar) }.flatMap { $0 }
    }

    /// What a payment on `day` may cover at most: the unpaid principal, and
    /// where a payment covers accrued charges first (Art. 561), those too.
    static func payable(for contract: Contract, history: History, on day: CalendarDay, calendar: WorkCalendar) -> (principal: [String: Money], charges: Money) {
        let lines = self.lines(for: contract, history: history, asOf: day, calendar: calendar)
        let principal = Dictionary(uniqueKeysWithValues: lines.map { ($0.instalment, $0.outstanding) })
        guard let charges = OverdueCharges.coveredFirst(in: history.applied(to: contract), history: history) else { return (principal, .zero) }
        let slots = lines.map { Allocation.Slot(id: $0.instalment, amount: $0.amount, dueDate: $0.dueDate, earliestDueDate: $0.earliestDueDate) }
        var result = Allocation.Result()
        for line in lines {
            result.parts[line.instalment] = line.payments.map { Allocation.Part(day: $0.day, amount: $0.amount) }
            result.charges[line.instalment] = line.chargesCovered.map { Allocation.Part(day: $0.day, amount: $0.amount) }
        }
        return (principal, Allocation.owedCharges(slots, on: day, charges: charges, result: result))
    }

    public static func lines(for contract: Contract, history: History = History(events: []), asOf: CalendarDay, calendar: WorkCalendar) -> [PaymentLine] {
        let terms = history.applied(to: contract)
        let dates = ContractDates(terms, calendar: calendar)
        let amounts = InstalmentAmounts.compute(terms)
        let invoices = history.invoiceDays(for: terms)
        var acceptances: [Anchor: CalendarDay] = [:]
        acceptances[.initialAcceptance] = history.acceptance(.initial)
        acceptances[.finalAcceptance] = history.acceptance(.final)
        let windows = Scores.windows(for: terms, history: history, asOf: asOf)

        // Conditions gate payment (Readings 15): an instalment whose condition
        // is unmet has no due date and no earliest one; while a condition is
        // undetermined it is not due (its earliest due date stays, for planning).
        let gates = terms.instalments.map { instalment in instalment.conditions.map { describe($0, windows: windows) } }
        let dues = terms.instalments.enumerated().map { index, instalment -> DueDates in
            var events = acceptances
            events[.invoiceReceived] = invoices[instalment.id]
            var due = DueDates.compute(instalment.due, dates: dates, calendar: calendar, events: events)
            if gates[index].contains(where: { $0.state == .notMet }) {
                due.earliestDueDate = nil
                due.dueDate = nil
                due.rule += "; not payable under \(instalment.clause): its condition is not met, so it has no due date (docs/readings.md, Reading 15)"
            } else if gates[index].contains(where: { $0.state == .undetermined }) {
                due.earliestDueDate = due.dueDate ?? due.earliestDueDate
                due.dueDate = nil
            }
            return due
        }
        let slots = terms.instalments.enumerated().map { index, instalment in
            Allocation.Slot(id: instalment.id, amount: amounts[index].amount, dueDate: dues[index].dueDate, earliestDueDate: dues[index].earliestDueDate)
        }
        let charges = OverdueCharges.coveredFirst(in: terms, history: history)
        let allocation = Allocation.allocate(slots, payments: history.payments, charges: charges)

        return terms.instalments.enumerated().map { index, instalment in
            let due = dues[index]
            let amount = amounts[index].amount
            var conditions = due.events.map { event in
                PaymentLine.ConditionState(condition: event.anchor.words, clause: instalment.clause,
                                           state: event.day == nil ? .notRecorded : .recorded, detail: event.day?.description)
            }
            conditions += gates[index]
            let parts = (allocation.parts[instalment.id] ?? []).map { PaymentPart(day: $0.day, amount: $0.amount) }
            let paid = parts.reduce(Money.zero) { $0 + $1.amount }
            var paidOn: CalendarDay?
            if paid >= amount, amount > .zero { paidOn = parts.last?.day }
            var daysLate: Int?
            if let dueDay = due.dueDate {
                let end = paidOn ?? asOf
                if end > dueDay { daysLate = end.dayNumber - dueDay.dayNumber }
            }
            let status: PaymentLine.Status
            if paidOn != nil || amount == .zero {
                status = .paid
            } else if conditions.contains(where: { $0.state == .notMet }) {
                status = .conditionNotMet
            } else if conditions.contains(where: { $0.state == .undetermined }) {
                status = .conditional
            } else if let dueDay = due.dueDate {
                status = asOf > dueDay ? .overdue : (paid > .zero ? .partlyPaid : .open)
            } else {
                status = paid > .zero ? .partlyPaid : .waiting
            }
            return PaymentLine(
                contractID: contract.id, alias: contract.alias,
                instalment: instalment.id, label: instalment.label, clause: instalment.clause,
                amount: amount, amountRule: amounts[index].rule, amountNote: instalment.amountNote,
                dueDate: due.dueDate, earliestDueDate: due.dueDate == nil ? due.earliestDueDate : nil,
                provisional: due.provisional, dueRule: due.rule,
                conditions: conditions, payments: parts, paid: paid,
                chargesCovered: (allocation.charges[instalment.id] ?? []).map { PaymentPart(day: $0.day, amount: $0.amount) },
                paidOn: paidOn, daysLate: daysLate, status: status
            )
        }
    }

    static func describe(_ condition: Condition, windows: [WindowAverage]) -> PaymentLine.ConditionState {
        switch condition.kind {
        case .assessmentAverage:
            guard let result = windows.first(where: { $0.window.id == condition.window })?.judged(atLeast: condition.atLeast) else {
                return PaymentLine.ConditionState(condition: "assessment average", clause: condition.clause, state: .undetermined, detail: "no such window")
            }
            let window = result.window
            let text = "average assessment score of the periods \(window.periodsText) (\(window.label)) >= \(condition.atLeast ?? window.atLeast)"
            let state: PaymentLine.ConditionState.State
            switch result.state {
            case .met: state = .met
            case .notMet: state = .notMet
            case .undetermined: state = .undetermined
            }
            return PaymentLine.ConditionState(condition: text, clause: condition.clause, state: state, detail: result.reason)
        }
    }
}

/// The amount of each instalment: a share of the total, a fixed amount, or
/// the remainder of the total after the others.
enum InstalmentAmounts {
    /// The amounts alone, in schedule order, as `compute` gives them.
    static func amounts(_ contract: Contract) -> [Money] {
        let total = contract.price.total.amount
        var results = contract.instalments.map { instalment in
            instalment.share.map { total.times($0) } ?? instalment.amount ?? .zero
        }
        if let index = contract.instalments.firstIndex(where: { $0.remainder == true }) {
            let others = results.enumerated().filter { $0.offset != index }.reduce(Money.zero) { $0 + $1.element }
            results[index] = total - others
        }
        return results
    }

    /// The amounts with the rule that gives each.
    static func compute(_ contract: Contract) -> [(amount: Money, rule: String)] {
        let total = contract.price.total
        let remainder = contract.instalments.firstIndex(where: { $0.remainder == true })
        return zip(contract.instalments, amounts(contract)).enumerated().map { index, pair in
            let (instalment, amount) = pair
            if index == remainder {
                let others = total.amount - amount
                return (amount, "the remainder: \(total.amount.grouped) (\(total.clause)) - \(others.grouped) = \(amount.grouped)")
            }
            if let share = instalment.share {
                return (amount, "\(share) x \(total.amount.grouped) (\(total.clause)) = \(amount.grouped)")
            }
            if instalment.amount != nil {
                return (amount, "\(amount.grouped) as stated (\(instalment.clause))")
            }
            return (.zero, "")
        }
    }
}
