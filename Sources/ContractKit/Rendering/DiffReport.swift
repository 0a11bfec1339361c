/// `diff` as JSON, CSV and text. JSON and CSV take the changes made with
/// plain money (`ContractDiff.changes(from:to:money: .plain)`), as every
/// other command writes it, and give each effect its figures as data.
public enum DiffReport {
    public static func json(_ changes: [TermChange], old: Contract, new: Contract) -> String {
        JSONValue.object([
            ("old", .string(old.id)), ("new", .string(new.id)), ("same", .bool(changes.isEmpty)),
            ("changes", .array(changes.map { change in
                .object([("area", .string(change.area)), ("change", .string(change.change.rawValue)), ("what", .string(change.what)),
                         ("clause", .string(change.clause)), ("old", .optional(change.old)), ("new", .optional(change.new)),
                         ("effects", .array(change.effects.map { effect in
                             .object([("figure", .string(effect.figure)), ("basis", .optional(effect.basis)),
                                      ("old", .string(effect.old.plain)), ("new", .string(effect.new.plain)),
                                      ("eachTime", .bool(effect.eachTime))])
                         }))])
            })),
        ]).rendered() + "\n"
    }

    /// One row a change, then one row an effect of it: change "effect",
    /// the figure in `what`, its old and new amounts, and how it is made
    /// in `basis` ("1% -> 0.5% of the total, a time").
    public static func csv(_ changes: [TermChange]) -> String {
        CSV.render(header: ["area", "change", "what", "clause", "old", "new", "basis"],
                   rows: changes.flatMap { change in
                       [[change.area, change.change.rawValue, change.what, change.clause, change.old ?? "", change.new ?? "", ""]]
                           + change.effects.map { effect in
                               let basis = [effect.basis, effect.eachTime ? "a time" : nil].compactMap { $0 }.joined(separator: ", ")
                               return [change.area, "effect", effect.figure, change.clause, effect.old.plain, effect.new.plain, basis]
                           }
                   })
    }

    public static func text(_ changes: [TermChange], old: Contract, new: Contract) -> String {
        guard !changes.isEmpty else { return "The terms of \(old.alias) and \(new.alias) are the same.\n" }
        var text = "\(old.alias) (\(old.id)) -> \(new.alias) (\(new.id)): \(changes.count) change\(changes.count == 1 ? "" : "s")\n"
        var area = ""
        for change in changes {
            if change.area != area {
                area = change.area
                text += "\n\(area)\n"
            }
            let clause = change.clause.isEmpty ? "" : " [\(change.clause)]"
            switch change.change {
            case .changed: text += "  ~ \(change.what)\(clause): \(change.old ?? "") -> \(change.new ?? "")\n"
            case .added: text += "  + \(change.what)\(clause): \(change.new ?? "")\n"
            case .removed: text += "  - \(change.what)\(clause): \(change.old ?? "")\n"
            }
            for line in change.impact { text += "      => \(line)\n" }
        }
        return text
    }
}
