/// A bank guarantee as of a day: its amount, when it is to be lodged, its
/// validity, the condition that releases it, and what the buyer may keep.
public struct GuaranteeStatus: Sendable {
    public enum State: String, Sendable {
        case notLodged = "not lodged"
        case lodged
        /// The window closed with the average reached: it lapses.
        case lapses
        /// The window closed below the threshold: the buyer may deduct.
        case deductible
        /// The window closed with no assessment recorded.
        case undecided
        case released
        case deducted
        /// The document says this kind is not taken (不收取): nothing to lodge.
        case notTaken = "not taken"
    }

    public var contractID: String
    public var alias: String
    public var id: String
    public var kind: Guarantee.Kind
    public var name: String?
    public var clause: String
    public var amount: Money
    public var amountRule: String
    /// The instalment it is lodged with, and that instalment's (earliest) due date.
    public var lodgedWith: String?
    public var lodgeBy: CalendarDay?
    public var lodgedOn: CalendarDay?
    public var validUntil: CalendarDay?
    public var release: WindowAverage?
    public var releaseClause: String?
    public var deductible: Money?
    public var deductionRule: String?
    public var deductionClause: String?
    public var endedOn: CalendarDay?
    public var deducted: Money?
    public var state: State
    /// What happens next, or what happened, in words.
    public var outcome: String
}

public enum Guarantees {
    public static func statuses(for contracts: [Contract], ledger: Ledger, asOf: CalendarDay, calendar: WorkCalendar) -> [GuaranteeStatus] {
        ParallelMap.map(contracts, chunk: 8, step: "computing guarantees, by contract") { contract -> [GuaranteeStatus] in
            let history = History(contractID: contract.id, ledger: ledger, asOf: asOf)
            return statuses(for: contract, history: history, asOf: asOf, calendar: calendar)
        }.flatMap { $0 }
    }

    public static func statuses(for contract: Contract, history: History, asOf: CalendarDay, calendar: WorkCalendar) -> [GuaranteeStatus] {
        let notTaken = contract.guaranteesNotTaken.map { waiver in
            GuaranteeStatus(contractID: contract.id, alias: contract.alias, id: waiver.kind.rawValue, kind: waiver.kind, name: nil,
                            clause: waiver.clause, amount: .zero, amountRule: "not taken (\(waiver.clause): \(waiver.text))",
                            lodgedWith: nil, lodgeBy: nil, lodgedOn: nil, validUntil: nil, release: nil, releaseClause: nil,
                            deductible: nil, deductionRule: nil, deductionClause: nil, endedOn: nil, deducted: nil,
                            state: .notTaken, outcome: "nothing to lodge, release or deduct")
        }
        guard !contract.guarantees.isEmpty else { return notTaken }
        let payments = Payments.lines(for: contract, history: history, asOf: asOf, calendar: calendar)
        let windows = Scores.windows(for: contract, history: history, asOf: asOf)
        let total = contract.price.total
        return contract.guarantees.map { guarantee in
            let amount = GuaranteeAmounts.amount(of: guarantee, in: contract)
            let amountRule = guarantee.share.map { "\($0) x \(total.amount.grouped) (\(total.clause)) = \(amount.grouped)" } ?? "\(amount.grouped) as stated"
            let instalment = payments.first { $0.instalment == guarantee.lodgedWith }
            var actions: [(GuaranteeAction, CalendarDay, Money?)] = []
            for event in history.events {
                guard case .guarantee(let day, guarantee.id, let action, let money) = event.kind else { continue }
                actions.append((action, day, money))
            }
            let lodged = actions.first { $0.0 == .lodged }?.1
            let ended = actions.first { $0.0 != .lodged }
            let threshold = guarantee.release?.atLeast
            let window = windows.first { $0.window.id == guarantee.release?.window }?.judged(atLeast: threshold)
            let deductible = guarantee.deduction.map { amount.times($0.share) }
            var status = GuaranteeStatus(
                contractID: contract.id, alias: contract.alias, id: guarantee.id, kind: guarantee.kind, name: guarantee.name,
                clause: guarantee.clause, amount: amount, amountRule: amountRule,
                lodgedWith: guarantee.lodgedWith, lodgeBy: instalment?.dueDate ?? instalment?.earliestDueDate, lodgedOn: lodged,
                validUntil: guarantee.validUntil, release: window, releaseClause: guarantee.release?.clause,
                deductible: deductible,
                deductionRule: guarantee.deduction.map { "\($0.share) x \(amount.grouped) = \(amount.times($0.share).grouped)" },
                deductionClause: guarantee.deduction?.clause,
                endedOn: ended?.1, deducted: nil, state: .notLodged, outcome: "")
            let keep = deductible.map { "the buyer may keep \($0.grouped) (\(status.deductionRule ?? ""), \(guarantee.deduction?.clause ?? ""))" } ?? "no deduction term"
            if let (action, day, money) = ended {
                if action == .released {
                    status.state = .released
                    status.outcome = "released on \(day)"
                } else {
                    status.state = .deducted
                    status.deducted = money ?? deductible
                    status.outcome = "\((money ?? deductible ?? .zero).grouped) deducted on \(day)"
                }
            } else if lodged == nil {
                status.state = .notLodged
                let with = guarantee.lodgedWith.map { "to be lodged with instalment \($0)" } ?? "not lodged"
                status.outcome = with + (status.lodgeBy.map { " (due \(instalment?.dueDate == nil ? "no earlier than " : "")\($0))" } ?? "")
                if let paidOn = instalment?.paidOn { status.outcome += "; instalment \(instalment?.instalment ?? "") was paid on \(paidOn) without it" }
            } else if let window, let until = guarantee.validUntil ?? Optional(window.window.periodsEndingTo), asOf >= until || window.state != .undetermined {
                switch window.state {
                case .met:
                    status.state = .lapses
                    status.outcome = "the average reached \(threshold ?? window.window.atLeast): it lapses automatically on \(until) (\(guarantee.release?.clause ?? ""))"
                case .notMet:
                    status.state = .deductible
                    status.outcome = "the average missed \(threshold ?? window.window.atLeast): \(keep)"
                case .undetermined:
                    status.state = .undecided
                    status.outcome = "the window closed with \(window.reason); neither release nor deduction can be decided"
                }
            } else {
                status.state = .lodged
                let decide = guarantee.validUntil.map { " on \($0)" } ?? ""
                status.outcome = "lodged on \(lodged.map(\.description) ?? ""); decided\(decide): the window's average >= \((threshold ?? window?.window.atLeast)?.description ?? "") releases it, below it \(keep)"
            }
            return status
        } + notTaken
    }
}
