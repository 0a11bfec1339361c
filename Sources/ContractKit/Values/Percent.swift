/// An exact percentage such as "46%", "0.5%" or "0.05%".
public struct Percent: Hashable, Sendable {
    /// The number before the percent sign, exactly.
    var value: DecimalText

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case notAPercentage(String)
        case negative(String)
        case over100(String)

        public var description: String {
            switch self {
            case .notAPercentage(let text): return "\"\(text)\": expected a percentage such as \"50%\" or \"0.05%\""
            case .negative(let text): return "\"\(text)\": a percentage here cannot be negative"
            case .over100(let text): return "\"\(text)\": a percentage here cannot exceed 100%"
            }
        }
    }

    public init(parsing text: String, allowOver100: Bool = false) throws(ParseError) {
        guard text.hasSuffix("%") else { throw .notAPercentage(text) }
        let number = text.dropLast()
        guard let parsed = try? DecimalText.parse(number) else { throw .notAPercentage(text) }
        if parsed.negative && parsed.significand != 0 { throw .negative(text) }
        let normalized = parsed.normalized
        if !allowOver100 && Percent(value: normalized) > Percent.hundred { throw .over100(text) }
        self.value = normalized
    }

    init(value: DecimalText) { self.value = value.normalized }

    public static let hundred = Percent(value: DecimalText(negative: false, significand: 100, scale: 0))
    public static let zero = Percent(value: DecimalText(negative: false, significand: 0, scale: 0))

    /// "46%", "0.5%"
    public var description: String { value.description + "%" }

    static func commonScale(_ a: Percent, _ b: Percent) -> (Int128, Int128, Int) {
        let scale = max(a.value.scale, b.value.scale)
        let x = Int128(a.value.significand) * powerOfTen(scale - a.value.scale) * (a.value.negative ? -1 : 1)
        let y = Int128(b.value.significand) * powerOfTen(scale - b.value.scale) * (b.value.negative ? -1 : 1)
        return (x, y, scale)
    }

    public static func + (a: Percent, b: Percent) -> Percent {
        let (x, y, scale) = commonScale(a, b)
        let sum = x + y
        return Percent(value: DecimalText(negative: sum < 0, significand: Int64(sum.magnitude), scale: scale))
    }

    public static func - (a: Percent, b: Percent) -> Percent {
        let (x, y, scale) = commonScale(a, b)
        let difference = x - y
        return Percent(value: DecimalText(negative: difference < 0, significand: Int64(difference.magnitude), scale: scale))
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

/// An exact non-negative quantity from a fixture ("4000", "15.3", "2.96").
public struct Quantity: Hashable, Sendable, CustomStringConvertible, Codable {
    var value: DecimalText

    public init(parsing text: String) throws(Percent.ParseError) {
        guard let parsed = try? DecimalText.parse(text[...]), !parsed.negative else {
            throw .notAPercentage(text)
        }
        self.value = parsed.normalized
    }

    public var description: String { value.description }

    /// The quantity as a whole number, where it is one.
    public var integer: Int64? { value.normalized.scale == 0 ? value.normalized.significand : nil }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self), let parsed = try? DecimalText.parse(text[...]), !parsed.negative else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a quantity as a string such as \"4000\" or \"15.3\"")
        }
        self.value = parsed.normalized
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
