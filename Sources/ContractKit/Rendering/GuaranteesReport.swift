/// `guarantees` as JSON, CSV and a table.
public enum GuaranteesReport {
    public static func json(_ statuses: [GuaranteeStatus]) -> String {
        JSONValue.array(statuses.map { status in
            .object([
                ("contract", .string(status.contractID)), ("alias", .string(status.alias)),
                ("guarantee", .string(status.id)), ("kind", .string(status.kind.rawValue)), ("name", .optional(status.name)),
                ("clause", .string(status.clause)), ("amount", .string(status.amount.plain)), ("currency", .string("CNY")),
                ("amountRule", .string(status.amountRule)),
                ("lodgedWith", .optional(status.lodgedWith)), ("lodgeBy", .optional(status.lodgeBy?.description)),
                ("lodgedOn", .optional(status.lodgedOn?.description)), ("validUntil", .optional(status.validUntil?.description)),
                ("releaseWindow", .optional(status.release?.window.id)), ("releaseClause", .optional(status.releaseClause)),
                ("windowAverage", .optional(status.release?.averageText)), ("windowState", .optional(status.release?.state.rawValue)),
                ("deductible", .optional(status.deductible?.plain)), ("deductionRule", .optional(status.deductionRule)),
                ("deductionClause", .optional(status.deductionClause)),
                ("endedOn", .optional(status.endedOn?.description)), ("deducted", .optional(status.deducted?.plain)),
                ("state", .string(status.state.rawValue)), ("outcome", .string(status.outcome)),
            ])
        }).rendered() + "\n"
    }

    public static func csv(_ statuses: [GuaranteeStatus]) -> String {
        CSV.render(header: ["contract", "alias", "guarantee", "kind", "clause", "amount", "lodgedWith", "lodgeBy", "lodgedOn", "validUntil", "windowAverage", "deductible", "state", "outcome"],
                   items: statuses) {
                       [$0.contractID, $0.alias, $0.id, $0.kind.rawValue, $0.clause, $0.amount.plain, $0.lodgedWith ?? "", $0.lodgeBy?.description ?? "",
                        $0.lodgedOn?.description ?? "", $0.validUntil?.description ?? "", $0.release?.averageText ?? "", $0.deductible?.plain ?? "",
                        $0.state.rawValue, $0.outcome]
                   }
    }

    /// The table, `width` columns wide when given: the days and the
    /// deductible figure go under each guarantee, the notes fold.
    public static func table(_ statuses: [GuaranteeStatus], asOf: CalendarDay, width: Int? = nil) -> String {
        guard !statuses.isEmpty else { return "Guarantees as of \(asOf)\n\nNo contract has a bank guarantee.\n" }
        var table = Table([.init("CONTRACT"), .init("GUARANTEE"), .init("CLAUSE"), .init("AMOUNT (CNY)", .right), .init("LODGED", movesUnder: true),
                           .init("VALID UNTIL", movesUnder: true), .init("IF BELOW (CNY)", .right, movesUnder: true), .init("STATE")])
        table.omitsEmptyColumns = true
        var total = MoneyTotal()
        for status in statuses {
            total.add(status.amount)
            table.add([status.alias, "\(status.id) \(status.name ?? "")", status.clause, status.amount.grouped,
                       status.lodgedOn?.description ?? "-", status.validUntil?.description ?? "-", status.deductible?.grouped ?? "-", status.state.rawValue])
        }
        table.addSeparator()
        table.add(["all", "", "total", total.grouped, "", "", "", ""])
        var text = "Guarantees as of \(asOf)\n\n" + table.rendered(width: width) + "\n"
        for status in statuses {
            var note = "\(status.alias) \(status.id): \(status.amountRule); \(status.outcome)"
            if let window = status.release { note += ". Release window: \(window.reason)" }
            text += Table.wrap(note, width: width) + "\n"
        }
        return text
    }
}
