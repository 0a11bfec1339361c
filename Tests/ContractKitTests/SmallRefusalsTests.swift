import Foundation
import Testing
@testable import ContractKit

/// The smaller items of issue 11 (item 9): each is refused with the file
/// and the JSON path (exit 65), or read correctly, never passed silently.
/// The fixture is the bundled weinan-2026.json (document number
/// "ZCSP-临渭区-2026-00082", alias "weinan-2026", total 278000.00 at
/// $.price.total.amount), edited one value at a time.
@Suite("Small refusals: ids with control characters, ids and aliases, signed zero, duplicate holidays")
struct SmallRefusalsTests {
    static let good = (try? String(contentsOfFile: fixturesFolder + "/weinan-2026.json", encoding: .utf8)) ?? ""
    static let id = "\"id\": \"ZCSP-临渭区-2026-00082\""

    /// A fixtures folder holding `files` (name -> text).
    static func folder(_ files: [String: String]) throws -> String {
        let folder = NSTemporaryDirectory() + "small-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var why: String
        var from: String
        var to: String
        var stderr: String
        var testDescription: String { why }
    }

    @Test(arguments: [
        Case(why: "a NUL inside the document number (JSON \\u0000)", from: id, to: "\"id\": \"ZCSP-临渭区-2026-\\u000000082\"",
             stderr: "a.json: $.id: \"ZCSP-临渭区-2026-\\u000000082\": contains a control character"),
        Case(why: "a line end inside the document number (JSON \\n)", from: id, to: "\"id\": \"ZCSP-临渭区-\\n2026-00082\"",
             stderr: "a.json: $.id: \"ZCSP-临渭区-\\n2026-00082\": contains a control character"),
        Case(why: "a line end inside an instalment's id", from: "\"id\": \"1\"", to: "\"id\": \"1\\n\"",
             stderr: "a.json: $.instalments[0].id: \"1\\n\": contains a control character"),
        Case(why: "a total of \"-0.00\": a zero takes no sign", from: "\"amount\": \"278000.00\"", to: "\"amount\": \"-0.00\"",
             stderr: "a.json: $.price.total.amount: \"-0.00\": a zero amount takes no sign; write \"0.00\""),
    ])
    func refused(_ c: Case) throws {
        #expect(Self.good.contains(c.from), "the fixture no longer has \(c.from)")
        let folder = try Self.folder(["a.json": Self.good.replacingOccurrences(of: c.from, with: c.to)])
        let run = try Run(["payments", "--fixtures", folder, "--no-ledger"])
        #expect(run.code == 65)
        #expect(run.stderr.contains(c.stderr), "\(run.stderr)")
        #expect(!run.stderr.contains("\u{0}"), "the NUL is printed escaped, not raw")
        #expect(run.stdout.isEmpty)
    }

    @Test("a document number equal to the contract's own alias names one contract, not two: it loads")
    func idEqualToOwnAlias() throws {
        let folder = try Self.folder(["a.json": Self.good.replacingOccurrences(of: Self.id, with: "\"id\": \"weinan-2026\"")])
        let run = try Run(["payments", "--fixtures", folder, "--no-ledger", "--contract", "weinan-2026", "--format", "json"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("weinan-2026"))
    }

    @Test("a document number equal to another contract's alias is refused, naming both files")
    func idEqualToAnotherAlias() throws {
        let liyang = try String(contentsOfFile: fixturesFolder + "/liyang-2024.json", encoding: .utf8)
        let other = Self.good.replacingOccurrences(of: Self.id, with: "\"id\": \"liyang-2024\"")
            .replacingOccurrences(of: "\"alias\": \"weinan-2026\"", with: "\"alias\": \"weinan-copy\"")
        let folder = try Self.folder(["a.json": liyang, "b.json": other])
        let run = try Run(["payments", "--fixtures", folder, "--no-ledger"])
        #expect(run.code == 65)
        #expect(run.stderr.contains("b.json: $.id: \"liyang-2024\" is already used by \(folder)/a.json"), "\(run.stderr)")
    }

    @Test("a day listed twice among a year's holidays: refused with the file and both places")
    func duplicateHoliday() throws {
        let text = "{\"years\": {\"2027\": {\"holidays\": [{\"date\": \"2027-01-01\"}, {\"date\": \"2027-02-06\"}, {\"date\": \"2027-01-01\"}]}}}"
        #expect(throws: LoadError(.badData, file: "c.json", location: "$.years.2027.holidays[2].date", "2027-01-01 is listed twice: it is already $.years.2027.holidays[0]")) {
            try CalendarLoader.parse(Data(text.utf8), file: "c.json")
        }
        let folder = try Self.folder(["cal.json": text])
        let run = try Run(["calendar", "is-workday", "2027-01-04", "--calendar", folder + "/cal.json"])
        #expect(run.code == 65)
        #expect(run.stderr.contains("cal.json: $.years.2027.holidays[2].date: 2027-01-01 is listed twice"), "\(run.stderr)")
    }

    @Test("money: \"-0.00\" and \"-0\" are refused where amounts cannot be negative, read as zero where they can")
    func signedZero() throws {
        #expect(throws: Money.ParseError.negative("-0.00")) { try Money(parsing: "-0.00") }
        #expect(throws: Money.ParseError.negative("-0")) { try Money(parsing: "-0") }
        #expect(try Money(parsing: "-0.00", allowNegative: true).fen == 0)
        #expect(Money.ParseError.negative("-0").description == "\"-0\": a zero amount takes no sign; write \"0\"")
    }
}
