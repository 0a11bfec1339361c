/// `scores` as JSON, CSV and a table.
public enum ScoresReport {
    public static func json(periods: [PeriodScore], windows: [WindowAverage]) -> String {
        JSONValue.object([
            ("periods", .array(periods.map { score in
                .object([
                    ("contract", .string(score.contractID)), ("alias", .string(score.alias)),
                    ("from", .string(score.from.description)), ("to", .string(score.to.description)),
                    ("ledgerLine", .number(String(score.line))), ("clause", .string(score.clause)),
                    ("categories", .array(score.categories.map { category in
                        .object([("id", .string(category.id)), ("name", .string(category.name)), ("points", .number(String(category.points))),
                                 ("lost", .number(String(category.lost))), ("capped", .bool(category.capped)),
                                 ("occurrences", .array(category.counted.map { .object([("deduction", .string($0.description)), ("count", .number(String($0.count))), ("points", .number(String($0.each)))]) }))])
                    })),
                    ("additional", .array(score.additional.filter { $0.count > 0 }.map {
                        .object([("id", .string($0.id)), ("count", .number(String($0.count))), ("counted", .number(String($0.counted))), ("points", .number(String($0.each))), ("total", .number(String($0.total)))])
                    })),
                    ("raw", .number(String(score.raw))), ("score", .number(String(score.total))),
                    ("arithmetic", .string(score.arithmetic)),
                ])
            })),
            ("windows", .array(windows.map(window))),
        ]).rendered() + "\n"
    }

    static func window(_ result: WindowAverage) -> JSONValue {
        .object([
            ("contract", .string(result.contractID)), ("alias", .string(result.alias)),
            ("window", .string(result.window.id)), ("label", .string(result.window.label)), ("clause", .string(result.window.clause)),
            ("periodsEndingFrom", .optional(result.window.periodsEndingFrom?.description)),
            ("periodsEndingTo", .string(result.window.periodsEndingTo.description)),
            ("periods", .number(String(result.periods.count))),
            ("average", .optional(result.averageText)),
            ("atLeast", .string(result.window.atLeast.description)),
            ("state", .string(result.state.rawValue)), ("reason", .string(result.reason)),
        ])
    }

    public static func csv(periods: [PeriodScore], windows: [WindowAverage]) -> String {
        CSV.render(header: ["kind", "contract", "alias", "id", "from", "to", "score", "average", "atLeast", "state", "detail"],
                   rows: periods.map { ["period", $0.contractID, $0.alias, "", $0.from.description, $0.to.description, String($0.total), "", "", "", $0.arithmetic] }
                       + windows.map { ["window", $0.contractID, $0.alias, $0.window.id, $0.window.periodsEndingFrom?.description ?? "", $0.window.periodsEndingTo.description,
                                        "", $0.averageText ?? "", $0.window.atLeast.description, $0.state.rawValue, $0.reason] })
    }

    /// The tables, `width` columns wide when given: the arithmetic and the
    /// window's name fold, why a window stands as it does goes under it.
    public static func table(periods: [PeriodScore], windows: [WindowAverage], asOf: CalendarDay, width: Int? = nil) -> String {
        var text = "Assessment scores as of \(asOf)\n\n"
        var table = Table([.init("CONTRACT"), .init("PERIOD"), .init("SCORE", .right), .init("ARITHMETIC", folds: true)])
        table.omitsEmptyColumns = true
        for score in periods {
            table.add([score.alias, "\(score.from) to \(score.to)", String(score.total), score.arithmetic])
        }
        text += periods.isEmpty ? "No assessment recorded.\n" : table.rendered(width: width)
        var averages = Table([.init("CONTRACT"), .init("WINDOW", folds: true), .init("PERIODS", .right), .init("AVERAGE", .right), .init("AT LEAST", .right), .init("STATE"), .init("WHY", movesUnder: true)])
        averages.omitsEmptyColumns = true
        for result in windows {
            averages.add([result.alias, "\(result.window.label) (\(result.window.clause))", String(result.periods.count), result.averageText ?? "-",
                          result.window.atLeast.description, result.state.rawValue, result.reason])
        }
        if !windows.isEmpty { text += "\n" + averages.rendered(width: width) }
        return text
    }
}
