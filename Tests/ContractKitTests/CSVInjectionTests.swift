import Foundation
import Testing
@testable import ContractKit

/// CSV injection (issue 11, item 7; OWASP "CSV Injection"): a cell that
/// starts with = + - @ tab or CR comes out prefixed with ' and quoted, so
/// that a spreadsheet shows it as text; amounts never change.
@Suite("CSV injection: cells a spreadsheet would run as formulas are neutralised")
struct CSVInjectionTests {
    static let id = "=cmd|' /C calc'!A0"
    static let clause = "=HYPERLINK(A1)"

    /// The bundled fixtures, with liyang-2024's document number and its
    /// instalment 1 clause (§四) replaced by formulas.
    static func hostileFixtures() throws -> String {
        let folder = NSTemporaryDirectory() + "csv-injection-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: packageRoot + "/Fixtures/contracts", toPath: folder)
        let path = folder + "/liyang-2024.json"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: #""id": "JSCZE2408447CGN00""#, with: #""id": "=cmd|' /C calc'!A0""#)
        let instalments = try #require(text.range(of: #""instalments""#))
        let first = try #require(text.range(of: #""clause": "§四""#, range: instalments.upperBound..<text.endIndex))
        text.replaceSubrange(first, with: #""clause": "=HYPERLINK(A1)""#)
        // Instalment 2's clause: a minus that starts no number.
        let second = try #require(text.range(of: #""clause": "§四""#, range: first.lowerBound..<text.endIndex))
        text.replaceSubrange(second, with: #""clause": "-1+1""#)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return folder
    }

    static func golden(_ name: String) throws -> [String] {
        try String(contentsOfFile: packageRoot + "/Tests/ContractKitTests/Golden/" + name, encoding: .utf8).components(separatedBy: "\r\n")
    }

    /// The negative amounts of `diff --format csv` (Golden/diff.minhang-2027.csv:
    /// -9800.00, -38446.45) are numbers, left as they are: the golden test covers them.
    @Test("payments and deadlines CSV: the formula cells are quoted text; every other line and every amount as before",
          arguments: [("payments.csv", ["payments"]), ("deadlines.csv", ["deadlines", "--all"])])
    func neutralised(_ golden: String, _ command: [String]) throws {
        let fixtures = try Self.hostileFixtures()
        let run = try Run(command + ["--format", "csv", "--as-of", "2026-11-21", "--fixtures", fixtures,
                                     "--ledger", packageRoot + "/Fixtures/ledger/example.jsonl"])
        #expect(run.code == 0, "\(run.stderr)")
        // Expected: the golden output (worked out from the contracts), with
        // the two cells changed as OWASP says: ' first, the cell quoted.
        let expected = try Self.golden(golden).map { line in
            var line = line.replacingOccurrences(of: "JSCZE2408447CGN00", with: "\"'" + Self.id + "\"")
            if line.contains("liyang-2024,1,§四,") || line.contains("liyang-2024 instalment 1: ") {
                line = line.replacingOccurrences(of: ",§四,", with: ",\"'" + Self.clause + "\",")
            }
            if line.contains("liyang-2024,2,§四,") || line.contains("liyang-2024 instalment 2: ") {
                line = line.replacingOccurrences(of: ",§四,", with: ",\"'-1+1\",")
            }
            return line
        }
        let lines = run.stdout.components(separatedBy: "\r\n")
        #expect(lines.count == expected.count)
        for (line, want) in zip(lines, expected) { #expect(line == want) }
        #expect(run.stdout.contains("\"'=HYPERLINK(A1)\""))
    }
}

/// RFC 4180 §2 (6) and (7): a field holding a comma, a double quote or a
/// line break is enclosed in double quotes, and a double quote inside it is
/// written twice; any other field, Chinese text included, is written as is.
@Suite("CSV fields: quoted exactly when RFC 4180 says, quotes doubled")
struct CSVFieldTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("延期交付违约金", "延期交付违约金"),
        ("§4.4, 每日", "\"§4.4, 每日\""),
        ("a \"quoted\" word", "\"a \"\"quoted\"\" word\""),
        ("two\nlines", "\"two\nlines\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("crlf\r\nend", "\"crlf\r\nend\""),
        ("中文“全角引号”，全角逗号", "中文“全角引号”，全角逗号"),
        ("\"", "\"\"\"\""),
        ("", ""),
        ("=1+1", "\"'=1+1\""),
        ("=\"x\"", "\"'=\"\"x\"\"\""),
        ("-1200.00", "-1200.00"),
    ])
    func field(_ text: String, _ written: String) {
        #expect(CSV.field(text) == written)
    }

    /// Rows of every length, in more than one chunk: all written, in order,
    /// however long each chunk's text turns out.
    @Test("thousands of rows, short ones first and long ones after, are all written in order")
    func manyRows() {
        let rows = (0..<5000).map { index in [String(index), String(repeating: index < 1024 ? "a" : "长,", count: index / 100)] }
        let expected = "n,text\r\n" + rows.map { row in row.map(CSV.field).joined(separator: ",") + "\r\n" }.joined()
        #expect(CSV.render(header: ["n", "text"], rows: rows) == expected)
    }

    /// Chunks of 2,048 rows (the last one short), each made by one core,
    /// eight at a time (40,000 rows: three rounds of them): joined in the
    /// order of the items.
    @Test("rows made from items on both cores come out in the items' order, each row once", arguments: [0, 1, 2_047, 2_048, 2_049, 10_000, 40_000])
    func rowsFromItems(count: Int) {
        let items = Array(0..<count)
        let expected = "n,twice\r\n" + items.map { "\($0),\($0 * 2)\r\n" }.joined()
        #expect(CSV.render(header: ["n", "twice"], items: items) { [String($0), String($0 * 2)] } == expected)
    }

    @Test("a row: fields joined by commas, CRLF after each row")
    func row() {
        #expect(CSV.render(header: ["a", "b,c"], rows: [["1", "x\"y"]]) == "a,\"b,c\"\r\n1,\"x\"\"y\"\r\n")
    }
}
