/// Reads RFC 4180 CSV, as banks export statements: fields separated by
/// commas, records by CRLF (a bare LF or CR is taken as well), a field in
/// double quotes may hold commas, line breaks and doubled quotes (`""`),
/// and a UTF-8 byte order mark before the first field is dropped. The
/// writer is `CSV.render`.
public enum CSVReader {
    /// One record: the line of the file it starts on (1-based; a quoted
    /// field can span lines) and its fields as written, unquoted.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    /// What makes a text not CSV: the line where it goes wrong.
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// A quoted field that the text ends inside.
        case unterminatedQuote(line: Int)
        /// Text between a closing quote and the next comma or line end.
        case textAfterQuote(line: Int)

        public var line: Int {
            switch self {
            case .unterminatedQuote(let line), .textAfterQuote(let line): return line
            }
        }

        public var description: String {
            switch self {
            case .unterminatedQuote: return "a quoted field is never closed (a \" is missing)"
            case .textAfterQuote: return "text follows a closing quote; inside a quoted field a quote is written twice (\"\")"
            }
        }
    }

    /// The records of `text`. Empty lines are skipped: they hold no row.
    public static func records(_ text: String) throws(Problem) -> [Record] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var start = 1
        var index = 0
        var quoted = false
        var afterQuote = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: start, fields: fields)) }
            fields = []
        }

        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if quoted {
                if scalar == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" || (scalar == "\r" && (index >= scalars.count || scalars[index] != "\n")) { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
            case "\r", "\n":
                if scalar == "\r", index < scalars.count, scalars[index] == "\n" { index += 1 }
                endRecord()
                line += 1
                start = line
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
            default:
                if afterQuote { throw .textAfterQuote(line: line) }
                field.append(scalar)
            }
        }
        if quoted { throw .unterminatedQuote(line: start) }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}
