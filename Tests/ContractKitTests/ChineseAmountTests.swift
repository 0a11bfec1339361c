import Testing
@testable import ContractKit

@Suite("Chinese financial numerals (大写)")
struct ChineseAmountTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var amount: String
        var words: String
        var source: String
        var testDescription: String { "\(amount) = \(words) (\(source))" }
    }

    static let written: [Case] = [
        Case(amount: "178000.00", words: "壹拾柒万捌仟元整", source: "the issue's example; 壹 before a leading 拾"),
        Case(amount: "8298000", words: "捌佰贰拾玖万捌仟元整", source: "minhang §4.1 as written"),
        Case(amount: "2091800", words: "贰佰零玖万壹仟捌佰元整", source: "qingpu §2.2 as written: one 零 for the zero 十万 digit"),
        Case(amount: "980000", words: "玖拾捌万元整", source: "liyang §三 as written"),
        Case(amount: "492000", words: "肆拾玖万贰仟元整", source: "keping price table as written"),
        Case(amount: "118000", words: "壹拾壹万捌仟元整", source: "weinan §二.1 component as written"),
        Case(amount: "160000", words: "壹拾陆万元整", source: "weinan §二.1 component as written"),
        Case(amount: "1680.32", words: "壹仟陆佰捌拾元零叁角贰分", source: "PBOC example: a zero 元 digit before 角 takes 零"),
        Case(amount: "1409.50", words: "壹仟肆佰零玖元伍角整", source: "PBOC example: 整 may follow 角"),
        Case(amount: "6007.14", words: "陆仟零柒元壹角肆分", source: "PBOC example: two zeros, one 零"),
        Case(amount: "325.04", words: "叁佰贰拾伍元零肆分", source: "PBOC example: zero 角 takes 零"),
        Case(amount: "107000.53", words: "壹拾万零柒仟元零伍角叁分", source: "PBOC example (the form with 零)"),
        Case(amount: "0.50", words: "伍角整", source: "only 角"),
        Case(amount: "0.05", words: "伍分", source: "only 分: no 整"),
        Case(amount: "0", words: "零元整", source: "zero"),
        Case(amount: "100000000.01", words: "壹亿元零壹分", source: "亿 and a gap down to 分"),
        Case(amount: "1005000", words: "壹佰万零伍仟元整", source: "a zero run across 万"),
        Case(amount: "10", words: "壹拾元整", source: "a leading 拾 takes 壹 on a voucher"),
    ]

    @Test(arguments: written)
    func words(_ c: Case) throws {
        #expect(ChineseAmount.words(try Money(parsing: c.amount)) == c.words)
    }

    @Test(arguments: written)
    func parsesWhatItWrites(_ c: Case) throws {
        #expect(try ChineseAmount.parse(c.words) == Money(parsing: c.amount))
    }

    @Test(arguments: [
        Case(amount: "178000", words: "拾柒万捌仟元整", source: "weinan §二.1: a leading 拾 without 壹"),
        Case(amount: "2091800", words: "人民币贰佰零玖万壹仟捌佰圆正", source: "人民币 prefix, 圆 for 元, 正 for 整"),
        Case(amount: "107000.53", words: "壹拾万柒仟元伍角叁分", source: "PBOC: the gap may go without 零"),
        Case(amount: "1680.32", words: "壹仟陆佰捌拾元叁角贰分", source: "PBOC: 零 before 角 is optional"),
        Case(amount: "100", words: "壹佰元", source: "整 left out"),
        Case(amount: "100000000", words: "壹亿元整", source: "亿"),
        Case(amount: "120000000", words: "壹亿贰仟万元整", source: "万 section under 亿"),
    ])
    func acceptsVariants(_ c: Case) throws {
        #expect(try ChineseAmount.parse(c.words) == Money(parsing: c.amount))
    }

    @Test(arguments: [
        "", "元整", "壹壹元", "伍佰肆仟元", "壹元零伍角", "伍分整", "壹拾零万元", "零壹元", "壹佰零零伍元",
        "壹佰元整整", "壹佰元整伍角", "一百元", "壹百元", "壹佰伍", "壹佰元伍", "壹佰佰元", "壹万万元", "壹佰元 abc",
        "拾拾元", "壹佰拾元", "伍角元",
    ])
    func refusesMalformed(_ text: String) {
        #expect(throws: ChineseAmount.ParseError.self) { try ChineseAmount.parse(text) }
    }

    @Test("every amount written reads back as itself")
    func roundTrip() {
        // A deterministic spread: small, round, ragged and large amounts.
        var fen: Int64 = 1
        var state: UInt64 = 0x2026_1121
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            fen = Int64(state >> 20) % 10_000_000_000_000
            if state & 3 == 0 { fen = (fen / 100_000) * 100_000 }
            let money = Money(fen: fen)
            guard let words = ChineseAmount.words(money) else {
                Issue.record("no words for \(money)")
                return
            }
            #expect((try? ChineseAmount.parse(words)) == money, "\(money) -> \(words)")
        }
    }

    @Test("negative and 万亿-size amounts are not written")
    func limits() {
        #expect(ChineseAmount.words(Money(fen: -1)) == nil)
        #expect(ChineseAmount.words(Money(fen: 100_000_000_000_000)) == nil)
    }
}
