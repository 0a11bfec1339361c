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
    /// events, then appends it as one compact line.
    public static func append(_ text: String, to path: String, contracts: ContractSet) throws(LoadErrors) -> Recorded {
        var existing = ""
        if FileManager.default.fileExists(atPath: path) {
            let data: Data
            do {
                data = try JSONFile.read(URL(fileURLWithPath: path), displayName: path)
            } catch {
                throw LoadErrors([error])
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw LoadErrors([LoadError(.badData, file: path, "is not valid UTF-8 text; nothing was recorded")])
            }
            existing = decoded
            if !existing.isEmpty, !existing.hasSuffix("\n") {
                throw LoadErrors([LoadError(.badData, file: path, "the last line has no line end (an interrupted write?); nothing was recorded, and the ledger was left as it is")])
            }
        }
        let ledger: Ledger
        do {
            ledger = try LedgerLoader.parse(existing, file: path, contracts: contracts)
        } catch {
            throw LoadErrors(error.errors + [LoadError(.badData, file: path, "the ledger has the errors above; nothing was recorded")])
        }
        let node: JSONNode
        do {
            node = try JSONParser.parse(Array(text.utf8))
        } catch {
            throw LoadErrors([LoadError(.badData, file: "the new event", "is not valid JSON: \(error)")])
        }
        let compact = node.compactText
        // The existing text ends with a line end, so its lines are its line ends.
        let lineNumber = existing.utf8.filter { $0 == UInt8(ascii: "\n") }.count + 1
        var event = try LedgerLoader.event(from: compact, line: 0, file: "the new event", contracts: contracts)
        event.line = lineNumber
        let problems = LedgerValidator.problems(adding: event, after: ledger.events, contracts: contracts)
        guard problems.isEmpty else {
            throw LoadErrors(problems.map { LoadError(.badData, file: "the new event", "\($0); nothing was recorded") })
        }
        try write(compact + "\n", to: path)
        return Recorded(line: lineNumber, text: compact, event: event)
    }

    static func write(_ line: String, to path: String) throws(LoadErrors) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else {
            throw LoadErrors([LoadError(errno == ENOENT ? .noInput : .io, file: path, "cannot be opened for appending: \(String(cString: strerror(errno)))")])
        }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw LoadErrors([LoadError(.io, file: path, "the event could not be written in full: \(String(cString: strerror(errno)))")])
        }
        guard fsync(fd) == 0 else {
            throw LoadErrors([LoadError(.io, file: path, "the event could not be flushed to disk: \(String(cString: strerror(errno)))")])
        }
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
