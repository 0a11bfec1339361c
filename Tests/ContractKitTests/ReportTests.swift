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
        return HTMLReport(contracts: PaymentsTests.contracts, ledger: ledger, asOf: Fixture.day("2026-11-21"),
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
        // A timeline per contract, the cash flow and the scores.
        #expect(count == 7)
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
    }

    @Test("English labels with --lang en")
    func english() throws {
        let html = try Self.report(.en)
        #expect(html.contains("<h2>Cash flow by quarter</h2>") && html.contains("lang=\"en\""))
    }
}
