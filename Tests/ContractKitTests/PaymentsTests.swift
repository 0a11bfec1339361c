import Foundation
import Testing
@testable import ContractKit

@Suite("Every instalment of the five contracts, worked by hand from its clause")
struct PaymentsTests {
    static let contracts: [Contract] = (try? ContractLoader.load(folder: fixturesFolder).contracts) ?? []
    static let asOf = CalendarDay(parsing: "2026-11-21")!

    struct Case: CustomTestStringConvertible, Sendable {
        var alias: String
        var instalment: String
        var amount: String
        var dueDate: String?
        var earliestDueDate: String?
        var status: PaymentLine.Status
        var worked: String
        var testDescription: String { "\(alias) #\(instalment): \(worked)" }
    }

    @Test(arguments: [
        Case(alias: "minhang-2026", instalment: "1", amount: "4149000.00", dueDate: nil, earliestDueDate: "2026-07-22", status: .waiting,
             worked: "§4.2(2): 50% x 8,298,000 (§4.1); 30 working days after the later of signing 2026-06-09 and the invoice (not recorded, earliest the signing day); the Dragon Boat holiday 06-19 skipped"),
        Case(alias: "minhang-2026", instalment: "2", amount: "4149000.00", dueDate: nil, earliestDueDate: "2026-10-30", status: .conditional,
             worked: "§4.2(2): the other 50%; on or before 2026-10-30, a fixed date; waits on the invoice and on the assessment average >= 80, undetermined"),
        Case(alias: "qingpu-2026", instalment: "1", amount: "1464260.00", dueDate: nil, earliestDueDate: "2026-02-24", status: .waiting,
             worked: "§5.2.1a: 70% x 2,091,800 (§2.2); effective 2026-02-03 when the supplier signed (§15.1); 10 working days: 02-04..06, 09..13, Saturday 02-14, then 02-24 after Spring Festival"),
        Case(alias: "qingpu-2026", instalment: "2", amount: "627540.00", dueDate: nil, earliestDueDate: nil, status: .waiting,
             worked: "§5.2.1b: the balance 2,091,800 - 1,464,260; after final acceptance, which has no first possible day in the terms"),
        Case(alias: "liyang-2024", instalment: "1", amount: "490000.00", dueDate: "2025-02-26", earliestDueDate: nil, status: .overdue,
             worked: "§四: 50% x 980,000 (§三); 90 days after signing 2024-11-28 (Art. 201) = 2025-02-26, a Wednesday"),
        Case(alias: "liyang-2024", instalment: "2", amount: "490000.00", dueDate: "2026-02-26", earliestDueDate: nil, status: .overdue,
             worked: "§四: the remaining 50%; the term ends one year after signing, 2025-11-28 (§二, Art. 202); 90 days later = 2026-02-26, a Thursday"),
        Case(alias: "keping-2024", instalment: "1", amount: "492000.00", dueDate: "2024-12-31", earliestDueDate: nil, status: .overdue,
             worked: "§二.2: cloud servers 492,000 paid in December 2024, read as by 2024-12-31"),
        Case(alias: "keping-2024", instalment: "2", amount: "6000.00", dueDate: "2025-12-31", earliestDueDate: nil, status: .overdue,
             worked: "§二.2: circuits 4 x 125 x 12 = 6,000 paid in 2025, read as by 2025-12-31"),
        Case(alias: "weinan-2026", instalment: "1", amount: "139000.00", dueDate: nil, earliestDueDate: "2026-06-04", status: .waiting,
             worked: "§三.1: 50% x 278,000 (the figure of §二.1); 7 working days after signing 2026-05-26 = 2026-06-04; an invoice must precede payment (§三.3)"),
        Case(alias: "weinan-2026", instalment: "2", amount: "139000.00", dueDate: nil, earliestDueDate: "2026-11-26", status: .waiting,
             worked: "§三.1: the rest, half a year after signing: 2026-05-26 + 6 months = 2026-11-26 (Art. 202), a Thursday; invoice first (§三.3)"),
    ])
    func instalment(_ c: Case) throws {
        let contract = try #require(Self.contracts.first { $0.alias == c.alias })
        let lines = Payments.lines(for: contract, asOf: Self.asOf, calendar: CalendarLoader.builtin)
        let line = try #require(lines.first { $0.instalment == c.instalment })
        #expect(line.amount.plain == c.amount)
        #expect(line.dueDate?.description == c.dueDate)
        #expect(line.earliestDueDate?.description == c.earliestDueDate)
        #expect(line.status == c.status)
        #expect(!line.provisional)
        #expect(line.clause.hasPrefix("§"))
    }

    @Test("ten instalments in all, and each contract's schedule adds up to its total")
    func allTen() {
        let lines = Payments.lines(for: Self.contracts, asOf: Self.asOf, calendar: CalendarLoader.builtin)
        #expect(lines.count == 10)
        for contract in Self.contracts {
            let sum = lines.filter { $0.contractID == contract.id }.reduce(Money.zero) { $0 + $1.amount }
            #expect(sum == contract.price.total.amount, "\(contract.alias)")
        }
    }

    @Test("status follows the as-of day: paid on the due day is not late (Readings 1)")
    func statusByDay() throws {
        let liyang = try #require(Self.contracts.first { $0.alias == "liyang-2024" })
        func status(_ day: String) throws -> PaymentLine.Status {
            try Payments.lines(for: liyang, asOf: #require(CalendarDay(parsing: day)), calendar: CalendarLoader.builtin)[0].status
        }
        #expect(try status("2025-02-25") == .open)
        #expect(try status("2025-02-26") == .open)
        #expect(try status("2025-02-27") == .overdue)
    }

    @Test("a due date computed through 2027, which the calendar lacks, is provisional")
    func provisionalThrough2027() throws {
        var minhang = try #require(Self.contracts.first { $0.alias == "minhang-2026" })
        // The same terms, signed in December: 30 working days run into 2027.
        minhang.signing.signatures = minhang.signing.signatures.map {
            var signature = $0
            signature.date = CalendarDay(parsing: "2026-12-15")
            return signature
        }
        let line = Payments.lines(for: minhang, asOf: Self.asOf, calendar: CalendarLoader.builtin)[0]
        #expect(line.provisional)
        #expect(line.dueRule.contains("provisional"))
    }
}

@Suite("check reports the seeds' inconsistencies and nothing false")
struct CheckTests {
    static let contracts = PaymentsTests.contracts

    func findings(_ alias: String) throws -> [Finding] {
        let contract = try #require(Self.contracts.first { $0.alias == alias })
        return Checks.findings(for: contract, calendar: CalendarLoader.builtin)
    }

    func codes(_ findings: [Finding], _ severity: Finding.Severity) -> [String] {
        findings.filter { $0.severity == severity }.map(\.code).sorted()
    }

    @Test("weinan-2026: 拾柒万捌仟 reads 178,000 against 278,000 (§二.1); signatures dated 2016 against 2026")
    func weinan() throws {
        let found = try findings("weinan-2026")
        #expect(codes(found, .error) == ["amount-words-mismatch", "date-inconsistent"])
        // Reading 20: 甲方 and 乙方 never defined (封面 defines 采购人, 供应商), 1 天内分配
        // against on site after 3 hours (§五(二)2.1.1 3), and 半年后 from no stated day (§三.1).
        #expect(codes(found, .warning) == ["period-unanchored", "term-undefined", "term-undefined", "terms-conflict"])
        let words = try #require(found.first { $0.code == "amount-words-mismatch" })
        #expect(words.message.contains("178,000.00") && words.message.contains("278,000.00"))
        #expect(words.clause == "§二.1")
        let dates = try #require(found.first { $0.code == "date-inconsistent" })
        #expect(dates.message.contains("2016-05-26") && dates.message.contains("10 years"))
    }

    @Test("keping-2024: the price table's 492,000 against §二.1's 498,000; one year priced, three served")
    func keping() throws {
        let found = try findings("keping-2024")
        #expect(codes(found, .error) == ["total-mismatch"])
        // §1.1, §1.2, §3.1 refer to 合同附件, and nothing is attached (Reading 18).
        // Reading 20: 合同总金额 (§3.5, §5.1, §5.2) never defined; the price line names the 电路 §二.1 prices apart.
        #expect(codes(found, .warning) == ["reference-absent", "reference-absent", "reference-absent", "schedule-short", "term-undefined", "terms-overlap"])
        #expect(found.contains { $0.code == "total-mismatch" && $0.message.contains("492,000.00") && $0.message.contains("498,000.00") })
        #expect(found.contains { $0.code == "schedule-short" && $0.message.contains("2026-12-31") })
    }

    @Test("minhang-2026: instalment 2 due before its window ends; §6's empty list")
    func minhang() throws {
        let found = try findings("minhang-2026")
        #expect(codes(found, .error).isEmpty)
        // Plus Reading 18: both guarantees end 2027-05-31 before the term (2027-06-09), items 20 and 54,
        // and the title and §1.2 naming 2026.
        // Reading 20: 附件2's -10 安全事件 and -30 数据泄露和网络安全事件 items count one incident.
        #expect(codes(found, .warning) == ["condition-after-deadline", "guarantee-ends-early", "guarantee-ends-early", "item-unit-differs", "score-items-overlap", "year-disagrees", "year-disagrees"])
        #expect(found.contains { $0.code == "rule-applies-to-nothing" && $0.clause == "§6" })
    }

    @Test("liyang-2024: the attachments name 漯河市 where the contract says 溧阳市")
    func liyang() throws {
        let found = try findings("liyang-2024")
        #expect(codes(found, .error).isEmpty)
        // Plus Reading 18: 儿童体检提醒 twice (附件1 §1.3.1 5), and 附件3 §一.4's bond the contract does not take.
        // Reading 20: 附件2 signed by the buyer to the supplier; the supplier's block printed 甲方.
        #expect(codes(found, .warning) == ["item-repeated", "name-variant", "name-variant", "name-variant", "party-reversed", "reference-absent", "signature-label-wrong"])
        #expect(found.allSatisfy { $0.code != "name-variant" || $0.message.contains("漯河") })
        #expect(found.contains { $0.code == "signature-undated" })
    }

    @Test("qingpu-2026: no errors; §8.1.2 and §8.2.1's agreements not attached; the blank formula (§5.1) and amount (§5.2.1a) are reported")
    func qingpu() throws {
        let found = try findings("qingpu-2026")
        #expect(codes(found, .error).isEmpty)
        // Reading 20: §2.3's year from a signing day signed 2026-01-29 and 2026-02-03.
        #expect(found.filter { $0.severity == .warning }.map(\.clause) == ["§8.1.2", "§8.2.1", "§2.3"])
        #expect(Set(found.filter { $0.code == "blank-term" }.map(\.clause)).isSuperset(of: ["§5.1", "§5.2.1a"]))
    }

    @Test("a schedule that does not add up, and a price line whose product is off, are errors")
    func syntheticErrors() throws {
        var contract = try #require(Self.contracts.first { $0.alias == "liyang-2024" })
        contract.instalments[1].remainder = nil
        contract.instalments[1].share = try Percent(parsing: "40%")
        contract.price.breakdowns[0].lines[0].unitPrice = try Money(parsing: "254000")
        let found = Checks.findings(for: contract, calendar: CalendarLoader.builtin)
        #expect(found.contains { $0.code == "schedule-sum" && $0.message.contains("882,000.00") })
        #expect(found.contains { $0.code == "total-mismatch" && $0.message.contains("254,000.00") })
    }
}

@Suite("The fixtures hold the documents' terms")
struct FixtureContentTests {
    static let contracts = PaymentsTests.contracts

    @Test("ids and aliases as the documents give them")
    func identities() {
        let pairs = Set(Self.contracts.map { "\($0.alias)=\($0.id)" })
        #expect(pairs == [
            "minhang-2026=11NMB2F023962026802", "qingpu-2026=11N4251906122026201", "liyang-2024=JSCZE2408447CGN00",
            "keping-2024=11N4580043372024116202", "weinan-2026=ZCSP-临渭区-2026-00082",
        ])
    }

    @Test("minhang attachment 1: 60 service items in three sites, as listed")
    func minhangInventory() throws {
        let minhang = try #require(Self.contracts.first { $0.alias == "minhang-2026" })
        #expect(minhang.serviceItems.count == 60)
        #expect(minhang.serviceItems.map { $0.no ?? 0 } == Array(1...60))
        #expect(Set(minhang.serviceItems.compactMap(\.site)) == ["医管中心 X86", "疾控中心 X86", "区医管中心信创"])
        func item(_ no: Int) -> ServiceItem? { minhang.serviceItems.first { $0.no == no } }
        #expect(item(5)?.quantity.description == "4000" && item(5)?.unit == "核")
        #expect(item(6)?.quantity.description == "18154" && item(6)?.unit == "G")
        #expect(item(7)?.quantity.description == "305" && item(7)?.unit == "TB")
        #expect(item(48)?.path == "区医管中心信创-信息安全技术服务-安全防护服务-主机安全-主机安全")
        #expect(item(60)?.quantity.description == "3")
    }

    @Test("minhang attachment 2: six categories worth 100 points, additional items, two windows")
    func minhangSheet() throws {
        let sheet = try #require(Self.contracts.first { $0.alias == "minhang-2026" }?.assessment)
        #expect(sheet.categories.map(\.points) == [10, 10, 20, 40, 10, 10])
        #expect(sheet.categories.map(\.points).reduce(0, +) == 100)
        #expect(sheet.additionalItems.map(\.points).sorted() == [-30, -10, -10, -10, -5, 10])
        #expect(sheet.windows.map(\.periodsEndingTo.description) == ["2026-10-30", "2027-05-31"])
    }

    @Test("liyang §三: nine price lines adding to 980,000; seven subsystems with fees")
    func liyangLines() throws {
        let liyang = try #require(Self.contracts.first { $0.alias == "liyang-2024" })
        let lines = liyang.price.breakdowns.flatMap(\.lines)
        #expect(lines.count == 9)
        #expect(lines.reduce(Money.zero) { $0 + $1.amount } == Money(yuan: 980_000))
        let fees = lines.filter { $0.subsystem == true }.map { $0.amount.fen / 100 }
        #expect(fees == [196_800, 45_600, 39_840, 39_840, 101_760, 101_760, 64_800])
        #expect(lines[0].items.count == 9 && lines[1].items.count == 7)
    }

    @Test("every penalty rule of the five documents is recorded with its clause")
    func penalties() {
        let ids = Dictionary(grouping: Self.contracts.flatMap { c in c.penalties.map { (c.alias, $0) } }, by: \.0).mapValues { $0.map(\.1.id) }
        #expect(ids["minhang-2026"] == ["10.2", "10.3"])
        #expect(ids["qingpu-2026"] == ["9.3"])
        #expect(ids["keping-2024"] == ["5.1", "3.5", "5.2"])
        #expect(ids["weinan-2026"] == ["13.2-supplier", "13.2-buyer"])
        // §7.2, §7.3, attachment 1 §5 (four graded incidents, the general one
        // report only), §6(4) (three request rules), §7 (three staff rules),
        // attachment 3 §三.1.
        #expect(ids["liyang-2024"] == ["7.2", "7.3", "incident-special-major", "incident-major", "incident-fairly-major", "incident-general",
                                       "request-no-first-answer", "request-late", "request-late-disruptive",
                                       "staff-left-without-notice", "staff-late-for-duty", "staff-no-holiday-answer", "security-agreement"])
        #expect(Self.contracts.flatMap(\.penalties).allSatisfy { !$0.clause.isEmpty })
    }
}

@Suite("A sixth contract needs only a JSON file")
struct SixthContractTests {
    @Test("the README's minimal example loads and is computed by the same engine")
    func minimalExample() throws {
        let url = URL(fileURLWithPath: packageRoot + "/Fixtures/examples/minimal-contract.json")
        let contract = try ContractLoader.loadFile(url, displayName: "minimal-contract.json")
        let lines = Payments.lines(for: contract, asOf: try #require(CalendarDay(parsing: "2026-11-21")), calendar: CalendarLoader.builtin)
        // §4(1): 60% x 120,000 = 72,000; 15 working days after Monday 2026-03-02
        // (03-03..06 is 4, 09..13 makes 9, 16..20 makes 14, 03-23 the 15th), waiting on the invoice.
        #expect(lines[0].amount.plain == "72000.00")
        #expect(lines[0].earliestDueDate?.description == "2026-03-23")
        #expect(lines[0].status == .waiting)
        // §4(2): the remaining 48,000 by a fixed day, not yet past.
        #expect(lines[1].amount.plain == "48000.00")
        #expect(lines[1].dueDate?.description == "2026-12-15")
        #expect(lines[1].status == .open)
        #expect(Checks.findings(for: contract, calendar: CalendarLoader.builtin).isEmpty)
    }
}
