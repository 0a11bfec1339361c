/// The summary at the top of the report: the figures of `due` for the
/// quarter of the as-of day, the penalties' totals by paying party and the
/// findings by severity, each as its own command computes it.
extension HTMLReport {
    func summary() -> String {
        let name = quarter.range.name ?? "\(quarter.range.from) – \(quarter.range.to)"
        let words = PenaltyWording(language)
        let owed = penalties.totals.reduce(into: [PartyRole: MoneyTotal]()) { $0[$1.payer, default: MoneyTotal()].add($1.amount) }
        let buyers = owed[.buyer] ?? MoneyTotal(), suppliers = owed[.supplier] ?? MoneyTotal()
        // Both totals are sums of non-negative amounts under 2^126 fen: the difference fits.
        let net = suppliers.fen - buyers.fen
        let netText = net == 0 ? t("相抵为零", "nothing either way")
            : t("\(words.party(net > 0 ? .supplier : .buyer))净付 \(Money.formatted(net.magnitude, grouped: true))",
                "the \(net > 0 ? "supplier" : "buyer")s owe \(Money.formatted(net.magnitude, grouped: true)) more")
        // Overdue: what `due` carries in from earlier quarters, and what of
        // this quarter's is already overdue as of the day.
        let inQuarter = quarter.items.map(\.line).filter { $0.status == .overdue }
        var total = MoneyTotal([quarter.overdueCarriedIn])
        let inQuarterTotal = MoneyTotal(inQuarter.map(\.outstanding))
        total.add(inQuarterTotal)
        let overdue = (total: total, inQuarter: inQuarter, inQuarterTotal: inQuarterTotal)
        let counts = [Finding.Severity.error, .warning, .info].map { severity in (severity, findings.filter { $0.severity == severity }.count) }
        var rows: [(String, String, String)] = [
            (t("本季度（\(name)）到期", "Due this quarter (\(name))"), quarter.total.grouped,
             t("其中未付 \(quarter.outstanding.grouped)", "of it unpaid \(quarter.outstanding.grouped)")),
            (t("其中有条件", "of it conditional"), quarter.conditionalTotal.grouped, t("条件未定或未满足，可能无需支付", "a condition undetermined or unmet: may never be owed")),
            (t("其中待事件", "of it awaiting an event"), quarter.awaitingTotal.grouped, t("等待发票、验收等事件", "waits for an invoice, an acceptance")),
            (t("逾期未付", "Overdue, unpaid"), overdue.total.grouped,
             t("前期到期 \(quarter.overdue.count) 笔 \(quarter.overdueCarriedIn.grouped)，本季度到期 \(overdue.inQuarter.count) 笔 \(overdue.inQuarterTotal.grouped)，截至 \(asOf)",
               "\(quarter.overdue.count) from earlier quarters, \(quarter.overdueCarriedIn.grouped); \(overdue.inQuarter.count) due this quarter, \(overdue.inQuarterTotal.grouped); as of \(asOf)")),
            (t("违约金净额", "Net penalties"), Money.formatted(net.magnitude, grouped: true),
             t("甲方应付 \(buyers.grouped)，乙方应付 \(suppliers.grouped)；\(netText)", "buyers owe \(buyers.grouped), suppliers owe \(suppliers.grouped): \(netText)")),
        ]
        rows.append((t("合同自查", "Check findings"), String(findings.count),
                     counts.map { "\(severityWord($0.0)) \($0.1)" }.joined(separator: t("，", ", "))))
        var html = "<section class=\"summary\">\n<h2>\(escape(t("摘要", "Summary")))</h2>\n<table class=\"summary\">\n<tbody>\n"
        for (index, row) in rows.enumerated() {
            let css = index == 3 && overdue.total > MoneyTotal() ? " class=\"overdue\"" : ""
            html += "<tr\(css)><th>\(escape(row.0))</th><td class=\"num\">\(escape(row.1))</td><td>\(keepingDates(escape(row.2)))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }
}
