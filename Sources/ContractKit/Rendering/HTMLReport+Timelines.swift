/// The timeline of each contract: the service term, assessment windows,
/// guarantee validity, each instalment's due day drawn by its status, the
/// notice days and the as-of day, over month ticks; a table of the same
/// below it, kept on one printed page with it.
extension HTMLReport {
    /// The class of an instalment's mark and bar: one colour per status the legend names.
    func statusClass(_ line: PaymentLine) -> String {
        switch line.status {
        case .paid: return "paid"
        case .overdue: return "overdue"
        case .conditional, .waiting, .conditionNotMet: return "conditional"
        case .open, .partlyPaid: return "open"
        }
    }

    func statusLegend() -> [(String, String)] {
        [("paid", t("已付", "paid")), ("open", t("未到期", "open, not yet due")), ("overdue", t("逾期", "overdue")),
         ("conditional", t("有条件/待事件", "conditional or waiting"))]
    }

    func timelines() -> String {
        var html = "<section>\n<h2>\(escape(t("时间线", "Timelines")))</h2>\n"
        html += legend([("term", t("服务期", "service term")), ("window", t("考核窗口", "assessment window")),
                        ("guarantee", t("保函有效期", "guarantee valid")), ("guarantee planned", t("保函（待提交）", "guarantee to lodge"))]
                       + statusLegend().map { ("due \($0.0)", $0.1) }
                       + [("notice", t("通知最后一天", "last day for a notice")), ("today", t("截至日", "as-of day"))])
        // Each contract's lines, found once rather than by a pass per contract.
        let lines = Timelines(payments: Dictionary(grouping: payments, by: \.contractID), guarantees: Dictionary(grouping: guarantees, by: \.contractID),
                              deadlines: Dictionary(grouping: deadlines, by: \.contractID))
        for contract in contracts {
            html += timeline(contract, lines)
        }
        return html + "</section>\n"
    }

    /// The payments, guarantees and deadlines of each contract.
    struct Timelines {
        var payments: [String: [PaymentLine]]
        var guarantees: [String: [GuaranteeStatus]]
        var deadlines: [String: [DeadlineItem]]
    }

    func timeline(_ contract: Contract, _ lines: Timelines) -> String {
        let dates = ContractDates(contract, calendar: calendar)
        let own = lines.payments[contract.id] ?? []
        let guarantees = lines.guarantees[contract.id] ?? []
        let windows = contract.assessment?.windows ?? []
        let notices = (lines.deadlines[contract.id] ?? []).filter { $0.kind == "notice" }
        var days: [CalendarDay] = [asOf]
        if let start = dates.termStart { days.append(start) }
        if let end = dates.termEnd?.day { days.append(end) }
        days += own.compactMap { $0.dueDate ?? $0.earliestDueDate }
        days += guarantees.compactMap(\.validUntil) + guarantees.compactMap(\.lodgedOn)
        days += windows.map(\.periodsEndingTo) + windows.compactMap(\.periodsEndingFrom)
        days += notices.map(\.day)
        guard let first = days.min(), let last = days.max() else { return "" }
        let start = first.adding(days: -15)
        let span = max(1, last.dayNumber - start.dayNumber + 15)
        let width = 900.0 / Double(span)
        func x(_ day: CalendarDay) -> String { format(40 + Double(day.dayNumber - start.dayNumber) * width) }
        func length(_ from: CalendarDay, _ to: CalendarDay, least: Double) -> String { format(max(least, Double(to.dayNumber - from.dayNumber) * width)) }
        let name = escape(language == .zh ? contract.label : contract.alias)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 160\" role=\"img\" aria-labelledby=\"tl-\(contract.alias)\">\n"
        svg += "<title id=\"tl-\(contract.alias)\">\(escape(contract.alias)): \(escape(t("服务期、付款、保函、考核窗口", "service term, payments, guarantees, assessment windows")))</title>\n"
        svg += monthTicks(from: start, days: span, x: x)
        if let begin = dates.termStart, let end = dates.termEnd?.day {
            svg += "<rect x=\"\(x(begin))\" y=\"20\" width=\"\(length(begin, end, least: 1))\" height=\"14\" class=\"term\"><title>\(escape(t("服务期", "service term"))) \(begin) – \(end) (\(escape(contract.term.clause)))</title></rect>\n"
        }
        for window in windows {
            let from = window.periodsEndingFrom ?? window.periodsEndingTo.adding(days: -90)
            svg += "<rect x=\"\(x(from))\" y=\"44\" width=\"\(length(from, window.periodsEndingTo, least: 2))\" height=\"10\" class=\"window\"><title>\(escape(t("考核窗口", "assessment window"))) \(escape(window.label)) → \(window.periodsEndingTo), ≥ \(window.atLeast) (\(escape(window.clause)))</title></rect>\n"
        }
        for guarantee in guarantees {
            guard let until = guarantee.validUntil, let from = guarantee.lodgedOn ?? guarantee.lodgeBy else { continue }
            svg += "<rect x=\"\(x(from))\" y=\"64\" width=\"\(length(from, until, least: 2))\" height=\"10\" class=\"guarantee\(guarantee.lodgedOn == nil ? " planned" : "")\"><title>\(escape(t("保函", "guarantee"))) \(escape(guarantee.name ?? guarantee.id)) \(guarantee.amount.grouped) → \(until) (\(escape(guarantee.clause))): \(escape(guaranteeWord(guarantee.state)))</title></rect>\n"
        }
        for line in own {
            guard let day = line.dueDate ?? line.earliestDueDate else { continue }
            svg += "<circle cx=\"\(x(day))\" cy=\"97\" r=\"7\" class=\"due \(statusClass(line))\"><title>\(escape(t("第", "instalment "))) \(escape(line.instalment)) \(escape(t("期", ""))) \(line.amount.grouped) \(escape(t("到期", "due"))) \(line.dueDate == nil ? "≥ " : "")\(day): \(escape(statusWord(line.status))) (\(escape(line.clause)))</title></circle>\n"
        }
        for notice in notices {
            let cx = x(notice.day)
            svg += "<path d=\"M\(cx) 112 l6 8 l-6 8 l-6 -8 z\" class=\"notice\"><title>\(escape(noticeTitle(notice))) (\(escape(notice.clause)))</title></path>\n"
        }
        svg += "<line x1=\"\(x(asOf))\" y1=\"10\" x2=\"\(x(asOf))\" y2=\"136\" class=\"today\"><title>\(escape(t("截至日", "as of"))) \(asOf)</title></line>\n"
        svg += "</svg>\n"
        let rows = own.compactMap { line in (line.dueDate ?? line.earliestDueDate).map { day in
                [(line.dueDate == nil ? "≥ " : "") + day.description, "\(t("付款", "instalment")) \(line.instalment)", line.amount.grouped, line.clause, statusWord(line.status)]
            } }
            + guarantees.compactMap { g in g.validUntil.map { [$0.description, "\(t("保函到期", "guarantee expires")) \(g.name ?? g.id)", g.amount.grouped, g.clause, guaranteeWord(g.state)] } }
            + notices.map { [$0.day.description, noticeTitle($0), "", $0.clause, noticeDone($0)] }
        return "<div class=\"keep\">\n<figure>\n<figcaption>\(name)</figcaption>\n\(svg)</figure>\n"
            + table([t("日期", "Day"), t("事项", "What"), t("金额", "Amount"), t("条款", "Clause"), t("状态", "State")], rows, numeric: [2], nowrap: [0, 3])
            + "</div>\n"
    }

    /// A tick at the first of each month (each quarter past 30 months, each
    /// half-year past 60), the month's number under it, the year under
    /// January and under the first tick (unless January is next).
    func monthTicks(from start: CalendarDay, days span: Int, x: (CalendarDay) -> String) -> String {
        let months = span / 30
        let step = months > 60 ? 6 : (months > 30 ? 3 : 1)
        guard var month = CalendarDay(year: start.year, month: start.month, day: 1)?.adding(months: 1) else { return "" }
        var svg = ""
        var labelled = false
        while month.dayNumber - start.dayNumber <= span {
            if (month.month - 1) % step == 0 {
                let year = month.month == 1
                // The first tick names its year, unless January is the next label (they would overlap).
                let januaryNext = month.month + step > 12
                let label = year ? String(month.year) : (labelled || januaryNext ? format2(month.month) : "\(month.year)-\(format2(month.month))")
                svg += "<line x1=\"\(x(month))\" y1=\"10\" x2=\"\(x(month))\" y2=\"136\" class=\"tick\(year ? " year" : "")\"/><text x=\"\(x(month))\" y=\"150\" class=\"axis\(year ? " year" : "")\">\(label)</text>\n"
                labelled = true
            }
            month = month.adding(months: 1)
        }
        return svg
    }

    func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
