/// An exact percentage such as "46%", "0.5%" or "0.05%".
public struct Percent: Hashable, Sendable {
    /// The number before the percent sign, exactly.
    var value: DecimalText

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case notAPercentage(String)
        case negative(String)
        case over100(String)
        case tooPrecise(String)

        public var description: String {
            switch self {
            case .notAPercentage(let text): return "\"\(text)\": expected a percentage such as \"50%\" or \"0.05%\""
            case .negative(let text): return "\"\(text)\": a percentage here cannot be negative"
            case .over100(let text): return "\"\(text)\": a percentage here cannot exceed 100%"
            case .tooPrecise(let text): return "\"\(text)\": a percentage has at most \(DecimalText.maximumScale) decimals"
            }
        }
    }

    /// Parses "46%", "0.5%" or "0.05%": at most 100%, at most 16 decimals
    /// (trailing zeros aside), never negative. Within these bounds every
    /// product and sum the computations make of it is exact in 128 bits.
    public init(parsing text: String) throws(ParseError) {
        guard text.hasSuffix("%") else { throw .notAPercentage(text) }
        let number = text.dropLast()
        guard let parsed = try? DecimalText.parse(number) else { throw .notAPercentage(text) }
        if parsed.negative && parsed.significand != 0 { throw .negative(text) }
        let normalized = parsed.normalized
        guard normalized.scale <= DecimalText.maximumScale else { throw .tooPrecise(text) }
        if Percent(value: normalized) > Percent.hundred { throw .over100(text) }
        self.value = normalized
    }

    init(value: DecimalText) { self.value = value.normalized }

    public static let hundred = Percent(value: DecimalText(negative: false, significand: 100, scale: 0))
    public static let zero = Percent(value: DecimalText(negative: false, significand: 0, scale: 0))

    /// "46%", "0.5%"
    public var description: String { value.description + "%" }

    /// Both at the larger scale, as signed 128-bit integers (at most
    /// 9.2 x 10^18 x 10^16: exact).
    static func commonScale(_ a: Percent, _ b: Percent) -> (Int128, Int128, Int) {
        let scale = max(a.value.scale, b.value.scale)
        let x = Int128(a.value.significand) * powerOfTen(scale - a.value.scale) * (a.value.negative ? -1 : 1)
        let y = Int128(b.value.significand) * powerOfTen(scale - b.value.scale) * (b.value.negative ? -1 : 1)
        return (x, y, scale)
    }

    /// The exact sum, or nil where it has more digits than a percentage holds.
    public func plus(_ other: Percent) -> Percent? {
        let (x, y, scale) = Percent.commonScale(self, other)
        return Percent.exactly(x + y, scale: scale)
    }

    /// The exact difference, or nil where it has more digits than a percentage holds.
    public func minus(_ other: Percent) -> Percent? {
        let (x, y, scale) = Percent.commonScale(self, other)
        return Percent.exactly(x - y, scale: scale)
    }

    static func exactly(_ units: Int128, scale: Int) -> Percent? {
        Int64(exactly: units.magnitude).map { Percent(value: DecimalText(negative: units < 0, significand: $0, scale: scale)) }
    }

    /// The sum of two parsed percentages (each at most 100% with at most 16
    /// decimals, so at most 10^18 units at the common scale): it always
    /// fits, which is why this operator is total. `plus` is the checked form
    /// for anything else.
    public static func + (a: Percent, b: Percent) -> Percent {
        guard let sum = a.plus(b) else { preconditionFailure("\(a) + \(b): a sum of two parsed percentages fits; use plus(_:) for others") }
        return sum
    }

    /// The difference of two parsed percentages; see `+`.
    public static func - (a: Percent, b: Percent) -> Percent {
        guard let difference = a.minus(b) else { preconditionFailure("\(a) - \(b): a difference of two parsed percentages fits; use minus(_:) for others") }
        return difference
    }
}

extension Percent: Comparable {
    public static func < (a: Percent, b: Percent) -> Bool {
        let (x, y, _) = commonScale(a, b)
        return x < y
    }
}

extension Percent: CustomStringConvertible {}

extension Percent: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a percentage as a string such as \"50%\"")
        }
        do {
            self = try Percent(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An exact non-negative quantity from a fixture ("4000", "15.3", "2.96"),
/// with at most 16 decimals (trailing zeros aside).
public struct Quantity: Hashable, Sendable, CustomStringConvertible, Codable {
    var value: DecimalText

    public init(parsing text: String) throws(Percent.ParseError) {
        guard let value = Quantity.parse(text) else { throw .notAPercentage(text) }
        self.value = value
    }

    static func parse(_ text: String) -> DecimalText? {
        guard let parsed = try? DecimalText.parse(text[...]), !parsed.negative, parsed.normalized.scale <= DecimalText.maximumScale else { return nil }
        return parsed.normalized
    }

    public var description: String { value.description }

    /// The quantity as a whole number, where it is one.
    public var integer: Int64? { value.normalized.scale == 0 ? value.normalized.significand : nil }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a quantity as a string such as \"4000\" or \"15.3\"")
        }
        guard let value = Quantity.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\": expected a quantity such as \"4000\" or \"15.3\", not negative, with at most \(DecimalText.maximumScale) decimals")
        }
        self.value = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
