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
        /// The line without its line end.
        public var text: String
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
        // Split the UTF-8 bytes, not Characters: CRLF is one Character, and
        // grapheme breaking over a whole ledger costs more than parsing it.
        let bytes = Array(text.utf8)
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var lines: [Line] = []
        var start = 0
        var number = 0
        var lineEnd = "\n"
        for index in bytes.indices where bytes[index] == lf {
            number += 1
            var end = index
            lineEnd = "\n"
            if end > start, bytes[end - 1] == cr {
                end -= 1
                lineEnd = "\r\n"
            }
            let line = bytes[start..<end]
            if !LedgerLines.isBlank(line) {
                lines.append(Line(number: number, text: String(decoding: line, as: UTF8.self)))
            }
            start = index + 1
        }
        self.lines = lines
        self.complete = number
        self.lineEnd = lineEnd
        self.tail = start < bytes.count ? Line(number: number + 1, text: String(decoding: bytes[start...], as: UTF8.self)) : nil
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

    /// The hash the next line must chain to.
    public var head: String { LedgerChain.head(of: texts) }
}
