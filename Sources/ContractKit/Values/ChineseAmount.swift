import Foundation

/// Amounts in Chinese financial numerals (大写金额), as a payment voucher
/// writes them, following the People's Bank rules for filling in vouchers:
/// 壹 before a leading 拾, one 零 for each run of zeros between two non-zero
/// digits (including the 元 digit before 角, and 角 before 分), and 整 after
/// 元 or 角 when there is no 分.
public enum ChineseAmount {
    static let digits: [Character] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    static let smallUnits: [Character?] = [nil, "拾", "佰", "仟"]

    /// nil for a negative amount or one of 10^12 yuan (万亿) or more.
    public static func words(_ money: Money) -> String? {
        guard money.fen >= 0, money.fen < 100_000_000_000_000 else { return nil }
        if money.fen == 0 { return "零元整" }
        // (digit, exponent) for every non-zero digit, exponent 0 = 元, -1 = 角, -2 = 分.
        var nonZero: [(digit: Int, exponent: Int)] = []
        var value = money.fen
        var exponent = -2
        while value > 0 {
            let digit = Int(value % 10)
            if digit != 0 { nonZero.append((digit, exponent)) }
            value /= 10
            exponent += 1
        }
        nonZero.reverse()
        var text = ""
        var previous: Int?
        for (index, item) in nonZero.enumerated() {
            if let previous, previous - item.exponent >= 2 { text.append("零") }
            if item.exponent >= 0 {
                text.append(digits[item.digit])
                if let unit = smallUnits[item.exponent % 4] { text.append(unit) }
                // Close the section (万, 亿, 万亿) after its last non-zero digit.
                let section = item.exponent / 4
                let nextSameSection = index + 1 < nonZero.count && nonZero[index + 1].exponent >= 0 && nonZero[index + 1].exponent / 4 == section
                if !nextSameSection {
                    switch section {
                    case 0: break
                    case 1: text.append("万")
                    default: text.append("亿")
                    }
                }
                let nextIsFraction = index + 1 == nonZero.count || nonZero[index + 1].exponent < 0
                if nextIsFraction { text.append("元") }
            } else {
                text.append(digits[item.digit])
                text.append(item.exponent == -1 ? "角" : "分")
            }
            previous = item.exponent
        }
        if money.fen % 10 == 0 { text.append("整") }
        return text
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case unexpected(Character, at: Int)
        case misplacedZero(at: Int)
        case outOfOrder(at: Int)
        case missingYuan
        case trailingText(at: Int)
        case tooLarge

        public var description: String {
            switch self {
            case .empty: return "no amount in words"
            case .unexpected(let c, let at): return "unexpected \"\(c)\" at character \(at + 1)"
            case .misplacedZero(let at): return "\"零\" at character \(at + 1) does not stand between two non-zero digits"
            case .outOfOrder(let at): return "the units are out of order at character \(at + 1) (each unit must be smaller than the one before)"
            case .missingYuan: return "the whole-yuan part is not closed by 元 (or 圆)"
            case .trailingText(let at): return "text after the end of the amount at character \(at + 1)"
            case .tooLarge: return "the amount is too large"
            }
        }
    }

    /// Reads an amount in financial numerals back into money. Accepts the
    /// variants the seeds use: a leading 拾 without 壹 (拾柒万), 圆 for 元,
    /// 正 for 整, an optional 人民币 prefix, and 零 or no 零 in a gap.
    /// Refuses anything malformed: repeated digits, units out of order,
    /// stray 零, 整 after 分, characters that are not numerals.
    public static func parse(_ input: String) throws(ParseError) -> Money {
        var text = Substring(input.trimmingCharacters(in: .whitespacesAndNewlines))
        if text.hasPrefix("人民币") { text = text.dropFirst(3) }
        let chars = Array(text)
        guard !chars.isEmpty else { throw .empty }
        if chars == ["零", "元", "整"] || chars == ["零", "圆", "整"] || chars == ["零", "元", "正"] || chars == ["零", "圆", "正"] {
            return .zero
        }

        struct Item { var digit: Int; var exponent: Int; var zeroBefore: Bool; var position: Int }
        var items: [Item] = []
        var section: [Item] = []          // the integer section being read
        var pendingDigit: (Int, Int)?      // (digit, position)
        var pendingZero: Int?              // position of a 零 waiting for its digit
        var yuanClosed = false
        var sawFraction = false
        var ended = false

        func digitValue(_ c: Character) -> Int? {
            switch c {
            case "壹": return 1
            case "贰": return 2
            case "叁": return 3
            case "肆": return 4
            case "伍": return 5
            case "陆": return 6
            case "柒": return 7
            case "捌": return 8
            case "玖": return 9
            default: return nil
            }
        }

        func take(_ digit: Int, exponent: Int, position: Int, into list: inout [Item]) {
            list.append(Item(digit: digit, exponent: exponent, zeroBefore: pendingZero != nil, position: pendingZero ?? position))
            pendingZero = nil
        }

        for (position, c) in chars.enumerated() {
            if ended { throw .trailingText(at: position) }
            if let d = digitValue(c) {
                guard pendingDigit == nil else { throw .unexpected(c, at: position) }
                pendingDigit = (d, position)
                continue
            }
            switch c {
            case "零":
                guard pendingDigit == nil, pendingZero == nil, !(items.isEmpty && section.isEmpty) else { throw .misplacedZero(at: position) }
                pendingZero = position
            case "拾", "佰", "仟":
                guard !yuanClosed else { throw .unexpected(c, at: position) }
                let exponent = c == "拾" ? 1 : (c == "佰" ? 2 : 3)
                if let (d, p) = pendingDigit {
                    take(d, exponent: exponent, position: p, into: &section)
                    pendingDigit = nil
                } else if c == "拾" && position == 0 {
                    take(1, exponent: 1, position: position, into: &section)   // 拾柒万 = 壹拾柒万
                } else {
                    throw .unexpected(c, at: position)
                }
            case "万", "亿":
                guard !yuanClosed else { throw .unexpected(c, at: position) }
                if let (d, p) = pendingDigit {
                    take(d, exponent: 0, position: p, into: &section)
                    pendingDigit = nil
                }
                guard !section.isEmpty, pendingZero == nil else { throw pendingZero.map { .misplacedZero(at: $0) } ?? .unexpected(c, at: position) }
                let shift = c == "万" ? 4 : 8
                // "壹亿贰仟万": the 万 section sits below 亿; items already
                // shifted by 亿 stay where they are.
                items += section.map { Item(digit: $0.digit, exponent: $0.exponent + shift, zeroBefore: $0.zeroBefore, position: $0.position) }
                section = []
            case "元", "圆":
                guard !yuanClosed, !sawFraction else { throw .unexpected(c, at: position) }
                if let (d, p) = pendingDigit {
                    take(d, exponent: 0, position: p, into: &section)
                    pendingDigit = nil
                }
                if let zero = pendingZero { throw .misplacedZero(at: zero) }
                items += section
                section = []
                guard !items.isEmpty else { throw .unexpected(c, at: position) }
                yuanClosed = true
            case "角", "分":
                guard let (d, p) = pendingDigit else { throw .unexpected(c, at: position) }
                guard section.isEmpty else { throw .missingYuan }
                take(d, exponent: c == "角" ? -1 : -2, position: p, into: &items)
                pendingDigit = nil
                sawFraction = true
            case "整", "正":
                guard pendingDigit == nil, pendingZero == nil, yuanClosed || sawFraction else { throw .unexpected(c, at: position) }
                if let last = items.last, last.exponent == -2 { throw .unexpected(c, at: position) }
                ended = true
            default:
                throw .unexpected(c, at: position)
            }
        }
        if pendingDigit != nil || !section.isEmpty { throw .missingYuan }
        if let zero = pendingZero { throw .misplacedZero(at: zero) }
        guard !items.isEmpty else { throw .empty }

        var fen: Int64 = 0
        for (index, item) in items.enumerated() {
            if index > 0 {
                let previous = items[index - 1]
                guard item.exponent < previous.exponent else { throw .outOfOrder(at: item.position) }
                if item.zeroBefore && previous.exponent - item.exponent < 2 { throw .misplacedZero(at: item.position) }
            }
            guard item.exponent + 2 <= 18 else { throw .tooLarge }
            var place: Int64 = 1
            for _ in 0..<(item.exponent + 2) { place *= 10 }
            let (product, o1) = Int64(item.digit).multipliedReportingOverflow(by: place)
            let (sum, o2) = fen.addingReportingOverflow(product)
            guard !o1, !o2 else { throw .tooLarge }
            fen = sum
        }
        return Money(fen: fen)
    }
}
