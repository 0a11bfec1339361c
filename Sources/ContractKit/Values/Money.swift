/// An exact amount of money in fen (分), the smallest unit of CNY.
///
/// Amounts never pass through floating point: they are parsed from text,
/// held as integer fen, and multiplied by rates in 128-bit integers,
/// rounded once, half up, where the contract's figure is made.
public struct Money: Hashable, Comparable, Sendable {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Money(fen: 0)

    /// The largest amount a term may state: a trillion yuan. Keeping every
    /// stated amount this small leaves room to add up some 92,000 of them
    /// exactly in 64 bits.
    public static let largest = Money(fen: 100_000_000_000_000)

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case notAnAmount(String)
        case subFen(String)
        case negative(String)
        case tooLarge(String)

        public var description: String {
            switch self {
            case .notAnAmount(let text):
                return "\"\(text)\": expected an amount such as \"4149000.00\" (digits, at most two decimals, no separators)"
            case .subFen(let text):
                return "\"\(text)\": an amount has at most two decimals (fen); this one is finer than a fen"
            case .negative(let text):
                if !text.contains(where: { ("1"..."9").contains($0) }) {
                    return "\"\(text)\": a zero amount takes no sign; write \"\(text.dropFirst())\""
                }
                return "\"\(text)\": an amount here cannot be negative"
            case .tooLarge(let text):
                return "\"\(text)\": the amount is too large (at most 1000000000000.00 yuan)"
            }
        }
    }

    /// Parses "8298000", "4149000.00" or "0.5"; refuses sub-fen input such as
    /// "1.005", separators, exponents and (unless allowed) negative amounts.
    public init(parsing text: String, allowNegative: Bool = false) throws(ParseError) {
        let parsed: DecimalText
        do {
            parsed = try DecimalText.parse(text[...])
        } catch .tooManyDigits {
            throw .tooLarge(text)
        } catch {
            throw .notAnAmount(text)
        }
        guard parsed.scale <= 2 else { throw .subFen(text) }
        // "-0.00" too: a signed zero is a slip (a sign left from an edit), and
        // a total or a payment of "minus nothing" is not an amount to pass.
        if parsed.negative && !allowNegative { throw .negative(text) }
        let (fen, overflow) = parsed.significand.multipliedReportingOverflow(by: parsed.scale == 2 ? 1 : (parsed.scale == 1 ? 10 : 100))
        guard !overflow, fen <= Money.largest.fen else { throw .tooLarge(text) }
        self.fen = parsed.negative ? -fen : fen
    }

    /// An amount as a person types it or the tool prints it: "48,000.00"
    /// (commas between groups of three, as in the tables) or "72000".
    /// Misplaced commas ("4,80") are not an amount.
    public init(typed text: String) throws(ParseError) {
        guard text.contains(",") else {
            try self.init(parsing: text)
            return
        }
        let integer = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let digits = integer.hasPrefix("-") ? integer.dropFirst() : integer[...]
        let groups = digits.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }),
              !text[integer.endIndex...].contains(",") else { throw .notAnAmount(text) }
        try self.init(parsing: text.replacingOccurrences(of: ",", with: ""))
    }

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    // The operators are for amounts a term states (at most `largest`) and
    // the few sums and differences made of them, which 64 bits hold with
    // room to spare. A sum over a list the user makes as long as they like
    // goes through `sum(_:)`, and anything else through `plus`, `minus`
    // and `times`, which say when a figure cannot be represented.
    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static func += (a: inout Money, b: Money) { a.fen += b.fen }

    /// This amount times a whole count (periods, days, occurrences), or nil
    /// where the product cannot be represented.
    public func times(_ count: Int) -> Money? {
        let (product, overflow) = fen.multipliedReportingOverflow(by: Int64(count))
        return overflow ? nil : Money(fen: product)
    }

    /// The sum of `amounts`, or nil where it cannot be represented.
    public static func sum(_ amounts: some Sequence<Money>) -> Money? {
        var total = Money.zero
        for amount in amounts {
            guard let next = total.plus(amount) else { return nil }
            total = next
        }
        return total
    }

    /// The sum, or nil where it cannot be represented.
    public func plus(_ other: Money) -> Money? {
        let (sum, overflow) = fen.addingReportingOverflow(other.fen)
        return overflow ? nil : Money(fen: sum)
    }

    /// The difference, or nil where it cannot be represented.
    public func minus(_ other: Money) -> Money? {
        let (difference, overflow) = fen.subtractingReportingOverflow(other.fen)
        return overflow ? nil : Money(fen: difference)
    }

    /// This amount times a percentage, rounded once, half up, to the fen.
    /// A parsed percentage is at most 100%, so the product is never larger
    /// than the amount and always fits.
    public func times(_ percent: Percent) -> Money {
        let numerator = Int128(fen) * Int128(percent.value.significand) * (percent.value.negative ? -1 : 1)
        let denominator = 100 * powerOfTen(percent.value.scale)
        return Money(fen: Int64(divideRoundingHalfUp(numerator, denominator)))
    }

    /// "8298000.00"
    public var plain: String { Money.formatted(fen, grouped: false) }

    /// "8,298,000.00"
    public var grouped: String { Money.formatted(fen, grouped: true) }

    /// Fen as yuan with two decimals, with thousands separators or without.
    static func formatted<Fen: BinaryInteger>(_ fen: Fen, grouped: Bool) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = Int(magnitude % 100)
        var yuan = String(magnitude / 100)
        if grouped {
            var groups: [Substring] = []
            while yuan.count > 3 {
                groups.insert(yuan.suffix(3), at: 0)
                yuan.removeLast(3)
            }
            groups.insert(Substring(yuan), at: 0)
            yuan = groups.joined(separator: ",")
        }
        return sign + yuan + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}

extension Money: CustomStringConvertible {
    public var description: String { plain }
}

extension Money: Codable {
    /// Amounts in JSON are strings ("4149000.00"); a JSON number is refused
    /// because a reader in between may have rounded it through a double.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an amount as a string such as \"4149000.00\"")
        }
        do {
            self = try Money(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(plain)
    }
}

/// A total shown across contracts and ledgers of any size ("all: total"):
/// kept in 128-bit fen, so no count of amounts a folder and a ledger can
/// hold takes it past what it represents. It is for display only; a figure
/// the engine computes with stays `Money`, checked.
public struct MoneyTotal: Sendable, Equatable, Comparable {
    public private(set) var fen: Int128 = 0

    public init() {}

    public init(_ amounts: some Sequence<Money>) {
        for amount in amounts { add(amount) }
    }

    /// Fewer than 2^64 additions of 64-bit amounts fit in 128 bits.
    public mutating func add(_ amount: Money) { fen += Int128(amount.fen) }
    public mutating func add(_ other: MoneyTotal) { fen += other.fen }
    public mutating func subtract(_ amount: Money) { fen -= Int128(amount.fen) }

    public static func < (a: MoneyTotal, b: MoneyTotal) -> Bool { a.fen < b.fen }

    public var plain: String { Money.formatted(fen, grouped: false) }
    public var grouped: String { Money.formatted(fen, grouped: true) }
}
