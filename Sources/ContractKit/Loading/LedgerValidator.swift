/// Checks an event against the events recorded before it. An event that
/// contradicts the terms or an earlier event is refused with its reason.
enum LedgerValidator {
    /// `earlier`: the events of the same contract recorded before it.
    static func problems(adding event: LedgerEvent, after earlier: [LedgerEvent], contracts: ContractSet) -> [String] {
        guard let box = contracts.box(event.contractID) else { return ["no contract \(event.contractID)"] }
        return problems(adding: event, after: earlier, contract: box.contract)
    }

    static func problems(adding event: LedgerEvent, after previous: [LedgerEvent], contract: Contract) -> [String] {
        func first(where match: (LedgerEvent.Kind) -> Bool) -> LedgerEvent? { previous.first { match($0.kind) } }

        switch event.kind {
        case .signature(let party, _):
            if let earlier = first(where: { if case .signature(party, _) = $0 { return true }; return false }) {
                return ["the \(party.rawValue)'s signature is already recorded (line \(earlier.line))"]
            }
        case .effective:
            if let earlier = first(where: { if case .effective = $0 { return true }; return false }) {
                return ["the effective day is already recorded (line \(earlier.line))"]
            }
        case .acceptance(let day, let stage):
            if let final = first(where: { if case .acceptance(_, .final) = $0 { return true }; return false }) {
                return [stage == .final ? "a final acceptance is already recorded (line \(final.line)); there is only one"
                                        : "an initial acceptance cannot follow the final acceptance (line \(final.line))"]
            }
            if stage == .initial, let initial = first(where: { if case .acceptance(_, .initial) = $0 { return true }; return false }) {
                return ["an initial acceptance is already recorded (line \(initial.line))"]
            }
            if let initialDay = History(events: previous).acceptance(.initial), stage == .final, day < initialDay {
                return ["the final acceptance on \(day) is before the initial acceptance on \(initialDay)"]
            }
        case .assessment(let record):
            let same = previous.last {
                if case .assessment(let earlier) = $0.kind { return earlier.from == record.from && earlier.to == record.to }
                return false
            }
            if let same, !record.supersede {
                return ["the period \(record.from) to \(record.to) is already scored (line \(same.line)); to replace that result, record it again with \"supersede\": true"]
            }
            if same == nil, record.supersede {
                return ["\"supersede\": true, but no result for the period \(record.from) to \(record.to) is recorded to replace"]
            }
            let overlapping = previous.first {
                if case .assessment(let earlier) = $0.kind {
                    return !(earlier.from == record.from && earlier.to == record.to) && earlier.from <= record.to && record.from <= earlier.to
                }
                return false
            }
            if let overlapping {
                return ["the period \(record.from) to \(record.to) overlaps a period already scored (line \(overlapping.line))"]
            }
        case .guarantee(let day, let id, let action, let amount):
            let actions = previous.compactMap { event -> (GuaranteeAction, CalendarDay, Int)? in
                if case .guarantee(let day, id, let action, _) = event.kind { return (action, day, event.line) }
                return nil
            }
            let lodged = actions.first { $0.0 == .lodged }
            let ended = actions.first { $0.0 != .lodged }
            switch action {
            case .lodged:
                if let lodged { return ["guarantee \(id) is already lodged (line \(lodged.2))"] }
            case .released, .deducted:
                guard let lodged else { return ["guarantee \(id) cannot be \(action.rawValue): it is not recorded as lodged"] }
                if let ended { return ["guarantee \(id) was already \(ended.0.rawValue) (line \(ended.2))"] }
                if day < lodged.1 { return ["\(day) is before guarantee \(id) was lodged, \(lodged.1)"] }
                if action == .deducted, let amount, let guarantee = contract.guarantees.first(where: { $0.id == id }), let share = guarantee.deduction?.share {
                    let limit = GuaranteeAmounts.amount(of: guarantee, in: contract).times(share)
                    if amount > limit {
                        return ["a deduction of \(amount.grouped) exceeds the \(share) the buyer may keep, \(limit.grouped) (\(guarantee.deduction?.clause ?? guarantee.clause))"]
                    }
                }
                if action == .deducted, contract.guarantees.first(where: { $0.id == id })?.deduction == nil {
                    return ["guarantee \(id) has no deduction term"]
                }
            }
        case .invoice(_, _, _, let named):
            let assigned = History(events: previous).invoiceDays(for: contract)
            if let named {
                if let day = assigned[named] { return ["instalment \(named) already has an invoice, received \(day)"] }
            } else {
                let waiting = contract.instalments.filter { ($0.due.after + $0.due.requires).contains(.invoiceReceived) }.map(\.id)
                if waiting.allSatisfy({ assigned[$0] != nil }) {
                    return ["every instalment that waits on an invoice already has one; name the instalment if this one replaces another"]
                }
            }
        case .payment(let day, let amount, let named):
            if surelyWithin(amount, instalment: named, after: previous, contract: contract) { break }
            let payable = Payments.payable(for: contract, history: History(events: previous), on: day, calendar: CalendarLoader.builtin)
            let charges = payable.charges > .zero ? " (with \(payable.charges.grouped) of accrued interest a payment covers first, Art. 561)" : ""
            if let named, let principal = payable.principal[named] {
                // Too large to represent is more than any payment (at most `Money.largest`).
                if let outstanding = principal.plus(payable.charges), amount > outstanding {
                    return ["the payment of \(amount.grouped) exceeds what is outstanding on instalment \(named), \(outstanding.grouped)\(charges); an overpayment is refused, not carried over (docs/readings.md, Reading 9)"]
                }
            } else {
                if let outstanding = Money.sum(payable.principal.values.sorted() + [payable.charges]), amount > outstanding {
                    return ["the payment of \(amount.grouped) exceeds what is outstanding on \(contract.alias), \(outstanding.grouped)\(charges); an overpayment is refused, not carried over (docs/readings.md, Reading 9)"]
                }
            }
        default:
            break
        }
        return []
    }

    /// Whether a payment is surely no more than what is outstanding, shown
    /// without working out the contract's books. What is outstanding on an
    /// instalment is its amount less the principal paid to it, and only the
    /// payments named to it and those named to none can have paid it
    /// (Reading 7 allocates the latter), so its amount less those payments
    /// is a floor; accrued interest only adds to what may be paid. A payment
    /// above the floor is checked in full, and only the full check refuses.
    /// Working out the books for every payment made a load quadratic in a
    /// contract's payments.
    static func surelyWithin(_ amount: Money, instalment named: String?, after previous: [LedgerEvent], contract: Contract) -> Bool {
        // The amounts depend on the price and the schedule, not on the events.
        let amounts = InstalmentAmounts.amounts(contract)
        var floor = MoneyTotal()
        if let named {
            guard let index = contract.instalments.firstIndex(where: { $0.id == named }), index < amounts.count else { return false }
            floor.add(amounts[index])
        } else {
            for part in amounts { floor.add(part) }
        }
        for event in previous {
            guard case .payment(_, let paid, let instalment) = event.kind else { continue }
            if named == nil || instalment == nil || instalment == named { floor.subtract(paid) }
        }
        var wanted = MoneyTotal()
        wanted.add(amount)
        return !(floor < wanted)
    }
}
