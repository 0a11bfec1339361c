import Foundation

/// Appends an event to a ledger file. It never rewrites or drops an
/// earlier line: the new line is written with one append and flushed to
/// disk before success is reported, and an event the checks refuse leaves
/// the file untouched.
public enum LedgerWriter {
    public struct Recorded: Sendable {
        public var line: Int
        public var text: String
        public var event: LedgerEvent
    }

    /// Checks `text` (one JSON object) against the terms and the ledger's
    /// events, then appends it, chained to the last line, as one line.
    /// The ledger is locked throughout, so concurrent records take turns.
    public static func append(_ text: String, to path: String, contracts: ContractSet) throws(LoadErrors) -> Recorded {
        let node: JSONNode
        do {
            node = try JSONParser.parse(Array(text.utf8))
        } catch {
            throw LoadErrors([LoadError(.badData, file: "the new event", "is not valid JSON: \(error)")])
        }
        if case .object(let members) = node, let chained = members.first(where: { $0.key == "prev" || $0.key == "hash" }) {
            throw LoadErrors([LoadError(.badData, file: "the new event", location: "$.\(chained.key)", "record writes the chain fields itself; leave out \"prev\" and \"hash\"")])
        }
        let compact = node.compactText
        let ledger = try LockedLedger.open(path)
        defer { ledger.unlock() }
        let bytes = try ledger.contents()
        guard let existing = String(validating: bytes, as: UTF8.self) else {
            throw LoadErrors([LoadError(.badData, file: path, "is not valid UTF-8 text; nothing was recorded")])
        }
        if !existing.isEmpty, !existing.hasSuffix("\n") {
            throw LoadErrors([LoadError(.badData, file: path, "the last line has no line end (an interrupted write?); nothing was recorded, and the ledger was left as it is; contractctl repair moves the incomplete line aside")])
        }
        let loaded: Ledger
        do {
            loaded = try LedgerLoader.parse(existing, file: path, contracts: contracts)
        } catch {
            throw LoadErrors(error.errors + [LoadError(.badData, file: path, "the ledger has the errors above; nothing was recorded")])
        }
        let lines = existing.split(separator: "\n")
        let lineNumber = lines.count + 1
        var event = try LedgerLoader.event(from: compact, line: 0, file: "the new event", contracts: contracts)
        event.line = lineNumber
        let problems = LedgerValidator.problems(adding: event, after: loaded.byContract[event.contractID] ?? [], contracts: contracts)
        guard problems.isEmpty else {
            throw LoadErrors(problems.map { LoadError(.badData, file: "the new event", "\($0); nothing was recorded") })
        }
        // Whatever record accepts, every command must be able to compute: the
        // contract's figures are worked out with the new event before it is
        // written, as of the latest day the ledger records for it.
        if let contract = contracts.find(event.contractID) {
            let events = (loaded.byContract[event.contractID] ?? []) + [event]
            let asOf = events.map(\.day).max() ?? event.day
            do {
                _ = try Penalties.report(for: contract, history: History(events: events), asOf: asOf, calendar: CalendarLoader.builtin)
            } catch {
                throw LoadErrors([LoadError(.badData, file: "the new event", "with it, \(error.description); nothing was recorded")])
            }
        }
        let line = LedgerChain.seal(compact, prev: LedgerChain.head(of: lines))
        try ledger.append(line + "\n")
        return Recorded(line: lineNumber, text: line, event: event)
    }

    /// Moves an incomplete last line (no line end) into a file of its own
    /// and cuts it from the ledger. Nothing is deleted. Returns the bytes
    /// moved and where, or nil when the ledger ends cleanly.
    public static func repair(_ path: String, asideSuffix: String) throws(LoadErrors) -> (bytes: Int, aside: String)? {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LoadErrors([LoadError(.noInput, file: path, "no such file")])
        }
        let ledger = try LockedLedger.open(path)
        defer { ledger.unlock() }
        let bytes = try ledger.contents()
        guard let last = bytes.last, last != UInt8(ascii: "\n") else { return nil }
        let keep = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        let torn = Array(bytes[keep...])
        var aside = path + ".torn-" + asideSuffix
        var attempt = 1
        while FileManager.default.fileExists(atPath: aside) {
            attempt += 1
            aside = path + ".torn-" + asideSuffix + "-\(attempt)"
        }
        guard FileManager.default.createFile(atPath: aside, contents: Data(torn)) else {
            throw LoadErrors([LoadError(.io, file: aside, "cannot be written; the ledger was left as it is")])
        }
        let fd = Foundation.open(aside, O_RDONLY)
        if fd >= 0 { _ = fsync(fd); close(fd) }
        LockedLedger.syncFolder(of: aside)
        try ledger.truncate(to: keep)
        return (torn.count, aside)
    }
}

extension JSONNode {
    /// One line of JSON, keys in the order given, no spaces.
    public var compactText: String {
        switch self {
        case .object(let members):
            return "{" + members.map { JSONValue.quote($0.key) + ":" + $0.value.compactText }.joined(separator: ",") + "}"
        case .array(let items):
            return "[" + items.map(\.compactText).joined(separator: ",") + "]"
        case .string(let text): return JSONValue.quote(text)
        case .number(let text): return text
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        }
    }
}
