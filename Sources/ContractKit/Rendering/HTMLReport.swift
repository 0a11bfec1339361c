/// `report`: one self-contained HTML page (no scripts, no network) with
/// inline SVG charts, each figure also in a table below its chart for
/// printing and screen readers, and its clause on hover (`<title>`).
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
        <p class="meta">\(escape(t("截至", "As of"))) \(asOf) · \(contracts.count) \(escape(t("份合同", "contracts"))) · contractctl</p>

        """
        html += timelines()
        html += cashFlow()
        html += scoreSection()
        html += penaltySection()
        html += findingSection()
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: timelines

    func timelines() -> String {
        var html = "<section>\n<h2>\(escape(t("时间线", "Timelines")))</h2>\n"
        html += "<p class=\"legend\">\(legend())</p>\n"
        for contract in contracts {
            let dates = ContractDates(contract, calendar: calendar)
            let own = payments.filter { $0.contractID == contract.id }
            let guarantees = self.guarantees.filter { $0.contractID == contract.id }
            let windows = contract.assessment?.windows ?? []
            let notices = deadlines.filter { $0.contractID == contract.id && $0.kind == "notice" }
            var days: [CalendarDay] = [asOf]
            if let start = dates.termStart { days.append(start) }
            if let end = dates.termEnd?.day { days.append(end) }
            days += own.compactMap { $0.dueDate ?? $0.earliestDueDate }
            days += guarantees.compactMap(\.validUntil) + guarantees.compactMap(\.lodgedOn)
            days += windows.map(\.periodsEndingTo) + windows.compactMap(\.periodsEndingFrom)
            days += notices.map(\.day)
            guard let first = days.min(), let last = days.max() else { continue }
            let start = first.adding(days: -15)
            let span = max(1, last.dayNumber - start.dayNumber + 15)
            let width = 900.0 / Double(span)
            func x(_ day: CalendarDay) -> String { format(40 + Double(day.dayNumber - start.dayNumber) * width) }
            let name = escape(language == .zh ? contract.title : contract.alias)
            var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 150\" role=\"img\" aria-labelledby=\"tl-\(contract.alias)\">\n"
            svg += "<title id=\"tl-\(contract.alias)\">\(escape(contract.alias)): \(escape(t("服务期、付款、保函、考核窗口", "service term, payments, guarantees, assessment windows")))</title>\n"
            // Year ticks.
            for year in first.year...(last.year + 1) {
                if let day = CalendarDay(year: year, month: 1, day: 1), day >= start, day.dayNumber - start.dayNumber <= span {
                    svg += "<line x1=\"\(x(day))\" y1=\"10\" x2=\"\(x(day))\" y2=\"140\" class=\"tick\"/><text x=\"\(x(day))\" y=\"148\" class=\"axis\">\(year)</text>\n"
                }
            }
            if let begin = dates.termStart, let end = dates.termEnd?.day {
                svg += "<rect x=\"\(x(begin))\" y=\"20\" width=\"\(format(max(1, Double(end.dayNumber - begin.dayNumber) * width)))\" height=\"14\" class=\"term\"><title>\(escape(t("服务期", "service term"))) \(begin) – \(end) (\(escape(contract.term.clause)))</title></rect>\n"
            }
            for window in windows {
                let from = window.periodsEndingFrom ?? window.periodsEndingTo.adding(days: -90)
                svg += "<rect x=\"\(x(from))\" y=\"44\" width=\"\(format(max(2, Double(window.periodsEndingTo.dayNumber - from.dayNumber) * width)))\" height=\"10\" class=\"window\"><title>\(escape(t("考核窗口", "assessment window"))) \(escape(window.label)) → \(window.periodsEndingTo), ≥ \(window.atLeast) (\(escape(window.clause)))</title></rect>\n"
            }
            for guarantee in guarantees {
                guard let until = guarantee.validUntil, let from = guarantee.lodgedOn ?? guarantee.lodgeBy else { continue }
                svg += "<rect x=\"\(x(from))\" y=\"64\" width=\"\(format(max(2, Double(until.dayNumber - from.dayNumber) * width)))\" height=\"10\" class=\"guarantee \(guarantee.lodgedOn == nil ? "planned" : "")\"><title>\(escape(t("保函", "guarantee"))) \(escape(guarantee.name ?? guarantee.id)) \(guarantee.amount.grouped) → \(until) (\(escape(guarantee.clause))): \(escape(guarantee.state.rawValue))</title></rect>\n"
            }
            for line in own {
                guard let day = line.dueDate ?? line.earliestDueDate else { continue }
                let state = line.status == .paid ? "paid" : (line.status == .overdue ? "overdue" : ([.conditional, .waiting, .conditionNotMet].contains(line.status) ? "conditional" : "open"))
                svg += "<circle cx=\"\(x(day))\" cy=\"97\" r=\"7\" class=\"due \(state)\"><title>\(escape(t("第", "instalment "))) \(escape(line.instalment)) \(escape(t("期", ""))) \(line.amount.grouped) \(escape(t("到期", "due"))) \(line.dueDate == nil ? "≥ " : "")\(day): \(escape(line.status.rawValue)) (\(escape(line.clause)))</title></circle>\n"
            }
            for notice in notices {
                let cx = x(notice.day)
                svg += "<path d=\"M\(cx) 112 l6 8 l-6 8 l-6 -8 z\" class=\"notice\"><title>\(escape(notice.title)) (\(escape(notice.clause)))</title></path>\n"
            }
            svg += "<line x1=\"\(x(asOf))\" y1=\"10\" x2=\"\(x(asOf))\" y2=\"140\" class=\"today\"><title>\(escape(t("今天", "as of"))) \(asOf)</title></line>\n"
            svg += "</svg>\n"
            html += "<figure>\n<figcaption>\(name)</figcaption>\n\(svg)</figure>\n"
            html += table([t("日期", "Day"), t("事项", "What"), t("金额", "Amount"), t("条款", "Clause"), t("状态", "State")],
                          own.compactMap { line in (line.dueDate ?? line.earliestDueDate).map { day in
                              [(line.dueDate == nil ? "≥ " : "") + day.description, "\(t("付款", "instalment")) \(line.instalment)", line.amount.grouped, line.clause, line.status.rawValue]
                          } } + guarantees.compactMap { g in g.validUntil.map { [$0.description, "\(t("保函到期", "guarantee expires")) \(g.name ?? g.id)", g.amount.grouped, g.clause, g.state.rawValue] } }
                          + notices.map { [$0.day.description, $0.title, "", $0.clause, $0.done ?? ""] }, numeric: [2])
        }
        return html + "</section>\n"
    }

    func legend() -> String {
        [("paid", t("已付", "paid")), ("open", t("未到期", "open")), ("overdue", t("逾期", "overdue")), ("conditional", t("有条件/待事件", "conditional or waiting"))]
            .map { "<span class=\"key \($0.0)\"></span>\(escape($0.1))" }.joined(separator: " ")
    }

    // MARK: cash flow by quarter

    func cashFlow() -> String {
        struct Bucket {
            var paid = MoneyTotal(), due = MoneyTotal(), conditional = MoneyTotal()
            var all: MoneyTotal { var total = paid; total.add(due); total.add(conditional); return total }
        }
        var buckets: [String: Bucket] = [:]
        for line in payments {
            guard let day = line.dueDate ?? line.earliestDueDate else { continue }
            let key = "\(day.year)Q\((day.month - 1) / 3 + 1)"
            var bucket = buckets[key] ?? Bucket()
            bucket.paid.add(line.paid)
            if [.conditional, .waiting, .conditionNotMet].contains(line.status) { bucket.conditional.add(line.outstanding) } else { bucket.due.add(line.outstanding) }
            buckets[key] = bucket
        }
        let keys = buckets.keys.sorted()
        let largest = buckets.values.map(\.all).max() ?? MoneyTotal()
        var html = "<section>\n<h2>\(escape(t("按季度现金流", "Cash flow by quarter")))</h2>\n"
        guard !keys.isEmpty, largest > MoneyTotal() else { return html + "<p>\(escape(t("无", "None")))</p>\n</section>\n" }
        let barWidth = min(80.0, 880.0 / Double(keys.count))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 240\" role=\"img\" aria-labelledby=\"cash-title\">\n<title id=\"cash-title\">\(escape(t("按季度：已付、应付、有条件", "By quarter: paid, due, conditional")))</title>\n"
        for (index, key) in keys.enumerated() {
            let bucket = buckets[key] ?? Bucket()
            var top = 200.0
            let left = 50 + Double(index) * barWidth
            for (part, amount) in [("paid", bucket.paid), ("open", bucket.due), ("conditional", bucket.conditional)] where amount > MoneyTotal() {
                let height = 180.0 * Double(amount.fen) / Double(largest.fen)
                top -= height
                svg += "<rect x=\"\(format(left))\" y=\"\(format(top))\" width=\"\(format(barWidth * 0.7))\" height=\"\(format(height))\" class=\"bar \(part)\"><title>\(key) \(part): \(amount.grouped)</title></rect>\n"
            }
            svg += "<text x=\"\(format(left + barWidth * 0.35))\" y=\"218\" class=\"axis\">\(key)</text>\n"
        }
        svg += "<line x1=\"45\" y1=\"200\" x2=\"940\" y2=\"200\" class=\"tick\"/>\n</svg>\n"
        html += "<figure>\n\(svg)</figure>\n<p class=\"legend\">\(legend())</p>\n"
        html += table([t("季度", "Quarter"), t("已付", "Paid"), t("应付", "Due"), t("有条件", "Conditional")],
                      keys.map { key in let b = buckets[key] ?? Bucket(); return [key, b.paid.grouped, b.due.grouped, b.conditional.grouped] }, numeric: [1, 2, 3])
        return html + "</section>\n"
    }

    // MARK: scores

    func scoreSection() -> String {
        var html = "<section>\n<h2>\(escape(t("考核得分", "Assessment scores")))</h2>\n"
        guard !scores.isEmpty else { return html + "<p>\(escape(t("尚无考核记录", "No assessment recorded")))</p>\n</section>\n" }
        let barWidth = min(60.0, 880.0 / Double(scores.count))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 200\" role=\"img\" aria-labelledby=\"scores-title\">\n<title id=\"scores-title\">\(escape(t("各期得分与 80 分线", "Scores per period against the 80-point line")))</title>\n"
        for (index, score) in scores.enumerated() {
            let height = 150.0 * Double(score.total) / 100
            let left = 50 + Double(index) * barWidth
            svg += "<rect x=\"\(format(left))\" y=\"\(format(170 - height))\" width=\"\(format(barWidth * 0.7))\" height=\"\(format(height))\" class=\"bar \(score.total >= 80 ? "paid" : "overdue")\"><title>\(escape(score.alias)) \(score.from)–\(score.to): \(score.total) = \(escape(score.arithmetic)) (\(escape(score.clause)))</title></rect>\n"
        }
        svg += "<line x1=\"45\" y1=\"\(format(170 - 120))\" x2=\"940\" y2=\"\(format(170 - 120))\" class=\"threshold\"><title>80</title></line>\n<line x1=\"45\" y1=\"170\" x2=\"940\" y2=\"170\" class=\"tick\"/>\n</svg>\n"
        html += "<figure>\n\(svg)</figure>\n"
        html += table([t("合同", "Contract"), t("期间", "Period"), t("得分", "Score"), t("算式", "Arithmetic")],
                      scores.map { [$0.alias, "\($0.from) – \($0.to)", String($0.total), $0.arithmetic] }, numeric: [2])
        html += table([t("合同", "Contract"), t("窗口", "Window"), t("平均", "Average"), t("门槛", "At least"), t("结果", "State")],
                      windows.map { [$0.alias, $0.window.label, $0.averageText ?? "-", $0.window.atLeast.description, $0.state.rawValue] }, numeric: [2, 3])
        return html + "</section>\n"
    }

    // MARK: penalties and findings

    func penaltySection() -> String {
        let words = PenaltyWording(language)
        var html = "<section>\n<h2>\(escape(t("违约金", "Penalties")))</h2>\n"
        // One bar per rule and paying party, the length its total.
        var byRule: [(key: String, payer: PartyRole, clause: String, amount: MoneyTotal)] = []
        for line in penalties.lines where line.amount != .zero {
            let key = "\(line.alias) \(line.rule)"
            if let index = byRule.firstIndex(where: { $0.key == key && $0.payer == line.payer }) {
                byRule[index].amount.add(line.amount)
            } else {
                byRule.append((key, line.payer, line.clause, MoneyTotal([line.amount])))
            }
        }
        byRule = byRule.filter { $0.amount > MoneyTotal() }
        if let largest = byRule.map(\.amount).max(), largest > MoneyTotal() {
            let height = 18.0
            var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 \(format(Double(byRule.count) * height + 10))\" role=\"img\" aria-labelledby=\"penalties-title\">\n<title id=\"penalties-title\">\(escape(t("各规则违约金，按支付方", "Penalties by rule and paying party")))</title>\n"
            for (index, item) in byRule.enumerated() {
                let y = 5 + Double(index) * height
                let width = 520.0 * Double(item.amount.fen) / Double(largest.fen)
                svg += "<text x=\"295\" y=\"\(format(y + 12))\" class=\"label\">\(escape(item.key))</text>\n"
                svg += "<rect x=\"300\" y=\"\(format(y + 2))\" width=\"\(format(max(1, width)))\" height=\"\(format(height - 5))\" class=\"bar \(item.payer == .buyer ? "open" : "overdue")\"><title>\(escape(item.key)) \(escape(item.clause)): \(item.amount.grouped), \(escape(t("支付方", "paid by"))) \(escape(words.party(item.payer)))</title></rect>\n"
                svg += "<text x=\"\(format(305 + width))\" y=\"\(format(y + 12))\" class=\"value\">\(item.amount.grouped)</text>\n"
            }
            svg += "</svg>\n"
            html += "<figure>\n\(svg)</figure>\n<p class=\"legend\"><span class=\"key open\"></span>\(escape(t("甲方支付", "paid by the buyer"))) <span class=\"key overdue\"></span>\(escape(t("乙方支付", "paid by the supplier")))</p>\n"
        }
        // The sentence of each line in the report's language; interest and
        // cap lines are marked beside the rule, as in the terminal's table.
        html += table([t("合同", "Contract"), t("规则", "Rule"), t("条款", "Clause"), t("支付方", "Payer"), t("金额", "Amount"), t("算式", "Formula")],
                      penalties.lines.filter { $0.amount != .zero }.map { line in
                          let suffix = line.kind == "interest" ? t(" 利息", " interest") : (line.kind == "cap" ? t(" 上限", " cap") : "")
                          return [line.alias, line.rule + suffix, line.clause, words.party(line.payer), line.amount.grouped, words.formula(line)]
                      }, numeric: [4])
        html += table([t("合同", "Contract"), t("支付方", "Payer"), t("合计", "Total")],
                      penalties.totals.map { [$0.alias, words.party($0.payer), $0.amount.grouped] }, numeric: [2])
        return html + "</section>\n"
    }

    func findingSection() -> String {
        var html = "<section>\n<h2>\(escape(t("合同自查", "Check findings")))</h2>\n"
        html += table([t("严重性", "Severity"), t("合同", "Contract"), t("代码", "Code"), t("条款", "Clause"), t("说明", "Message")],
                      findings.map { [$0.severity.rawValue, $0.alias, $0.code, $0.clause, $0.message] }, numeric: [])
        return html + "</section>\n"
    }

    // MARK: helpers

    func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>) -> String {
        guard !rows.isEmpty else { return "" }
        var html = "<table>\n<thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>" + row.enumerated().map { "<td\(numeric.contains($0.offset) ? " class=\"num\"" : "")>\(escape($0.element))</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
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

    static let style = """
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", sans-serif; margin: 2em; color: #222; }
    h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; margin-top: 2em; }
    .meta { color: #666; } figure { margin: 1em 0; } figcaption { font-weight: bold; margin-bottom: .3em; }
    svg { width: 100%; height: auto; } table { border-collapse: collapse; margin: .6em 0 1.2em; font-size: .85em; }
    th, td { border: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; } td.num { text-align: right; white-space: nowrap; }
    .term { fill: #cfd8e3; } .window { fill: #f3d9a4; } .guarantee { fill: #b9d7b0; } .guarantee.planned { fill: none; stroke: #6a9f5f; stroke-dasharray: 4 2; }
    .due.paid, .bar.paid, .key.paid { fill: #2e8b57; background: #2e8b57; } .due.open, .bar.open, .key.open { fill: #1f6fb2; background: #1f6fb2; }
    .due.overdue, .bar.overdue, .key.overdue { fill: #c0392b; background: #c0392b; }
    .due.conditional, .bar.conditional, .key.conditional { fill: #ffffff; stroke: #888; stroke-dasharray: 3 2; background: #ddd; }
    .notice { fill: #8e44ad; } .today { stroke: #e67e22; stroke-width: 2; } .tick { stroke: #bbb; } .threshold { stroke: #c0392b; stroke-dasharray: 6 3; }
    .axis { font-size: 11px; fill: #555; text-anchor: middle; } .label { font-size: 11px; fill: #333; text-anchor: end; } .value { font-size: 11px; fill: #333; } .key { display: inline-block; width: .9em; height: .9em; margin: 0 .3em 0 1em; vertical-align: middle; border: 1px solid #888; }
    @page { size: A4; margin: 15mm; } @media print { body { margin: 0; } section { break-inside: avoid-page; } }
    """
}
