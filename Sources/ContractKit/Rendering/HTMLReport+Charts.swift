/// Cash flow by quarter, assessment scores, penalties and findings: each a
/// chart with its axis and legend, and its table, kept together in print.
extension HTMLReport {
    // MARK: cash flow by quarter

    struct Quarter {
        var paid = MoneyTotal(), overdue = MoneyTotal(), open = MoneyTotal(), conditional = MoneyTotal()
        var all: MoneyTotal { var total = paid; total.add(overdue); total.add(open); total.add(conditional); return total }
    }

    /// Every quarter from the first due day to the last, those with nothing due included (a gap in the chart).
    func quarters() -> [(name: String, money: Quarter)] {
        var buckets: [Int: Quarter] = [:]
        for line in payments {
            guard let day = line.dueDate ?? line.earliestDueDate else { continue }
            let key = day.year * 4 + (day.month - 1) / 3
            var bucket = buckets[key] ?? Quarter()
            bucket.paid.add(line.paid)
            switch statusClass(line) {
            case "overdue": bucket.overdue.add(line.outstanding)
            case "conditional": bucket.conditional.add(line.outstanding)
            default: bucket.open.add(line.outstanding)
            }
            buckets[key] = bucket
        }
        guard let first = buckets.keys.min(), let last = buckets.keys.max() else { return [] }
        return (first...last).map { key in ("\(key / 4)Q\(key % 4 + 1)", buckets[key] ?? Quarter()) }
    }

    /// A round step for an axis up to `largest` fen: 1, 2 or 5 times a power of ten, at most five steps.
    func axisStep(_ largest: Int128) -> Int128 {
        var power: Int128 = 100
        while true {
            for factor: Int128 in [1, 2, 5] where largest <= power * factor * 5 { return power * factor }
            power *= 10
        }
    }

    func cashFlow() -> String {
        let quarters = quarters()
        var html = "<section>\n<h2>\(escape(t("按季度现金流", "Cash flow by quarter")))</h2>\n"
        let largest = quarters.map(\.money.all).max() ?? MoneyTotal()
        guard !quarters.isEmpty, largest > MoneyTotal() else { return html + "<p>\(escape(t("无", "None")))</p>\n</section>\n" }
        let step = axisStep(largest.fen)
        let top = (largest.fen + step - 1) / step * step
        func height(_ fen: Int128) -> Double { 180.0 * Double(fen) / Double(top) }
        let barWidth = min(80.0, 860.0 / Double(quarters.count))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 240\" role=\"img\" aria-labelledby=\"cash-title\">\n<title id=\"cash-title\">\(escape(t("按季度：已付、逾期、未到期、有条件", "By quarter: paid, overdue, not yet due, conditional")))</title>\n"
        svg += "<text x=\"76\" y=\"10\" class=\"label\">\(escape(t("元", "CNY")))</text>\n"
        var tick: Int128 = 0
        while tick <= top {
            let y = format(200 - height(tick))
            svg += "<line x1=\"80\" y1=\"\(y)\" x2=\"940\" y2=\"\(y)\" class=\"grid\"/><text x=\"76\" y=\"\(y)\" dy=\"4\" class=\"label\">\(Money.formatted(tick, grouped: true).dropLast(3))</text>\n"
            tick += step
        }
        for (index, quarter) in quarters.enumerated() {
            var y = 200.0
            let left = 90 + Double(index) * barWidth
            for (part, amount) in [("paid", quarter.money.paid), ("overdue", quarter.money.overdue), ("open", quarter.money.open), ("conditional", quarter.money.conditional)] where amount > MoneyTotal() {
                let h = height(amount.fen)
                y -= h
                svg += "<rect x=\"\(format(left))\" y=\"\(format(y))\" width=\"\(format(barWidth * 0.7))\" height=\"\(format(h))\" class=\"bar \(part)\"><title>\(quarter.name) \(escape(statusLegend().first { $0.0 == part }?.1 ?? part)): \(amount.grouped)</title></rect>\n"
            }
            svg += "<text x=\"\(format(left + barWidth * 0.35))\" y=\"218\" class=\"axis\(quarter.money.all > MoneyTotal() ? "" : " empty")\">\(quarter.name)</text>\n"
        }
        svg += "<line x1=\"80\" y1=\"200\" x2=\"940\" y2=\"200\" class=\"tick\"/><line x1=\"80\" y1=\"20\" x2=\"80\" y2=\"200\" class=\"tick\"/>\n</svg>\n"
        html += "<div class=\"keep\">\n<figure>\n\(svg)</figure>\n" + legend(statusLegend().map { ("bar \($0.0)", $0.1) })
        html += table([t("季度", "Quarter"), t("已付", "Paid"), t("逾期", "Overdue"), t("未到期", "Not yet due"), t("有条件/待事件", "Conditional or waiting")],
                      quarters.map { [$0.name, $0.money.paid.grouped, $0.money.overdue.grouped, $0.money.open.grouped, $0.money.conditional.grouped] }, numeric: [1, 2, 3, 4], nowrap: [0])
        return html + "</div>\n</section>\n"
    }

    // MARK: scores

    func scoreSection() -> String {
        var html = "<section>\n<h2>\(escape(t("考核得分", "Assessment scores")))</h2>\n"
        guard !scores.isEmpty else { return html + "<p>\(escape(t("尚无考核记录", "No assessment recorded")))</p>\n</section>\n" }
        let barWidth = min(60.0, 860.0 / Double(scores.count))
        func y(_ points: Int) -> String { format(170 - 150.0 * Double(points) / 100) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 210\" role=\"img\" aria-labelledby=\"scores-title\">\n<title id=\"scores-title\">\(escape(t("各期得分与 80 分线", "Scores per period against the 80-point line")))</title>\n"
        svg += "<text x=\"76\" y=\"12\" class=\"label\">\(escape(t("得分", "score")))</text>\n"
        for points in stride(from: 0, through: 100, by: 20) {
            svg += "<line x1=\"80\" y1=\"\(y(points))\" x2=\"940\" y2=\"\(y(points))\" class=\"grid\"/><text x=\"76\" y=\"\(y(points))\" dy=\"4\" class=\"label\">\(points)</text>\n"
        }
        for (index, score) in scores.enumerated() {
            let left = 90 + Double(index) * barWidth
            svg += "<rect x=\"\(format(left))\" y=\"\(y(score.total))\" width=\"\(format(barWidth * 0.7))\" height=\"\(format(150.0 * Double(score.total) / 100))\" class=\"score \(score.total >= 80 ? "pass" : "fail")\"><title>\(escape(score.alias)) \(score.from)–\(score.to): \(score.total) = \(escape(arithmeticWords(score))) (\(escape(score.clause)))</title></rect>\n"
            let middle = format(left + barWidth * 0.35)
            svg += "<text x=\"\(middle)\" y=\"184\" class=\"axis\">\(escape(score.alias.split(separator: "-").first.map(String.init) ?? score.alias))</text><text x=\"\(middle)\" y=\"197\" class=\"axis\">\(String(score.to.description.prefix(7)))</text>\n"
        }
        svg += "<line x1=\"80\" y1=\"\(y(80))\" x2=\"940\" y2=\"\(y(80))\" class=\"threshold\"><title>80</title></line>\n<line x1=\"80\" y1=\"170\" x2=\"940\" y2=\"170\" class=\"tick\"/><line x1=\"80\" y1=\"20\" x2=\"80\" y2=\"170\" class=\"tick\"/>\n"
        svg += "<text x=\"940\" y=\"208\" class=\"label\">\(escape(t("考核期末", "period ending")))</text>\n</svg>\n"
        html += "<div class=\"keep\">\n<figure>\n\(svg)</figure>\n"
        html += legend([("score pass", t("≥ 80 分", "80 or more")), ("score fail", t("< 80 分", "below 80")), ("threshold", t("80 分线", "the 80-point line"))])
        html += table([t("合同", "Contract"), t("期间", "Period"), t("得分", "Score"), t("算式", "Arithmetic")],
                      scores.map { [$0.alias, "\($0.from) – \($0.to)", String($0.total), arithmeticWords($0)] }, numeric: [2], nowrap: [0, 1])
        html += "</div>\n"
        html += table([t("合同", "Contract"), t("窗口", "Window"), t("平均", "Average"), t("门槛", "At least"), t("结果", "State")],
                      windows.map { [$0.alias, $0.window.label, $0.averageText ?? "-", $0.window.atLeast.description, windowWord($0.state)] }, numeric: [2, 3], nowrap: [0])
        return html + "</section>\n"
    }

    // MARK: penalties and findings

    func penaltySection() -> String {
        let words = PenaltyWording(language)
        var html = "<section>\n<h2>\(escape(t("违约金", "Penalties")))</h2>\n"
        // One bar per rule and paying party, the length its total.
        var byRule: [(key: String, payer: PartyRole, clause: String, amount: MoneyTotal)] = []
        for line in penalties.lines where line.amount != .zero {
            let key = language == .zh ? "\(line.alias) \(line.clause) \(ruleWord(alias: line.alias, rule: line.rule))" : "\(line.alias) \(line.rule)"
            if let index = byRule.firstIndex(where: { $0.key == key && $0.payer == line.payer }) {
                byRule[index].amount.add(line.amount)
            } else {
                byRule.append((key, line.payer, line.clause, MoneyTotal([line.amount])))
            }
        }
        byRule = byRule.filter { $0.amount > MoneyTotal() }
        html += "<div class=\"keep\">\n"
        if let largest = byRule.map(\.amount).max(), largest > MoneyTotal() {
            let height = 18.0
            var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 \(format(Double(byRule.count) * height + 10))\" role=\"img\" aria-labelledby=\"penalties-title\">\n<title id=\"penalties-title\">\(escape(t("各规则违约金，按支付方", "Penalties by rule and paying party")))</title>\n"
            for (index, item) in byRule.enumerated() {
                let y = 5 + Double(index) * height
                let width = 520.0 * Double(item.amount.fen) / Double(largest.fen)
                svg += "<text x=\"295\" y=\"\(format(y + 12))\" class=\"label\">\(escape(item.key))</text>\n"
                svg += "<rect x=\"300\" y=\"\(format(y + 2))\" width=\"\(format(max(1, width)))\" height=\"\(format(height - 5))\" class=\"payer \(item.payer.rawValue)\"><title>\(escape(item.key))\(language == .zh ? "" : " " + escape(item.clause)): \(item.amount.grouped), \(escape(t("支付方", "paid by"))) \(escape(words.party(item.payer)))</title></rect>\n"
                svg += "<text x=\"\(format(305 + width))\" y=\"\(format(y + 12))\" class=\"value\">\(item.amount.grouped)</text>\n"
            }
            svg += "</svg>\n"
            html += "<figure>\n\(svg)</figure>\n" + legend([("payer buyer", t("甲方支付", "paid by the buyer")), ("payer supplier", t("乙方支付", "paid by the supplier"))])
        }
        // The sentence of each line in the report's language; interest and
        // cap lines are marked beside the rule, as in the terminal's table.
        html += table([t("合同", "Contract"), t("规则", "Rule"), t("条款", "Clause"), t("支付方", "Payer"), t("金额", "Amount"), t("算式", "Formula")],
                      penalties.lines.filter { $0.amount != .zero }.map { line in
                          let suffix = line.kind == "interest" ? t(" 利息", " interest") : (line.kind == "cap" ? t(" 上限", " cap") : "")
                          return [line.alias, ruleWord(alias: line.alias, rule: line.rule) + suffix, line.clause, words.party(line.payer), line.amount.grouped, words.formula(line)]
                      }, numeric: [4], nowrap: [0, 2])
        html += "</div>\n"
        html += table([t("合同", "Contract"), t("支付方", "Payer"), t("合计", "Total")],
                      penalties.totals.map { [$0.alias, words.party($0.payer), $0.amount.grouped] }, numeric: [2], nowrap: [0, 1])
        return html + "</section>\n"
    }

    /// The findings, most severe first. `check` words its messages in
    /// English only: the Chinese page names each finding's kind in Chinese
    /// and gives the message as `check` prints it, its cell marked English.
    func findingSection() -> String {
        var html = "<section>\n<h2>\(escape(t("合同自查", "Check findings")))</h2>\n"
        guard !findings.isEmpty else { return html + "<p>\(escape(t("无", "None")))</p>\n</section>\n" }
        if language == .zh { html += "<p class=\"note\">说明一栏为 check 命令输出的英文原文。</p>\n" }
        html += "<table>\n<thead><tr>" + [t("严重性", "Severity"), t("合同", "Contract"), t("类别", "Code"), t("条款", "Clause"), t("说明", "Message")].map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for finding in findings {
            let message = "<td\(language == .zh ? " lang=\"en\"" : "")>\(keepingDates(escape(finding.message)))</td>"
            html += "<tr class=\"\(finding.severity.rawValue)\"><td>\(escape(severityWord(finding.severity)))</td><td class=\"day\">\(escape(finding.alias))</td><td>\(escape(codeWord(finding.code)))</td><td>\(keepingDates(escape(finding.clause)))</td>\(message)</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }
}
