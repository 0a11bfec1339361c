/// A moment, for incidents and requests: seconds since 1970-01-01T00:00Z.
///
/// Written in a ledger as `YYYY-MM-DDTHH:MM[:SS]` with a zone (`+08:00` or
/// `Z`); a time without a zone is refused rather than guessed. Durations are
/// clock hours, so daylight saving (Shanghai had it 1986-1991) cannot shift them.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// Shanghai is UTC+8 today; the ledger's instants are read in the zone written.
    public static let shanghaiOffset: Int64 = 8 * 3600

    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":") else { return nil }
        guard let day = CalendarDay(parsing: String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        func number(_ range: Range<Int>) -> Int? { asciiNumber(bytes, range) }
        guard let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60 else { return nil }
        var index = 16
        var second = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let s = number(17..<19), s < 60 else { return nil }
            second = s
            index = 19
        }
        guard index < bytes.count else { return nil }   // no zone: refused
        var offset = 0
        if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.count {
            offset = 0
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), bytes.count == index + 6, bytes[index + 3] == UInt8(ascii: ":"),
                  let h = number(index + 1..<index + 3), let m = number(index + 4..<index + 6), h <= 14, m < 60 {
            offset = (h * 3600 + m * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        seconds = Int64(day.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    }

    /// The first moment of a day in Shanghai.
    public static func startOfDay(_ day: CalendarDay) -> Instant {
        Instant(seconds: Int64(day.dayNumber) * 86_400 - shanghaiOffset)
    }

    /// The end of a day in Shanghai (the next day's first moment).
    public static func endOfDay(_ day: CalendarDay) -> Instant {
        startOfDay(day.adding(days: 1))
    }

    /// The day this moment falls on in Shanghai.
    public var shanghaiDay: CalendarDay {
        let local = seconds + Instant.shanghaiOffset
        return CalendarDay(dayNumber: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }

    /// "2026-07-03T10:15:00+08:00", in Shanghai time.
    public var description: String {
        let local = seconds + Instant.shanghaiOffset
        let day = shanghaiDay
        let secondsOfDay = Int(local - Int64(day.dayNumber) * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60))+08:00"
    }

    /// Clock hours from `self` to `later`, exactly, as a fraction of seconds.
    public func seconds(until later: Instant) -> Int64 { later.seconds - seconds }
}

extension Instant: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date-time as a string such as \"2026-07-03T10:15+08:00\"")
        }
        guard let instant = Instant(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\": expected a date-time YYYY-MM-DDTHH:MM[:SS] with a zone, such as \"2026-07-03T10:15+08:00\"")
        }
        self = instant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
