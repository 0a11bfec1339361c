/// `penalties` as JSON, CSV and a table, its sentences in Chinese or English
/// (`PenaltyWording`). JSON keys, CSV headers and the names of parties,
/// kinds and causes in JSON and CSV are identifiers and stay as they are in
/// either language; the table's headings follow the language.
public enum PenaltiesReport {
    public static func json(_ report: PenaltyReport, asOf: CalendarDay, language: Language) -> String {
        let words = PenaltyWording(language)
        return JSONValue.object([
            ("asOf", .string(asOf.description)),
            ("language", .string(language.rawValue)),
            ("lines", .array(report.lines.map { line in
                .object([
                    ("contract", .string(line.contractID)), ("alias", .string(line.alias)),
                    ("rule", .string(line.rule)), ("clause", .string(line.clause)), ("kind", .string(line.kind)),
                    ("payer", .string(line.payer.rawValue)), ("payee", .string(line.payer == .buyer ? "supplier" : "buyer")),
                    ("events", .array(line.events.map { .string(words.event($0)) })), ("formula", .string(words.formula(line))),
                    ("amount", .string(line.amount.plain)), ("currency", .string("CNY")),
                    ("cap", .optional(line.cap.map(words.cap))), ("note", .optional(words.notes(line))),
                    ("ledgerLines", .array(line.ledgerLines.map { .number(String($0)) })),
                    ("working", working(line)),
                ])
            })),
            ("totals", .array(report.totals.map {
                .object([("alias", .string($0.alias)), ("payer", .string($0.payer.rawValue)), ("amount", .string($0.amount.plain))])
            })),
            ("terminations", .array(report.terminations.map {
                .object([("contract", .string($0.contractID)), ("alias", .string($0.alias)), ("rule", .string($0.rule)), ("clause", .string($0.clause)),
                         ("party", .string($0.party.rawValue)), ("threshold", .string(words.threshold($0))), ("reached", .bool($0.reached)),
                         ("from", .optional($0.from?.description)), ("progress", .string(words.progress($0))), ("measure", $0.measure.json)])
            })),
        ]).rendered() + "\n"
    }

    /// The line's working values, with the events and notes as values too.
    static func working(_ line: PenaltyLine) -> JSONValue {
        guard case .object(let members) = line.working.json else { return line.working.json }
        return .object(members + [("events", .array(line.events.map(\.json))), ("notes", .array(line.notes.map(\.json)))])
    }

    public static func csv(_ report: PenaltyReport, language: Language) -> String {
        let words = PenaltyWording(language)
        return CSV.render(header: ["contract", "alias", "rule", "clause", "kind", "payer", "events", "formula", "amount", "cap", "note"],
                          items: report.lines) {
                              [$0.contractID, $0.alias, $0.rule, $0.clause, $0.kind, $0.payer.rawValue, words.events($0),
                               words.formula($0), $0.amount.plain, $0.cap.map(words.cap) ?? "", words.notes($0) ?? ""]
                          }
    }

    /// The tables, `width` columns wide when given: a formula, or where a
    /// threshold stands now, goes under its line when the table would be
    /// wider; the thresholds and the events fold.
    public static func table(_ report: PenaltyReport, asOf: CalendarDay, language: Language, width: Int? = nil) -> String {
        let words = PenaltyWording(language)
        @Sendable func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        var text = t("违约金（截至 \(asOf)）\n", "Penalties as of \(asOf)\n")
        let byAlias = report.lines.groupedInOrder(by: \.alias)
        let totals = Dictionary(grouping: report.totals, by: \.alias)
        if byAlias.isEmpty { text += t("\n尚无违约金。\n", "\nNo penalty has accrued.\n") }
        // Each contract's tables are its own: made on both cores, a few
        // contracts at a time, and appended in order.
        ParallelMap.append(byAlias, to: &text, together: 32) { alias, lines in
            var text = "\n\(alias)\n"
            var table = Table([.init(t("规则", "RULE")), .init(t("条款", "CLAUSE")), .init(t("支付方", "PAYER")), .init(t("金额（元）", "AMOUNT (CNY)"), .right),
                               .init(t("算式", "FORMULA"), movesUnder: true)])
            table.omitsEmptyColumns = true
            for line in lines {
                let suffix = line.kind == "interest" ? t(" 利息", " interest") : (line.kind == "cap" ? t(" 上限", " cap") : "")
                table.add([line.rule + suffix, line.clause, words.party(line.payer), line.amount.grouped, words.formula(line)])
            }
            for total in totals[alias] ?? [] {
                let payee: PartyRole = total.payer == .buyer ? .supplier : .buyer
                table.add([t("合计", "total"), "", words.party(total.payer), total.amount.grouped,
                           t("\(words.party(total.payer))应付\(words.party(payee))", "owed by the \(total.payer.rawValue) to the \(payee.rawValue)")])
            }
            text += table.rendered(width: width)
            for line in lines where !line.events.isEmpty {
                let events = "  \(line.rule) \(line.clause)\(t("：", ": "))" + words.events(line) + (words.notes(line).map { " [\($0)]" } ?? "")
                text += Table.wrap(events, width: width, indent: 4) + "\n"
            }
            return text
        }
        let flags = report.terminations
        if !flags.isEmpty {
            text += t("\n解除合同的条件\n", "\nTermination thresholds\n")
            var table = Table([.init(t("合同", "CONTRACT")), .init(t("条款", "CLAUSE")), .init(t("可解除方", "MAY TERMINATE")), .init(t("条件", "THRESHOLD"), folds: true),
                               .init(t("是否达到", "REACHED")), .init(t("现状", "NOW"), movesUnder: true)])
            table.omitsEmptyColumns = true
            for flag in flags {
                table.add([flag.alias, flag.clause, words.party(flag.party), words.threshold(flag), words.reached(flag), words.progress(flag)])
            }
            text += table.rendered(width: width)
        }
        let owed = report.totals.reduce(into: [PartyRole: MoneyTotal]()) { $0[$1.payer, default: MoneyTotal()].add($1.amount) }
        let buyers = owed[.buyer] ?? MoneyTotal(), suppliers = owed[.supplier] ?? MoneyTotal()
        text += "\n" + Table.wrap(t("合计：甲方共应付 \(buyers.grouped) 元，乙方共应付 \(suppliers.grouped) 元。",
                                     "In all: the buyers owe \(buyers.grouped), the suppliers owe \(suppliers.grouped)."), width: width) + "\n"
        return text
    }
}
