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
    /// Per instalment, the days a listed cause excuses (Readings 16).
    var excused: [String: ExcusedDays] = [:]

    /// The interest a payment covers before the principal (Civil Code
    /// Art. 561), if the contract has such a rule. A penalty (违约金) is not
    /// in Art. 561's list and is never paid out of an instalment's payment
    /// (Readings 7); the cap, where it counts interest, bounds it too.
    static func coveredFirst(in contract: Contract, history: History) -> OverdueCharges? {
        for case .latePayment(let rule) in contract.penalties {
            guard rule.base == .overdueAmount, let interest = rule.interest, interest.paidBeforePrincipal else { continue }
            let cap = rule.cap.flatMap { $0.includesInterest ? contract.price.total.amount.times($0.share) : nil }
            var excused: [String: ExcusedDays] = [:]
            for instalment in contract.instalments {
                excused[instalment.id] = ExcusedDays(history: history, instalment: instalment.id, causes: Set(rule.exclusions.map(\.cause)))
            }
            return OverdueCharges(rates: [interest.rate], periodDays: interest.per.days, cap: cap, excused: excused)
        }
        return nil
    }

    /// The exact sum of amount x whole periods late, before any rate.
    static func amountDays(due: CalendarDay, paid: [Allocation.Part], unpaid: Money, on day: CalendarDay, periodDays: Int, excused: ExcusedDays? = nil) -> Fraction? {
        var sum: Fraction? = .zero
        func late(_ end: CalendarDay) -> Int { end.dayNumber - due.dayNumber - (excused?.count(after: due, through: end) ?? 0) }
        for part in paid where part.day > due {
            sum = Fraction(part.amount).times(Int128(late(part.day) / periodDays)).flatMap { sum?.plus($0) }
        }
        if unpaid > .zero, day > due {
            sum = Fraction(unpaid).times(Int128(late(day) / periodDays)).flatMap { sum?.plus($0) }
        }
        return sum
    }

    /// More fen than any payments can cover: an amount accrued beyond it
    /// is held to it. A payment covers at most its own amount of what has
    /// accrued, so every answer taken from a figure held here (what a
    /// payment covers, what is left under a cap) is still exact.
    static let beyondAnyPayment: Int128 = powerOfTen(30)

    /// All rates together on one instalment, each rounded once, half up,
    /// to the fen, in fen, exactly: a rate of the amount overdue over the
    /// days to an as-of day centuries away can come to more than money
    /// holds, and is then held to `beyondAnyPayment`, never taken as 0.00.
    func accrued(instalment: String, due: CalendarDay, paid: [Allocation.Part], unpaid: Money, on day: CalendarDay) -> Int128 {
        guard let base = OverdueCharges.amountDays(due: due, paid: paid, unpaid: unpaid, on: day, periodDays: periodDays, excused: excused[instalment]) else {
            return OverdueCharges.beyondAnyPayment
        }
        var total: Int128 = 0
        for rate in rates {
            guard let charge = base.times(rate) else { return OverdueCharges.beyondAnyPayment }
            total += min(divideRoundingHalfUp(charge.numerator, charge.denominator), OverdueCharges.beyondAnyPayment)
            if total >= OverdueCharges.beyondAnyPayment { return OverdueCharges.beyondAnyPayment }
        }
        return total
    }
}

/// The stretches of days that recorded causes excuse on one instalment
/// (or, with no instalment, on the service), and how many of them fall in
/// a span of days late.
struct ExcusedDays: Sendable {
    /// Day-number ranges, merged and sorted.
    var spans: [ClosedRange<Int>]

    init(history: History, instalment: String?, causes: Set<DelayCause>) {
        var ranges: [ClosedRange<Int>] = []
        for event in history.events {
            guard case .excuse(let record) = event.kind, record.instalment == instalment && causes.contains(record.cause) else { continue }
            ranges.append(record.from.dayNumber...record.to.dayNumber)
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        spans = merged
    }

    /// The excused days of (start, end].
    func count(after start: CalendarDay, through end: CalendarDay) -> Int {
        spans.reduce(0) { days, span in
            let low = max(span.lowerBound, start.dayNumber + 1)
            let high = min(span.upperBound, end.dayNumber)
            return days + max(0, high - low + 1)
        }
    }
}
