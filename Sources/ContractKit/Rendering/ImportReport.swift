/// What `import` shows: each statement row in order, what it matched and
/// why, and the event it records (or would record), then a count.
public enum ImportReport {
    /// The report's facts: the statement, the ledger, the entries and the
    /// malformed rows, and whether the events were written.
    public struct Input: Sendable {
        public var statement: String
        public var ledger: String
        public var header: Int?
        public var entries: [ImportEntry]
        public var malformed: [MalformedRow]
        public var committed: Bool

        public init(statement: String, ledger: String, header: Int?, entries: [ImportEntry], malformed: [MalformedRow], committed: Bool) {
            self.statement = statement
            self.ledger = ledger
            self.header = header
            self.entries = entries
            self.malformed = malformed
            self.committed = committed
        }
    }

    /// One block per row: a heading line, then its reasons and its event.
    public static func text(_ input: Input) -> String {
        var items: [(line: Int, text: String)] = []
        for entry in input.entries {
            let row = entry.row
            let outcome: String
            switch entry.outcome {
            case .record:
                let target = "\(entry.alias ?? "?") " + (entry.instalment.map { "instalment \($0)" } ?? "by Reading 7")
                outcome = input.committed ? "recorded on line \(entry.ledgerLine.map(String.init) ?? "?"): \(target)" : "would record: \(target)"
            case .duplicate: outcome = "duplicate: not recorded again"
            case .unmatched: outcome = "unmatched: not recorded"
            case .notPayment: outcome = "not a payment: not recorded"
            case .refused: outcome = "refused: not recorded"
            }
            let who = [row.counterparty, row.account].filter { !$0.isEmpty }.joined(separator: " ")
            var block = "line \(row.line)  \(row.day)  \(row.amount.grouped)\(row.outgoing ? "" : " in")  \(who)\n  \(outcome)\n"
            for reason in entry.reasons { block += "    \(reason)\n" }
            if let event = entry.event, entry.outcome == .record { block += "    event \(event)\n" }
            items.append((row.line, block))
        }
        for row in input.malformed {
            items.append((row.line, "line \(row.line)  malformed: \(row.message)\n"))
        }
        var out = "statement \(input.statement)" + (input.header.map { ", header on line \($0)" } ?? ", no header row") + "; ledger \(input.ledger)\n\n"
        out += items.sorted { $0.line < $1.line }.map(\.text).joined(separator: "\n")
        out += "\n" + summary(input) + "\n"
        return out
    }

    /// "3 to record, 1 duplicate, 2 unmatched, ..." and what happens next.
    public static func summary(_ input: Input) -> String {
        func count(_ outcome: ImportEntry.Outcome) -> Int { input.entries.filter { $0.outcome == outcome }.count }
        let recording = count(.record)
        let parts = [
            "\(recording) \(input.committed ? "recorded" : "to record")",
            "\(count(.duplicate)) duplicate", "\(count(.unmatched)) unmatched", "\(count(.refused)) refused",
            "\(count(.notPayment)) not a payment", "\(input.malformed.count) malformed",
        ]
        var text = parts.joined(separator: ", ")
        if !input.malformed.isEmpty {
            text += "\nnothing can be imported while a row is malformed: fix or remove the rows marked malformed"
        } else if input.committed {
            text += recording == 0 ? "\nnothing was written to \(input.ledger)" : "\n\(input.ledger): \(recording) payment\(recording == 1 ? "" : "s") recorded in one append"
        } else {
            text += recording == 0 ? "\ndry run: nothing to record" : "\ndry run: nothing was written; --commit records the \(recording) payment\(recording == 1 ? "" : "s") in one append"
        }
        return text
    }

    public static func json(_ input: Input) -> String {
        var rows: [(Int, JSONValue)] = input.entries.map { entry in
            let row = entry.row
            return (row.line, .object([
                ("line", .number(String(row.line))), ("day", .string(row.day.description)), ("amount", .string(row.amount.plain)),
                ("direction", .string(row.outgoing ? "out" : "in")), ("counterparty", .string(row.counterparty)),
                ("account", .string(row.account)), ("reference", .string(row.reference)), ("transaction", .string(row.transaction)),
                ("outcome", .string(entry.outcome.rawValue)), ("contract", .optional(entry.contractID)), ("alias", .optional(entry.alias)),
                ("instalment", .optional(entry.instalment)), ("reasons", .array(entry.reasons.map(JSONValue.string))),
                ("event", .optional(entry.outcome == .record ? entry.event : nil)),
                ("ledgerLine", entry.ledgerLine.map { .number(String($0)) } ?? .null),
            ]))
        }
        rows += input.malformed.map { ($0.line, .object([("line", .number(String($0.line))), ("outcome", .string("malformed")), ("reasons", .array([.string($0.message)]))])) }
        return JSONValue.object([
            ("statement", .string(input.statement)), ("ledger", .string(input.ledger)),
            ("header", input.header.map { .number(String($0)) } ?? .null), ("committed", .bool(input.committed)),
            ("rows", .array(rows.sorted { $0.0 < $1.0 }.map(\.1))),
        ]).rendered() + "\n"
    }
}
