/// `diff` as JSON, CSV and text.
public enum DiffReport {
    public static func json(_ changes: [TermChange], old: Contract, new: Contract) -> String {
        JSONValue.object([
            ("old", .string(old.id)), ("new", .string(new.id)), ("same", .bool(changes.isEmpty)),
            ("changes", .array(changes.map { change in
                .object([("area", .string(change.area)), ("change", .string(change.change.rawValue)), ("what", .string(change.what)),
                         ("clause", .string(change.clause)), ("old", .optional(change.old)), ("new", .optional(change.new)),
                         ("impact", .array(change.impact.map(JSONValue.string)))])
            })),
        ]).rendered() + "\n"
    }

    public static func csv(_ changes: [TermChange]) -> String {
        CSV.render(header: ["area", "change", "what", "clause", "old", "new", "impact"],
                   rows: changes.map { [$0.area, $0.change.rawValue, $0.what, $0.clause, $0.old ?? "", $0.new ?? "", $0.impact.joined(separator: "; ")] })
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
