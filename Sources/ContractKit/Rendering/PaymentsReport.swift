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
                .object([("condition", .string($0.condition)), ("clause", .string($0.clause)), ("state", .string($0.state.rawValue))])
            })),
            ("status", .string(line.status.rawValue)),
        ])
    }

    public static let csvHeader = ["contract", "alias", "instalment", "clause", "amount", "currency", "dueDate", "earliestDueDate", "provisional", "status", "conditions", "dueRule", "amountRule", "amountNote"]

    public static func csv(_ lines: [PaymentLine]) -> String {
        CSV.render(header: csvHeader, rows: lines.map { line in
            [line.contractID, line.alias, line.instalment, line.clause, line.amount.plain, "CNY",
             line.dueDate?.description ?? "", line.earliestDueDate?.description ?? "", line.provisional ? "true" : "false",
             line.status.rawValue, line.conditions.map { "\($0.condition): \($0.state.rawValue)" }.joined(separator: "; "),
             line.dueRule, line.amountRule, line.amountNote ?? ""]
        })
    }

    public static func table(_ lines: [PaymentLine], asOf: CalendarDay) -> String {
        var table = Table([
            .init("CONTRACT"), .init("#"), .init("CLAUSE"), .init("AMOUNT (CNY)", .right),
            .init("DUE"), .init("STATUS"), .init("WAITING ON / CONDITION"),
        ])
        var grand = Money.zero
        var aliases: [String] = []
        for line in lines where !aliases.contains(line.alias) { aliases.append(line.alias) }
        for alias in aliases {
            let group = lines.filter { $0.alias == alias }
            var subtotal = Money.zero
            for line in group {
                subtotal += line.amount
                let due: String
                if let day = line.dueDate {
                    due = day.description
                } else if let day = line.earliestDueDate {
                    due = "≥ \(day)"
                } else {
                    due = "not known"
                }
                let pending = line.conditions.filter { $0.state != .met }.map { "\($0.condition): \($0.state.rawValue)" }
                table.add([alias, line.instalment, line.clause, line.amount.grouped,
                           due + (line.provisional ? " *" : ""), line.status.rawValue,
                           pending.joined(separator: "; ")])
            }
            table.add(["", "", "total", subtotal.grouped, "", "", ""])
            table.addSeparator()
            grand += subtotal
        }
        table.add(["all", "", "total", grand.grouped, "", "", ""])
        var text = "Payments as of \(asOf)\n\n" + table.rendered()
        text += "\n≥ DAY: the due date waits on an event not yet recorded; DAY is the earliest it can be.\n"
        if lines.contains(where: \.provisional) {
            text += "*: provisional: worked out through a year the calendar does not cover (weekends only).\n"
        }
        let notes = lines.filter { $0.amountNote != nil }
        for line in notes {
            text += "\(line.alias) #\(line.instalment): \(line.amountNote ?? "")\n"
        }
        return text
    }
}
