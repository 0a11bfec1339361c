import Testing
@testable import ContractKit

@Suite("Money and percentages are exact")
struct MoneyTests {
    struct ParseCase: CustomTestStringConvertible, Sendable {
        var text: String
        var fen: Int64?
        var why: String
        var testDescription: String { "\(text): \(why)" }
    }

    @Test(arguments: [
        ParseCase(text: "8298000", fen: 829_800_000, why: "whole yuan (minhang §4.1)"),
        ParseCase(text: "4149000.00", fen: 414_900_000, why: "two decimals"),
        ParseCase(text: "0.5", fen: 50, why: "one decimal is 5 jiao"),
        ParseCase(text: "0", fen: 0, why: "zero"),
        ParseCase(text: "1.005", fen: nil, why: "sub-fen input is refused"),
        ParseCase(text: "1,000.00", fen: nil, why: "no thousands separators (Decimal(string:) would read 1)"),
        ParseCase(text: "12abc", fen: nil, why: "no trailing garbage (Decimal(string:) would read 12)"),
        ParseCase(text: " 12", fen: nil, why: "no spaces"),
        ParseCase(text: "1e3", fen: nil, why: "no exponent"),
        ParseCase(text: "-5.00", fen: nil, why: "negative amounts are refused in terms"),
        ParseCase(text: "", fen: nil, why: "empty"),
        ParseCase(text: ".5", fen: nil, why: "a digit before the point"),
        ParseCase(text: "5.", fen: nil, why: "a digit after the point"),
        ParseCase(text: "99999999999999999999", fen: nil, why: "too large for fen in 64 bits"),
        ParseCase(text: "1000000000000.00", fen: 100_000_000_000_000, why: "a trillion yuan, the largest amount a term may state"),
        ParseCase(text: "1000000000000.01", fen: nil, why: "past a trillion yuan, so sums stay exact in 64 bits"),
    ])
    func parse(_ c: ParseCase) {
        let parsed = try? Money(parsing: c.text)
        #expect(parsed?.fen == c.fen)
    }

    @Test("sub-fen input names the problem")
    func subFenMessage() {
        #expect(throws: Money.ParseError.subFen("1.005")) { try Money(parsing: "1.005") }
    }

    struct RateCase: CustomTestStringConvertible, Sendable {
        var amount: String
        var rate: String
        var expected: String
        var clause: String
        var testDescription: String { "\(rate) x \(amount) = \(expected) (\(clause))" }
    }

    @Test(arguments: [
        RateCase(amount: "8298000.00", rate: "50%", expected: "4149000.00", clause: "minhang §4.2(2) instalment 1"),
        RateCase(amount: "8298000.00", rate: "46%", expected: "3817080.00", clause: "minhang §4.2(2) advance-payment guarantee"),
        RateCase(amount: "8298000.00", rate: "4%", expected: "331920.00", clause: "minhang §4.2(2) performance guarantee"),
        RateCase(amount: "3817080.00", rate: "8%", expected: "305366.40", clause: "minhang §4.2 note 2 on the advance guarantee (Readings 14)"),
        RateCase(amount: "331920.00", rate: "8%", expected: "26553.60", clause: "minhang §4.2 note 2 on the performance guarantee"),
        RateCase(amount: "2091800.00", rate: "70%", expected: "1464260.00", clause: "qingpu §5.2.1a"),
        RateCase(amount: "2091800.00", rate: "30%", expected: "627540.00", clause: "qingpu §9.3"),
        RateCase(amount: "278000.00", rate: "0.5%", expected: "1390.00", clause: "weinan §十三(二) per day"),
        RateCase(amount: "980000.00", rate: "5%", expected: "49000.00", clause: "liyang §7.3 cap"),
        RateCase(amount: "101760.00", rate: "0.2%", expected: "203.52", clause: "liyang attachment 1 §5 fairly major on the residents' app"),
        RateCase(amount: "0.05", rate: "50%", expected: "0.03", clause: "half a fen rounds up (四舍五入)"),
        RateCase(amount: "0.01", rate: "49%", expected: "0.00", clause: "below half a fen rounds down"),
        RateCase(amount: "45600.00", rate: "0.05%", expected: "22.80", clause: "liyang §7.3 daily interest on a 45,600 debt"),
    ])
    func percentage(_ c: RateCase) throws {
        let amount = try Money(parsing: c.amount)
        let rate = try Percent(parsing: c.rate)
        #expect(amount.times(rate).plain == c.expected)
    }

    @Test("percentages: exact parsing and limits")
    func percents() throws {
        #expect(try Percent(parsing: "0.05%").description == "0.05%")
        #expect(try Percent(parsing: "46.50%").description == "46.5%")
        #expect(try Percent(parsing: "50%") == Percent(parsing: "50.0%"))
        #expect(throws: Percent.ParseError.self) { try Percent(parsing: "fifty") }
        #expect(throws: Percent.ParseError.self) { try Percent(parsing: "50") }
        #expect(throws: Percent.ParseError.over100("101%")) { try Percent(parsing: "101%") }
        #expect(try Percent(parsing: "70%") + Percent(parsing: "30%") == Percent.hundred)
    }

    @Test("a quantity times a unit price: exact, rounded once, and nil rather than a trap when too large")
    func quantityProduct() throws {
        // keping §二.1: four circuits x 12 months at ¥125 = ¥6,000.
        #expect(try Money(parsing: "125.00").times(Quantity(parsing: "48")) == Money(yuan: 6000))
        #expect(try Money(parsing: "0.03").times(Quantity(parsing: "0.5")) == Money(fen: 2))
        #expect(try Money.largest.times(Quantity(parsing: "1000000")) == nil)
    }

    @Test("grouping with thousands separators")
    func grouped() throws {
        #expect(try Money(parsing: "8298000").grouped == "8,298,000.00")
        #expect(try Money(parsing: "6000").grouped == "6,000.00")
        #expect(try Money(parsing: "999.5").grouped == "999.50")
        #expect(Money(fen: -123456).grouped == "-1,234.56")
    }
}
