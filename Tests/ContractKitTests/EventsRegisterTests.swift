import Foundation
import Testing
@testable import ContractKit

/// `contractctl events` (issue 14, item 1): the register of what was
/// recorded. Every expected row is read off the bundled example ledger,
/// Fixtures/ledger/example.jsonl, by its line number.
@Suite("events: the register shows every recorded line as the ledger holds it")
struct EventsRegisterTests {
    @Test("qingpu-2026's six lines: 20 effective, 21 invoice, 22 payment, 32 acceptance, 49 and 50 breaches")
    func oneContract() throws {
        let run = try Run(["events", "--contract", "qingpu-2026", "--format", "csv"])
        #expect(run.code == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\r\n").map(String.init)
        #expect(rows.first == "line,day,contract,alias,type,amount,instalment,figures,note,voidedBy")
        #expect(rows.dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" } == ["20", "21", "22", "32", "49", "50"])
        // Line 21: {"type":"invoice","day":"2026-02-10","issued":"2026-02-09","amount":"1464260.00","instalment":"1"}
        #expect(rows.contains("21,2026-02-10,11N4251906122026201,qingpu-2026,invoice,1464260.00,1,issued 2026-02-09,,"))
        // Line 49: a breach of §9.1 by the supplier, with its note.
        #expect(rows.contains("49,2026-09-10,11N4251906122026201,qingpu-2026,breach,,,\"clause §9.1, party supplier\",service staff replaced without the buyer's consent,"))
    }

    @Test("--type payment -p 2026Q3: only minhang's instalment-1 payment of 2026-07-20 (line 29) is a payment dated July to September 2026")
    func typeAndPeriod() throws {
        let run = try Run(["events", "--type", "payment", "-p", "2026Q3", "--format", "json"])
        #expect(run.code == 0, "\(run.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["line"] as? Int == 29)
        #expect(rows.first?["alias"] as? String == "minhang-2026")
        #expect(rows.first?["amount"] as? String == "4149000.00")
    }

    @Test("a period with no events, and no ledger at all, each say so rather than print an empty table")
    func empty() throws {
        let none = try Run(["events", "-p", "2001"])
        #expect(none.code == 0 && none.stdout == "Fixtures/ledger/example.jsonl: no events match\n", "\(none.stdout)")
        let folder = NSTemporaryDirectory() + "events-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: packageRoot + "/Fixtures/contracts", toPath: folder)
        let unread = try Run(["events", "--fixtures", folder])
        #expect(unread.code == 0 && unread.stdout == "no ledger read: nothing is recorded\n", "\(unread.stdout)")
    }

    @Test("a misspelt type is a usage error with the nearest type; --to without --from too")
    func usage() throws {
        let type = try Run(["events", "--type", "paymnet"])
        #expect(type.code == 64)
        #expect(type.stderr.contains("did you mean 'payment'"), "\(type.stderr)")
        let to = try Run(["events", "--to", "2026-01-01"])
        #expect(to.code == 64 && to.stderr.contains("--to and -e go with --from"), "\(to.stderr)")
    }

    @Test("the table fits 80 columns: line 5's incident (with its note) folds, its figures whole")
    func width() throws {
        let run = try Run(["events", "--contract", "liyang-2024"], environment: ["COLUMNS": "80"])
        #expect(run.code == 0, "\(run.stderr)")
        for line in run.stdout.split(separator: "\n") { #expect(displayWidth(String(line)) <= 80, "\(line)") }
        // Line 5: grade specialMajor, subsystem ecg, 09:00 to 10:30 on 2025-03-05, Shanghai time.
        let folded = run.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(folded.contains("grade specialMajor, subsystem ecg, occurred 2025-03-05 09:00, resolved 2025-03-05 10:30"), "\(folded)")
    }

    @Test("folding: at spaces, at line breaks, and a word wider than the column is cut")
    func fold() {
        #expect(Table.fold("party buyer", width: 24) == ["party buyer"])
        #expect(Table.fold("one two three", width: 7) == ["one two", "three"])
        #expect(Table.fold("a\nb c", width: 10) == ["a", "b c"])
        #expect(Table.fold("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        // A Chinese character takes two columns: three fit in six.
        #expect(Table.fold("不收取保证金", width: 6) == ["不收取", "保证金"])
    }
}
