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

    /// The parts of each payment that went to each instalment, and whatever
    /// of a payment found nothing unpaid (refused when recorded).
    static func allocate(_ slots: [Slot], payments: [History.Payment]) -> (parts: [String: [Part]], unapplied: Money) {
        var unpaid = Dictionary(uniqueKeysWithValues: slots.map { ($0.id, $0.amount) })
        var parts: [String: [Part]] = [:]
        var unapplied = Money.zero
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
                let open = unpaid[slot.id] ?? .zero
                guard open > .zero else { continue }
                let applied = min(open, remaining)
                unpaid[slot.id] = open - applied
                remaining = remaining - applied
                parts[slot.id, default: []].append(Part(day: payment.day, amount: applied))
            }
            unapplied += remaining
        }
        return (parts, unapplied)
    }
}
