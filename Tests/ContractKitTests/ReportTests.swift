import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ContractKit

@Suite("The HTML report")
struct ReportTests {
    static let asOf = "2026-11-21"

    static func make(_ language: HTMLReport.Language) throws -> HTMLReport {
        let ledger = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/example.jsonl", contracts: Fixture.set)
        return try HTMLReport(contracts: PaymentsTests.contracts, ledger: ledger, asOf: Fixture.day(asOf),
                              calendar: CalendarLoader.builtin, language: language)
    }

    static func report(_ language: HTMLReport.Language) throws -> String { try make(language).rendered() }

    /// The text between `start` and the next `end` after it.
    static func part(_ html: String, from start: String, to end: String) -> String {
        guard let from = html.range(of: start) else { return "" }
        let rest = html[from.lowerBound...]
        guard let to = rest.range(of: end) else { return String(rest) }
        return String(rest[..<to.upperBound])
    }

    /// What a reader sees or hovers: tags removed, the style sheet left out,
    /// and (with `english: false`) the cells marked English left out.
    static func text(_ html: String, english: Bool = true) -> String {
        var text = html.replacingOccurrences(of: #"<style>[\s\S]*?</style>"#, with: " ", options: .regularExpression)
        if !english { text = text.replacingOccurrences(of: #"<td lang="en">[\s\S]*?</td>"#, with: " ", options: .regularExpression) }
        return text.replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
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
        #expect(html.contains("490,000.00 到期 2025-02-26: 逾期 (§四)"))
        #expect(html.contains("3,817,080.00 → 2027-05-31 (§4.2(2)): 已提交"))
        #expect(html.contains("@page { size: A4"))
        // Findings most severe first, across contracts: every error before any warning.
        let section = html.components(separatedBy: "<h2>合同自查</h2>").last ?? ""
        let severities = section.components(separatedBy: "<tr class=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
        let rank = ["error": 0, "warning": 1, "info": 2]
        #expect(severities.count > 5 && severities == severities.sorted { rank[$0, default: 3] < rank[$1, default: 3] })
        #expect(severities.first == "error")
        #expect(section.contains("<td>错误</td>") && !section.contains("<td>error</td>"))
    }

    @Test("English labels with --lang en, and English status words")
    func english() throws {
        let html = try Self.report(.en)
        #expect(html.contains("<h2>Cash flow by quarter</h2>") && html.contains("lang=\"en\""))
        #expect(html.contains("<h2>Summary</h2>"))
        #expect(html.contains("490,000.00 due 2025-02-26: overdue (§四)"))
        #expect(html.contains("<td>error</td>") && html.contains("<td>lodged</td>"))
        // The program's words, not the Chinese page's. Words quoted from a
        // contract stay Chinese: minhang §10.2's condition "甲方逾期付费累计达[壹佰]日"
        // holds 逾期, so quoted spans (“…” and &quot;…&quot;) are left out.
        let quoted = try NSRegularExpression(pattern: "“[^”]*”|&quot;.*?&quot;")
        let own = quoted.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "")
        #expect(own.count < html.count, "the findings quote the contracts")
        for word in ["已付", "逾期", "已提交", "未到期", "错误", "警告", "摘要", "时间线", "通知的最后一天"] {
            #expect(!own.contains(word), "\(word) on the English page")
        }
    }

    /// The status words and internal names the terminal prints: none may
    /// show on the Chinese page, in a cell, a label or a hover title. Only
    /// the findings' messages, which `check` words in English, stay, marked
    /// `lang="en"`.
    @Test("the Chinese page has no Latin status word or internal name")
    func chineseOnly() throws {
        let html = try Self.report(.zh)
        let text = Self.text(html, english: false)
        // Every finding's code has its Chinese name: none falls back to 其他问题.
        #expect(html.contains("<td>保函先于服务期到期</td>") && html.contains("<td>用语未定义</td>"))
        #expect(!html.contains("其他问题"), "a finding code without its Chinese name")
        let words = ["paid", "overdue", "open", "waiting", "conditional", "partly", "lodged", "lapses", "deductible", "undecided",
                     "released", "deducted", "met", "undetermined", "error", "warning", "info", "notice", "given", "instalment",
                     "renewalReminder", "nonRenewal", "termination", "workOrders", "hardening", "emergency", "praise",
                     "incident", "request", "staff", "supplier", "buyer", "capped", "due", "As of"]
        for word in words {
            var context = ""
            if let found = text.range(of: "\\b\(word)\\b", options: .regularExpression) {
                let start = text.index(found.lowerBound, offsetBy: -40, limitedBy: text.startIndex) ?? text.startIndex
                context = String(text[start..<found.upperBound])
            }
            #expect(context.isEmpty, "\"\(word)\" on the Chinese page: …\(context)")
        }
        // The marked English is only in the findings.
        let before = html.components(separatedBy: "<h2>合同自查</h2>").first ?? ""
        #expect(!before.contains("lang=\"en\""))
        // liyang §6.2(7): the supplier reminds the buyer at least 60 days before the term ends (2025-11-28); recorded 2025-09-20.
        #expect(html.contains("<td>乙方通知的最后一天（<span class=\"day\">2025-11-28</span> 前至少 60 天）</td>")
                && html.contains("<td>已于 <span class=\"day\">2025-09-20</span> 发出续约提醒</td>"))
        // minhang's score, 附件2: the sheet's category names, not their ids.
        #expect(html.contains("工单处置：3 × 5 = 15，以 10 分为限"))
    }

    /// Overdue money is red wherever it is drawn, and the red means nothing else.
    @Test("overdue in the legend's red: liyang's instalments on its timeline and in the cash flow")
    func overdueColour() throws {
        let html = try Self.report(.zh)
        // liyang §四: 490,000.00 due 2025-02-26 and 2026-02-26, neither paid in full by 2026-11-21.
        let liyang = Self.part(html, from: "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 160\" role=\"img\" aria-labelledby=\"tl-liyang-2024\">", to: "</svg>")
        #expect(liyang.components(separatedBy: "class=\"due overdue\"").count - 1 == 2)
        #expect(!liyang.contains("class=\"due open\""))
        // Instalment 1 was paid 12 days late (2025-03-10); §7.3's interest, 0.05% x 490,000.00 x 12 days = 2,940.00,
        // is paid before principal (Reading 7), so 2,940.00 of the principal is still owed: red in 2025Q1.
        let cash = Self.part(html, from: "aria-labelledby=\"cash-title\"", to: "</svg>")
        #expect(cash.contains("class=\"bar overdue\"><title>2025Q1 逾期: 2,940.00</title>"))
        #expect(!cash.contains("<title>2025Q1 未到期") && !cash.contains("<title>2026Q1 未到期"))
        #expect(cash.contains("<title>2026Q1 逾期: "))
        // The red is used only for overdue money, the below-threshold scores and the 80-point line have their own.
        let scores = Self.part(html, from: "aria-labelledby=\"scores-title\"", to: "</svg>")
        #expect(!scores.contains("bar ") && scores.contains("class=\"score pass\""))
        let penalties = Self.part(html, from: "aria-labelledby=\"penalties-title\"", to: "</svg>")
        #expect(!penalties.contains("class=\"bar ") && penalties.contains("class=\"payer buyer\"") && penalties.contains("class=\"payer supplier\""))
        #expect(html.contains("<span class=\"key payer buyer\"></span>甲方支付") && html.contains("<span class=\"key payer supplier\"></span>乙方支付"))
        let style = HTMLReport.style
        #expect(style.contains(".due.overdue, .bar.overdue, .key.overdue { fill: #c0392b"))
        #expect(!style.contains(".payer.buyer, .key.payer.buyer { fill: #c0392b") && !style.contains(".payer.supplier, .key.payer.supplier { fill: #c0392b"))
    }

    /// The summary comes from the computations of `due`, `penalties` and `check`.
    @Test("a summary at the top: this quarter, overdue, conditional, net penalties, findings by severity")
    func summary() throws {
        let report = try Self.make(.zh)
        let html = report.rendered()
        let summary = Self.part(html, from: "<section class=\"summary\">", to: "</section>")
        #expect(html.range(of: "<section class=\"summary\">").map { $0.lowerBound < (html.range(of: "<h2>时间线</h2>")?.lowerBound ?? html.startIndex) } == true)
        // 2026Q4: minhang's instalment 2, 50% of 8,298,000.00 due 2026-10-30 (§4.2(2)), and weinan's, 50% of 278,000.00,
        // 139,000.00, due at the earliest 2026-11-26 (§三.1, waiting on the invoice): 4,288,000.00, of it 139,000.00 unpaid.
        #expect(summary.contains("<th>本季度（2026Q4）到期</th><td class=\"num\">4,288,000.00</td><td>其中未付 139,000.00</td>"))
        #expect(summary.contains("<th>其中待事件</th><td class=\"num\">139,000.00</td>"))
        #expect(summary.contains("<th>其中有条件</th><td class=\"num\">\(report.quarter.conditionalTotal.grouped)</td>"))
        // Overdue: liyang's two instalments (§四), due before the quarter and unpaid, in red; none of 2026Q4's is overdue
        // (minhang's was paid, weinan's waits on the invoice).
        #expect(report.quarter.overdue.map(\.alias) == ["liyang-2024", "liyang-2024"])
        let carried = report.quarter.overdueCarriedIn.grouped
        #expect(summary.contains("<tr class=\"overdue\"><th>逾期未付</th><td class=\"num\">\(carried)</td><td>前期到期 2 笔 \(carried)，本季度到期 0 笔 0.00，截至 <span class=\"day\">2026-11-21</span></td>"))
        // Net penalties: the penalties' totals by paying party, suppliers less buyers.
        let owed = report.penalties.totals.reduce(into: [PartyRole: Int128]()) { $0[$1.payer, default: 0] += Int128($1.amount.fen) }
        let buyers = owed[.buyer] ?? 0, suppliers = owed[.supplier] ?? 0
        #expect(suppliers > buyers)
        #expect(summary.contains("<td class=\"num\">\(Money.formatted(suppliers - buyers, grouped: true))</td><td>甲方应付 \(Money.formatted(buyers, grouped: true))，乙方应付 \(Money.formatted(suppliers, grouped: true))；乙方净付"))
        let count = { (severity: Finding.Severity) in report.findings.filter { $0.severity == severity }.count }
        #expect(summary.contains("<td>错误 \(count(.error))，警告 \(count(.warning))，提示 \(count(.info))</td>"))
        // weinan alone has 2 errors (its 大写 and its 2016 signatures): there are errors to count.
        #expect(count(.error) >= 2)
    }

    /// As of 2026-03-15, liyang's instalment 2 (§四, 490,000.00 due 2026-02-26) is overdue inside the quarter:
    /// the ledger pays nothing towards it before 2026-03-20. Instalment 1's 2,940.00 (§7.3 interest taken first,
    /// 0.05% x 490,000.00 x 12 days, Reading 7) is carried in from 2025Q1: 492,940.00 overdue in all.
    @Test("the summary's overdue counts this quarter's overdue instalments too")
    func overdueInQuarter() throws {
        let ledger = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/example.jsonl", contracts: Fixture.set)
        let html = try HTMLReport(contracts: PaymentsTests.contracts, ledger: ledger, asOf: Fixture.day("2026-03-15"),
                                  calendar: CalendarLoader.builtin, language: .en).rendered()
        #expect(html.contains("<tr class=\"overdue\"><th>Overdue, unpaid</th><td class=\"num\">492,940.00</td><td>1 from earlier quarters, 2,940.00; 1 due this quarter, 490,000.00; as of <span class=\"day\">2026-03-15</span></td></tr>"))
        // 2026Q1: liyang's 490,000.00 and qingpu's 70%, 1,464,260.00 (§5.2.1a), paid.
        #expect(html.contains("<th>Due this quarter (2026Q1)</th><td class=\"num\">1,954,260.00</td><td>of it unpaid 490,000.00</td>"))
    }

    @Test("timelines: month ticks and a legend for every mark")
    func timelines() throws {
        let html = try Self.report(.zh)
        // minhang §4.2(2): instalments 2026-07-28 and 2026-10-30, guarantees to 2027-05-31: months 08 to 05 are ticked.
        let minhang = Self.part(html, from: "aria-labelledby=\"tl-minhang-2026\"", to: "</svg>")
        for month in ["08", "09", "10", "11", "12", "02", "03", "04", "05"] {
            #expect(minhang.contains("class=\"axis\">\(month)</text>"), "month \(month)")
        }
        #expect(minhang.contains("class=\"axis year\">2027</text>"))
        let legend = Self.part(html, from: "<h2>时间线</h2>", to: "</p>")
        for key in ["term", "window", "guarantee", "guarantee planned", "due paid", "due open", "due overdue", "due conditional", "notice", "today"] {
            #expect(legend.contains("<span class=\"key \(key)\"></span>"), "legend key \(key)")
        }
    }

    @Test("cash flow: a y-axis, and the quarters with nothing due as gaps")
    func cashFlowAxis() throws {
        let html = try Self.report(.zh)
        let cash = Self.part(html, from: "aria-labelledby=\"cash-title\"", to: "</svg>")
        #expect(cash.contains("class=\"label\">元</text>") && cash.contains("class=\"label\">0</text>"))
        // The largest quarter, 2026Q3 (minhang's 4,149,000.00 on 2026-07-28) or 2026Q4, is under 5,000,000: the axis ends there.
        #expect(cash.contains("class=\"label\">5,000,000</text>") && !cash.contains("class=\"label\">6,000,000</text>"))
        // keping §二.2 (2024-12-31, 2025-12-31) and liyang §四 (2025-02-26, 2026-02-26): nothing falls due in 2025Q2 and 2025Q3.
        #expect(cash.contains("class=\"axis empty\">2025Q2</text>") && cash.contains("class=\"axis empty\">2025Q3</text>"))
        #expect(cash.contains("class=\"axis\">2025Q4</text>"))
        let scores = Self.part(html, from: "aria-labelledby=\"scores-title\"", to: "</svg>")
        #expect(scores.contains("class=\"label\">得分</text>") && scores.contains("class=\"label\">100</text>") && scores.contains("class=\"label\">考核期末</text>"))
    }

    @Test("print: dates never wrap, each chart kept with its table, A4", arguments: [HTMLReport.Language.zh, .en])
    func printed(_ language: HTMLReport.Language) throws {
        let html = try Self.report(language)
        // Every date outside the charts is in a cell or a span that never wraps: with those taken out, none is left.
        let body = html.components(separatedBy: "<body>").last ?? ""
        let charts = body.replacingOccurrences(of: #"<svg[\s\S]*?</svg>"#, with: "", options: .regularExpression)
        let dates = #"(≥ )?\d{4}-\d{2}-\d{2}"#
        #expect(charts.components(separatedBy: "<td class=\"day\">").count > 20)
        let unkept = charts
            .replacingOccurrences(of: #"<td class="(day|num)">[^<]*</td>"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"<span class="day">\#(dates)</span>"#, with: "", options: .regularExpression)
        let left = unkept.range(of: dates, options: .regularExpression).map { String(unkept[$0]) }
        #expect(left == nil, "a date that may wrap: \(left ?? "")")
        #expect(HTMLReport.style.contains("td.num, td.day, .day { text-align: right; white-space: nowrap; }"))
        #expect(HTMLReport.style.contains(".keep, figure, tr, table.summary { break-inside: avoid-page; }"))
        #expect(HTMLReport.style.contains("print-color-adjust: exact"))
        // Each figure sits in a block kept whole with the table after it.
        let keeps = html.components(separatedBy: "<div class=\"keep\">").dropFirst()
        #expect(keeps.count == 8)
        #expect(keeps.allSatisfy { block in (block.components(separatedBy: "</div>").first ?? "").contains("<figure>") && (block.components(separatedBy: "</div>").first ?? "").contains("<table>") })
    }
}
