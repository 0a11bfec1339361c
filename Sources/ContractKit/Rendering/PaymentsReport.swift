/// `payments` as JSON, CSV and a table, all from the same lines.
public enum PaymentsReport {
    public static func json(_ lines: [PaymentLine], asOf: CalendarDay) -> String {
        JSONValue.array(lines.map(object)).rendered() + "\n"
    }

    static func object(_ line: PaymentLine) -> JSONValue {
        .object([
            ("contract", .string(line.contractID)),
            ("alias", .string(line.alias)),
            ("instalment", .string(line.instalment)),
            ("label", .optional(line.label)),
            ("clause", .string(line.clause)),
            ("amount", .string(line.amount.plain)),
            ("currency", .string("CNY")),
            ("amountRule", .string(line.amountRule)),
            ("amountNote", .optional(line.amountNote)),
            ("dueDate", .optional(line.dueDate?.description)),
            ("earliestDueDate", .optional(line.earliestDueDate?.description)),
            ("provisional", .bool(line.provisional)),
            ("dueRule", .string(line.dueRule)),
            ("conditions", .array(line.conditions.map {
                .object([("condition", .string($0.condition)), ("clause", .string($0.clause)), ("state", .string($0.state.rawValue)), ("detail", .optional($0.detail))])
            })),
            ("paid", .string(line.paid.plain)),
            ("outstanding", .string(line.outstanding.plain)),
            ("paidOn", .optional(line.paidOn?.description)),
            ("daysLate", line.daysLate.map { .number(String($0)) } ?? .null),
            ("payments", .array(line.payments.map { .object([("day", .string($0.day.description)), ("amount", .string($0.amount.plain))]) })),
            ("chargesCovered", .array(line.chargesCovered.map { .object([("day", .string($0.day.description)), ("amount", .string($0.amount.plain))]) })),
            ("status", .string(line.status.rawValue)),
        ])
    }

    public static let csvHeader = ["contract", "alias", "instalment", "clause", "amount", "currency", "dueDate", "earliestDueDate", "provisional", "paid", "outstanding", "paidOn", "daysLate", "status", "conditions", "dueRule", "amountRule", "amountNote"]

    public static func csv(_ lines: [PaymentLine]) -> String {
        CSV.render(header: csvHeader, items: lines) { line in
            [line.contractID, line.alias, line.instalment, line.clause, line.amount.plain, "CNY",
             line.dueDate?.description ?? "", line.earliestDueDate?.description ?? "", line.provisional ? "true" : "false",
             line.paid.plain, line.outstanding.plain, line.paidOn?.description ?? "", line.daysLate.map(String.init) ?? "",
             line.status.rawValue, line.conditions.map { "\($0.condition): \($0.state.rawValue)" }.joined(separator: "; "),
             line.dueRule, line.amountRule, line.amountNote ?? ""]
        }
    }

    /// The table, `width` columns wide when given: the status folds, and
    /// what a line waits on goes under it.
    public static func table(_ lines: [PaymentLine], asOf: CalendarDay, width: Int? = nil) -> String {
        var table = Table([
            .init("CONTRACT"), .init("#"), .init("CLAUSE"), .init("AMOUNT (CNY)", .right), .init("PAID", .right),
            .init("DUE"), .init("STATUS", folds: true, narrowest: 10), .init("WAITING ON / CONDITION", movesUnder: true),
        ])
        table.omitsEmptyColumns = true
        var grand = MoneyTotal()
        var grandPaid = MoneyTotal()
        // The contracts in the order their lines come, each with its lines:
        // grouped once, not filtered once per contract.
        var aliases: [String] = []
        var groups: [String: [PaymentLine]] = [:]
        for line in lines {
            if groups[line.alias] == nil { aliases.append(line.alias) }
            groups[line.alias, default: []].append(line)
        }
        for alias in aliases {
            let group = groups[alias] ?? []
            var subtotal = MoneyTotal()
            var subtotalPaid = MoneyTotal()
            for line in group {
                subtotal.add(line.amount)
                subtotalPaid.add(line.paid)
                let due: String
                if let day = line.dueDate {
                    due = day.description
                } else if let day = line.earliestDueDate {
                    due = "≥ \(day)"
                } else {
                    due = "not known"
                }
                let pending = line.status == .paid ? [] : line.conditions.filter { $0.state != .met && $0.state != .recorded }.map { "\($0.condition): \($0.state.rawValue)" }
                var status = line.status.rawValue
                if let days = line.daysLate { status += " (\(days) day\(days == 1 ? "" : "s") late)" }
                table.add([alias, line.instalment, line.clause, line.amount.grouped, line.paid.grouped,
                           due + (line.provisional ? " *" : ""), status,
                           pending.joined(separator: "; ")])
            }
            table.add(["", "", "total", subtotal.grouped, subtotalPaid.grouped, "", "", ""])
            table.addSeparator()
            grand.add(subtotal)
            grandPaid.add(subtotalPaid)
        }
        table.add(["all", "", "total", grand.grouped, grandPaid.grouped, "", "", ""])
        var text = "Payments as of \(asOf)\n\n" + table.rendered(width: width)
        var footnotes: [String] = []
        if lines.contains(where: { $0.dueDate == nil && $0.earliestDueDate != nil }) {
            footnotes.append("≥ DAY: the due date waits on an event not yet recorded; DAY is the earliest it can be.")
        }
        if lines.contains(where: \.provisional) {
            footnotes.append("*: provisional: worked out through a year the calendar does not cover (weekends only).")
        }
        for line in lines where line.amountNote != nil {
            footnotes.append("\(line.alias) #\(line.instalment): \(line.amountNote ?? "")")
        }
        if !footnotes.isEmpty { text += "\n" + footnotes.map { Table.wrap($0, width: width) + "\n" }.joined() }
        return text
    }
}
