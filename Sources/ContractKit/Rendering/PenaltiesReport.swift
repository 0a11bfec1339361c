/// `penalties` as JSON, CSV and a table.
public enum PenaltiesReport {
    public static func json(_ report: PenaltyReport, asOf: CalendarDay) -> String {
        JSONValue.object([
            ("asOf", .string(asOf.description)),
            ("lines", .array(report.lines.map { line in
                .object([
                    ("contract", .string(line.contractID)), ("alias", .string(line.alias)),
                    ("rule", .string(line.rule)), ("clause", .string(line.clause)), ("kind", .string(line.kind)),
                    ("payer", .string(line.payer.rawValue)), ("payee", .string(line.payer == .buyer ? "supplier" : "buyer")),
                    ("events", .array(line.events.map(JSONValue.string))), ("formula", .string(line.formula)),
                    ("amount", .string(line.amount.plain)), ("currency", .string("CNY")),
                    ("cap", .optional(line.cap)), ("note", .optional(line.note)),
                ])
            })),
            ("totals", .array(report.totals.map {
                .object([("alias", .string($0.alias)), ("payer", .string($0.payer.rawValue)), ("amount", .string($0.amount.plain))])
            })),
            ("terminations", .array(report.terminations.map {
                .object([("contract", .string($0.contractID)), ("alias", .string($0.alias)), ("rule", .string($0.rule)), ("clause", .string($0.clause)),
                         ("party", .string($0.party.rawValue)), ("threshold", .string($0.threshold)), ("reached", .bool($0.reached)),
                         ("from", .optional($0.from?.description)), ("progress", .string($0.progress))])
            })),
        ]).rendered() + "\n"
    }

    public static func csv(_ report: PenaltyReport) -> String {
        CSV.render(header: ["contract", "alias", "rule", "clause", "kind", "payer", "events", "formula", "amount", "cap", "note"],
                   rows: report.lines.map {
                       [$0.contractID, $0.alias, $0.rule, $0.clause, $0.kind, $0.payer.rawValue, $0.events.joined(separator: "; "),
                        $0.formula, $0.amount.plain, $0.cap ?? "", $0.note ?? ""]
                   })
    }

    public static func table(_ report: PenaltyReport, asOf: CalendarDay) -> String {
        var text = "Penalties as of \(asOf)\n"
        var aliases: [String] = []
        for line in report.lines where !aliases.contains(line.alias) { aliases.append(line.alias) }
        if aliases.isEmpty { text += "\nNo penalty has accrued.\n" }
        for alias in aliases {
            text += "\n\(alias)\n"
            var table = Table([.init("RULE"), .init("CLAUSE"), .init("PAYER"), .init("AMOUNT (CNY)", .right), .init("FORMULA")])
            for line in report.lines where line.alias == alias {
                table.add([line.rule + (line.kind == "interest" || line.kind == "cap" ? " \(line.kind)" : ""), line.clause, line.payer.rawValue, line.amount.grouped, line.formula])
            }
            for total in report.totals where total.alias == alias {
                table.add(["total", "", total.payer.rawValue, total.amount.grouped, "owed by the \(total.payer.rawValue) to the \(total.payer == .buyer ? "supplier" : "buyer")"])
            }
            text += table.rendered()
            for line in report.lines where line.alias == alias && !line.events.isEmpty {
                text += "  \(line.rule) \(line.clause): " + line.events.joined(separator: "; ") + (line.note.map { " [\($0)]" } ?? "") + "\n"
            }
        }
        let flags = report.terminations
        if !flags.isEmpty {
            text += "\nTermination thresholds\n"
            var table = Table([.init("CONTRACT"), .init("CLAUSE"), .init("MAY TERMINATE"), .init("THRESHOLD"), .init("REACHED"), .init("NOW")])
            for flag in flags {
                table.add([flag.alias, flag.clause, flag.party.rawValue, flag.threshold, flag.reached ? "yes, from \(flag.from?.description ?? "?")" : "no", flag.progress])
            }
            text += table.rendered()
        }
        let owed = report.totals.reduce(into: [PartyRole: Money]()) { $0[$1.payer, default: .zero] += $1.amount }
        text += "\nIn all: the buyers owe \((owed[.buyer] ?? .zero).grouped), the suppliers owe \((owed[.supplier] ?? .zero).grouped).\n"
        return text
    }
}
