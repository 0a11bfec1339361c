import Foundation
import Testing
@testable import ContractKit

/// `contractctl import` (issue 14, item 3): payments from a bank statement.
/// The statement is Fixtures/statements/bank-2026-12.csv, its columns named
/// by Fixtures/statements/rules.json, imported into a copy of the example
/// ledger (Fixtures/ledger/example.jsonl, 56 lines). Its rows:
///  3: 627,540.00 to 上海长城 (qingpu-2026's supplier, account 31001627311055622825 in 合同各方), "尾款 instalment 2"
///  4: 100,000.00 to 众阳健康 (weinan-2026's supplier, by name), no instalment named
///  5: 5,000.00 to a company no contract names
///  6: 1,000.00 in (the credit column)
///  7: 4,149,000.00 to 中国电信上海分公司 (minhang-2026's supplier), "第二笔"
///  8: line 3 again, the same transaction id
@Suite("import: a bank statement's payments, matched and recorded once")
struct ImportTests {
    static let statement = "Fixtures/statements/bank-2026-12.csv"
    static let malformed = "Fixtures/statements/bank-2026-12-malformed.csv"
    static let rules = "Fixtures/statements/rules.json"

    /// A copy of the example ledger in a folder of its own.
    static func ledgerCopy() throws -> String {
        let folder = NSTemporaryDirectory() + "import-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/ledger.jsonl"
        try FileManager.default.copyItem(atPath: packageRoot + "/Fixtures/ledger/example.jsonl", toPath: path)
        return path
    }

    static func rows(_ json: String) throws -> [[String: Any]] {
        let top = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(top["rows"] as? [[String: Any]])
    }

    static func row(_ rows: [[String: Any]], line: Int) -> [String: Any] {
        rows.first { $0["line"] as? Int == line } ?? [:]
    }

    @Test("the dry run: each row's match and why; nothing is written")
    func dryRun() throws {
        let ledger = try Self.ledgerCopy()
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let run = try Run(["import", Self.statement, "--ledger", ledger, "--rules", Self.rules, "--format", "json"])
        // Rows 5 (unmatched) and 7 (refused) are listed: exit 1.
        #expect(run.code == 1, "\(run.stderr)")
        let rows = try Self.rows(run.stdout)
        #expect(rows.map { $0["line"] as? Int ?? 0 } == [3, 4, 5, 6, 7, 8])

        // qingpu-2026 §5.2.1b, instalment 2: the remainder of §2.2's
        // 2,091,800.00 after §5.2.1a's 70%, 1,464,260.00 (paid on line 22):
        // 627,540.00 is outstanding, so the whole row is payable.
        let qingpu = Self.row(rows, line: 3)
        #expect(qingpu["outcome"] as? String == "record")
        #expect(qingpu["alias"] as? String == "qingpu-2026")
        #expect(qingpu["instalment"] as? String == "2")
        #expect(qingpu["amount"] as? String == "627540.00")
        #expect(qingpu["transaction"] as? String == "BK20261201001")
        let reasons = qingpu["reasons"] as? [String] ?? []
        #expect(reasons.contains { $0.contains("account 3100 1627 3110 5562 2825 is the supplier's account on qingpu-2026 (合同各方)") }, "\(reasons)")

        // weinan-2026 §三.1: instalment 1 is 50% of 278,000.00 = 139,000.00,
        // paid in full on line 26; Reading 7 puts a payment that names no
        // instalment on the one still open, instalment 2.
        let weinan = Self.row(rows, line: 4)
        #expect(weinan["outcome"] as? String == "record")
        #expect(weinan["alias"] as? String == "weinan-2026")
        #expect(weinan["instalment"] is NSNull)
        #expect((weinan["reasons"] as? [String] ?? []).contains { $0.contains("Reading 7") && $0.contains("100,000.00 to instalment 2") }, "\(weinan)")
        // The reference holds a comma and doubled quotes (RFC 4180).
        #expect(weinan["reference"] as? String == "渭南运维费, \"12月\"")

        #expect(Self.row(rows, line: 5)["outcome"] as? String == "unmatched")
        #expect(Self.row(rows, line: 6)["outcome"] as? String == "not a payment")
        // minhang-2026 §4.2(2): 第二笔 is instalment 2, the other 50% of
        // 8,298,000.00, paid in full on line 37: 4,149,000.00 more is an
        // overpayment (Reading 9), refused.
        let minhang = Self.row(rows, line: 7)
        #expect(minhang["outcome"] as? String == "refused")
        #expect((minhang["reasons"] as? [String] ?? []).contains { $0.contains("exceeds what is outstanding on instalment 2, 0.00") }, "\(minhang)")
        #expect(Self.row(rows, line: 8)["outcome"] as? String == "duplicate")

        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
    }

    @Test("--commit records the two payments in one append, verify stays whole; importing again records nothing")
    func commitAndReimport() throws {
        let ledger = try Self.ledgerCopy()
        let first = try Run(["import", Self.statement, "--ledger", ledger, "--rules", Self.rules, "--commit"])
        #expect(first.code == 1, "\(first.stderr)")
        #expect(first.stdout.contains("recorded on line 57: qingpu-2026 instalment 2"), "\(first.stdout)")
        #expect(first.stdout.contains("recorded on line 58: weinan-2026 by Reading 7"), "\(first.stdout)")
        let lines = try String(contentsOfFile: ledger, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 58)
        #expect(lines[56].contains("\"transaction\":\"BK20261201001\""))
        #expect(lines[57].contains("\"transaction\":\"BK20261202001\""))
        let verify = try Run(["verify", "--ledger", ledger])
        #expect(verify.code == 0, "\(verify.stdout)\(verify.stderr)")
        // The register shows the transaction with the payment.
        let events = try Run(["events", "--ledger", ledger, "--contract", "weinan-2026", "--type", "payment", "--format", "csv"])
        #expect(events.stdout.contains("58,2026-12-02,"), "\(events.stdout)")
        #expect(events.stdout.contains("transaction BK20261202001"), "\(events.stdout)")

        let after = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let again = try Run(["import", Self.statement, "--ledger", ledger, "--rules", Self.rules, "--commit", "--format", "json"])
        let rows = try Self.rows(again.stdout)
        #expect(Self.row(rows, line: 3)["outcome"] as? String == "duplicate")
        #expect(Self.row(rows, line: 3)["ledgerLine"] as? Int == 57)
        #expect(Self.row(rows, line: 4)["ledgerLine"] as? Int == 58)
        #expect(!rows.contains { $0["outcome"] as? String == "record" })
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == after)
    }

    @Test("malformed rows (a 13th month, five fields of seven, 12abc) are named by file and line and block --commit: exit 65, nothing written")
    func malformedRows() throws {
        let ledger = try Self.ledgerCopy()
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let dry = try Run(["import", Self.malformed, "--ledger", ledger, "--rules", Self.rules])
        #expect(dry.code == 65)
        #expect(dry.stdout.contains("line 5  malformed: date \"2026-13-01\""), "\(dry.stdout)")
        #expect(dry.stdout.contains("line 6  malformed: has 5 fields; the header has 7"), "\(dry.stdout)")
        #expect(dry.stdout.contains("line 7  malformed: debit \"12abc\""), "\(dry.stdout)")
        let commit = try Run(["import", Self.malformed, "--ledger", ledger, "--rules", Self.rules, "--commit"])
        #expect(commit.code == 65)
        #expect(commit.stderr.contains("contractctl: error: \(Self.malformed): line 5: date \"2026-13-01\""), "\(commit.stderr)")
        #expect(commit.stderr.contains("nothing was imported"), "\(commit.stderr)")
        #expect(commit.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
    }

    @Test("columns by position, one amount column, no ids: the row's hash is kept and a second import skips it")
    func positionsAndHash() throws {
        let ledger = try Self.ledgerCopy()
        let csv = (ledger as NSString).deletingLastPathComponent + "/plain.csv"
        // LF line ends, a header row the positions do not name (its date cell is no date).
        try "day,payee,amount,memo\n20261215,众阳健康科技集团有限公司,\"￥39,000.00\",instalment 2\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let options = ["--date-column", "1", "--counterparty-column", "2", "--amount-column", "3", "--reference-column", "4"]
        let first = try Run(["import", csv, "--ledger", ledger, "--commit"] + options)
        #expect(first.code == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("header on line 1"), "\(first.stdout)")
        let last = try String(contentsOfFile: ledger, encoding: .utf8).split(separator: "\n").last.map(String.init) ?? ""
        // The hash of the normalised row: day, direction and amount, name, account, reference.
        let key = "2026-12-15\nout 39000.00\n众阳健康科技集团有限公司\n\ninstalment 2"
        #expect(last.contains("\"amount\":\"39000.00\",\"instalment\":\"2\",\"transaction\":\"sha256:\(SHA256.hex(Array(key.utf8)))\""), "\(last)")
        let again = try Run(["import", csv, "--ledger", ledger] + options)
        #expect(again.code == 0)
        #expect(again.stdout.contains("is already recorded on line 57 of the ledger"), "\(again.stdout)")
    }

    @Test("a sealed ledger: --commit renews the seal with its key, and without the key records nothing")
    func sealed() throws {
        let ledger = try Self.ledgerCopy()
        let key = ["CONTRACTCTL_LEDGER_KEY": "import test key"]
        #expect(try Run(["verify", "--seal", "--ledger", ledger], environment: key).code == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let sealBefore = try Data(contentsOf: URL(fileURLWithPath: LedgerSeal.path(of: ledger)))
        let refused = try Run(["import", Self.statement, "--ledger", ledger, "--rules", Self.rules, "--commit"])
        #expect(refused.code == 65 && refused.stderr.contains("is sealed"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: LedgerSeal.path(of: ledger))) == sealBefore)
        let done = try Run(["import", Self.statement, "--ledger", ledger, "--rules", Self.rules, "--commit"], environment: key)
        #expect(done.code == 1, "\(done.stderr)")
        let verify = try Run(["verify", "--ledger", ledger], environment: key)
        #expect(verify.code == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("its 58 event lines are the ones sealed"), "\(verify.stdout)")
    }

    @Test("a rules file with an unknown key is refused with the file and the JSON path (exit 65); missing columns are usage errors (64)")
    func refusals() throws {
        let ledger = try Self.ledgerCopy()
        let rules = (ledger as NSString).deletingLastPathComponent + "/rules.json"
        try #"{"columns": {"dat": "交易日期", "debit": 0}, "bank": "ICBC"}"#.write(toFile: rules, atomically: true, encoding: .utf8)
        let bad = try Run(["import", Self.statement, "--ledger", ledger, "--rules", rules])
        #expect(bad.code == 65)
        #expect(bad.stderr.contains("\(rules): $.columns.dat: unknown key"), "\(bad.stderr)")
        #expect(bad.stderr.contains("\(rules): $.columns.debit: 0: a column's position is a whole number from 1"), "\(bad.stderr)")
        #expect(bad.stderr.contains("\(rules): $.bank: unknown key"), "\(bad.stderr)")
        let none = try Run(["import", Self.statement, "--ledger", ledger])
        #expect(none.code == 64 && none.stderr.contains("no date column"), "\(none.stderr)")
        let credit = try Run(["import", Self.statement, "--ledger", ledger, "--date-column", "1", "--credit-column", "6", "--account-column", "4"])
        #expect(credit.code == 64 && credit.stderr.contains("--credit-column needs --debit-column"), "\(credit.stderr)")
        let missing = try Run(["import", "no-such.csv", "--ledger", ledger, "--rules", Self.rules])
        #expect(missing.code == 66 && missing.stderr.contains("no-such.csv: no such file"), "\(missing.stderr)")
        let noLedger = try Run(["import", Self.statement, "--rules", Self.rules])
        #expect(noLedger.code == 64 && noLedger.stderr.contains("import needs --ledger PATH"), "\(noLedger.stderr)")
    }
}

@Suite("import, in the library: CSV, amounts, days and matching")
struct ImportLibraryTests {
    @Test("RFC 4180: quotes, doubled quotes, a line break inside quotes, CRLF, a BOM; empty lines hold no row")
    func csv() throws {
        let text = "\u{FEFF}a,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",x,\r\nlast,,z"
        let records = try CSVReader.records(text)
        #expect(records == [
            .init(line: 1, fields: ["a", "b,c", "say \"hi\""]),
            .init(line: 3, fields: ["two\nlines", "x", ""]),
            .init(line: 5, fields: ["last", "", "z"]),
        ])
        #expect(throws: CSVReader.Problem.unterminatedQuote(line: 2)) { try CSVReader.records("a\n\"open,b\nc") }
        #expect(throws: CSVReader.Problem.textAfterQuote(line: 1)) { try CSVReader.records("\"a\"b,c") }
    }

    struct AmountCase: CustomTestStringConvertible, Sendable {
        var text: String
        var fen: Int64?
        var testDescription: String { "\"\(text)\" -> \(fen.map(String.init) ?? "refused")" }
    }

    @Test("amounts as banks write them, through Money(typed:); misplaced commas, signs, zero and sub-fen refused", arguments: [
        AmountCase(text: "1,464,260.00", fen: 146_426_000),
        AmountCase(text: "¥1,464,260.00", fen: 146_426_000),
        AmountCase(text: "￥1464260", fen: 146_426_000),
        AmountCase(text: "1464260.00元", fen: 146_426_000),
        AmountCase(text: "CNY 627,540.00", fen: 62_754_000),
        AmountCase(text: "1,46,4260.00", fen: nil),
        AmountCase(text: "-5.00", fen: nil),
        AmountCase(text: "0.00", fen: nil),
        AmountCase(text: "12abc", fen: nil),
        AmountCase(text: "1.005", fen: nil),
    ])
    func amounts(_ c: AmountCase) {
        #expect((try? BankStatement.statementAmount(c.text))?.fen == c.fen)
    }

    @Test("days: 2026-07-20, 2026/7/20, 2026.07.20, 20260720, with a time; 2026-02-30 and 26/7/20 are not days")
    func days() {
        for text in ["2026-07-20", "2026/7/20", "2026.07.20", "20260720", "2026-07-20 14:03:11", "2026-07-20T14:03"] {
            #expect(BankStatement.statementDay(text)?.description == "2026-07-20", "\(text)")
        }
        for text in ["2026-02-30", "26/7/20", "2026-7", "July 20"] { #expect(BankStatement.statementDay(text) == nil, "\(text)") }
    }

    @Test("a reference names an instalment by id, 'instalment N', 第N期/第二笔 or its label; 'instalment 12' is not instalment 1; qingpu's one-letter label 'a' only alone")
    func references() throws {
        let minhang = try #require(Fixture.contract("minhang-2026"))
        let qingpu = try #require(Fixture.contract("qingpu-2026"))
        #expect(StatementImport.instalment(named: "2", in: minhang).id == "2")
        #expect(StatementImport.instalment(named: "Instalment 1 of 2", in: minhang).id == "1")
        #expect(StatementImport.instalment(named: "第二笔款", in: minhang).id == "2")
        #expect(StatementImport.instalment(named: "第1期", in: minhang).id == "1")
        #expect(StatementImport.instalment(named: "instalment 12", in: minhang).id == nil)
        #expect(StatementImport.instalment(named: "annual fee", in: qingpu).id == nil)
        #expect(StatementImport.instalment(named: "a", in: qingpu).id == "1")
        let both = StatementImport.instalment(named: "instalment 1 and instalment 2", in: minhang)
        #expect(both.id == nil && both.ambiguous)
    }

    @Test("one account on two contracts (minhang-2026 and its 2027 renewal, 合同各方) is ambiguous: unmatched, never guessed")
    func ambiguousAccount() throws {
        let renewal = try ContractLoader.loadFile(URL(fileURLWithPath: packageRoot + "/Fixtures/examples/minhang-2027.json"), displayName: "minhang-2027.json")
        let set = ContractSet(contracts: [try #require(Fixture.contract("minhang-2026")), renewal], folder: "t")
        let day = Fixture.day("2026-12-05")
        let row = StatementRow(line: 2, day: day, amount: Money(yuan: 1000), outgoing: true, counterparty: "", account: "1001254009005450043",
                               reference: "", transaction: "T1", bankID: true)
        let entries = StatementImport.plan([row], source: "s.csv", contracts: set, ledger: .empty, nextLine: 1)
        #expect(entries.first?.outcome == .unmatched)
        #expect(entries.first?.reasons.contains { $0.contains("on 2 contracts (minhang-2026, minhang-2027)") } == true, "\(entries.first?.reasons ?? [])")
    }

    @Test("the batch append: one refused event leaves the ledger byte for byte as it was")
    func batchRefusal() throws {
        let path = try ImportTests.ledgerCopy()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // weinan-2026 instalment 2 is 139,000.00 (§三.1, the remainder of
        // 278,000.00): 100,000.00 is payable, a further 100,000.00 is not.
        let good = #"{"contract":"weinan-2026","type":"payment","day":"2026-12-02","amount":"100000.00","instalment":"2"}"#
        let over = #"{"contract":"weinan-2026","type":"payment","day":"2026-12-03","amount":"100000.00","instalment":"2"}"#
        #expect(throws: LoadErrors.self) {
            _ = try LedgerWriter.appendAll(to: path, contracts: Fixture.set) { _, _ in [good, over] }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let recorded = try LedgerWriter.appendAll(to: path, contracts: Fixture.set) { _, lines in
            #expect(lines.complete + 1 == 57)
            return [good]
        }
        #expect(recorded.map(\.line) == [57])
    }
}

@Suite("the CSV reader reads back what the CSV writer writes")
struct CSVRoundTripTests {
    /// Cells with every character RFC 4180 quotes (comma, quote, CR, LF,
    /// CRLF), Chinese text and empty cells; none starts like a formula,
    /// which the writer guards (see CSVInjectionTests).
    @Test("2,000 generated tables: render, then read, gives the same cells")
    func roundTrip() throws {
        let pieces = ["a", "b c", ",", "\"", "\r\n", "\n", "\r", "渭南", "1,464,260.00", "", " "]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<2000 {
            let width = 1 + next(4)
            // The first cell of a row is never empty, so no row is an empty line.
            let rows: [[String]] = (0..<(1 + next(4))).map { _ in
                (0..<width).map { column in
                    let cell = (0..<next(4)).map { _ in pieces[next(pieces.count)] }.joined()
                    // A cell starting with CR is one the writer guards as a formula.
                    return column == 0 || cell.unicodeScalars.first == "\r" ? "x" + cell : cell
                }
            }
            let text = CSV.render(header: Array(rows[0]), rows: Array(rows.dropFirst()))
            let read = try CSVReader.records(text)
            #expect(read.map(\.fields) == rows, "\(text.debugDescription)")
        }
    }
}
