import Foundation
import Testing
@testable import ContractKit

/// Issue 10, item 5: no arithmetic on user data can trap, and a figure that
/// cannot be represented is an error or a refusal, never 0.00. Each test
/// here is a trap (or a silent 0.00, or a wrong day) the value fuzzer or the
/// audit found, run the way a user reaches it.
@Suite("Total arithmetic: terms and ledgers that used to trap, or to give 0.00")
struct TotalArithmeticTests {
    static let fortyZeros = String(repeating: "0", count: 40)

    struct RefusedCase: CustomTestStringConvertible, Sendable {
        var alias: String
        var path: [String]
        var value: String
        var location: String
        var why: String
        var testDescription: String { why }
    }

    /// Before: each of these loaded and then trapped (10^41 in 128 bits, or a
    /// sum of percentages past 64 bits), at load, in check, in scores or in
    /// penalties. Now the load refuses it with its path.
    @Test(arguments: [
        RefusedCase(alias: "minhang-2026", path: ["instalments", "0", "share"], value: "0.\(fortyZeros)1%", location: "$.instalments[0].share",
                    why: "minhang §4.1's share with 41 decimals: comparing it with 100% took 10^41, past 128 bits, at load"),
        RefusedCase(alias: "keping-2024", path: ["price", "breakdowns", "1", "lines", "1", "quantity"], value: "0.\(fortyZeros)1",
                    location: "$.price.breakdowns[1].lines[1].quantity",
                    why: "keping §二.1's 48 circuit-months with 41 decimals: check's quantity x unit price took 10^41"),
        RefusedCase(alias: "minhang-2026", path: ["assessment", "windows", "0", "atLeast"], value: "0.\(fortyZeros)1",
                    location: "$.assessment.windows[0].atLeast",
                    why: "minhang §4.2(2)'s threshold of 80 with 41 decimals: the window's average was compared through 10^41"),
        RefusedCase(alias: "liyang-2024", path: ["penalties", "3", "repeatIncrease"], value: "0.0000000000000000001%",
                    location: "$.penalties[3].repeatIncrease",
                    why: "liyang attachment 1 §5(3)'s 50% increase with 19 decimals: 100% + it has 22 digits, past 64 bits, on the second major incident"),
    ])
    func tooPreciseIsRefused(_ c: RefusedCase) throws {
        do {
            let contract = try RuleModelTests.variant(c.alias) { Self.set(&$0, c.path, c.value) }
            // Loaded: the computations that trapped on it must not.
            _ = Checks.findings(for: contract, calendar: CalendarLoader.builtin)
            Issue.record("\(c.location) = \(c.value) was accepted")
        } catch {
            let messages = error.errors.map(\.description)
            #expect(messages.contains { $0.contains(c.location) && $0.contains("16 decimals") }, "\(messages)")
        }
    }

    @Test("an increase with 16 decimals, the most a percentage has, is computed exactly: 984.00 + 0.0000000000000001% rounds to 984.00 (attachment 1 §5(3))")
    func sixteenDecimalsCompute() throws {
        let contract = try RuleModelTests.variant { RuleModelTests.setRule(&$0, id: "incident-major", "repeatIncrease", "0.0000000000000001%") }
        let set = ContractSet(contracts: [contract], folder: "")
        let ledger = try LedgerLoader.parse(RuleModelTests.twoMajor.joined(separator: "\n") + "\n", file: "t.jsonl", contracts: set)
        let report = try Penalties.report(for: [contract], ledger: ledger, asOf: Fixture.day("2025-12-01"), calendar: CalendarLoader.builtin)
        // The ecg fee 196,800.00 x 0.5% = 984.00, resolved within 3 hours; the
        // second, on records, is the previous 984.00 x (100% + 10^-16 %):
        // 98,400 fen x (1 + 10^-18), which rounds to 98,400 fen. It took 4
        // hours, over the 3 hours of the rule: x 2 = 1,968.00.
        #expect(report.lines.filter { $0.rule == "incident-major" }.map(\.amount.plain) == ["984.00", "1968.00"])
    }

    /// liyang §7.3 with its terms at the far edge of what a fixture may say:
    /// the total a trillion yuan, interest 100% a day with no cap, and the
    /// contract signed in the year 1000, so that by the year 2000 interest on
    /// instalment 1 (500,000,000,000.00 x 365,000-odd days) is some 1.8 x 10^19
    /// fen, past the 9.2 x 10^18 that money holds.
    static func farEdgeLiyang() throws -> Contract {
        try RuleModelTests.variant {
            var price = $0["price"] as? [String: Any] ?? [:]
            var total = price["total"] as? [String: Any] ?? [:]
            total["amount"] = "1000000000000.00"
            price["total"] = total
            $0["price"] = price
            var signing = $0["signing"] as? [String: Any] ?? [:]
            signing["date"] = "1000-01-01"
            $0["signing"] = signing
            var rules = $0["penalties"] as? [[String: Any]] ?? []
            for index in rules.indices where rules[index]["id"] as? String == "7.3" {
                rules[index]["interest"] = ["rate": "100%", "per": ["days": 1], "clause": "§7.3", "paidBeforePrincipal": true]
                rules[index]["cap"] = nil
            }
            $0["penalties"] = rules
        }
    }

    @Test("a payment covers interest first (Art. 561, liyang §7.3) even when the interest is beyond what money holds: before, it was taken as 0.00 and the payment went to the principal")
    func interestBeyondMoneyIsNotZero() throws {
        let contract = try Self.farEdgeLiyang()
        let set = ContractSet(contracts: [contract], folder: "")
        let line = #"{"contract": "liyang-2024", "type": "payment", "day": "2000-01-03", "amount": "1000.00", "instalment": "1"}"#
        let ledger = try LedgerLoader.parse(line + "\n", file: "t.jsonl", contracts: set)
        let first = try #require(Payments.lines(for: [contract], ledger: ledger, asOf: Fixture.day("2000-01-03"), calendar: CalendarLoader.builtin).first)
        // Whatever has accrued is far more than 1,000.00: all of it covers interest.
        #expect(first.chargesCovered.map(\.amount.plain) == ["1000.00"])
        #expect(first.paid == .zero)
        // And penalties say the interest cannot be represented, naming the rule.
        #expect(throws: ComputationError.self) {
            _ = try Penalties.report(for: [contract], ledger: ledger, asOf: Fixture.day("2000-01-03"), calendar: CalendarLoader.builtin)
        }
    }

    @Test("a payment after one that went to that interest is within what is outstanding: before, the interest was 0.00, the principal paid, and the second payment refused as an overpayment")
    func secondPaymentAfterInterestBeyondMoney() throws {
        let contract = try Self.farEdgeLiyang()
        let set = ContractSet(contracts: [contract], folder: "")
        let lines = [
            #"{"contract": "liyang-2024", "type": "payment", "day": "1999-01-04", "amount": "500000000000.00", "instalment": "1"}"#,
            #"{"contract": "liyang-2024", "type": "payment", "day": "2000-01-03", "amount": "1000.00", "instalment": "1"}"#,
        ]
        let ledger = try LedgerLoader.parse(lines.joined(separator: "\n") + "\n", file: "t.jsonl", contracts: set)
        let first = try #require(Payments.lines(for: [contract], ledger: ledger, asOf: Fixture.day("2000-01-03"), calendar: CalendarLoader.builtin).first)
        // Both payments went to interest; the principal is still owed in full.
        #expect(first.chargesCovered.map(\.amount.plain) == ["500000000000.00", "1000.00"])
        #expect(first.outstanding.plain == "500000000000.00")
    }

    struct MonthsCase: CustomTestStringConvertible, Sendable {
        var day: String
        var months: Int
        var expected: String
        var testDescription: String { "\(day) + \(months) months = \(expected)" }
    }

    /// Before year 1 the month count was divided toward zero, giving month -10
    /// for February of year -1, which came out as -0001-02-13; and a year
    /// below 0 was written "00-1".
    @Test(arguments: [
        MonthsCase(day: "0001-01-15", months: -23, expected: "-0001-02-15"),
        MonthsCase(day: "0001-03-01", months: -24, expected: "-0001-03-01"),
        MonthsCase(day: "0001-01-31", months: -1, expected: "0000-12-31"),
        MonthsCase(day: "0001-01-15", months: -13, expected: "-0001-12-15"),
        MonthsCase(day: "0001-03-31", months: -13, expected: "0000-02-29"),
        MonthsCase(day: "2026-01-31", months: 1, expected: "2026-02-28"),
        MonthsCase(day: "9999-12-31", months: 1, expected: "10000-01-31"),
    ])
    func monthsBeforeYearOne(_ c: MonthsCase) {
        #expect(Fixture.day(c.day).adding(months: c.months).description == c.expected)
    }

    @Test("a score sheet whose range reaches Int's limits: two periods held to 9,223,372,036,854,775,000 average exactly, where the sum used to trap")
    func scoreSheetAtIntsLimits() throws {
        let contract = try RuleModelTests.variant("minhang-2026") {
            var sheet = $0["assessment"] as? [String: Any] ?? [:]
            sheet["minimum"] = 9_223_372_036_854_775_000
            sheet["maximum"] = Int.max
            $0["assessment"] = sheet
        }
        let set = ContractSet(contracts: [contract], folder: "")
        let lines = [
            #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-07-01", "to": "2026-07-31"}"#,
            #"{"contract": "minhang-2026", "type": "assessment", "from": "2026-08-01", "to": "2026-08-31"}"#,
        ]
        let ledger = try LedgerLoader.parse(lines.joined(separator: "\n") + "\n", file: "t.jsonl", contracts: set)
        let history = History(contractID: contract.id, ledger: ledger, asOf: nil)
        let window = try #require(Scores.windows(for: contract, history: history, asOf: Fixture.day("2026-11-21")).first)
        // 100 held to the minimum, twice: the sum is 18,446,744,073,709,550,000.
        #expect(window.periods.map(\.total) == [9_223_372_036_854_775_000, 9_223_372_036_854_775_000])
        #expect(window.averageText == "9223372036854775000")
        #expect(window.state == .met)
    }

    @Test("what falls due across instalments at the largest amount is an error naming the instalment that takes it past what money holds; check reports the sum as unrepresentable")
    func dueTotalBeyondMoney() throws {
        var contract = try #require(Fixture.contract("keping-2024"))
        let template = try #require(contract.instalments.first)
        // 92,234 instalments of a trillion yuan: 9.2234 x 10^18 fen, one past Int64.
        contract.instalments = (1...92_234).map { index in
            var instalment = template
            instalment.id = "\(index)"
            instalment.amount = Money.largest
            return instalment
        }
        guard let range = DayRange.year("2024") else { Issue.record("no range"); return }
        do {
            _ = try Dues.report(for: [contract], ledger: .empty, range: range, asOf: Fixture.day("2024-12-31"), calendar: CalendarLoader.builtin)
            Issue.record("the total was computed")
        } catch {
            #expect(error.alias == "keping-2024" && error.kind == "instalment" && error.rule == "9999" && error.clause == template.clause)
            // All fall due the same day, so the report sums them in the order of their ids as text; the
            // 92,234th and last of those, the one that no longer fits, is "9999".
            #expect(error.description.hasPrefix("keping-2024: instalment 9999 (\(template.clause)): "))
            #expect(error.reason == "with it, the total falling due in 2024 is too large to represent")
        }
        let findings = Checks.findings(for: contract, calendar: CalendarLoader.builtin)
        #expect(findings.contains { $0.code == "schedule-sum" && $0.message.hasPrefix("the instalments add up to more than can be represented") })
    }

    @Test("LedgerWriter.admit checks what record checks, with no file: the value fuzzer offers its lines to it")
    func admitChecksLikeRecord() throws {
        let example = try String(contentsOfFile: packageRoot + "/Fixtures/ledger/example.jsonl", encoding: .utf8)
        let ledger = try LedgerLoader.parse(example, file: "example.jsonl", contracts: Fixture.set)
        let count = example.split(separator: "\n").count
        // weinan's second instalment, 278,000.00 - 139,000.00 (§二.1), is all that is outstanding on it.
        let over = #"{"contract": "weinan-2026", "type": "payment", "day": "2026-12-20", "amount": "139000.01", "instalment": "2"}"#
        #expect(throws: LoadErrors.self) { try LedgerWriter.admit(over, line: count + 1, after: ledger, contracts: Fixture.set) }
        let exact = #"{"contract": "weinan-2026", "type": "payment", "day": "2026-12-20", "amount": "139000.00", "instalment": "2"}"#
        let admitted = try LedgerWriter.admit(exact, line: count + 1, after: ledger, contracts: Fixture.set)
        #expect(admitted.event.line == count + 1 && admitted.event.contractID == "ZCSP-临渭区-2026-00082")
        #expect(admitted.compact == #"{"contract":"weinan-2026","type":"payment","day":"2026-12-20","amount":"139000.00","instalment":"2"}"#)
        // The chain fields are record's to write.
        let chained = #"{"contract": "weinan-2026", "type": "effective", "day": "2026-05-27", "hash": "00"}"#
        #expect(throws: LoadErrors.self) { try LedgerWriter.admit(chained, line: count + 1, after: ledger, contracts: Fixture.set) }
    }

    /// Sets `value` at `path` (keys, or array positions as digits) of a fixture's JSON.
    static func set(_ object: inout [String: Any], _ path: [String], _ value: Any) {
        func set(_ node: Any, _ path: ArraySlice<String>) -> Any {
            guard let key = path.first else { return value }
            if var array = node as? [Any], let index = Int(key), array.indices.contains(index) {
                array[index] = set(array[index], path.dropFirst())
                return array
            }
            if var dictionary = node as? [String: Any] {
                dictionary[key] = set(dictionary[key] as Any, path.dropFirst())
                return dictionary
            }
            return node
        }
        object = set(object, path[...]) as? [String: Any] ?? object
    }

    @Test("a contract of more instalments, guarantees or price lines than the schema's 1,000 is refused at load, with the path: the sums of one contract then always fit")
    func tooManyItemsAreRefused() throws {
        for (key, path) in [("instalments", "$.instalments"), ("guarantees", "$.guarantees")] {
            do {
                _ = try RuleModelTests.variant("minhang-2026") { object in
                    let first = (object[key] as? [Any])?.first ?? [:]
                    object[key] = Array(repeating: first, count: 1_001)
                }
                Issue.record("\(key): 1,001 items were loaded")
            } catch {
                #expect(error.description.contains("\(path): 1001 items: expected at most 1000"), "\(error.description.prefix(300))")
            }
        }
    }

    @Test("the 'all' total of payments across 93 contracts of 1,000 instalments at the largest amount is shown exactly, past what 64-bit fen hold")
    func grandTotalPastSixtyFourBits() throws {
        let contract = try #require(Fixture.contract("keping-2024"))
        let template = try #require(Payments.lines(for: [contract], ledger: .empty, asOf: Fixture.day("2024-12-31"), calendar: CalendarLoader.builtin).first)
        // 92,234 lines of 1,000,000,000,000.00 yuan: 92,234,000,000,000,000.00 yuan, one past Int64's 9,223,372,036,854,775,807 fen.
        let lines = (0..<92_234).map { index in
            var line = template
            line.alias = "c\(index / 1_000)"
            line.instalment = "\(index % 1_000 + 1)"
            line.amount = Money.largest
            line.paid = .zero
            return line
        }
        let text = PaymentsReport.table(lines, asOf: Fixture.day("2024-12-31"))
        let all = try #require(text.split(separator: "\n").first { $0.hasPrefix("all") })
        #expect(all.contains("92,234,000,000,000,000.00"))
        #expect(MoneyTotal(lines.map(\.amount)).plain == "92234000000000000.00")
        #expect(MoneyTotal([Money(fen: -5), Money(fen: 2)]).grouped == "-0.03")
    }
}
