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
                    if owed > 0 {
                        // At most the payment: a figure money holds, whatever has accrued.
                        let covered = Money(fen: Int64(min(owed, Int128(remaining.fen))))
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
        }
        return result
    }

    /// What has accrued on `slot` by `day` and is not yet covered, held to
    /// what is left under the cap for all instalments together; in fen,
    /// exactly (see `OverdueCharges.beyondAnyPayment`).
    static func owedCharges(_ slot: Slot, slots: [Slot], on day: CalendarDay, charges: OverdueCharges, unpaid: [String: Money], result: Result) -> Int128 {
        func accrued(_ s: Slot) -> Int128 {
            guard let due = s.dueDate else { return 0 }
            return charges.accrued(instalment: s.id, due: due, paid: result.parts[s.id] ?? [], unpaid: unpaid[s.id] ?? .zero, on: day)
        }
        func coveredOn(_ id: String) -> Int128 { covered(result.charges[id] ?? []) }
        let own = accrued(slot) - coveredOn(slot.id)
        guard own > 0 else { return 0 }
        guard let cap = charges.cap else { return own }
        let allCovered = slots.reduce(Int128(0)) { $0 + coveredOn($1.id) }
        let allAccrued = min(Int128(cap.fen), slots.reduce(Int128(0)) { $0 + accrued($1) })
        return max(0, min(own, allAccrued - allCovered))
    }

    /// What is owed on accrued charges on `day`, all instalments together:
    /// what has accrued (held to the cap) less what payments have covered.
    /// Held to `Money.largest`: no payment is larger, so above it the figure
    /// decides nothing a payment is checked against.
    static func owedCharges(_ slots: [Slot], on day: CalendarDay, charges: OverdueCharges, result: Result) -> Money {
        var accrued: Int128 = 0
        var covered: Int128 = 0
        for slot in slots {
            let paid = result.parts[slot.id] ?? []
            let unpaid = slot.amount - paid.reduce(Money.zero) { $0 + $1.amount }
            if let due = slot.dueDate { accrued += charges.accrued(instalment: slot.id, due: due, paid: paid, unpaid: unpaid, on: day) }
            covered += Allocation.covered(result.charges[slot.id] ?? [])
        }
        if let cap = charges.cap { accrued = min(accrued, Int128(cap.fen)) }
        return Money(fen: Int64(min(max(0, accrued - covered), Int128(Money.largest.fen))))
    }

    /// The fen of `parts`, added in 128 bits.
    static func covered(_ parts: [Part]) -> Int128 {
        parts.reduce(Int128(0)) { $0 + Int128($1.amount.fen) }
    }
}
