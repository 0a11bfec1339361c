/// The ledger's hash chain. Each line ends with `"prev"`, the hash of the
/// line before it (64 zeros for the first), and `"hash"`, the SHA-256 of the
/// line's own text up to and including `prev`:
///
///     {"contract":"liyang-2024",...,"prev":"9f4c…","hash":"b2a1…"}
///
/// A one-byte edit anywhere in a line breaks its own hash; a line inserted,
/// removed or moved breaks the chain at the line after it.
public enum LedgerChain {
    public static let genesis = String(repeating: "0", count: 64)

    /// The line to write for an event's compact JSON, chained to `prev`.
    public static func seal(_ event: String, prev: String) -> String {
        let body = String(event.dropLast()) + ",\"prev\":\"\(prev)\"}"
        return String(body.dropLast()) + ",\"hash\":\"\(SHA256.hex(body.utf8))\"}"
    }

    /// A line's stated hash and previous hash, and whether its text matches
    /// its hash; nil when the line carries no chain fields.
    public struct Seal: Sendable, Equatable {
        public var prev: String
        public var hash: String
        public var intact: Bool
    }

    public static func seal(of line: Substring) -> Seal? {
        let bytes = Array(line.utf8)
        let hashSuffix = Array(",\"hash\":\"".utf8)
        // ... ,"prev":"<64>","hash":"<64>"}
        guard bytes.count > 64 + hashSuffix.count + 2, bytes.last == UInt8(ascii: "}") else { return nil }
        let hashEnd = bytes.count - 2
        let hashStart = hashEnd - 64
        guard bytes[hashEnd] == UInt8(ascii: "\""), Array(bytes[(hashStart - hashSuffix.count)..<hashStart]) == hashSuffix else { return nil }
        let hash = String(decoding: bytes[hashStart..<hashEnd], as: UTF8.self)
        let body = Array(bytes[..<(hashStart - hashSuffix.count)]) + [UInt8(ascii: "}")]
        let prevSuffix = Array(",\"prev\":\"".utf8)
        let prevEnd = body.count - 2
        let prevStart = prevEnd - 64
        guard prevStart - prevSuffix.count >= 0, body[prevEnd] == UInt8(ascii: "\""),
              Array(body[(prevStart - prevSuffix.count)..<prevStart]) == prevSuffix else { return nil }
        let prev = String(decoding: body[prevStart..<prevEnd], as: UTF8.self)
        guard isHex(hash), isHex(prev) else { return nil }
        return Seal(prev: prev, hash: hash, intact: SHA256.hex(body) == hash)
    }

    static func isHex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// The hash the next line must chain to: the last line's hash, or, for a
    /// ledger written before the chain, the SHA-256 of the last line's text.
    public static func head(of lines: [Substring]) -> String {
        guard let last = lines.last else { return genesis }
        return seal(of: last)?.hash ?? SHA256.hex(last.utf8)
    }

    /// Where a chain is broken: the first line at fault, and what happened.
    public struct Break: Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// The first break in the chain of `lines`, or nil. `numbers` are the
    /// lines' numbers in the file (blank lines are skipped but counted);
    /// without them, lines are numbered from 1.
    public static func verify(_ lines: [Substring], numbers: [Int]? = nil) -> Break? {
        func number(_ index: Int) -> Int { numbers.flatMap { index < $0.count ? $0[index] : nil } ?? index + 1 }
        let seals = lines.map(seal(of:))
        var hashes: [String: Int] = [:]
        for (index, seal) in seals.enumerated() { if let seal { hashes[seal.hash] = hashes[seal.hash] ?? index } }
        for (index, seal) in seals.enumerated() {
            let line = number(index)
            guard let seal else {
                return Break(line: line, message: "line \(line) carries no chain hash: it was not written by contractctl record, or its hash was edited away")
            }
            guard seal.intact else {
                return Break(line: line, message: "line \(line) was altered: its text no longer matches its hash")
            }
            if let first = hashes[seal.hash], first < index {
                return Break(line: line, message: "line \(line) repeats line \(number(first)), byte for byte: a copy was appended or inserted")
            }
            let expected = index == 0 ? genesis : seals[index - 1]?.hash ?? ""
            guard seal.prev != expected else { continue }
            if index == 0 {
                return Break(line: line, message: "line \(line) does not start the chain: the line(s) before it were removed")
            }
            if index >= 2, seal.prev == seals[index - 2]?.hash {
                return Break(line: number(index - 1), message: "line \(number(index - 1)) was inserted: line \(line) chains to line \(number(index - 2))")
            }
            if let earlier = hashes[seal.prev] {
                if earlier > index {
                    return Break(line: line, message: "line \(line) is out of order: it was written after line \(number(earlier))")
                }
                return Break(line: number(earlier + 1), message: "lines \(number(earlier + 1)) to \(number(index - 1)) were inserted or moved: line \(line) chains to line \(number(earlier))")
            }
            return Break(line: line, message: "the chain breaks before line \(line): a line between lines \(number(index - 1)) and \(line) was removed, or line \(number(index - 1)) was rewritten")
        }
        return nil
    }
}
