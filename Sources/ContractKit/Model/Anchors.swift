/// A day a term counts from: one the contract itself fixes (signing, the
/// effective day, the term's start and end) or one an event fixes (an
/// invoice received, an acceptance), which the ledger records.
public enum Anchor: String, Codable, Sendable, CaseIterable {
    case signing
    case effective
    case termStart
    case termEnd
    case invoiceReceived
    case initialAcceptance
    case finalAcceptance

    /// True for anchors only a recorded event can fix.
    public var isEvent: Bool {
        switch self {
        case .signing, .effective, .termStart, .termEnd: return false
        case .invoiceReceived, .initialAcceptance, .finalAcceptance: return true
        }
    }

    public var words: String {
        switch self {
        case .signing: return "signing"
        case .effective: return "the effective day"
        case .termStart: return "the start of the service term"
        case .termEnd: return "the end of the service term"
        case .invoiceReceived: return "receipt of the invoice"
        case .initialAcceptance: return "initial acceptance"
        case .finalAcceptance: return "final acceptance"
        }
    }
}

/// A fixed date or an anchor, written in JSON as "2024-01-01" or "signing".
public enum DayRef: Codable, Sendable, Hashable {
    case date(CalendarDay)
    case anchor(Anchor)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date YYYY-MM-DD or an anchor (\(Anchor.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if let day = CalendarDay(parsing: text) {
            self = .date(day)
        } else if let anchor = Anchor(rawValue: text) {
            self = .anchor(anchor)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\": expected a date YYYY-MM-DD that exists or an anchor (\(Anchor.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .date(let day): try container.encode(day.description)
        case .anchor(let anchor): try container.encode(anchor.rawValue)
        }
    }
}

/// A period as JSON writes it: exactly one of {"days": 90},
/// {"workingDays": 30}, {"months": 6}, {"years": 1}.
public struct PeriodSpec: Codable, Sendable, Hashable {
    public var period: Period

    public init(_ period: Period) { self.period = period }

    enum Key: String, CodingKey, CaseIterable { case days, workingDays, months, years }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let present = Key.allCases.filter { container.contains($0) }
        guard present.count == 1, let key = present.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected exactly one of \"days\", \"workingDays\", \"months\", \"years\""))
        }
        let count = try container.decode(Int.self, forKey: key)
        guard (0...36_500).contains(count) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(count): expected a count from 0 to 36500")
        }
        switch key {
        case .days: period = .days(count)
        case .workingDays: period = .workingDays(count)
        case .months: period = .months(count)
        case .years: period = .years(count)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch period {
        case .days(let n): try container.encode(n, forKey: .days)
        case .workingDays(let n): try container.encode(n, forKey: .workingDays)
        case .months(let n): try container.encode(n, forKey: .months)
        case .years(let n): try container.encode(n, forKey: .years)
        }
    }
}
