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
    /// A payment's bank transaction id, as `import` keeps it.
    var transaction: String?
    /// A void's target: the line it voids, and that line's hash.
    var line: Int?
    var lineHash: String?
    var reason: String?
    var figure: AssertionRecord.Figure?
    /// A duty done: the obligation's id (".PERIOD" for a recurring one).
    var duty: String?
    var prev: String?
    var hash: String?

    static let common: Set<String> = ["contract", "type", "note", "$schema", "prev", "hash"]

    /// The keys each event type takes (besides contract, type, note), and which it requires.
    static let fields: [String: (allowed: Set<String>, required: [String])] = [
        "signature": (["party", "day"], ["party", "day"]),
        "effective": (["day"], ["day"]),
        "invoice": (["day", "issued", "amount", "instalment"], ["day"]),
        "payment": (["day", "amount", "instalment", "transaction"], ["day", "amount"]),
        "acceptance": (["day", "stage"], ["day", "stage"]),
        "assessment": (["day", "from", "to", "occurrences", "additional", "supersede"], ["from", "to"]),
        "guarantee": (["day", "guarantee", "action", "amount"], ["day", "guarantee", "action"]),
        "incident": (["grade", "subsystem", "occurred", "resolved"], ["grade", "subsystem", "occurred"]),
        "request": (["kind", "received", "firstAnswer", "agreedDue", "done", "complaint", "disruptive"], ["kind", "received"]),
        "staffViolation": (["day", "violation", "amount"], ["day", "violation"]),
        "serviceDelay": (["day", "days", "cause"], ["day", "days"]),
        "breach": (["day", "clause", "party"], ["day", "clause", "party"]),
        "notice": (["day", "kind", "party", "withoutCause"], ["day", "kind", "party"]),
        "excuse": (["cause", "from", "to", "instalment"], ["cause", "from", "to"]),
        "void": (["day", "line", "lineHash", "reason"], ["day", "line", "lineHash", "reason"]),
        "dutyDone": (["day", "duty"], ["day", "duty"]),
        "assert": (["day", "figure", "amount", "instalment", "party"], ["day", "figure", "amount"]),
    ]

    /// Per type, the keys it takes (the common ones included) as bits of
    /// `Key`, and the keys it requires: `fields` for `FastLine`.
    static let masks: [String: (allowed: UInt64, required: [Key])] = fields.mapValues { field in
        let allowed = (common.union(field.allowed)).compactMap { Key.byName[$0] }.reduce(UInt64(0)) { $0 | UInt64(1) << UInt64($1.rawValue) }
        return (allowed, field.required.compactMap { Key.byName[$0] })
    }

    /// The most occurrences of one item an assessment period may record:
    /// far above any real quarter, low enough that no score can overflow.
    static let maximumCount = 10_000

    static var typeNames: String { fields.keys.sorted().joined(separator: ", ") }
}

extension EventLine {
    /// Builds the line from its parsed JSON, with the same messages the
    /// Codable path gives, without decoding the text a second time.
    init(node: JSONNode) throws(EventProblems) {
        try self.init(values: Values(node))
    }

    /// Builds the line from its values by key, however they were read: from
    /// a parsed JSON tree, or straight from the line's bytes (`FastLine`).
    init(values node: Values) throws(EventProblems) {
        var problems: [String] = []
        func string(_ key: Key) -> String? {
            guard let value = node[key], value != .null else { return nil }
            guard case .string(let text) = value else {
                problems.append("$.\(key.name): expected a string, found \(value.kindName)")
                return nil
            }
            return text
        }
        func parsed<T>(_ key: Key, _ make: (String) -> T?, _ expected: @autoclosure () -> String) -> T? {
            guard let text = string(key) else { return nil }
            guard let value = make(text) else {
                problems.append("$.\(key.name): \"\(text)\": \(expected())")
                return nil
            }
            return value
        }
        func day(_ key: Key) -> CalendarDay? { parsed(key, CalendarDay.init(parsing:), "expected a date that exists, written YYYY-MM-DD") }
        func instant(_ key: Key) -> Instant? {
            parsed(key, Instant.init(parsing:), "expected a date-time YYYY-MM-DDTHH:MM[:SS] with a zone, such as \"2026-07-03T10:15+08:00\"")
        }
        func choice<T: RawRepresentable>(_ key: Key, _ type: T.Type, _ names: @autoclosure () -> String) -> T? where T.RawValue == String {
            parsed(key, T.init(rawValue:), "expected one of \(names())")
        }
        func bool(_ key: Key) -> Bool? {
            guard let value = node[key], value != .null else { return nil }
            guard case .bool(let flag) = value else {
                problems.append("$.\(key.name): expected true or false, found \(value.kindName)")
                return nil
            }
            return flag
        }
        func integer(_ key: Key) -> Int? {
            guard let value = node[key], value != .null else { return nil }
            guard case .number(let text) = value, let number = Int(text) ?? (text == "-0" ? 0 : nil) else {
                problems.append("$.\(key.name): expected a whole number, found \(value.kindName)")
                return nil
            }
            return number
        }
        func counts(_ value: JSONNode?, path: String) -> [String: Int]? {
            guard let value, value != .null else { return nil }
            guard case .object(let members) = value else {
                problems.append("\(path): expected an object, found \(value.kindName)")
                return nil
            }
            var result: [String: Int] = [:]
            for member in members {
                guard case .number(let text) = member.value, let number = Int(text) ?? (text == "-0" ? 0 : nil) else {
                    problems.append("\(path).\(member.key): expected a whole number, found \(member.value.kindName)")
                    continue
                }
                guard (0...EventLine.maximumCount).contains(number) else {
                    problems.append("\(path).\(member.key): \(text): expected a count of occurrences in one period, 0 to \(EventLine.maximumCount)")
                    continue
                }
                result[member.key] = number
            }
            return result
        }
        contract = string(.contract) ?? ""
        if node[.contract] == nil || node[.contract] == .null { problems.append("$.contract: missing") }
        type = string(.type) ?? ""
        if node[.type] == nil || node[.type] == .null { problems.append("$.type: missing") }
        note = string(.note)
        self.day = day(.day)
        party = choice(.party, PartyRole.self, "buyer, supplier")
        issued = day(.issued)
        if let text = string(.amount) {
            do {
                amount = try Money(parsing: text)
            } catch {
                problems.append("$.amount: \(error.description)")
            }
        }
        instalment = string(.instalment)
        stage = choice(.stage, AcceptanceStage.self, "initial, final")
        from = day(.from)
        to = day(.to)
        if let value = node[.occurrences], value != .null {
            if case .object(let categories) = value {
                var result: [String: [String: Int]] = [:]
                for category in categories { result[category.key] = counts(category.value, path: "$.occurrences.\(category.key)") ?? [:] }
                occurrences = result
            } else {
                problems.append("$.occurrences: expected an object, found \(value.kindName)")
            }
        }
        additional = counts(node[.additional], path: "$.additional")
        supersede = bool(.supersede)
        guarantee = string(.guarantee)
        action = choice(.action, GuaranteeAction.self, "lodged, released, deducted")
        grade = string(.grade)
        subsystem = string(.subsystem)
        occurred = instant(.occurred)
        resolved = instant(.resolved)
        kind = string(.kind)
        received = instant(.received)
        firstAnswer = instant(.firstAnswer)
        agreedDue = instant(.agreedDue)
        done = instant(.done)
        complaint = string(.complaint)
        disruptive = bool(.disruptive)
        violation = string(.violation)
        days = integer(.days)
        cause = choice(.cause, DelayCause.self, DelayCause.allCases.map(\.rawValue).joined(separator: ", "))
        clause = string(.clause)
        withoutCause = bool(.withoutCause)
        transaction = string(.transaction)
        line = integer(.line)
        lineHash = string(.lineHash)
        reason = string(.reason)
        duty = string(.duty)
        figure = choice(.figure, AssertionRecord.Figure.self, AssertionRecord.Figure.allCases.map(\.rawValue).joined(separator: ", "))
        prev = string(.prev)
        hash = string(.hash)
        guard problems.isEmpty else { throw EventProblems(messages: problems) }
    }
}

extension EventLine {
    /// The keys a ledger line may carry, as `EventLine` reads them.
    enum Key: Int, CaseIterable, Sendable {
        case contract, type, note, day, party, issued, amount, instalment, stage, from, to, occurrences, additional, supersede, guarantee, action, grade, subsystem, occurred, resolved, kind, received, firstAnswer, agreedDue, done, complaint, disruptive, violation, days, cause, clause, withoutCause, transaction, line, lineHash, reason, duty, figure, prev, hash

        var name: String { Key.names[rawValue] }

        static let names: [String] = ["contract", "type", "note", "day", "party", "issued", "amount", "instalment", "stage", "from", "to", "occurrences", "additional", "supersede", "guarantee", "action", "grade", "subsystem", "occurred", "resolved", "kind", "received", "firstAnswer", "agreedDue", "done", "complaint", "disruptive", "violation", "days", "cause", "clause", "withoutCause", "transaction", "line", "lineHash", "reason", "duty", "figure", "prev", "hash"]
        static let byName: [String: Key] = Dictionary(uniqueKeysWithValues: allCases.map { (names[$0.rawValue], $0) })
        /// The keys' UTF-8 bytes, for reading a line without building strings.
        static let bytes: [[UInt8]] = names.map { Array($0.utf8) }
    }

    /// A line's values by key: only those present are stored, and a bit per
    /// key says which, so asking for an absent key costs nothing.
    struct Values {
        private var present: UInt64 = 0
        private var entries: [(key: Key, value: JSONNode)] = []

        init() { entries.reserveCapacity(12) }

        /// The values of a parsed line; keys `EventLine` does not read are left out.
        init(_ node: JSONNode) {
            self.init()
            guard case .object(let members) = node else { return }
            for member in members {
                if let key = Key.byName[member.key] { set(key, member.value) }
            }
        }

        /// False when the key is already set: a duplicate.
        @discardableResult
        mutating func set(_ key: Key, _ value: JSONNode) -> Bool {
            let bit = UInt64(1) << UInt64(key.rawValue)
            guard present & bit == 0 else { return false }
            present |= bit
            entries.append((key, value))
            return true
        }

        /// Marks `key` present without keeping its value (`FastLine`'s
        /// `keeping`): asking for it gives nil. False when already present.
        mutating func mark(_ key: Key) -> Bool {
            let bit = UInt64(1) << UInt64(key.rawValue)
            guard present & bit == 0 else { return false }
            present |= bit
            return true
        }

        /// A bit per key present.
        var mask: UInt64 { present }

        func has(_ key: Key) -> Bool { present & (UInt64(1) << UInt64(key.rawValue)) != 0 }

        subscript(key: Key) -> JSONNode? {
            guard has(key) else { return nil }
            return entries.first { $0.key == key }?.value
        }

        var keys: [Key] { entries.map(\.key) }
    }
}
