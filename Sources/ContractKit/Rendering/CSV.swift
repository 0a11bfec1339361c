import Foundation

/// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold
/// a comma, a quote or a line break, quotes doubled.
public enum CSV {
    /// The rows already made.
    public static func render(header: [String], rows: [[String]]) -> String {
        render(header: header, items: rows) { $0 }
    }

    /// A row for each of `items`, made and written on both cores, a chunk
    /// of 2,048 rows by one core, eight chunks at a time, appended in order
    /// (`ParallelMap.append`): the same text as writing the rows one after
    /// the other.
    public static func render<Item: Sendable>(header: [String], items: [Item], row: @escaping @Sendable (Item) -> [String]) -> String {
        let size = 2048
        var text = ""
        add(header, to: &text)
        ParallelMap.append(Array(stride(from: 0, to: items.count, by: size)), to: &text, together: 8) { first in
            var part = ""
            for item in items[first..<min(first + size, items.count)] { add(row(item), to: &part) }
            return part
        }
        return text
    }

    /// One row and its line end.
    private static func add(_ row: [String], to text: inout String) {
        for (index, cell) in row.enumerated() {
            if index > 0 { text += "," }
            text += field(cell)
        }
        text += "\r\n"
    }

    /// One cell. A text that starts with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return, which a spreadsheet would run as a formula (a
    /// document number `=cmd|' /C calc'!A0`, a clause `=HYPERLINK(...)`),
    /// is written `"'=…"`, as the OWASP CSV-injection guidance says; a
    /// plain number (`-1200.00`, a count) cannot be a formula and is left
    /// as it is, so amounts never change.
    static func field(_ text: String) -> String {
        if isFormula(text) { return "\"'" + doubled(text) + "\"" }
        // The bytes are scanned, not the characters: a comma, a quote and a
        // line end are ASCII, and UTF-8 never uses an ASCII byte inside
        // another character ("\r\n" as one character holds the byte \r).
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + doubled(text) + "\""
    }

    /// The text with each quote doubled.
    static func doubled(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\"")) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func isFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return !isNumber(text)
    }

    /// `-?digits(.digits)?`: an amount, a count or a number of days.
    static func isNumber(_ text: String) -> Bool {
        let rest = text.hasPrefix("-") ? text.dropFirst() : text[...]
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
