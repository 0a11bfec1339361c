import Foundation

/// The one reading of a ledger's text into lines, which every command uses
/// (load, verify, record, repair), so that they agree on what a line is and
/// on its number:
///
/// - a line ends with LF; a CR just before the LF belongs to the line end
///   (CRLF, as a Windows editor saves), not to the line;
/// - a blank line (empty, or only spaces and tabs) carries no event: every
///   command skips it, and it keeps its number, so line numbers are the
///   ones an editor shows;
/// - the last line, when it has no line end, is the `tail`: every command
///   refuses the ledger until `repair` completes it (a whole, sealed line
///   that only lost its line end) or moves it aside.
public struct LedgerLines: Sendable {
    public struct Line: Sendable {
        /// From 1, counting blank lines.
        public var number: Int
        /// The line's bytes without its line end: a slice of the ledger's
        /// bytes, so a million lines are not a million copies.
        public var bytes: ArraySlice<UInt8>
        /// The line without its line end.
        public var text: String { String(decoding: bytes, as: UTF8.self) }

        public init(number: Int, bytes: ArraySlice<UInt8>) {
            self.number = number
            self.bytes = bytes
        }

        public init(number: Int, text: String) {
            self.init(number: number, bytes: ArraySlice(text.utf8))
        }
    }

    /// The lines that end with a line end and are not blank, in order.
    public var lines: [Line]
    /// The last line when it has no line end (and is not empty).
    public var tail: Line?
    /// How many lines end with a line end, blank ones included.
    public var complete: Int
    /// The line end of the last complete line: what `record` writes, so a
    /// CRLF ledger stays CRLF.
    public var lineEnd: String

    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    public init(bytes: [UInt8]) {
        // Split the UTF-8 bytes, not Characters: CRLF is one Character, and
        // grapheme breaking over a whole ledger costs more than parsing it.
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var lines: [Line] = []
        lines.reserveCapacity(bytes.count / 200)
        var start = 0
        var number = 0
        var lineEnd = "\n"
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                guard let found = memchr(buffer.baseAddress! + index, Int32(lf), buffer.count - index) else { break }
                index = buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                number += 1
                var end = index
                lineEnd = "\n"
                if end > start, buffer[end - 1] == cr {
                    end -= 1
                    lineEnd = "\r\n"
                }
                if !LedgerLines.isBlank(buffer, start..<end) {
                    lines.append(Line(number: number, bytes: bytes[start..<end]))
                }
                index += 1
                start = index
            }
        }
        self.lines = lines
        self.complete = number
        self.lineEnd = lineEnd
        self.tail = start < bytes.count ? Line(number: number + 1, bytes: bytes[start...]) : nil
    }

    static func isBlank(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for index in range where buffer[index] != UInt8(ascii: " ") && buffer[index] != UInt8(ascii: "\t") { return false }
        return true
    }

    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// Adds a complete line after the others, as an append writes it (to
    /// lines with no torn tail).
    mutating func add(_ text: String) {
        complete += 1
        lines.append(Line(number: complete, text: text))
    }

    /// The line numbers of `lines`, in order.
    public var numbers: [Int] { lines.map(\.number) }

    /// The lines' texts, for the chain.
    public var texts: [Substring] { lines.map { Substring($0.text) } }

    /// The hash the next line must chain to: the last line's (only it is
    /// read; the texts of a million lines are 30 MB of strings).
    public var head: String { LedgerChain.head(of: lines.last.map { [Substring($0.text)] } ?? []) }
}
