/// How a `dutyDone` event names the duty it records: the obligation's id
/// for a duty due once (within a time after a day: a handover after the
/// term), and "ID.PERIOD" for one occurrence of a recurring duty, PERIOD as
/// `deadlines` labels it: "2026-10" for a month, "2026Q4" for a quarter,
/// "year 2" for a contract year.
enum DutyKey {
    /// The obligations whose occurrences `deadlines` lists as duties to do.
    static func dated(_ contract: Contract) -> [Obligation] {
        contract.obligations.filter { $0.every != nil || ($0.after != nil && $0.within != nil) }
    }

    /// What is wrong with `key` for `contract`; nil when it names a duty.
    static func problem(_ key: String, in contract: Contract) -> String? {
        let duties = dated(contract)
        var (id, period) = split(key)
        if duties.contains(where: { $0.id == key && $0.every == nil }) { (id, period) = (key, nil) }
        guard let obligation = duties.first(where: { $0.id == id }) else {
            let named = duties.isEmpty ? "it has no dated duty" : "its dated duties: " + duties.map { $0.every == nil ? $0.id : "\($0.id).PERIOD" }.joined(separator: ", ")
            return "\(contract.alias) has no dated duty \"\(id)\"; \(named)"
        }
        guard let every = obligation.every else {
            return period == nil ? nil : "\(id) is due once (\(obligation.clause)); name it without a period"
        }
        let example = switch every {
        case .monthly: "2026-10"
        case .quarterly: "2026Q4"
        case .yearly: "year 1"
        }
        guard let period, matches(period, every) else {
            return "\(id) recurs \(every.rawValue) (\(obligation.clause)); name one occurrence as \(id).PERIOD, e.g. \(id).\(example)"
        }
        return nil
    }

    /// "duty-roster.2026-10" -> ("duty-roster", "2026-10"); an id with no
    /// period -> (id, nil). A period holds no ".", an id may.
    static func split(_ key: String) -> (id: String, period: String?) {
        guard let dot = key.lastIndex(of: ".") else { return (key, nil) }
        return (String(key[..<dot]), String(key[key.index(after: dot)...]))
    }

    static func matches(_ period: String, _ every: Recurrence) -> Bool {
        let bytes = Array(period.utf8)
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { bytes.indices.contains($0) && (48...57).contains(bytes[$0]) } }
        switch every {
        case .monthly:
            guard bytes.count == 7, digits(0..<4), bytes[4] == UInt8(ascii: "-"), digits(5..<7) else { return false }
            return (1...12).contains(Int(period.suffix(2)) ?? 0)
        case .quarterly:
            return bytes.count == 6 && digits(0..<4) && bytes[4] == UInt8(ascii: "Q") && (49...52).contains(bytes[5])
        case .yearly:
            guard period.hasPrefix("year "), let number = Int(period.dropFirst(5)) else { return false }
            return number >= 1 && String(number) == period.dropFirst(5)
        }
    }
}
