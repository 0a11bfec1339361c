/// What a rate of the amount overdue accrues on one instalment: each part
/// paid late by its own days late, and what is still unpaid by the days
/// to the day asked about (Readings 1, 10). Periods longer than a day count
/// whole periods only.
struct OverdueCharges: Sendable {
    /// The rates that accrue together (a penalty and its interest).
    var rates: [Percent]
    var periodDays: Int
    /// The most they may come to in the contract, all instalments together.
    var cap: Money?

    /// The rule whose accruals a payment covers before the principal
    /// (Art. 561), if the contract has one.
    static func coveredFirst(in contract: Contract) -> OverdueCharges? {
        guard let rule = contract.penalties.first(where: { $0.kind == .latePayment && $0.base == .overdueAmount && $0.coveredBeforePrincipal == true }),
              let rate = rule.rate else { return nil }
        var days = 1
        if case .days(let n)? = rule.per?.period, n > 0 { days = n }
        let rates = [rate] + (rule.interest.map { [$0.rate] } ?? [])
        let cap = rule.cap?.share.map { contract.price.total.amount.times($0) }
        return OverdueCharges(rates: rates, periodDays: days, cap: cap)
    }

    /// The exact sum of amount x whole periods late, before any rate.
    static func amountDays(due: CalendarDay, paid: [Allocation.Part], unpaid: Money, on day: CalendarDay, periodDays: Int) -> Fraction {
        var sum = Fraction.zero
        for part in paid where part.day > due {
            sum = sum.plus(Fraction(part.amount).times(Int128((part.day.dayNumber - due.dayNumber) / periodDays)) ?? .zero) ?? sum
        }
        if unpaid > .zero, day > due {
            sum = sum.plus(Fraction(unpaid).times(Int128((day.dayNumber - due.dayNumber) / periodDays)) ?? .zero) ?? sum
        }
        return sum
    }

    /// All rates together on one instalment, rounded once per rate.
    func accrued(due: CalendarDay, paid: [Allocation.Part], unpaid: Money, on day: CalendarDay) -> Money {
        let base = OverdueCharges.amountDays(due: due, paid: paid, unpaid: unpaid, on: day, periodDays: periodDays)
        return rates.reduce(Money.zero) { $0 + (base.times($1)?.money ?? .zero) }
    }
}
