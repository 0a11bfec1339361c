import ContractKit

/// Mutates the values inside one valid ledger line and keeps its shape: an
/// amount becomes another amount (huge, negative, finer than a fen,
/// "1e400", zero), a day another day (0001-01-01, 9999-12-31, a leap day,
/// one near the original), a count another count (0, 10000, huge), a
/// date-time another (far zones, the ends of the calendar), a name one of
/// another key or another contract. The result is a line `record` may
/// accept or refuse; either way no computation may trap on it.
struct LedgerLineMutator {
    /// String values the contract fixtures use, by the key they sit under.
    var names: [String: [String]]
    /// Contract ids and aliases.
    var contracts: [String]
    /// category id -> its deduction ids, and the additional items, of every sheet.
    var deductions: [String: [String]]
    var additionalItems: [String]

    init(contracts: ContractSet, fixtures: [JSONNode]) {
        var names: [String: Set<String>] = [:]
        func walk(_ node: JSONNode, key: String) {
            switch node {
            case .object(let members): for member in members { walk(member.value, key: member.key) }
            case .array(let items): for item in items { walk(item, key: key) }
            case .string(let text) where text.count < 40: names[key, default: []].insert(text)
            default: break
            }
        }
        for fixture in fixtures { walk(fixture, key: "$") }
        self.names = names.mapValues { $0.sorted() }
        self.contracts = contracts.contracts.flatMap { [$0.id, $0.alias] } + ["no-such-contract"]
        var deductions: [String: [String]] = [:]
        var additional: [String] = []
        for contract in contracts.contracts {
            for category in contract.assessment?.categories ?? [] { deductions[category.id, default: []] += category.deductions.map(\.id) }
            additional += contract.assessment?.additionalItems.map(\.id) ?? []
        }
        self.deductions = deductions
        self.additionalItems = additional
    }

    /// The keys each event type takes besides contract, type and note (as
    /// `record --help` lists them), for adding a key the line lacks.
    static let keys: [String: [String]] = [
        "signature": ["party", "day"], "effective": ["day"], "invoice": ["day", "issued", "amount", "instalment"],
        "payment": ["day", "amount", "instalment"], "acceptance": ["day", "stage"],
        "assessment": ["from", "to", "occurrences", "additional", "supersede"],
        "guarantee": ["day", "guarantee", "action", "amount"], "incident": ["grade", "subsystem", "occurred", "resolved"],
        "request": ["kind", "received", "firstAnswer", "agreedDue", "done", "complaint", "disruptive"],
        "staffViolation": ["day", "violation", "amount"], "serviceDelay": ["day", "days", "cause"],
        "breach": ["day", "clause", "party"], "notice": ["day", "kind", "party", "withoutCause"],
        "excuse": ["cause", "from", "to", "instalment"],
    ]

    static let dayKeys: Set<String> = ["day", "issued", "from", "to"]
    static let instantKeys: Set<String> = ["occurred", "resolved", "received", "firstAnswer", "agreedDue", "done"]
    static let flagKeys: Set<String> = ["supersede", "disruptive", "withoutCause"]

    /// 1 to 4 value mutations, and now and then a key added or removed.
    func mutate(_ line: JSONNode, _ random: inout Random) -> JSONNode {
        guard case .object(var members) = line else { return line }
        members.removeAll { $0.key == "prev" || $0.key == "hash" }
        let type = members.first { $0.key == "type" }.flatMap { if case .string(let t) = $0.value { return t } else { return nil } } ?? ""
        for _ in 0..<(1 + random.below(4)) {
            if random.chance(12), let key = LedgerLineMutator.keys[type].map({ random.pick($0) }), !members.contains(where: { $0.key == key }) {
                members.append(.init(key: key, value: value(for: key, original: nil, &random)))
            } else if random.chance(5), members.count > 2 {
                let index = random.below(members.count)
                if !["contract", "type"].contains(members[index].key) { members.remove(at: index) }
            } else if !members.isEmpty {
                let index = random.below(members.count)
                members[index].value = value(for: members[index].key, original: members[index].value, &random)
            }
        }
        return .object(members)
    }

    func value(for key: String, original: JSONNode?, _ random: inout Random) -> JSONNode {
        // Now and then a value of the wrong kind altogether.
        if random.chance(3) { return random.pick([.null, .bool(true), .number("1e400"), .string(""), .string("50%"), .number("-1"), .array([]), .object([])]) }
        let text: String? = original.flatMap { if case .string(let t) = $0 { return t } else { return nil } }
        switch key {
        case "amount": return .string(amount(text, &random))
        case _ where LedgerLineMutator.dayKeys.contains(key): return .string(day(text.flatMap(CalendarDay.init(parsing:)), &random))
        case _ where LedgerLineMutator.instantKeys.contains(key): return .string(instant(text.flatMap(Instant.init(parsing:)), &random))
        case _ where LedgerLineMutator.flagKeys.contains(key): return random.pick([.bool(true), .bool(false), .null, .string("true")])
        case "days": return .number(random.pick(["1", "2", "10", "30", "36500", "36501", "0", "-1", "-0", "100000", String(1 + random.below(36_500)), "9223372036854775807"]))
        case "occurrences": return occurrences(original, &random)
        case "additional": return counts(original, ids: additionalItems, &random)
        case "contract": return .string(random.pick(contracts))
        case "type": return .string(random.pick(Array(LedgerLineMutator.keys.keys).sorted()))
        case "party": return .string(random.pick(["buyer", "supplier", "either", "Buyer"]))
        case "stage": return .string(random.pick(["initial", "final", "provisional"]))
        case "action": return .string(random.pick(["lodged", "released", "deducted", "returned"]))
        case "cause": return .string(random.pick(["supplier", "buyer", "forceMajeure", "budgetAllocation", "weather"]))
        case "kind": return .string(random.pick(["ordinary", "complex", "nonRenewal", "termination", "renewalReminder"] + (names["kind"] ?? [])))
        case "instalment", "guarantee", "subsystem": return .string(random.pick(["1", "2", "3", "0", "advance", "performance"] + (names["id"] ?? [])))
        case "grade": return .string(random.pick(names["grade"] ?? ["major"]))
        case "violation": return .string(random.pick(names["violation"] ?? ["lateForDuty"]))
        case "complaint": return .string(random.pick((names["level"] ?? []) + ["mayor"]))
        case "clause": return .string(random.pick((names["clause"] ?? []) + ["§9.1(2)", "§9.10", "附件3", ""]))
        default: return .string(random.pick(["", "x", String(repeating: "长", count: 200)]))
        }
    }

    /// Another amount: a neighbour or a multiple of the original (which
    /// `record` may accept), an extreme, or text that is no amount.
    func amount(_ original: String?, _ random: inout Random) -> String {
        if let original, let money = try? Money(parsing: original), random.chance(50) {
            let fen = money.fen
            let candidates = [fen / 2, fen - 1, fen + 1, fen / 3, fen * 2, fen * 1000, 1, fen / 100 * 100 + 1]
            return Money(fen: random.pick(candidates)).plain
        }
        if random.chance(30) {
            let digits = (0..<(1 + random.below(14))).map { _ in String(random.below(10)) }.joined()
            let whole = String(Int(digits) ?? 0)
            return random.chance(50) ? whole : whole + "." + String(random.below(10)) + String(random.below(10))
        }
        return random.pick(["0", "0.00", "0.01", "1", "-1", "-0.01", "-0", "1e400", "1E5", "1000000000000.00", "1000000000000.01",
                            "999999999999.99", "92233720368547758.07", "99999999999999999999", "1.005", "0.5", "12.3456",
                            "4149000.00", "8298000.00", "490000.00", "50%", " 1", "1,000.00", ""])
    }

    static let first = CalendarDay(year: 1, month: 1, day: 1)?.dayNumber ?? 0
    static let last = CalendarDay(year: 9999, month: 12, day: 31)?.dayNumber ?? 0

    /// Another day: an end of the calendar, a leap day, a month's end, a
    /// day near the original, or any day at all; now and then one that does
    /// not exist or is not written YYYY-MM-DD.
    func day(_ original: CalendarDay?, _ random: inout Random) -> String {
        switch random.below(8) {
        case 0:
            return random.pick(["0001-01-01", "9999-12-31", "9999-12-30", "0001-01-02", "1970-01-01", "1969-12-31", "2026-12-31", "2027-01-01"])
        case 1:
            let year = 4 * (1 + random.below(2499))
            return CalendarDay(year: year, month: 2, day: 29).map(\.description) ?? "\(year)-02-29"
        case 2:
            return random.pick(["2025-02-29", "1900-02-29", "2100-02-29", "0000-01-01", "10000-01-01", "2026-13-01", "2026-1-1", "2026-06-31", "20260609"])
        case 3:
            let year = 1 + random.below(9999)
            return CalendarDay(year: year, month: 1 + random.below(12), day: 1).map { $0.endOfMonth.description } ?? "\(year)"
        case 4, 5:
            let base = original ?? CalendarDay(year: 2026, month: 6, day: 9) ?? CalendarDay(dayNumber: 0)
            let shift = random.pick([1, -1, 10, -10, 30, -30, 90, 365, -365, 3650, -3650]) * (1 + random.below(3))
            return day(number: base.dayNumber + shift)
        default:
            return day(number: LedgerLineMutator.first + random.below(LedgerLineMutator.last - LedgerLineMutator.first + 1))
        }
    }

    /// The day with that number, clamped to the calendar's range.
    func day(number: Int) -> String {
        CalendarDay(dayNumber: min(LedgerLineMutator.last, max(LedgerLineMutator.first, number))).description
    }

    /// Another date-time: a day as above with a time and a zone, from -14:59
    /// to +14:59, or the original moved by hours.
    func instant(_ original: Instant?, _ random: inout Random) -> String {
        if let original, random.chance(40) {
            let hours = random.pick([1, -1, 2, 3, 6, 24, 72, -24, 8760, 100_000])
            let moved = Instant(seconds: original.seconds + Int64(hours) * 3600 + Int64(random.below(3600)))
            if (LedgerLineMutator.first...LedgerLineMutator.last).contains(moved.shanghaiDay.dayNumber) { return moved.description }
        }
        let time = random.pick(["00:00", "23:59", "23:59:59", "12:00", "09:30:15", "24:00", "12:60"])
        let zone = random.pick(["+08:00", "Z", "+14:00", "-14:00", "+14:59", "-14:59", "+00:00", "", "+15:00", "+08"])
        return day(nil, &random) + "T" + time + zone
    }

    func occurrences(_ original: JSONNode?, _ random: inout Random) -> JSONNode {
        var categories: [JSONNode.Member] = []
        if case .object(let existing)? = original { categories = existing }
        let names = deductions.keys.sorted()
        guard !names.isEmpty else { return .object([]) }
        let category = random.chance(90) ? random.pick(names) : "noSuchCategory"
        let current = categories.first { $0.key == category }?.value
        let updated = counts(current, ids: deductions[category] ?? ["late"], &random)
        if let index = categories.firstIndex(where: { $0.key == category }) {
            categories[index].value = updated
        } else {
            categories.append(.init(key: category, value: updated))
        }
        return .object(categories)
    }

    /// An object of counts with one count changed or added.
    func counts(_ original: JSONNode?, ids: [String], _ random: inout Random) -> JSONNode {
        var members: [JSONNode.Member] = []
        if case .object(let existing)? = original { members = existing }
        let id = ids.isEmpty || random.chance(5) ? "noSuchItem" : random.pick(ids)
        let count = JSONNode.number(random.pick(["0", "1", "2", "3", "10000", "10001", "-1", "-0", "1.5", "1e400", "9223372036854775807",
                                                  "9223372036854775808", String(random.below(10_001))]))
        if let index = members.firstIndex(where: { $0.key == id }) {
            members[index].value = count
        } else {
            members.append(.init(key: id, value: count))
        }
        return .object(members)
    }
}
