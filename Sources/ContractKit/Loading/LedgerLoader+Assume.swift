import Foundation

/// What if: events in the ledger format read after the ledger's lines, as if
/// appended, and never written. They are checked exactly as ledger lines
/// are (against the terms and the events before them, voids and assertions
/// included); a problem names the assumed file and its own line.
extension LedgerLoader {
    /// A ledger-format file as UTF-8 text, its problems named as a ledger's are.
    public static func text(ofFile path: String) throws(LoadErrors) -> String {
        try readText(path)
    }

    /// Data (standard input) as UTF-8 text; a line that is not is named.
    public static func text(of data: Data, name: String) throws(LoadErrors) -> String {
        guard let text = String(data: data, encoding: .utf8) else { throw LoadErrors([invalidUTF8(data, file: name)]) }
        return text
    }

    /// The ledger `ledgerText` (nil for none) with the events of
    /// `assumedText` after it. An assumed line k is numbered after the
    /// ledger's last line, as an append would number it.
    public static func load(ledgerText: String?, name: String?, assuming assumedText: String, assumedName: String,
                            contracts: ContractSet) throws(LoadErrors) -> Ledger {
        var lines = LedgerLines(ledgerText ?? "")
        let ledgerName = name ?? "the ledger"
        if let tail = lines.tail { throw LoadErrors([tornLine(ledgerName, line: tail.number)]) }
        let offset = lines.complete
        var assumed = LedgerLines(assumedText)
        // Not a written ledger: a last line without line end is whole.
        if let tail = assumed.tail, !LedgerLines.isBlank(ArraySlice(tail.text.utf8)) { assumed.lines.append(tail) }
        lines.lines += assumed.lines.map { LedgerLines.Line(number: $0.number + offset, text: $0.text) }
        var ledger: Ledger
        do {
            ledger = try parse(lines, file: ledgerName, contracts: contracts)
        } catch {
            throw LoadErrors(error.errors.map { Ledger.Assumed(file: assumedName, after: offset).place($0) })
        }
        ledger.path = name
        ledger.assumed = Ledger.Assumed(file: assumedName, after: offset)
        if let finding = DateHorizon.beyond(contracts.contracts, ledger: ledger) {
            throw LoadErrors([LoadError(.badData, file: assumedName, DateHorizon.message(finding, from: "the terms, the ledger's events and the assumed ones"))])
        }
        return ledger
    }
}

extension Ledger {
    /// Where the assumed events of a ledger come from: their file, and the
    /// last line number of the ledger they follow.
    public struct Assumed: Sendable, Equatable {
        public var file: String
        public var after: Int

        /// Whether a line of the combined ledger is an assumed one.
        public func contains(line: Int) -> Bool { line > after }

        /// A problem found on an assumed line, renamed to the assumed file
        /// and its own line number ("line 50" -> "assume.jsonl: line 2").
        func place(_ error: LoadError) -> LoadError {
            guard let location = error.location, location.hasPrefix("line ") else { return error }
            let rest = location.dropFirst("line ".count)
            let digits = rest.prefix { $0.isNumber }
            guard let number = Int(digits), contains(line: number) else { return error }
            var placed = error
            placed.file = file
            placed.location = "line \(number - after)" + rest.dropFirst(digits.count)
            return placed
        }
    }
}
