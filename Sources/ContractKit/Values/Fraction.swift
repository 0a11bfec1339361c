/// An exact amount of fen as a fraction, for figures built from several
/// factors (a rate, a count of days, 1.5 to a power) that are rounded once,
/// half up, at the end. Arithmetic is checked: a result too large for 128
/// bits is nil, never a trap.
struct Fraction: Sendable, Equatable {
    var numerator: Int128
    var denominator: Int128

    init(_ numerator: Int128, _ denominator: Int128 = 1) {
        self.numerator = numerator
        self.denominator = denominator
    }

    init(_ money: Money) { self.init(Int128(money.fen)) }

    static let zero = Fraction(0)

    /// Rounded once, half up, to the fen; nil when it does not fit in Int64.
    var money: Money? {
        Int64(exactly: divideRoundingHalfUp(numerator, denominator)).map(Money.init(fen:))
    }

    func times(_ numerator: Int128, over denominator: Int128 = 1) -> Fraction? {
        let (n, o1) = self.numerator.multipliedReportingOverflow(by: numerator)
        let (d, o2) = self.denominator.multipliedReportingOverflow(by: denominator)
        guard !o1, !o2 else { return nil }
        return Fraction(n, d).reduced
    }

    func times(_ percent: Percent) -> Fraction? {
        times(Int128(percent.value.significand) * (percent.value.negative ? -1 : 1), over: 100 * powerOfTen(percent.value.scale))
    }

    func times(_ quantity: Quantity) -> Fraction? {
        times(Int128(quantity.value.significand), over: powerOfTen(quantity.value.scale))
    }

    func plus(_ other: Fraction) -> Fraction? {
        let (a, o1) = numerator.multipliedReportingOverflow(by: other.denominator)
        let (b, o2) = other.numerator.multipliedReportingOverflow(by: denominator)
        let (d, o3) = denominator.multipliedReportingOverflow(by: other.denominator)
        guard !o1, !o2, !o3 else { return nil }
        let (n, o4) = a.addingReportingOverflow(b)
        guard !o4 else { return nil }
        return Fraction(n, d).reduced
    }

    var reduced: Fraction {
        var a = numerator.magnitude
        var b = denominator.magnitude
        while b != 0 { (a, b) = (b, a % b) }
        guard a > 1 else { return self }
        return Fraction(numerator / Int128(a), denominator / Int128(a))
    }
}
