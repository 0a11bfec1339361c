import Foundation

/// A bank statement in CSV, as the buyer's bank exports it, read into the
/// payments it shows. Which column holds what is the `StatementLayout`.
///
/// The statement is the buyer's account: money out of it (the debit side,
/// 借方 / 支出) is a payment to a supplier; money in (the credit side, 贷方 /
/// 收入) is not a payment under any contract and is never recorded as one.
/// A single amount column is read as money out: each amount is what was
/// paid; a signed amount there is malformed (give the debit and credit
/// columns for a statement that holds both directions).
public struct StatementLayout: Sendable, Equatable {
    /// A column by its header (`交易日期`) or by its position, 1-based.
    public enum Column: Sendable, Equatable, CustomStringConvertible {
        case named(String)
        case numbered(Int)

        /// "3" is the third column; any other text is a header.
        public init?(_ text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            if trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
                guard let number = Int(trimmed), number >= 1 else { return nil }
                self = .numbered(number)
            } else {
                self = .named(trimmed)
            }
        }

        public var description: String {
            switch self {
            case .named(let name): return "\"\(name)\""
            case .numbered(let number): return "column \(number)"
            }
        }
    }

    public var date: Column?
    public var amount: Column?
    public var debit: Column?
    public var credit: Column?
    public var counterparty: Column?
    public var account: Column?
    public var reference: Column?
    public var id: Column?

    public init() {}

    /// The keys of a rules file's `columns`, in this order.
    public static let keys = ["date", "amount", "debit", "credit", "counterparty", "account", "reference", "id"]

    public subscript(key: String) -> Column? {
        get {
            switch key {
            case "date": return date
            case "amount": return amount
            case "debit": return debit
            case "credit": return credit
            case "counterparty": return counterparty
            case "account": return account
            case "reference": return reference
            case "id": return id
            default: return nil
            }
        }
        set {
            switch key {
            case "date": date = newValue
            case "amount": amount = newValue
            case "debit": debit = newValue
            case "credit": credit = newValue
            case "counterparty": counterparty = newValue
            case "account": account = newValue
            case "reference": reference = newValue
            case "id": id = newValue
            default: break
            }
        }
    }

    /// What the layout lacks to read payments from, in the words of the
    /// options (`--date-column`); empty when it is complete.
    public var problems: [String] {
        var problems: [String] = []
        if date == nil { problems.append("no date column: give --date-column (or \"date\" in the rules)") }
        if amount == nil && debit == nil {
            problems.append("no amount column: give --amount-column, or --debit-column (money out: the payments) with --credit-column")
        }
        if amount != nil && (debit != nil || credit != nil) {
            problems.append("give --amount-column or --debit-column/--credit-column, not both")
        }
        if credit != nil && debit == nil { problems.append("--credit-column needs --debit-column: the debit side holds the payments") }
        if counterparty == nil && account == nil {
            problems.append("nothing to match a contract by: give --counterparty-column or --account-column (or both)")
        }
        return problems
    }
}

/// A row that cannot be read as a payment: a date or an amount that is
/// not one, or the wrong number of fields.
public struct MalformedRow: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var message: String

    /// As every other error: "bank.csv: line 8: date \"2026-13-01\": ...".
    public var error: LoadError { LoadError(.badData, file: file, location: "line \(line)", message) }
}

/// One payment row of a statement, its text normalised.
public struct StatementRow: Sendable, Equatable {
    /// The line of the statement file the row starts on.
    public var line: Int
    public var day: CalendarDay
    public var amount: Money
    /// Money out of the buyer's account (a payment); false: money in.
    public var outgoing: Bool
    public var counterparty: String
    public var account: String
    public var reference: String
    /// The bank's transaction id, or, when the statement has none, "sha256:"
    /// and the hash of the normalised row (`rowKey`).
    public var transaction: String
    /// Whether `transaction` is the bank's own id.
    public var bankID: Bool
}

public enum BankStatement {
    /// The text of the statement file at `path`: UTF-8 (with or without a
    /// byte order mark), a regular file. A statement saved in GBK, as some
    /// banks export it, is refused with the way to convert it.
    public static func text(at path: String) throws(LoadErrors) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw LoadErrors([LoadError(.noInput, file: path, "no such file")])
        }
        guard !isDirectory.boolValue else { throw LoadErrors([LoadError(.badData, file: path, "is a folder, expected a CSV file")]) }
        if let kind = FileKind.special(path) {
            throw LoadErrors([LoadError(.badData, file: path, "is \(kind), not a regular file; expected a CSV file")])
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LoadErrors([LoadError(.io, file: path, "cannot be read: \(error.localizedDescription)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadErrors([LoadError(.badData, file: path, "is not UTF-8 text; save the statement as UTF-8 CSV (from GBK: iconv -f GBK -t UTF-8)")])
        }
        return text
    }

    /// The rows of `text` (the statement `file`) under `layout`, and each
    /// malformed row as an error naming the file and line. Throws when the
    /// text is not CSV or the columns are not found.
    public static func read(_ text: String, file: String, layout: StatementLayout) throws(LoadErrors) -> (header: Int?, rows: [StatementRow], malformed: [MalformedRow]) {
        let records: [CSVReader.Record]
        do {
            records = try CSVReader.records(text)
        } catch {
            throw LoadErrors([LoadError(.badData, file: file, location: "line \(error.line)", error.description + "; nothing was imported")])
        }
        let columns = layout.columns
        let named = columns.compactMap { entry -> String? in
            if case .named(let name) = entry.column { return name }
            return nil
        }
        var headerIndex: Int?
        if !named.isEmpty {
            headerIndex = records.firstIndex { record in
                let cells = Set(record.fields.map { $0.trimmingCharacters(in: .whitespaces) })
                return named.allSatisfy(cells.contains)
            }
            guard headerIndex != nil else {
                throw LoadErrors([LoadError(.badData, file: file, "no row holds the columns named " + named.map { "\"\($0)\"" }.joined(separator: ", ") + "; nothing was imported")])
            }
        } else if let first = records.first, !looksLikeData(first, layout: layout) {
            headerIndex = 0
        }
        let header = headerIndex.map { records[$0] }
        let width = header?.fields.count ?? records.first?.fields.count ?? 0
        // Where each key's column is, 0-based.
        var position: [String: Int] = [:]
        var missing: [LoadError] = []
        for (key, column) in columns {
            switch column {
            case .named(let name):
                position[key] = header?.fields.firstIndex { $0.trimmingCharacters(in: .whitespaces) == name }
            case .numbered(let number):
                if number > width {
                    missing.append(LoadError(.badData, file: file, "the \(key) column is \(column), but the statement's rows have \(width) field\(width == 1 ? "" : "s")"))
                }
                position[key] = number - 1
            }
        }
        guard missing.isEmpty else { throw LoadErrors(missing + [LoadError(.badData, file: file, "nothing was imported")]) }

        var rows: [StatementRow] = []
        var malformed: [MalformedRow] = []
        for record in records.dropFirst((headerIndex ?? -1) + 1) {
            func bad(_ message: String) { malformed.append(MalformedRow(file: file, line: record.line, message: message)) }
            guard record.fields.count == width else {
                bad("has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"); \(header == nil ? "the first row has" : "the header has") \(width)")
                continue
            }
            func cell(_ key: String) -> String {
                guard let index = position[key] else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespaces)
            }
            var problems: [String] = []
            let dateText = cell("date")
            let day = statementDay(dateText)
            if day == nil { problems.append("date \"\(dateText)\": expected a date that exists, such as 2026-07-20, 2026/7/20 or 20260720") }
            var amount: Money?
            var outgoing = true
            if layout.amount != nil {
                let text = cell("amount")
                do throws(Money.ParseError) {
                    amount = try statementAmount(text)
                } catch {
                    problems.append("amount " + amountProblem(text, error))
                }
            } else {
                let debit = cell("debit"), credit = cell("credit")
                switch (isBlank(debit), isBlank(credit)) {
                case (false, false):
                    problems.append("both a debit \"\(debit)\" and a credit \"\(credit)\": a row is money out or money in, not both")
                case (true, true):
                    problems.append("neither a debit nor a credit amount")
                case (false, true), (true, false):
                    outgoing = !isBlank(debit)
                    let text = outgoing ? debit : credit
                    do throws(Money.ParseError) {
                        amount = try statementAmount(text)
                    } catch {
                        problems.append((outgoing ? "debit " : "credit ") + amountProblem(text, error))
                    }
                }
            }
            guard problems.isEmpty, let day, let amount else {
                bad(problems.joined(separator: "; "))
                continue
            }
            let counterparty = cell("counterparty"), account = cell("account"), reference = cell("reference"), id = cell("id")
            var row = StatementRow(line: record.line, day: day, amount: amount, outgoing: outgoing, counterparty: counterparty,
                                   account: account, reference: reference, transaction: id, bankID: !id.isEmpty)
            if id.isEmpty { row.transaction = "sha256:" + SHA256.hex(Array(rowKey(row).utf8)) }
            rows.append(row)
        }
        return (header.map(\.line), rows, malformed)
    }

    /// The normalised row a statement without ids is keyed by: the day,
    /// the direction and amount as the ledger writes them, the counterparty,
    /// its account (spaces dropped) and the reference, one per line.
    public static func rowKey(_ row: StatementRow) -> String {
        [row.day.description, (row.outgoing ? "out " : "in ") + row.amount.plain, row.counterparty,
         accountDigits(row.account), row.reference].joined(separator: "\n")
    }

    /// An account number without the spaces and dashes banks group it with.
    public static func accountDigits(_ text: String) -> String {
        String(text.filter { $0 != " " && $0 != "-" && $0 != "\u{3000}" })
    }

    /// "2026-07-20", "2026/7/20", "2026.07.20", "20260720", each optionally
    /// followed by a time after a space or a T, which is dropped.
    public static func statementDay(_ text: String) -> CalendarDay? {
        let datePart = text.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? ""
        if datePart.count == 8, datePart.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let digits = Array(datePart)
            return CalendarDay(parsing: String(digits[0..<4]) + "-" + String(digits[4..<6]) + "-" + String(digits[6..<8]))
        }
        for separator: Character in ["-", "/", "."] where datePart.contains(separator) {
            let parts = datePart.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
                  parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
            func two(_ text: String) -> String { text.count == 1 ? "0" + text : text }
            return CalendarDay(parsing: parts[0] + "-" + two(parts[1]) + "-" + two(parts[2]))
        }
        return nil
    }

    /// An amount as a bank writes it: "1,464,260.00", "¥1,464,260.00",
    /// "￥1464260", "1464260.00 元", "CNY 1,464,260.00"; through
    /// `Money(typed:)`, so never a floating-point number. Zero is no payment.
    public static func statementAmount(_ text: String) throws(Money.ParseError) -> Money {
        var body = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["¥", "￥", "CNY", "RMB"] where body.hasPrefix(prefix) {
            body = String(body.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        if body.hasSuffix("元") { body = String(body.dropLast()).trimmingCharacters(in: .whitespaces) }
        let money = try Money(typed: body)
        guard money > .zero else { throw .notAnAmount(text) }
        return money
    }

    /// What is wrong with a statement's amount, in the statement's terms.
    static func amountProblem(_ text: String, _ error: Money.ParseError) -> String {
        switch error {
        case .negative:
            return "\"\(text)\": a signed amount; the amount column holds what was paid (give --debit-column and --credit-column for a statement with both directions)"
        case .notAnAmount:
            return "\"\(text)\": expected an amount more than 0, such as 1,464,260.00 or ¥1464260.00"
        case .subFen, .tooLarge:
            return error.description
        }
    }

    static func isBlank(_ text: String) -> Bool {
        text.isEmpty || text == "-" || text == "0" || text == "0.00" || text == "¥0.00" || text == "￥0.00"
    }

    /// Whether a first row without named columns is data (its date parses)
    /// rather than a header.
    static func looksLikeData(_ record: CSVReader.Record, layout: StatementLayout) -> Bool {
        guard case .numbered(let number)? = layout.date, number <= record.fields.count else { return true }
        return statementDay(record.fields[number - 1].trimmingCharacters(in: .whitespaces)) != nil
    }
}

extension StatementLayout {
    /// The columns given, by key, in the order of `keys`.
    var columns: [(key: String, column: Column)] {
        Self.keys.compactMap { key in self[key].map { (key, $0) } }
    }
}
