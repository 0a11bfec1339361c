/// The register of a ledger: every recorded event as the ledger holds it,
/// one entry per line, with the figures it carries. It computes nothing;
/// it shows what the computations start from.
public struct RegisterEntry: Sendable {
    /// One figure an event carries, by its ledger key ("amount", "instalment").
    public struct Field: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    public var line: Int
    public var day: CalendarDay
    public var contractID: String
    public var alias: String
    public var type: String
    /// The amount the event carries (a payment, an invoice, a guarantee, a staff violation).
    public var amount: Money?
    public var instalment: String?
    /// Every other figure, in the order the ledger format lists them.
    public var fields: [Field]
    public var note: String?
    /// The line that voids this event: no computation counts it.
    public var voidedBy: Int?
}

public enum Register {
    /// The events of `contracts` in `ledger`, in the order recorded (line
    /// order), narrowed to `types` (all when empty) and to the events dated
    /// within `range` (all when nil).
    public static func entries(for contracts: [Contract], ledger: Ledger, types: Set<String> = [], range: DayRange? = nil) -> [RegisterEntry] {
        var entries: [RegisterEntry] = []
        let corrections = Dictionary(grouping: ledger.voids + ledger.voided, by: \.contractID)
        for contract in contracts {
            for event in (ledger.byContract[contract.id] ?? []) + (corrections[contract.id] ?? []) {
                guard types.isEmpty || types.contains(event.typeName) else { continue }
                if let range, !range.contains(event.day) { continue }
                var entry = entry(event, alias: contract.alias)
                entry.voidedBy = ledger.voidedBy[event.line]
                entries.append(entry)
            }
        }
        return entries.sorted { $0.line < $1.line }
    }

    static func entry(_ event: LedgerEvent, alias: String) -> RegisterEntry {
        var fields: [RegisterEntry.Field] = []
        var amount: Money?
        var instalment: String?
        func add(_ key: String, _ value: CustomStringConvertible?) {
            if let value { fields.append(.init(key: key, value: value.description)) }
        }
        switch event.kind {
        case .signature(let party, _): add("party", party.rawValue)
        case .effective: break
        case .invoice(_, let issued, let money, let number):
            amount = money
            instalment = number
            add("issued", issued)
        case .payment(_, let money, let number):
            amount = money
            instalment = number
            add("transaction", event.transaction)
        case .acceptance(_, let stage): add("stage", stage.rawValue)
        case .assessment(let record):
            add("from", record.from)
            add("to", record.to)
            let counts = record.occurrences.sorted { $0.key < $1.key }.flatMap { category in
                category.value.sorted { $0.key < $1.key }.map { "\(category.key).\($0.key)=\($0.value)" }
            }
            if !counts.isEmpty { add("occurrences", counts.joined(separator: " ")) }
            let extra = record.additional.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            if !extra.isEmpty { add("additional", extra.joined(separator: " ")) }
            if record.supersede { add("supersede", "true") }
        case .guarantee(_, let guarantee, let action, let money):
            amount = money
            add("guarantee", guarantee)
            add("action", action.rawValue)
        case .incident(let record):
            add("grade", record.grade)
            add("subsystem", record.subsystem)
            add("occurred", record.occurred)
            add("resolved", record.resolved)
        case .request(let record):
            add("kind", record.kind)
            add("received", record.received)
            add("firstAnswer", record.firstAnswer)
            add("agreedDue", record.agreedDue)
            add("done", record.done)
            add("complaint", record.complaint)
            if record.disruptive { add("disruptive", "true") }
        case .staffViolation(_, let violation, let money):
            amount = money
            add("violation", violation)
        case .serviceDelay(_, let days, let cause):
            add("days", days)
            add("cause", cause.rawValue)
        case .breach(_, let clause, let party):
            add("clause", clause)
            add("party", party.rawValue)
        case .notice(_, let kind, let party, let withoutCause):
            add("kind", kind.rawValue)
            add("party", party.rawValue)
            if withoutCause { add("withoutCause", "true") }
        case .excuse(let record):
            add("cause", record.cause.rawValue)
            add("from", record.from)
            add("to", record.to)
            instalment = record.instalment
        case .void(_, let line, _, let reason):
            add("voids", "line \(line)")
            add("reason", reason)
        case .assertion(let record):
            amount = record.amount
            instalment = record.instalment
            add("figure", record.figure.rawValue)
            add("party", record.payer?.rawValue)
        }
        return RegisterEntry(line: event.line, day: event.day, contractID: event.contractID, alias: alias, type: event.typeName,
                             amount: amount, instalment: instalment, fields: fields, note: event.note)
    }
}
