/// CSV injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return is taken by spreadsheets as a
/// formula (a document number `=cmd|' /C calc'!A0`, a clause
/// `=HYPERLINK(...)`). Every CSV contractctl writes passes through here:
/// such a cell is prefixed with a single quote and quoted, so it shows as
/// text. A cell that is a plain number (`-1200.00`, an amount or a count)
/// cannot be a formula and is left as it is, so amounts never change.
///
/// The CSV is re-read as the RFC 4180 text `CSV.render` writes (fields
/// quoted when they hold a comma, a quote or a line break, quotes doubled);
/// where the cell rule lives in `CSV.field`, this pass can go.
enum CSVGuard {
    static let triggers: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    /// Whether a cell's value would be read as a formula.
    static func isRisky(_ value: ArraySlice<UInt8>) -> Bool {
        guard let first = value.first, triggers.contains(first) else { return false }
        return !isNumber(value)
    }

    /// `-?digits(.digits)?`: an amount, a count or a number of days.
    static func isNumber(_ value: ArraySlice<UInt8>) -> Bool {
        var rest = value
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        let parts = rest.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let digit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        return !parts.isEmpty && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(digit) }
    }

    /// The cell as text a spreadsheet shows as text: `'` first, quoted.
    static func neutralised(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "'")]
        for byte in value {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// `csv` with every risky cell neutralised; other bytes unchanged.
    static func neutralise(_ csv: String) -> String {
        let bytes = Array(csv.utf8)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            // One field, from `index` to a comma, a line end or the end.
            let start = index
            var value: [UInt8] = []
            if bytes[index] == quote {
                index += 1
                while index < bytes.count {
                    if bytes[index] == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            value.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    value.append(bytes[index])
                    index += 1
                }
            }
            while index < bytes.count, bytes[index] != comma, bytes[index] != cr, bytes[index] != lf {
                value.append(bytes[index])
                index += 1
            }
            if isRisky(value[...]) {
                out += neutralised(value[...])
            } else {
                out += bytes[start..<index]
            }
            // The separator after it, as it was.
            if index < bytes.count {
                if bytes[index] == cr, index + 1 < bytes.count, bytes[index + 1] == lf {
                    out += [cr, lf]
                    index += 2
                } else {
                    out.append(bytes[index])
                    index += 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
