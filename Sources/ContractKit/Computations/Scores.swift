/// One assessment period's score from the sheet and the recorded
/// occurrences (Readings 4): a regular category loses at most its points,
/// additional items add or subtract without limit (an item the sheet does
/// not word per occurrence counts once a period, however often it is
/// recorded), and the total is then held to the sheet's range.
///
/// Points and counts are bounded where they are read (points within
/// ±10000, at most 10000 occurrences of an item a period), so a period's
/// arithmetic fits in `Int`; the sheet's range is not, so sums of totals
/// are made in 128 bits.
public struct PeriodScore: Sendable {
    public struct CategoryLine: Sendable {
        public var id: String
        public var name: String
        public var points: Int
        /// "3 x 5 (未按时完成...)" per deduction with occurrences.
        public var counted: [(description: String, count: Int, each: Int)]
        public var lost: Int
        /// True when the deductions exceeded the category's points.
        public var capped: Bool
    }

    public struct AdditionalLine: Sendable {
        public var id: String
        public var description: String
        /// The occurrences recorded.
        public var count: Int
        public var each: Int
        /// False where the sheet does not word the item per occurrence
        /// (每发生一次): it counts once a period, however often recorded.
        public var perOccurrence: Bool
        /// The occurrences that count.
        public var counted: Int { perOccurrence ? count : min(count, 1) }
        public var total: Int { counted * each }
    }

    public var contractID: String
    public var alias: String
    public var from: CalendarDay
    public var to: CalendarDay
    /// The ledger line the result was recorded on.
    public var line: Int
    public var base: Int
    public var categories: [CategoryLine]
    public var additional: [AdditionalLine]
    /// Before holding to the range.
    public var raw: Int
    public var total: Int
    public var clause: String

    /// "100 - 10 (workOrders: 3 x 5 = 15, capped at 10) - 5 (emergency: 1 x 5) + 10 (praise: 1 x 10) = 95"
    public var arithmetic: String {
        var text = "\(base)"
        for category in categories where category.lost > 0 {
            let detail = category.counted.map { "\($0.count) x \($0.each)" }.joined(separator: " + ")
            let sum = category.counted.reduce(0) { $0 + $1.count * $1.each }
            text += " - \(category.lost) (\(category.id): \(detail)\(category.capped ? " = \(sum), capped at \(category.points)" : ""))"
        }
        for item in additional where item.count > 0 {
            let times = item.counted == item.count ? "\(item.count) x \(item.each)" : "\(item.count) recorded, counted once a period: not per occurrence"
            text += " \(item.total < 0 ? "-" : "+") \(item.total.magnitude) (\(item.id): \(times))"
        }
        text += " = \(raw)"
        if raw != total { text += ", held to \(total)" }
        return text
    }
}

extension AssessmentWindow {
    /// Which periods count, in words: "ending 2026-11-01 to 2027-05-31".
    var periodsText: String {
        periodsEndingFrom.map { "ending \($0) to \(periodsEndingTo)" } ?? "ending on or before \(periodsEndingTo)"
    }
}

/// A window's average against its threshold.
public struct WindowAverage: Sendable {
    public enum State: String, Sendable {
        case met
        case notMet = "not met"
        case undetermined
    }
    public var contractID: String
    public var alias: String
    public var window: AssessmentWindow
    public var periods: [PeriodScore]
    public var state: State
    /// Why the state is what it is, in words.
    public var reason: String

    /// The totals added up: in 128 bits, since a sheet's range may be any `Int`.
    public var sum: Int128 { periods.reduce(0) { $0 + Int128($1.total) } }
    /// The threshold the state was decided against.
    public var threshold: Quantity?

    /// The same closed window judged against a term's own threshold (a
    /// payment condition's or a guarantee release's `atLeast`, where it
    /// states one); an open or empty window stays undetermined.
    public func judged(atLeast threshold: Quantity?) -> WindowAverage {
        guard let threshold, state != .undetermined else { return self }
        var result = self
        result.decide(against: threshold)
        return result
    }

    mutating func decide(against threshold: Quantity) {
        let span = window.periodsText
        let met = Scores.reaches(sum: sum, count: periods.count, threshold: threshold)
        state = met ? .met : .notMet
        self.threshold = threshold
        reason = "mean of \(periods.count) period\(periods.count == 1 ? "" : "s") \(span): \(periods.map { String($0.total) }.joined(separator: " + ")) = \(sum); / \(periods.count) = \(Scores.meanText(sum: sum, count: periods.count)) \(met ? ">=" : "<") \(threshold)"
    }

    /// The plain mean, not rounded: "85", "83.33… (250/3)", or nil with no periods.
    public var averageText: String? {
        guard !periods.isEmpty else { return nil }
        return Scores.meanText(sum: sum, count: periods.count)
    }
}

public enum Scores {
    public static func periods(for contract: Contract, history: History) -> [PeriodScore] {
        guard let sheet = contract.assessment else { return [] }
        let base = sheet.categories.reduce(0) { $0 + $1.points }
        return history.assessments.map { record, line in
            var lostTotal = 0
            let categories = sheet.categories.map { category -> PeriodScore.CategoryLine in
                let recorded = record.occurrences[category.id] ?? [:]
                let counted = category.deductions.compactMap { deduction -> (String, Int, Int)? in
                    guard let count = recorded[deduction.id], count > 0 else { return nil }
                    return (deduction.description, count, deduction.points)
                }
                let sum = counted.reduce(0) { $0 + $1.1 * $1.2 }
                let lost = min(category.points, sum)
                lostTotal += lost
                return PeriodScore.CategoryLine(id: category.id, name: category.name, points: category.points, counted: counted, lost: lost, capped: sum > category.points)
            }
            let additional = sheet.additionalItems.map {
                PeriodScore.AdditionalLine(id: $0.id, description: $0.description, count: record.additional[$0.id] ?? 0, each: $0.points,
                                           perOccurrence: $0.perOccurrence ?? true)
            }
            let raw = base - lostTotal + additional.reduce(0) { $0 + $1.total }
            let total = min(sheet.maximum, max(sheet.minimum, raw))
            return PeriodScore(contractID: contract.id, alias: contract.alias, from: record.from, to: record.to, line: line,
                               base: base, categories: categories, additional: additional, raw: raw, total: total, clause: sheet.clause)
        }
    }

    /// Each window of the sheet: the periods that end inside it, their plain
    /// mean, and whether it reaches the threshold (>= , not rounded).
    public static func windows(for contract: Contract, history: History, asOf: CalendarDay) -> [WindowAverage] {
        guard let sheet = contract.assessment else { return [] }
        let scores = periods(for: contract, history: history)
        return sheet.windows.map { window in
            let inside = scores.filter { ($0.to >= (window.periodsEndingFrom ?? $0.to)) && $0.to <= window.periodsEndingTo }
            let span = window.periodsText
            var result = WindowAverage(contractID: contract.id, alias: contract.alias, window: window, periods: inside, state: .undetermined, reason: "")
            let threshold = window.atLeast
            if asOf < window.periodsEndingTo {
                result.reason = inside.isEmpty
                    ? "the window (periods \(span)) is still open; no assessment recorded yet"
                    : "the window (periods \(span)) is still open; so far \(meanText(sum: result.sum, count: inside.count)) over \(inside.count) period\(inside.count == 1 ? "" : "s")"
            } else if inside.isEmpty {
                result.reason = "no assessment recorded for a period \(span)"
            } else {
                result.decide(against: threshold)
            }
            return result
        }
    }

    /// sum / count >= threshold, exactly: sum x 10^scale >= significand x
    /// count, compared as sum >= the latter / 10^scale rounded up, so that
    /// nothing is multiplied past 128 bits.
    static func reaches(sum: Int128, count: Int, threshold: Quantity) -> Bool {
        let scale = powerOfTen(threshold.value.scale)
        let needed = Int128(threshold.value.significand) * Int128(count)
        let (quotient, remainder) = needed.quotientAndRemainder(dividingBy: scale)
        return sum >= quotient + (remainder > 0 ? 1 : 0)
    }

    /// The exact mean: "85", "82.5", or "83.33… (250/3)" when it does not
    /// terminate (or has more digits than 128 bits hold).
    static func meanText(sum: Int128, count: Int) -> String {
        guard count > 0 else { return "-" }
        let divisor = Int128(count)
        var a = sum.magnitude
        var b = divisor.magnitude
        while b != 0 { (a, b) = (b, a % b) }
        var denominator = divisor.magnitude / max(a, 1)
        for factor: UInt128 in [2, 5] { while denominator % factor == 0 { denominator /= factor } }
        if denominator == 1 {
            // Terminates: print all its digits.
            var scale = 0
            var value = sum
            while value % divisor != 0 {
                let (next, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return rounded(sum: sum, count: count) }
                value = next
                scale += 1
            }
            if let digits = Int64(exactly: (value / divisor).magnitude) {
                return DecimalText(negative: value < 0, significand: digits, scale: scale).description
            }
        }
        return rounded(sum: sum, count: count)
    }

    /// "83.33… (250/3)": to the hundredth, truncated, with the exact fraction.
    static func rounded(sum: Int128, count: Int) -> String {
        let (whole, remainder) = sum.quotientAndRemainder(dividingBy: Int128(count))
        let hundredths = remainder.magnitude * 100 / UInt128(count)
        let sign = sum < 0 ? "-" : ""
        return "\(sign)\(whole.magnitude).\(hundredths < 10 ? "0" : "")\(hundredths)… (\(sum)/\(count))"
    }
}
