/// The register in the three formats: one row per recorded event.
public enum RegisterReport {
    /// The register as a table `width` columns wide: the figures and the
    /// note share the last column and fold onto further lines.
    public static func table(_ entries: [RegisterEntry], ledger: String?, width: Int) -> String {
        guard let ledger else { return "no ledger read: nothing is recorded\n" }
        guard !entries.isEmpty else { return "\(ledger): no events match\n" }
        var table = Table([.init("line", .right), .init("day"), .init("contract"), .init("type"), .init("amount", .right),
                           .init("figures and note", folds: true)])
        for entry in entries {
            let carried = ([entry.instalment.map { "instalment \($0)" }] + entry.fields.map { "\($0.key) \(shortened($0.value))" })
                .compactMap { $0 }.joined(separator: ", ")
            let voided = entry.voidedBy.map { "VOIDED by line \($0)" }
            let figures = [voided, carried.nonEmpty, entry.note.map { "“\($0)”" }].compactMap { $0 }.joined(separator: "\n")
            table.add(["\(entry.line)", entry.day.description, entry.alias, entry.type, entry.amount?.grouped ?? "", figures])
        }
        let count = "\(entries.count) event\(entries.count == 1 ? "" : "s")"
        return table.rendered(width: width) + "\n\(count) of \(ledger)\n"
    }

    public static func json(_ entries: [RegisterEntry]) -> String {
        JSONValue.array(entries.map { entry in
            .object([
                ("line", .number(String(entry.line))), ("day", .string(entry.day.description)),
                ("contract", .string(entry.contractID)), ("alias", .string(entry.alias)), ("type", .string(entry.type)),
                ("amount", .optional(entry.amount?.plain)), ("instalment", .optional(entry.instalment)),
                ("fields", .object(entry.fields.map { ($0.key, .string($0.value)) })),
                ("note", .optional(entry.note)),
                ("voidedBy", entry.voidedBy.map { .number(String($0)) } ?? .null),
            ])
        }).rendered() + "\n"
    }

    public static func csv(_ entries: [RegisterEntry]) -> String {
        CSV.render(header: ["line", "day", "contract", "alias", "type", "amount", "instalment", "figures", "note", "voidedBy"],
                   items: entries) {
                       ["\($0.line)", $0.day.description, $0.contractID, $0.alias, $0.type, $0.amount?.plain ?? "",
                        $0.instalment ?? "", figures($0), $0.note ?? "", $0.voidedBy.map(String.init) ?? ""]
                   }
    }

    /// A moment in Shanghai time as "2025-03-05 09:00" (the table's
    /// columns are few); any other value as it is.
    static func shortened(_ value: String) -> String {
        let characters = Array(value)
        guard characters.count == 25, value.hasSuffix(":00+08:00"), characters[10] == "T" else { return value }
        return String(characters[0..<10]) + " " + String(characters[11..<16])
    }

    /// "guarantee performance, action lodged": the other figures, by key.
    static func figures(_ entry: RegisterEntry) -> String {
        entry.fields.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}

extension String {
    /// nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
