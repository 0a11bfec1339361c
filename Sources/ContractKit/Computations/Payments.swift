/// One instalment as of a day: what is due, when, on what condition.
public struct PaymentLine: Sendable {
    public enum Status: String, Sendable {
        /// A condition (an assessment average) is not yet determined.
        case conditional
        /// The due date waits on an event not yet recorded (an invoice).
        case waiting
        /// Due on a known day that has not passed.
        case open
        /// The due day has passed and it is unpaid.
        case overdue
    }

    public struct ConditionState: Sendable {
        public enum State: String, Sendable {
            case met
            case notMet = "not met"
            case notRecorded = "not recorded"
            case undetermined
        }
        public var condition: String
        public var clause: String
        public var state: State
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
    public var status: Status
}

public enum Payments {
    /// Every instalment of `contracts` as of `asOf`.
    public static func lines(for contracts: [Contract], asOf: CalendarDay, calendar: WorkCalendar) -> [PaymentLine] {
        contracts.flatMap { lines(for: $0, asOf: asOf, calendar: calendar) }
    }

    public static func lines(for contract: Contract, asOf: CalendarDay, calendar: WorkCalendar) -> [PaymentLine] {
        let dates = ContractDates(contract, calendar: calendar)
        let amounts = InstalmentAmounts.compute(contract)
        return contract.instalments.enumerated().map { index, instalment in
            let due = DueDates.compute(instalment.due, dates: dates, calendar: calendar)
            var conditions = due.eventConditions.map {
                PaymentLine.ConditionState(condition: $0, clause: instalment.clause, state: .notRecorded)
            }
            for condition in instalment.conditions {
                conditions.append(describe(condition, in: contract))
            }
            let status: PaymentLine.Status
            if conditions.contains(where: { $0.state == .undetermined }) {
                status = .conditional
            } else if let day = due.dueDate {
                status = asOf > day ? .overdue : .open
            } else {
                status = .waiting
            }
            return PaymentLine(
                contractID: contract.id, alias: contract.alias,
                instalment: instalment.id, label: instalment.label, clause: instalment.clause,
                amount: amounts[index].amount, amountRule: amounts[index].rule, amountNote: instalment.amountNote,
                dueDate: due.dueDate, earliestDueDate: due.dueDate == nil ? due.earliestDueDate : nil,
                provisional: due.provisional, dueRule: due.rule,
                conditions: conditions, status: status
            )
        }
    }

    static func describe(_ condition: Condition, in contract: Contract) -> PaymentLine.ConditionState {
        switch condition.kind {
        case .assessmentAverage:
            let window = contract.assessment?.windows.first { $0.id == condition.window }
            let threshold = condition.atLeast ?? window?.atLeast
            var text = "average assessment score"
            if let window {
                text += " of the periods ending "
                if let from = window.periodsEndingFrom { text += "\(from) to \(window.periodsEndingTo)" } else { text += "on or before \(window.periodsEndingTo)" }
                text += " (\(window.label))"
            }
            if let threshold { text += " >= \(threshold)" }
            // No assessment can be recorded yet: the ledger comes with scores.
            return PaymentLine.ConditionState(condition: text, clause: condition.clause, state: .undetermined)
        }
    }
}

/// The amount of each instalment: a share of the total, a fixed amount, or
/// the remainder of the total after the others.
enum InstalmentAmounts {
    static func compute(_ contract: Contract) -> [(amount: Money, rule: String)] {
        let total = contract.price.total
        var results: [(amount: Money, rule: String)] = contract.instalments.map { instalment in
            if let share = instalment.share {
                let amount = total.amount.times(share)
                return (amount, "\(share) x \(total.amount.grouped) (\(total.clause)) = \(amount.grouped)")
            }
            if let amount = instalment.amount {
                return (amount, "\(amount.grouped) as stated (\(instalment.clause))")
            }
            return (.zero, "")
        }
        if let index = contract.instalments.firstIndex(where: { $0.remainder == true }) {
            let others = results.enumerated().filter { $0.offset != index }.reduce(Money.zero) { $0 + $1.element.amount }
            let amount = total.amount - others
            results[index] = (amount, "the remainder: \(total.amount.grouped) (\(total.clause)) - \(others.grouped) = \(amount.grouped)")
        }
        return results
    }
}
