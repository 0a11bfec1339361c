/// Applies payments to instalments (Civil Code Arts. 560-561; Readings 7):
/// a payment pays the instalment it names; otherwise instalments already
/// due on the payment day come first, earliest due first, then those not
/// yet due in the order they will fall due. minhang §4.4 says the same.
enum Allocation {
    struct Slot {
        var id: String
        var amount: Money
        /// The known due date, or the earliest possible one, for ordering.
        var dueDate: CalendarDay?
        var earliestDueDate: CalendarDay?
    }

    struct Part: Sendable, Equatable {
        var day: CalendarDay
        var amount: Money
    }

    struct Result {
        /// The parts of payments that went to each instalment's principal.
        var parts: [String: [Part]] = [:]
        /// The parts that covered accrued interest first (Art. 561).
        var charges: [String: [Part]] = [:]
        /// Whatever of a payment found nothing unpaid (refused when recorded).
        var unapplied = Money.zero
    }

    /// Applies the payments in the order they were made. With `charges`, a
    /// payment to an overdue instalment first covers what has accrued on it
    /// (within the rule's cap, all instalments together), then the principal.
    static func allocate(_ slots: [Slot], payments: [History.Payment], charges: OverdueCharges? = nil) -> Result {
        var unpaid = Dictionary(uniqueKeysWithValues: slots.map { ($0.id, $0.amount) })
        var result = Result()
        for payment in payments {
            var remaining = payment.amount
            let order: [Slot]
            if let named = payment.instalment {
                order = slots.filter { $0.id == named }
            } else {
                let due = slots.filter { ($0.dueDate.map { $0 <= payment.day }) ?? false }.sorted { ($0.dueDate ?? payment.day) < ($1.dueDate ?? payment.day) }
                let later = slots.filter { !(($0.dueDate.map { $0 <= payment.day }) ?? false) }
                    .enumerated()
                    .sorted { (($0.element.dueDate ?? $0.element.earliestDueDate)?.dayNumber ?? Int.max, $0.offset) < (($1.element.dueDate ?? $1.element.earliestDueDate)?.dayNumber ?? Int.max, $1.offset) }
                    .map(\.element)
                order = due + later
            }
            for slot in order where remaining > .zero {
                if let charges {
                    let owed = owedCharges(slot, slots: slots, on: payment.day, charges: charges, unpaid: unpaid, result: result)
                    if owed > .zero {
                        let covered = min(owed, remaining)
                        remaining = remaining - covered
                        result.charges[slot.id, default: []].append(Part(day: payment.day, amount: covered))
                    }
                }
                let open = unpaid[slot.id] ?? .zero
                guard open > .zero, remaining > .zero else { continue }
                let applied = min(open, remaining)
                unpaid[slot.id] = open - applied
                remaining = remaining - applied
                result.parts[slot.id, default: []].append(Part(day: payment.day, amount: applied))
            }
            result.unapplied = result.unapplied.plus(remaining) ?? Money(fen: Int64.max)
        }
        return result
    }

    /// What has accrued on `slot` by `day` and is not yet covered, held to
    /// what is left under the cap for all instalments together.
    static func owedCharges(_ slot: Slot, slots: [Slot], on day: CalendarDay, charges: OverdueCharges, unpaid: [String: Money], result: Result) -> Money {
        func accrued(_ s: Slot) -> Money {
            guard let due = s.dueDate else { return .zero }
            return charges.accrued(instalment: s.id, due: due, paid: result.parts[s.id] ?? [], unpaid: unpaid[s.id] ?? .zero, on: day)
        }
        let covered = { (id: String) in (result.charges[id] ?? []).reduce(Money.zero) { $0 + $1.amount } }
        let own = accrued(slot) - covered(slot.id)
        guard own > .zero else { return .zero }
        guard let cap = charges.cap else { return own }
        let allCovered = slots.reduce(Money.zero) { $0 + covered($1.id) }
        let allAccrued = min(cap, slots.reduce(Money.zero) { $0 + accrued($1) })
        return max(.zero, min(own, allAccrued - allCovered))
    }

    /// What is owed on accrued charges on `day`, all instalments together:
    /// what has accrued (held to the cap) less what payments have covered.
    static func owedCharges(_ slots: [Slot], on day: CalendarDay, charges: OverdueCharges, result: Result) -> Money {
        var accrued = Money.zero
        var covered = Money.zero
        for slot in slots {
            let paid = result.parts[slot.id] ?? []
            let unpaid = slot.amount - paid.reduce(Money.zero) { $0 + $1.amount }
            if let due = slot.dueDate { accrued += charges.accrued(instalment: slot.id, due: due, paid: paid, unpaid: unpaid, on: day) }
            covered += (result.charges[slot.id] ?? []).reduce(Money.zero) { $0 + $1.amount }
        }
        if let cap = charges.cap { accrued = min(accrued, cap) }
        return max(.zero, accrued - covered)
    }
}
