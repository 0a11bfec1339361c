/// `due` as JSON, CSV and a table.
public enum DueReportRendering {
    static func item(_ item: DueReport.Item) -> JSONValue {
        let line = item.line
        return .object([
            ("contract", .string(line.contractID)), ("alias", .string(line.alias)), ("instalment", .string(line.instalment)),
            ("clause", .string(line.clause)), ("day", .string(item.day.description)), ("estimated", .bool(item.estimated)),
            ("provisional", .bool(line.provisional)),
            ("amount", .string(line.amount.plain)), ("paid", .string(line.paid.plain)), ("outstanding", .string(line.outstanding.plain)),
            ("status", .string(line.status.rawValue)), ("conditional", .bool(item.conditional)),
            ("awaiting", .bool(item.awaiting)),
            ("conditions", .array(line.conditions.map { .object([("condition", .string($0.condition)), ("state", .string($0.state.rawValue))]) })),
        ])
    }

    public static func json(_ report: DueReport) -> String {
        JSONValue.object([
            ("quarter", .optional(report.range.name.flatMap { $0.contains("Q") ? $0 : nil })),
            ("from", .string(report.range.from.description)), ("to", .string(report.range.to.description)),
            ("asOf", .string(report.asOf.description)),
            ("items", .array(report.items.map(item))),
            ("total", .string(report.total.plain)),
            ("conditionalTotal", .string(report.conditionalTotal.plain)),
            ("awaitingTotal", .string(report.awaitingTotal.plain)),
            ("outstanding", .string(report.outstanding.plain)),
            ("overdueCarriedIn", .string(report.overdueCarriedIn.plain)),
            ("overdue", .array(report.overdue.map { line in
                .object([("contract", .string(line.contractID)), ("alias", .string(line.alias)), ("instalment", .string(line.instalment)),
                         ("clause", .string(line.clause)), ("dueDate", .optional(line.dueDate?.description)),
                         ("outstanding", .string(line.outstanding.plain)), ("daysLate", line.daysLate.map { .number(String($0)) } ?? .null)])
            })),
        ]).rendered() + "\n"
    }

    public static func csv(_ report: DueReport) -> String {
        let rows = report.items.map { item -> [String] in
            let line = item.line
            return ["due", line.contractID, line.alias, line.instalment, line.clause, item.day.description, item.estimated ? "true" : "false",
                    line.amount.plain, line.paid.plain, line.outstanding.plain, line.status.rawValue, item.conditional ? "true" : "false", item.awaiting ? "true" : "false"]
        } + report.overdue.map { line in
            ["overdue", line.contractID, line.alias, line.instalment, line.clause, line.dueDate?.description ?? "", "false",
             line.amount.plain, line.paid.plain, line.outstanding.plain, line.status.rawValue, "false", "false"]
        }
        return CSV.render(header: ["section", "contract", "alias", "instalment", "clause", "day", "estimated", "amount", "paid", "outstanding", "status", "conditional", "awaiting"], rows: rows)
    }

    /// The table, `width` columns wide when given: the status folds, and
    /// the conditions a line waits on go under it.
    public static func table(_ report: DueReport, width: Int? = nil) -> String {
        let name = report.range.name.map { "\($0) (\(report.range.from) to \(report.range.to))" } ?? "\(report.range.from) to \(report.range.to)"
        var text = "Due in \(name), as of \(report.asOf)\n\n"
        var table = Table([.init("DAY"), .init("CONTRACT"), .init("#"), .init("CLAUSE"), .init("AMOUNT (CNY)", .right), .init("OUTSTANDING", .right), .init("STATUS", folds: true, narrowest: 7), .init("CONDITION", movesUnder: true)])
        table.omitsEmptyColumns = true
        let byAlias = report.items.groupedInOrder { $0.line.alias }
        for item in report.items {
            let pending = item.line.conditions.filter { $0.state != .met && $0.state != .recorded }.map { "\($0.condition): \($0.state.rawValue)" }
            table.add([(item.estimated ? "≥ " : "") + item.day.description + (item.line.provisional ? " *" : ""), item.line.alias, item.line.instalment,
                       item.line.clause, item.line.amount.grouped, item.line.outstanding.grouped, item.line.status.rawValue,
                       item.line.status == .paid ? "" : pending.joined(separator: "; ")])
        }
        if !report.items.isEmpty { table.addSeparator() }
        for (alias, own) in byAlias {
            table.add(["", alias, "", "total", MoneyTotal(own.map(\.line.amount)).grouped, MoneyTotal(own.map(\.line.outstanding)).grouped, "", ""])
        }
        table.add(["", "all", "", "total", report.total.grouped, report.outstanding.grouped, "", ""])
        text += report.items.isEmpty ? "Nothing falls due in the period.\n" : table.rendered(width: width)
        func words(_ money: Money) -> String { ChineseAmount.words(money) ?? "" }
        var summary = Table([.init(""), .init("", .right), .init("")], header: false)
        summary.add(["Total falling due:", report.total.grouped, words(report.total)])
        summary.add(["of it conditional:", report.conditionalTotal.grouped, words(report.conditionalTotal)])
        summary.add(["of it awaiting an event:", report.awaitingTotal.grouped, words(report.awaitingTotal)])
        summary.add(["still outstanding:", report.outstanding.grouped, words(report.outstanding)])
        text += "\n" + summary.rendered(width: width)
        if !report.overdue.isEmpty {
            text += "\nOverdue from earlier periods, unpaid as of \(report.asOf)\n"
            var overdue = Table([.init("DUE"), .init("CONTRACT"), .init("#"), .init("CLAUSE"), .init("OUTSTANDING", .right), .init("DAYS LATE", .right)])
            for line in report.overdue {
                overdue.add([line.dueDate?.description ?? "", line.alias, line.instalment, line.clause, line.outstanding.grouped, line.daysLate.map(String.init) ?? ""])
            }
            overdue.addSeparator()
            overdue.add(["", "all", "", "total", report.overdueCarriedIn.grouped, ""])
            text += overdue.rendered(width: width)
            text += "Overdue carried in:    \(report.overdueCarriedIn.grouped)  \(words(report.overdueCarriedIn))\n"
        }
        if report.items.contains(where: \.estimated) { text += "\n≥ DAY: estimated; the due date waits on an event not yet recorded.\n" }
        return text
    }
}
