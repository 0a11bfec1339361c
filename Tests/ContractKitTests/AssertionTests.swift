import Foundation
import Testing
@testable import ContractKit

/// Assertions (issue 14, item 4): an `assert` event states what the books
/// must show at the end of a day; every command that reads the ledger
/// checks it. The figures are worked out from keping-2024's terms: the
/// total 498,000.00 (§二.1), paid as instalment 1, 492,000.00 in December
/// 2024, and instalment 2, 6,000.00 in 2025 (§二.2); a transfer to a third
/// party costs the supplier 10% of the total (§3.5), 49,800.00.
@Suite("assertions: checked against the books as of their own day")
struct AssertionLibraryTests {
    static let payment1 = #"{"contract":"keping-2024","type":"payment","day":"2024-12-20","amount":"492000.00","instalment":"1"}"#
    static let payment2 = #"{"contract":"keping-2024","type":"payment","day":"2025-12-25","amount":"6000.00","instalment":"2"}"#
    static let breach = #"{"contract":"keping-2024","type":"breach","day":"2025-03-15","clause":"§3.5","party":"supplier"}"#

    static func assertion(_ day: String, _ figure: String, _ amount: String, instalment: String? = nil, party: String? = nil) -> String {
        var text = #"{"contract":"keping-2024","type":"assert","day":"\#(day)","figure":"\#(figure)","amount":"\#(amount)""#
        if let instalment { text += #","instalment":"\#(instalment)""# }
        if let party { text += #","party":"\#(party)""# }
        return text + "}"
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var why: String
        var lines: [String]
        /// The figure the books show for the last assertion of `lines`.
        var computed: String
        var holds: Bool
        var testDescription: String { why }
    }

    @Test(arguments: [
        Case(why: "§二.2 instalment 1: 492,000.00 paid 2024-12-20, asserted at the end of 2024-12-31: holds",
             lines: [payment1, assertion("2024-12-31", "paid", "492000.00", instalment: "1")], computed: "492000.00", holds: true),
        Case(why: "§二.2: the payment is dated 2024-12-20, so nothing is paid at the end of 2024-12-19; 492,000.00 asserted fails",
             lines: [payment1, assertion("2024-12-19", "paid", "492000.00")], computed: "0.00", holds: false),
        Case(why: "§二.1 total 498,000.00 less 492,000.00 paid: 6,000.00 outstanding on the contract at the end of 2024",
             lines: [payment1, assertion("2024-12-31", "outstanding", "6000.00")], computed: "6000.00", holds: true),
        Case(why: "§二.2 instalment 2: 6,000.00 paid 2025-12-25, so 0.00 outstanding on it at the end of 2025; 6,000.00 asserted fails",
             lines: [payment1, payment2, assertion("2025-12-31", "outstanding", "6000.00", instalment: "2")], computed: "0.00", holds: false),
        Case(why: "§3.5: 10% x 498,000.00 = 49,800.00 the supplier pays for the breach of 2025-03-15",
             lines: [breach, assertion("2025-06-30", "penalties", "49800.00", party: "supplier")], computed: "49800.00", holds: true),
        Case(why: "§3.5 is the supplier's: the buyer pays no penalty, 0.00; 49,800.00 asserted of the buyer fails",
             lines: [breach, assertion("2025-06-30", "penalties", "49800.00", party: "buyer")], computed: "0.00", holds: false),
        Case(why: "end of day: a payment dated the assertion's day counts though it is recorded on a later line (§二.2, 492,000.00)",
             lines: [assertion("2024-12-20", "paid", "492000.00"), payment1], computed: "492000.00", holds: true),
        Case(why: "a later line dated before the assertion counts: the 2024-12-20 payment breaks a 0.00 asserted for 2024-12-31",
             lines: [assertion("2024-12-31", "paid", "0.00"), payment1], computed: "492000.00", holds: false),
    ])
    func figures(_ test: Case) throws {
        let (loaded, errors) = Fixture.ledger(test.lines)
        let ledger = try #require(loaded, "\(errors)")
        let contract = try #require(Fixture.contract("keping-2024"))
        let checks = Assertions.check(contract, events: ledger.byContract[contract.id] ?? [], calendar: CalendarLoader.builtin)
        #expect(checks.count == 1)
        let check = try #require(checks.first)
        #expect(check.computed == (try Money(parsing: test.computed)))
        #expect(check.holds == test.holds)
        let failures = LedgerLoader.failedAssertions(in: ledger, contracts: Fixture.set)
        #expect(failures.count == (test.holds ? 0 : 1))
    }

    @Test("a mismatch names both figures as money strings, the ledger file and the line")
    func message() throws {
        let (loaded, errors) = Fixture.ledger([Self.payment1, Self.assertion("2024-12-31", "paid", "490000.00", instalment: "1")])
        let ledger = try #require(loaded, "\(errors)")
        let failure = try #require(LedgerLoader.failedAssertions(in: ledger, contracts: Fixture.set).first)
        #expect(failure.description == "t.jsonl: line 2: the assertion of 2024-12-31 does not hold: paid to date on instalment 1 of keping-2024 is asserted as 490,000.00, and the books show 492,000.00 (2,000.00 more), counting every event dated on or before 2024-12-31")
        #expect(failure.kind == .badData)
    }

    @Test("minhang-2026: the payment of 2026-07-20 goes to instalment 1, 50% x 8,298,000.00 (§4.1) = 4,149,000.00 (Readings 7)")
    func minhang() throws {
        let (loaded, errors) = Fixture.ledger([
            #"{"contract":"minhang-2026","type":"invoice","day":"2026-06-15","issued":"2026-06-12","amount":"4149000.00"}"#,
            #"{"contract":"minhang-2026","type":"payment","day":"2026-07-20","amount":"4149000.00"}"#,
            #"{"contract":"minhang-2026","type":"assert","day":"2026-07-20","figure":"paid","instalment":"1","amount":"4149000.00"}"#,
            #"{"contract":"minhang-2026","type":"assert","day":"2026-07-20","figure":"outstanding","instalment":"1","amount":"0.00"}"#,
            #"{"contract":"minhang-2026","type":"assert","day":"2026-07-20","figure":"outstanding","amount":"4149000.00"}"#,
        ])
        let ledger = try #require(loaded, "\(errors)")
        #expect(LedgerLoader.failedAssertions(in: ledger, contracts: Fixture.set).map(\.description) == [])
    }

    @Test("the loader refuses an assertion of the wrong shape, naming the key")
    func shape() {
        let cases: [(String, String)] = [
            (#"{"contract":"keping-2024","type":"assert","day":"2024-12-31","figure":"paid","amount":"1.00","party":"buyer"}"#, "$.party: paid is the contract's or an instalment's figure"),
            (#"{"contract":"keping-2024","type":"assert","day":"2024-12-31","figure":"penalties","amount":"1.00"}"#, "$.party: missing; a penalties assertion names the party who pays"),
            (#"{"contract":"keping-2024","type":"assert","day":"2024-12-31","figure":"balance","amount":"1.00"}"#, "$.figure: \"balance\": expected one of paid, outstanding, penalties"),
            (#"{"contract":"keping-2024","type":"assert","day":"2024-12-31","figure":"paid","amount":"1.00","instalment":"9"}"#, "$.instalment: \"9\": keping-2024 has no such instalment"),
            (#"{"contract":"keping-2024","type":"assert","day":"2024-12-31","figure":"paid"}"#, "$.amount: missing"),
        ]
        for (line, message) in cases {
            let (ledger, errors) = Fixture.ledger([line])
            #expect(ledger == nil)
            #expect(errors.contains { $0.contains(message) }, "\(errors)")
        }
    }

    @Test("assertions count in no figure: the payments with and without them are the same")
    func inert() throws {
        let (plain, _) = Fixture.ledger([Self.payment1])
        let (asserted, _) = Fixture.ledger([Self.payment1, Self.assertion("2024-12-31", "paid", "1.00")])
        let asOf = Fixture.day("2025-12-31")
        let contract = try #require(Fixture.contract("keping-2024"))
        let without = Payments.lines(for: [contract], ledger: try #require(plain), asOf: asOf, calendar: CalendarLoader.builtin).map(\.paid)
        let with = Payments.lines(for: [contract], ledger: try #require(asserted), asOf: asOf, calendar: CalendarLoader.builtin).map(\.paid)
        #expect(without == with && without == [Money(yuan: 492_000), .zero])
    }

    @Test("record refuses an event that breaks an assertion, and one that does not hold, leaving the file as it was")
    func record() throws {
        let path = NSTemporaryDirectory() + "assert-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try LedgerWriter.append(Self.payment1, to: path, contracts: Fixture.set)
        // §二.1 498,000.00 less 492,000.00: 6,000.00 outstanding at the end of 2025 while instalment 2 is unpaid.
        _ = try LedgerWriter.append(Self.assertion("2025-12-31", "outstanding", "6000.00"), to: path, contracts: Fixture.set)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: LoadErrors.self) { try LedgerWriter.append(Self.payment2, to: path, contracts: Fixture.set) }
        do {
            _ = try LedgerWriter.append(Self.payment2, to: path, contracts: Fixture.set)
        } catch {
            #expect(error.description.contains("with it, \(path), line 2: the assertion of 2025-12-31 does not hold: outstanding on keping-2024 is asserted as 6,000.00, and the books show 0.00 (6,000.00 less)"), "\(error)")
            #expect(error.description.hasSuffix("; nothing was recorded"))
        }
        do {
            _ = try LedgerWriter.append(Self.assertion("2024-12-31", "paid", "1.00"), to: path, contracts: Fixture.set)
            Issue.record("an assertion that does not hold was recorded")
        } catch {
            #expect(error.description == "the new event: the assertion of 2024-12-31 does not hold: paid to date on keping-2024 is asserted as 1.00, and the books show 492,000.00 (491,999.00 more), counting every event dated on or before 2024-12-31; nothing was recorded")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("an assertion that already fails does not block the payment that puts it right (§二.2 instalment 2, 6,000.00)")
    func repairable() throws {
        let path = NSTemporaryDirectory() + "assert-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Written by hand, as an import of the buyer's statement would: instalment 2 is asserted paid before its payment is recorded.
        try (Self.payment1 + "\n" + Self.assertion("2025-12-31", "paid", "6000.00", instalment: "2") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let ledger = try LedgerLoader.load(path: path, contracts: Fixture.set)
        #expect(LedgerLoader.failedAssertions(in: ledger, contracts: Fixture.set).count == 1)
        _ = try LedgerWriter.append(Self.payment2, to: path, contracts: Fixture.set)
        #expect(LedgerLoader.failedAssertions(in: try LedgerLoader.load(path: path, contracts: Fixture.set), contracts: Fixture.set).isEmpty)
    }

    @Test("verify reports an assertion that does not hold as a problem (Fixtures/ledger/assertions.jsonl, line 6)")
    func verify() throws {
        let result = try LedgerLoader.verify(path: packageRoot + "/Fixtures/ledger/assertions.jsonl", contracts: Fixture.set)
        #expect(result.chainBreak == nil)
        #expect(!result.whole)
        #expect(result.problems.map(\.location) == ["line 6"])
    }
}

/// The same through the built binary, over Fixtures/ledger/assertions.jsonl:
/// keping-2024's lines 2 and 4 hold (492,000.00 paid on instalment 1 at the
/// end of 2024, §二.2; 49,800.00 of penalties the supplier pays for the
/// §3.5 breach, 10% of 498,000.00); line 6 asserts 6,000.00 outstanding at
/// the end of 2025, but both instalments are paid by then (line 5 pays
/// instalment 2's 6,000.00 on 2025-12-25): the books show 0.00.
@Suite("assertions end to end: every command that reads the ledger checks them")
struct AssertionCLITests {
    static let ledger = "Fixtures/ledger/assertions.jsonl"
    static let failure = "contractctl: error: Fixtures/ledger/assertions.jsonl: line 6: the assertion of 2025-12-31 does not hold: outstanding on keping-2024 is asserted as 6,000.00, and the books show 0.00 (6,000.00 less), counting every event dated on or before 2025-12-31\n"

    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var testDescription: String { "contractctl " + arguments.joined(separator: " ") }
    }

    @Test("exit 1, the output still written, the failing assertion on stderr once; the two that hold are not mentioned", arguments: [
        Case(arguments: ["payments", "--as-of", "2025-12-31"]),
        Case(arguments: ["payments", "--format", "json", "--as-of", "2025-12-31"]),
        Case(arguments: ["due", "-p", "2025", "--as-of", "2025-12-31"]),
        Case(arguments: ["penalties", "--as-of", "2025-12-31"]),
        Case(arguments: ["scores", "--as-of", "2025-12-31"]),
        Case(arguments: ["guarantees", "--as-of", "2025-12-31"]),
        Case(arguments: ["deadlines", "--all", "--as-of", "2025-12-31"]),
        Case(arguments: ["deadlines", "--format", "ics", "--as-of", "2025-12-31"]),
        Case(arguments: ["report", "--as-of", "2025-12-31"]),
        Case(arguments: ["events"]),
        // The assertion is checked as of its own day, whatever the report's day.
        Case(arguments: ["payments", "--as-of", "2024-06-30"]),
        // --contract narrows the output, not the ledger: line 6 is still wrong.
        Case(arguments: ["payments", "--contract", "qingpu-2026", "--as-of", "2025-12-31"]),
    ])
    func figuresCommands(_ test: Case) throws {
        let run = try Run(test.arguments + ["--ledger", Self.ledger])
        #expect(run.code == 1)
        #expect(!run.stdout.isEmpty)
        #expect(run.stderr == Self.failure, "\(run.stderr)")
    }

    @Test("the payments table is the same as without the assertions: keping paid 498,000.00 in all (§二.2)")
    func outputKept() throws {
        let run = try Run(["payments", "--ledger", Self.ledger, "--contract", "keping-2024", "--as-of", "2025-12-31", "--format", "csv"])
        #expect(run.code == 1)
        let keping = run.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // paid is the 10th column (csvHeader: contract, alias, instalment, clause, amount, currency, dueDate, earliestDueDate, provisional, paid).
        #expect(keping.map { $0.count > 9 ? $0[9] : "" } == ["492000.00", "6000.00"])
    }

    @Test("lines 1 to 5 alone: every assertion holds, exit 0 and nothing on stderr")
    func holding() throws {
        let text = try String(contentsOfFile: packageRoot + "/" + Self.ledger, encoding: .utf8)
        let path = NSTemporaryDirectory() + "assert-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try (text.split(separator: "\n").prefix(5).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let run = try Run(["payments", "--ledger", path, "--as-of", "2025-12-31"])
        #expect(run.code == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let verify = try Run(["verify", "--ledger", path])
        #expect(verify.code == 0, "\(verify.stdout)")
    }

    @Test("verify: exit 1, line 6 named on stdout with both figures")
    func verify() throws {
        let run = try Run(["verify", "--ledger", Self.ledger])
        #expect(run.code == 1)
        #expect(run.stdout.hasPrefix(String(Self.failure.dropFirst("contractctl: error: ".count))), "\(run.stdout)")
    }

    @Test("record assert: one that holds is recorded and listed by events; one that does not, or an event that breaks one, is refused with 65 and the file unchanged")
    func record() throws {
        let path = NSTemporaryDirectory() + "assert-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let base = ["--ledger", path, "--contract", "keping-2024"]
        #expect(try Run(["record", "payment"] + base + ["--day", "2024-12-20", "--amount", "492000.00", "--instalment", "1"]).code == 0)
        // §二.1 498,000.00 less 492,000.00 paid: 6,000.00 outstanding at the end of 2024; typed as the tool prints it.
        let held = try Run(["record", "assert"] + base + ["--day", "2024-12-31", "--figure", "outstanding", "--amount", "6,000.00", "--note", "buyer's statement"])
        #expect(held.code == 0, "\(held.stderr)")
        #expect(held.stdout.contains(#"{"contract":"keping-2024","type":"assert","day":"2024-12-31","figure":"outstanding","amount":"6000.00","note":"buyer's statement","#), "\(held.stdout)")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let wrong = try Run(["record", "assert"] + base + ["--day", "2024-12-31", "--figure", "paid", "--instalment", "1", "--amount", "490000"])
        #expect(wrong.code == 65)
        #expect(wrong.stderr == "contractctl: error: the new event: the assertion of 2024-12-31 does not hold: paid to date on instalment 1 of keping-2024 is asserted as 490,000.00, and the books show 492,000.00 (2,000.00 more), counting every event dated on or before 2024-12-31; nothing was recorded\n", "\(wrong.stderr)")

        // Instalment 2's 6,000.00, backdated to 2024-12-30, would leave 0.00 outstanding at the end of 2024.
        let breaking = try Run(["record", "payment"] + base + ["--day", "2024-12-30", "--amount", "6000.00", "--instalment", "2"])
        #expect(breaking.code == 65)
        #expect(breaking.stderr.contains("with it, \(path), line 2: the assertion of 2024-12-31 does not hold: outstanding on keping-2024 is asserted as 6,000.00, and the books show 0.00 (6,000.00 less)"), "\(breaking.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)

        // Dated 2025-12-25, after the assertion's day, the same payment is recorded.
        #expect(try Run(["record", "payment"] + base + ["--day", "2025-12-25", "--amount", "6000.00", "--instalment", "2"]).code == 0)
        let events = try Run(["events", "--ledger", path, "--type", "assert", "--format", "csv"])
        #expect(events.code == 0, "\(events.stderr)")
        #expect(events.stdout.contains("2,2024-12-31,11N4580043372024116202,keping-2024,assert,6000.00,,figure outstanding,buyer's statement"), "\(events.stdout)")
    }
}
