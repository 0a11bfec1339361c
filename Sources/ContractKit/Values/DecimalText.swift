/// A strict scanner for the decimal numbers that fixtures carry as text.
///
/// Foundation's `Decimal(string:)` accepts "12abc" as 12 and "1,000.00" as 1,
/// so every amount, rate and quantity goes through this scanner first.
/// The result is an exact significand and a count of decimal places.
struct DecimalText: Hashable, Sendable {
    var negative: Bool
    /// The digits without the point, as an integer.
    var significand: Int64
    /// How many of those digits stand after the point.
    var scale: Int

    enum Failure: Error, Equatable {
        case empty
        case notANumber
        case tooManyDigits
    }

    /// The most decimals a percentage or a quantity may have once trailing
    /// zeros are dropped. Every scale is then a power of ten that 128-bit
    /// arithmetic holds many times over: a percentage of at most 100% is at
    /// most 10^18 units at this scale, so two of them add up within 64 bits.
    static let maximumScale = 16

    /// Accepts `-?[0-9]+(\.[0-9]+)?` and nothing else: no spaces, no
    /// thousands separators, no exponent, no leading plus.
    static func parse(_ text: Substring) throws(Failure) -> DecimalText {
        guard !text.isEmpty else { throw .empty }
        var chars = text.utf8[...]
        var negative = false
        if chars.first == UInt8(ascii: "-") {
            negative = true
            chars = chars.dropFirst()
        }
        var significand: Int64 = 0
        var scale = 0
        var sawPoint = false
        var digitsBeforePoint = 0
        var digitsAfterPoint = 0
        for byte in chars {
            if byte == UInt8(ascii: ".") {
                guard !sawPoint, digitsBeforePoint > 0 else { throw .notANumber }
                sawPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .notANumber }
            let (times10, o1) = significand.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw .tooManyDigits }
            significand = next
            if sawPoint {
                digitsAfterPoint += 1
                scale += 1
            } else {
                digitsBeforePoint += 1
            }
        }
        guard digitsBeforePoint > 0, !sawPoint || digitsAfterPoint > 0 else { throw .notANumber }
        return DecimalText(negative: negative, significand: significand, scale: scale)
    }

    /// The value with trailing zeros after the point removed ("46.50" -> 46.5).
    var normalized: DecimalText {
        var copy = self
        while copy.scale > 0, copy.significand % 10 == 0 {
            copy.significand /= 10
            copy.scale -= 1
        }
        if copy.significand == 0 { copy.negative = false }
        return copy
    }

    /// Plain decimal text: "46", "0.5", "-12.25".
    var description: String {
        let digits = String(significand)
        guard scale > 0 else { return (negative ? "-" : "") + digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + padded[..<split] + "." + padded[split...]
    }
}

/// 10 to the power `n`, for the small `n` a scale can take: the scales of
/// percentages and quantities are at most `DecimalText.maximumScale`, so
/// no caller passes more than 18 (a percentage's scale plus two).
func powerOfTen(_ n: Int) -> Int128 {
    var result: Int128 = 1
    for _ in 0..<n { result *= 10 }
    return result
}

/// Divides and rounds half up (四舍五入), away from zero on a tie, once.
func divideRoundingHalfUp(_ numerator: Int128, _ denominator: Int128) -> Int128 {
    precondition(denominator > 0, "the denominators here are positive powers of ten")
    let quotient = numerator / denominator
    let remainder = numerator % denominator
    if remainder.magnitude * 2 >= denominator.magnitude {
        return numerator < 0 ? quotient - 1 : quotient + 1
    }
    return quotient
}
