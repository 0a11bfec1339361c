import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ContractKit

@Suite("The HTML report")
struct ReportTests {
    static func report(_ language: HTMLReport.Language) throws -> String {
        let ledger = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/example.jsonl", contracts: Fixture.set)
        return try HTMLReport(contracts: PaymentsTests.contracts, ledger: ledger, asOf: Fixture.day("2026-11-21"),
                          calendar: CalendarLoader.builtin, language: language).rendered()
    }

    /// Every inline SVG must be well-formed XML.
    @Test("each SVG parses as XML", arguments: [HTMLReport.Language.zh, .en])
    func svgIsXML(_ language: HTMLReport.Language) throws {
        let html = try Self.report(language)
        var rest = Substring(html)
        var count = 0
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            let svg = String(rest[start.lowerBound..<end.upperBound])
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "SVG \(count + 1): \(parser.parserError.map { "\($0)" } ?? "")")
            count += 1
            rest = rest[end.upperBound...]
        }
        // A timeline per contract, the cash flow, the scores and the penalties.
        #expect(count == 8)
    }

    @Test("self-contained: no scripts, no links out, every figure with its clause")
    func selfContained() throws {
        let html = try Self.report(.zh)
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=") && !html.contains("<link"))
        // Hover titles carry the clause: liyang's overdue instalment, minhang's guarantee.
        #expect(html.contains("490,000.00 到期 2025-02-26: overdue (§四)"))
        #expect(html.contains("3,817,080.00 → 2027-05-31 (§4.2(2)): lodged"))
        #expect(html.contains("@page { size: A4"))
        // Findings most severe first, across contracts: every error before any warning.
        let section = html.components(separatedBy: "<h2>合同自查</h2>").last ?? ""
        let severities = section.components(separatedBy: "<tr><td>").dropFirst().compactMap { $0.components(separatedBy: "</td>").first }
        #expect(severities.count > 5 && severities == severities.sorted { ["error": 0, "warning": 1, "info": 2][$0, default: 3] < ["error": 0, "warning": 1, "info": 2][$1, default: 3] })
        #expect(severities.first == "error")
    }

    @Test("English labels with --lang en")
    func english() throws {
        let html = try Self.report(.en)
        #expect(html.contains("<h2>Cash flow by quarter</h2>") && html.contains("lang=\"en\""))
    }
}

/// The page in a real browser: headless Chromium (Debian's `chromium`,
/// installed by .ci/run when absent) renders it to a PNG, which must not be
/// blank, with no console error.
@Suite("The HTML report in a real browser")
struct ReportBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func screenshot(_ page: String, to png: String) throws -> (code: Int32, stderr: String) {
        let run = try Run([Self.chromium ?? "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--enable-logging=stderr", "--v=0", "--window-size=1200,2400", "--screenshot=\(png)", "file://\(page)"], shell: true)
        return (run.code, run.stderr)
    }

    @Test("it renders, is not blank, and logs no console error")
    func renders() throws {
        guard Self.chromium != nil else {
            if ProcessInfo.processInfo.environment["CI"] != nil { Issue.record("chromium is missing: .ci/run should have installed it") }
            return
        }
        let folder = NSTemporaryDirectory() + "report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ReportTests.report(.zh).write(toFile: folder + "/report.html", atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><html><body></body></html>".write(toFile: folder + "/blank.html", atomically: true, encoding: .utf8)
        let report = try screenshot(folder + "/report.html", to: folder + "/report.png")
        let blank = try screenshot(folder + "/blank.html", to: folder + "/blank.png")
        #expect(report.code == 0 && blank.code == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/report.png"))
        let empty = try Data(contentsOf: URL(fileURLWithPath: folder + "/blank.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // A white page compresses to almost nothing; charts, text and tables do not.
        #expect(png.count > empty.count * 4, "report \(png.count) bytes, blank page \(empty.count)")
        let console = report.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "\(console)")
    }
}
