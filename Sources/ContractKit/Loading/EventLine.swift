/// A ledger line as JSON writes it: one flat object per event. Which keys
/// a type takes is listed in `EventLine.fields`; the loader refuses the rest.
struct EventLine: Codable {
    var contract: String
    var type: String
    var note: String?
    var day: CalendarDay?
    var party: PartyRole?
    var issued: CalendarDay?
    var amount: Money?
    var instalment: String?
    var stage: AcceptanceStage?
    var from: CalendarDay?
    var to: CalendarDay?
    var occurrences: [String: [String: Int]]?
    var additional: [String: Int]?
    var supersede: Bool?
    var guarantee: String?
    var action: GuaranteeAction?
    var grade: String?
    var subsystem: String?
    var occurred: Instant?
    var resolved: Instant?
    var kind: String?
    var received: Instant?
    var firstAnswer: Instant?
    var agreedDue: Instant?
    var done: Instant?
    var complaint: String?
    var disruptive: Bool?
    var violation: String?
    var days: Int?
    var cause: DelayCause?
    var clause: String?
    var withoutCause: Bool?
    var prev: String?
    var hash: String?

    static let common: Set<String> = ["contract", "type", "note", "$schema", "prev", "hash"]

    /// The keys each event type takes (besides contract, type, note), and which it requires.
    static let fields: [String: (allowed: Set<String>, required: [String])] = [
        "signature": (["party", "day"], ["party", "day"]),
        "effective": (["day"], ["day"]),
        "invoice": (["day", "issued", "amount", "instalment"], ["day"]),
        "payment": (["day", "amount", "instalment"], ["day", "amount"]),
        "acceptance": (["day", "stage"], ["day", "stage"]),
        "assessment": (["day", "from", "to", "occurrences", "additional", "supersede"], ["from", "to"]),
        "guarantee": (["day", "guarantee", "action", "amount"], ["day", "guarantee", "action"]),
        "incident": (["grade", "subsystem", "occurred", "resolved"], ["grade", "subsystem", "occurred"]),
        "request": (["kind", "received", "firstAnswer", "agreedDue", "done", "complaint", "disruptive"], ["kind", "received"]),
        "staffViolation": (["day", "violation", "amount"], ["day", "violation"]),
        "serviceDelay": (["day", "days", "cause"], ["day", "days"]),
        "breach": (["day", "clause", "party"], ["day", "clause", "party"]),
        "notice": (["day", "kind", "party", "withoutCause"], ["day", "kind", "party"]),
    ]

    static var typeNames: String { fields.keys.sorted().joined(separator: ", ") }
}
