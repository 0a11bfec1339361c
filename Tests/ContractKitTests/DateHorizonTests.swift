import Foundation
import Testing
@testable import ContractKit

/// Days stop at 9999-12-31 (issue 11, item 8): a day past it could not be
/// read back as YYYY-MM-DD, nor written in ICS; input days are bounded by
/// the parser, and the days computed from them are refused where the
/// terms and the ledger are loaded and where record tries an event.
@Suite("Dates past 9999: refused at the input that would give rise to them")
struct DateHorizonTests {
    /// The bundled fixtures with liyang-2024 signed on `day` instead of 2024-11-28.
    static func fixtures(liyangSigned day: String) throws -> String {
        let folder = NSTemporaryDirectory() + "horizon-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: packageRoot + "/Fixtures/contracts", toPath: folder)
        let path = folder + "/liyang-2024.json"
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "2024-11-28", with: day)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return folder
    }

    @Test("a fixture signed 9999-12-01: its January 10000 monthly inspection (附件1 §1.1.2 5), due by 10000-01-31, is the first obligation past 9999; refused with the file")
    func fixture() throws {
        // §二: the term is one year from signing, 9999-12-01 to 10000-11-30.
        // The monthly inspection (附件1 §1.1.2 5, every month, by its last
        // day) of January 10000 is due 10000-01-31; the §四 instalment, 90
        // days after signing (Art. 201: 30 days to 9999-12-31, 31 in January,
        // 29 in February of 10000, a leap year), falls later, on 10000-02-29.
        let folder = try Self.fixtures(liyangSigned: "9999-12-01")
        for format in ["table", "json", "csv"] {
            let run = try Run(["payments", "--fixtures", folder, "--no-ledger", "--as-of", "2026-11-21", "--format", format])
            #expect(run.code == 65)
            #expect(run.stdout.isEmpty)
            #expect(run.stderr == "contractctl: error: \(folder)/liyang-2024.json: the terms give rise to liyang-2024 duty on 10000-01-31 (附件1 §1.1.2 5), after 9999-12-31, the last day contractctl can read or write\n", "\(run.stderr)")
        }
        let ics = try Run(["deadlines", "--fixtures", folder, "--no-ledger", "--as-of", "2026-11-21", "--format", "ics"])
        #expect(ics.code == 65 && !ics.stdout.contains("DTSTART;VALUE=DATE:1000"))
    }

    @Test("a fixture signed 9999-12-31 is refused; one signed 2024-11-28 (the bundled one) loads")
    func lastDay() throws {
        let late = try Run(["check", "--fixtures", try Self.fixtures(liyangSigned: "9999-12-31")])
        #expect(late.code == 65 && late.stderr.contains("after 9999-12-31"), "\(late.stderr)")
        #expect(try Run(["check", "--fixtures", try Self.fixtures(liyangSigned: "2024-11-28")]).code != 65)
    }

    /// qingpu-2026 §5.2.1a: 70% within 10 working days after the invoice is
    /// received. Received Thursday 9999-12-30, the tenth working day after it
    /// (weekends only: no calendar covers 10000) is Thursday 10000-01-13.
    static let lateInvoice = #"{"contract":"qingpu-2026","type":"invoice","day":"9999-12-30","instalment":"1"}"#

    @Test("record refuses an invoice whose instalment would fall due in 10000, and creates no ledger")
    func record() throws {
        let path = NSTemporaryDirectory() + "horizon-\(UUID().uuidString).jsonl"
        let run = try Run(["record", "invoice", "--ledger", path, "--contract", "qingpu-2026", "--day", "9999-12-30", "--instalment", "1"])
        #expect(run.code == 65)
        #expect(run.stderr.contains("the terms and this event give rise to qingpu-2026 instalment on 10000-01-13 (§5.2.1a), after 9999-12-31"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a ledger edited by hand to the same invoice is refused by every command that loads it")
    func ledger() throws {
        let path = NSTemporaryDirectory() + "horizon-\(UUID().uuidString).jsonl"
        try (Self.lateInvoice + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        for command in [["payments"], ["deadlines", "--format", "ics"], ["penalties"]] {
            let run = try Run(command + ["--ledger", path, "--as-of", "2026-11-21"])
            #expect(run.code == 65, "\(command)")
            #expect(run.stderr.contains("\(path): the terms and the ledger's events give rise to qingpu-2026 instalment on 10000-01-13 (§5.2.1a)"), "\(command): \(run.stderr)")
        }
    }

    /// The shortcut that spares loading the work of `beyond`: it may only
    /// say "cannot reach" where the bound holds. liyang-2024 signed
    /// 9999-12-01 writes that day, so no bound below 9999-12-31 exists; the
    /// bundled one (latest day 2024-11-28, whole numbers adding to 584, so
    /// 586 years at most with the margin) is spared.
    @Test("the loader's bound spares the bundled liyang-2024 and not one signed 9999-12-01")
    func bound() throws {
        let bundled = try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: fixturesFolder + "/liyang-2024.json"))))
        #expect(DateHorizon.cannotReach(bundled))
        let late = try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: try Self.fixtures(liyangSigned: "9999-12-01") + "/liyang-2024.json"))))
        #expect(!DateHorizon.cannotReach(late))
        #expect(!DateHorizon.cannotReach(.object([])), "no day written: worked out in full")
    }
}
