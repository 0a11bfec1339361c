import Foundation

/// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold
/// a comma, a quote or a line break, quotes doubled.
public enum CSV {
    /// `rows` may be lazy: each row is made, written and let go of in turn,
    /// so a report of a million lines holds its text once, not its rows too.
    public static func render(header: [String], rows: some Sequence<[String]>) -> String {
        var text = ""
        func add(_ row: [String]) {
            for (index, cell) in row.enumerated() {
                if index > 0 { text += "," }
                text += field(cell)
            }
            text += "\r\n"
        }
        add(header)
        // Room for the whole text, guessed from the first rows and made
        // half as large again: grown by doubling, a 170 MB report was
        // copied into fresh memory at every step, and the pages a copy
        // first touches are what took the time. Room never written to is
        // never touched, so a generous guess costs nothing.
        let expected = rows.underestimatedCount
        var written = 0
        for row in rows {
            add(row)
            written += 1
            if written == 1024, expected > 4 * written { text.reserveCapacity(text.utf8.count / written * expected * 3 / 2) }
        }
        return text
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
