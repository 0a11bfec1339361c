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
        link(of: line).map { Seal(prev: $0.prev.hex, hash: $0.hash.hex, intact: $0.intact) }
    }

    /// A seal as `verify` compares it: the two hashes as 32-byte values.
    struct Link: Sendable, Equatable {
        var prev: SHA256.Digest
        var hash: SHA256.Digest
        var intact: Bool
    }

    static let genesisDigest = SHA256.Digest.zero

    static func link(of line: Substring) -> Link? {
        var line = line
        // In place for the lines of a ledger (native strings); a bridged or
        // small string is made contiguous first.
        return line.withUTF8 { link(of: UnsafeRawBufferPointer($0)) }
    }

    private static let prevKey: StaticString = ",\"prev\":\""
    private static let hashKey: StaticString = ",\"hash\":\""

    /// The seal of one line's bytes, read where they are:
    ///
    ///     <body>,"prev":"<64 hex>","hash":"<64 hex>"}
    ///
    /// and hashed as `<body>,"prev":"<64 hex>"}` without copying the line.
    static func link(of bytes: UnsafeRawBufferPointer) -> Link? {
        let count = bytes.count
        let quote = UInt8(ascii: "\""), brace = UInt8(ascii: "}")
        // ,"prev":"<64>","hash":"<64>"}: 149 bytes at least, as the chain
        // has always read it.
        guard count > 64 + 9 + 2, bytes[count - 1] == brace else { return nil }
        let hashEnd = count - 2, hashStart = hashEnd - 64
        guard bytes[hashEnd] == quote, matches(bytes, at: hashStart - 9, hashKey) else { return nil }
        let bodyEnd = hashStart - 9  // the body is bytes[..<bodyEnd] and "}"
        let prevEnd = bodyEnd - 1, prevStart = prevEnd - 64
        guard prevStart - 9 >= 0, bytes[prevEnd] == quote, matches(bytes, at: prevStart - 9, prevKey),
              let hash = SHA256.Digest(hex: UnsafeRawBufferPointer(rebasing: bytes[hashStart..<hashEnd])),
              let prev = SHA256.Digest(hex: UnsafeRawBufferPointer(rebasing: bytes[prevStart..<prevEnd])) else { return nil }
        var hasher = SHA256()
        hasher.update(UnsafeRawBufferPointer(rebasing: bytes[..<bodyEnd]))
        hasher.update(byte: brace)
        return Link(prev: prev, hash: hash, intact: hasher.finalizeDigest() == hash)
    }

    private static func matches(_ bytes: UnsafeRawBufferPointer, at start: Int, _ key: StaticString) -> Bool {
        key.withUTF8Buffer { key in
            start >= 0 && start + key.count <= bytes.count && key.indices.allSatisfy { bytes[start + $0] == key[$0] }
        }
    }

    /// The seals of `lines`, worked out on both cores: each line's hash
    /// needs nothing but the line.
    static func links(_ lines: [Substring]) -> [Link?] {
        ParallelMap.map(lines, chunk: 4096, step: "hashing ledger lines") { link(of: $0) }
    }

    static func links(_ lines: [LedgerLines.Line]) -> [Link?] {
        ParallelMap.map(lines, chunk: 4096, step: "hashing ledger lines") { line in line.bytes.withUnsafeBytes { link(of: $0) } }
    }

    static func isHex(_ text: String) -> Bool {
        SHA256.Digest(hex: text) != nil
    }

    /// The hash the next line must chain to: the last line's hash, or, for a
    /// ledger written before the chain, the SHA-256 of the last line's text.
    public static func head(of lines: [Substring]) -> String {
        guard let last = lines.last else { return genesis }
        return link(of: last)?.hash.hex ?? SHA256.hex(last.utf8)
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
        verify(links: links(lines), numbers: numbers)
    }

    /// The first break in a chain whose seals are `seals`.
    ///
    /// Most ledgers are whole, so a first pass only compares each line's
    /// `prev` with the hash before it. When every line is sealed, intact and
    /// chained, no line can repeat an earlier one (equal hashes of intact
    /// lines mean equal texts, so equal `prev`s, so the lines before them
    /// would repeat too, down to one chained to the 64 zeros), and there is
    /// no break. Otherwise the full search below names the break.
    static func verify(links seals: [Link?], numbers: [Int]? = nil) -> Break? {
        var expected = genesisDigest
        var whole = true
        for seal in seals {
            guard let seal, seal.intact, seal.prev == expected else {
                whole = false
                break
            }
            expected = seal.hash
        }
        if whole { return nil }
        func number(_ index: Int) -> Int { numbers.flatMap { index < $0.count ? $0[index] : nil } ?? index + 1 }
        var hashes: [SHA256.Digest: Int] = [:]
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
            let expected = index == 0 ? genesisDigest : seals[index - 1]?.hash
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
