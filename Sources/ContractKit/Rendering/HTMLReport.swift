/// `report`: one self-contained HTML page (no scripts, no network) with
/// inline SVG charts, each figure also in a table below its chart for
/// printing and screen readers, and its clause on hover (`<title>`).
///
/// The page opens with a summary (`HTMLReport+Summary.swift`), then the
/// timelines (`HTMLReport+Timelines.swift`), cash flow, scores, penalties and
/// findings (`HTMLReport+Charts.swift`); the words of the Chinese page are in
/// `HTMLReport+Words.swift`, the screen and print styles in
/// `HTMLReport+Style.swift`.
public struct HTMLReport {
    public typealias Language = ContractKit.Language

    public var contracts: [Contract]
    public var payments: [PaymentLine]
    public var guarantees: [GuaranteeStatus]
    public var scores: [PeriodScore]
    public var windows: [WindowAverage]
    public var penalties: PenaltyReport
    public var findings: [Finding]
    public var deadlines: [DeadlineItem]
    /// What falls due in the quarter of the as-of day, as `due -p` computes it.
    public var quarter: DueReport
    public var asOf: CalendarDay
    public var language: Language

    public init(contracts: [Contract], ledger: Ledger, asOf: CalendarDay, calendar: WorkCalendar, language: Language) throws(ComputationError) {
        self.contracts = contracts
        self.asOf = asOf
        self.language = language
        payments = Payments.lines(for: contracts, ledger: ledger, asOf: asOf, calendar: calendar)
        guarantees = Guarantees.statuses(for: contracts, ledger: ledger, asOf: asOf, calendar: calendar)
        var scores: [PeriodScore] = []
        var windows: [WindowAverage] = []
        for contract in contracts {
            let history = History(contractID: contract.id, ledger: ledger, asOf: asOf)
            scores += Scores.periods(for: contract, history: history)
            windows += Scores.windows(for: contract, history: history, asOf: asOf)
        }
        self.scores = scores
        self.windows = windows
        penalties = try Penalties.report(for: contracts, ledger: ledger, asOf: asOf, calendar: calendar)
        // Most severe first across all contracts; the order within a severity is kept.
        let found = Checks.findings(for: contracts, calendar: calendar)
        findings = found.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
        deadlines = Deadlines.all(for: contracts, ledger: ledger, asOf: asOf, calendar: calendar)
        let quarterStart = CalendarDay(year: asOf.year, month: (asOf.month - 1) / 3 * 3 + 1, day: 1) ?? asOf
        let range = DayRange(from: quarterStart, to: quarterStart.adding(months: 2).endOfMonth, name: "\(asOf.year)Q\((asOf.month - 1) / 3 + 1)")
        quarter = try Dues.report(for: contracts, ledger: ledger, range: range, asOf: asOf, calendar: calendar)
        self.calendar = calendar
    }

    let calendar: WorkCalendar

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    public func rendered() -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="\(language == .zh ? "zh-CN" : "en")">
        <head>
        <meta charset="utf-8">
        <title>\(escape(t("合同履约报告", "Contract report"))) \(asOf)</title>
        <style>
        \(HTMLReport.style)
        </style>
        </head>
        <body>
        <h1>\(escape(t("合同履约报告", "Contract report")))</h1>
        <p class="meta">\(escape(t("截至", "As of"))) <span class="day">\(asOf)</span> · \(contracts.count) \(escape(t("份合同", "contracts"))) · contractctl</p>

        """
        html += summary()
        html += timelines()
        html += cashFlow()
        html += scoreSection()
        html += penaltySection()
        html += findingSection()
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: helpers

    /// A table; the columns in `numeric` are right-aligned, those in
    /// `nowrap` (dates, contract aliases) left-aligned, and neither ever
    /// wraps; in any other cell a date is kept on one line.
    func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>, nowrap: Set<Int> = []) -> String {
        guard !rows.isEmpty else { return "" }
        var html = "<table>\n<thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>" + row.enumerated().map { cell in
                if numeric.contains(cell.offset) { return "<td class=\"num\">\(escape(cell.element))</td>" }
                if nowrap.contains(cell.offset) { return "<td class=\"day\">\(escape(cell.element))</td>" }
                return "<td>\(keepingDates(escape(cell.element)))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Each date of a sentence in a span that never wraps ("2026-06-04", not "2026-06-/04").
    func keepingDates(_ html: String) -> String {
        html.replacingOccurrences(of: #"(\d{4}-\d{2}-\d{2})"#, with: "<span class=\"day\">$1</span>", options: .regularExpression)
    }

    /// A legend: each key a swatch of its class and its words.
    func legend(_ keys: [(String, String)]) -> String {
        "<p class=\"legend\">" + keys.map { "<span class=\"item\"><span class=\"key \($0.0)\"></span>\(escape($0.1))</span>" }.joined(separator: " ") + "</p>\n"
    }

    func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal, written the same on every machine.
    func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
