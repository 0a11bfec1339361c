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
    /// With `key`, the ledger's seal (see `LedgerSeal`) must vouch for the
    /// ledger before the append and is renewed with it; a sealed ledger
    /// takes no event without its key, and an unsealed one that existed
    /// before takes none with a key (see `seal`).
    public static func append(_ text: String, to path: String, contracts: ContractSet, key: [UInt8]? = nil) throws(LoadErrors) -> Recorded {
        let recorded = try append(text, to: path, contracts: contracts, key: key, replacing: nil)
        return recorded[recorded.count - 1]
    }

    /// A correction: the line to void, why, and the day it is made.
    public struct Replacement: Sendable {
        public var line: Int
        public var reason: String
        public var day: CalendarDay
        public init(line: Int, reason: String, day: CalendarDay) {
            self.line = line
            self.reason = reason
            self.day = day
        }
    }

    /// Appends `text`; with `replacing`, first a void of that line (named by
    /// its number and the hash read from the ledger under the lock), so the
    /// void and the corrected event are one append: both lines or neither.
    /// Returns the lines recorded, in order.
    /// With `cache`, the ledger's cache is renewed after the append (see `LedgerCache`).
    public static func append(_ text: String, to path: String, contracts: ContractSet, key: [UInt8]?, replacing: Replacement?, cache: LedgerCache.Place? = nil) throws(LoadErrors) -> [Recorded] {
        // A malformed event is refused before the ledger is opened (or created).
        let compact = try compactEvent(text)
        return try appendAll(to: path, contracts: contracts, key: key, cache: cache) { (_, lines) throws(LoadErrors) in
            guard let replacing else { return [compact] }
            return [try voidText(replacing, for: compact, in: lines, path: path, contracts: contracts), compact]
        }
    }

    /// Appends several events in one write, under one lock: `events` is
    /// given the ledger as it is under the lock and its lines, and returns
    /// the events to append (one JSON object each, without chain fields).
    /// Each is admitted after the ones before it; if any is refused, or the
    /// write or the seal's renewal fails, the ledger and its seal are left
    /// byte for byte as they were and nothing is recorded. No events:
    /// nothing is written (and a ledger that did not exist is not created).
    public static func appendAll(to path: String, contracts: ContractSet, key: [UInt8]? = nil, cache: LedgerCache.Place? = nil,
                                 events: (Ledger, LedgerLines) throws(LoadErrors) -> [String]) throws(LoadErrors) -> [Recorded] {
        let ledger = try LockedLedger.open(path)
        defer { ledger.unlock() }
        do {
            let recorded = try append(events, to: ledger, contracts: contracts, key: key, cache: cache)
            if recorded.isEmpty { ledger.removeCreated() }
            return recorded
        } catch {
            // A refused first record leaves no empty ledger behind.
            ledger.removeCreated()
            throw error
        }
    }

    /// The void of `replacing.line`, for the contract of the event that
    /// replaces it: the line must exist, be complete and carry its hash.
    static func voidText(_ replacing: Replacement, for compact: String, in lines: LedgerLines, path: String, contracts: ContractSet) throws(LoadErrors) -> String {
        guard let target = lines.lines.first(where: { $0.number == replacing.line }) else {
            throw LoadErrors([LoadError(.badData, file: path, "has no line \(replacing.line) to replace (it has \(lines.complete) complete line\(lines.complete == 1 ? "" : "s")); nothing was recorded")])
        }
        guard let seal = LedgerChain.seal(of: Substring(target.text)) else {
            throw LoadErrors([LoadError(.badData, file: path, location: "line \(replacing.line)", "carries no hash (prev and hash), so it cannot be named by a void; contractctl verify tells more; nothing was recorded")])
        }
        var contract: JSONNode = .null
        if case .object(let members)? = try? JSONParser.parse(Array(target.text.utf8)), let value = members.first(where: { $0.key == "contract" })?.value {
            contract = value
        }
        // By document number or alias: the same contract either way.
        func named(_ node: JSONNode) -> (key: String, id: String?) {
            guard case .string(let key) = node else { return (node.compactText, nil) }
            return (key, contracts.find(key)?.id)
        }
        if case .object(let members)? = try? JSONParser.parse(Array(compact.utf8)), let given = members.first(where: { $0.key == "contract" })?.value {
            let replacement = named(given), replaced = named(contract)
            if replacement.id == nil || replacement.id != replaced.id {
                throw LoadErrors([LoadError(.badData, file: "the new event", location: "$.contract", "the corrected event is for \(replacement.key), but line \(replacing.line) is an event of \(replaced.key); a replacement is for the same contract; nothing was recorded")])
            }
        }
        return JSONNode.object([
            .init(key: "contract", value: contract), .init(key: "type", value: .string("void")),
            .init(key: "day", value: .string(replacing.day.description)), .init(key: "line", value: .number(String(replacing.line))),
            .init(key: "lineHash", value: .string(seal.hash)), .init(key: "reason", value: .string(replacing.reason)),
        ]).compactText
    }

    static func append(_ events: (Ledger, LedgerLines) throws(LoadErrors) -> [String], to ledger: LockedLedger, contracts: ContractSet, key: [UInt8]?, cache: LedgerCache.Place? = nil) throws(LoadErrors) -> [Recorded] {
        let path = ledger.path
        let bytes = try ledger.contents()
        guard let existing = String(validating: bytes, as: UTF8.self) else {
            throw LoadErrors([LoadError(.badData, file: path, "is not valid UTF-8 text; nothing was recorded")])
        }
        let lines = LedgerLines(existing)
        if let tail = lines.tail {
            throw LoadErrors([LedgerLoader.tornLine(path, line: tail.number), LoadError(.badData, file: path, "nothing was recorded, and the ledger was left as it is")])
        }
        var current: Ledger
        do {
            current = try LedgerLoader.parse(lines, file: path, contracts: contracts)
        } catch {
            throw LoadErrors(error.errors + [LoadError(.badData, file: path, "the ledger has the errors above; nothing was recorded")])
        }
        let oldSeal = try sealBeforeAppend(lines, ledger: ledger, key: key)
        let compacts = try events(current, lines)
        guard !compacts.isEmpty else { return [] }
        var recorded: [Recorded] = []
        var head = lines.head
        var grown = lines
        for text in compacts {
            let number = grown.complete + 1
            let admitted = try admit(text, line: number, after: current, contracts: contracts)
            let line = LedgerChain.seal(admitted.compact, prev: head)
            head = LedgerChain.seal(of: Substring(line))?.hash ?? head
            grown.add(line)
            recorded.append(Recorded(line: number, text: line, event: admitted.event))
            if case .void = admitted.event.kind {
                let before = current.byContract[admitted.event.contractID] ?? []
                // A void changes what the later lines of its contract may
                // say: the whole ledger is read again with it, and the
                // contract's figures computed without the voided event.
                do {
                    current = try LedgerLoader.parse(grown, file: path, contracts: contracts)
                } catch {
                    throw LoadErrors(error.errors + [LoadError(.badData, file: "the new event", "with this void, the ledger would have the errors above; nothing was recorded")])
                }
                if let contract = contracts.find(admitted.event.contractID) {
                    try computable(contract, events: current.byContract[contract.id] ?? [], before: before, line: number, ledger: path)
                }
            } else {
                current.append(admitted.event)
            }
        }
        let added = recorded.map { $0.text + lines.lineEnd }.joined()
        guard let key else {
            try ledger.append(added, after: bytes.count)
            if let cache {
                // The lines as the next read will find them: the new ones
                // are slices of the grown file too.
                let all = bytes + Array(added.utf8)
                LedgerCache.store(LedgerLines(bytes: all), parsed: current, bytes: all, path: path, contracts: contracts, place: cache, horizon: false)
            }
            return recorded
        }
        // The seal first gains the new state as pending, then the lines are
        // written, then the seal keeps only the new state: at every moment
        // the ledger on disk matches a state the seal vouches for. A failure
        // puts both files back as they were.
        let texts = lines.texts
        let now = LedgerSeal.State(key: key, lines: texts.count, digest: LedgerSeal.digest(texts))
        let next = LedgerSeal.State(key: key, lines: texts.count + recorded.count, digest: LedgerSeal.digest(texts + recorded.map { Substring($0.text) }))
        let sealPath = LedgerSeal.path(of: path)
        func restored() -> String {
            LedgerSeal.restore(oldSeal, besides: path) ? "the seal was put back as it was"
                : "the seal \(sealPath) could not be put back as it was, but it still vouches for the ledger as it is"
        }
        do {
            try LedgerSeal(current: now, pending: next).write(besides: path)
        } catch {
            throw LoadErrors(error.errors + [LoadError(.io, file: path, "the seal could not be renewed; nothing was recorded")])
        }
        do {
            try ledger.append(added, after: bytes.count)
        } catch {
            throw LoadErrors(error.errors + [LoadError(.io, file: sealPath, restored())])
        }
        do {
            try LedgerSeal(current: next).write(besides: path)
        } catch {
            throw LoadErrors(error.errors + [LoadError(.io, file: path, "the seal could not be renewed; " + ledger.rollBack(to: bytes.count) + "; " + restored())])
        }
        return recorded
    }

    /// The seal rule of `record`, checked under the ledger's lock before
    /// anything is written: returns the seal file's bytes as they are (nil:
    /// no seal), to put back if the append fails.
    static func sealBeforeAppend(_ lines: LedgerLines, ledger: LockedLedger, key: [UInt8]?) throws(LoadErrors) -> [UInt8]? {
        let path = ledger.path
        let sealPath = LedgerSeal.path(of: path)
        switch (LedgerSeal.find(besides: path), key) {
        case (.none, nil):
            return nil
        case (.none, _?):
            guard ledger.created else {
                throw LoadErrors([LoadError(.badData, file: path, "has no seal (\(sealPath)), and a key was given: it was never sealed, or its seal was removed. Check it with `contractctl verify`, then seal it with `contractctl verify --seal`; nothing was recorded")])
            }
            return nil
        case (.unreadable(let problem), _):
            throw LoadErrors([LoadError(.badData, file: sealPath, "\(problem); nothing was recorded (contractctl verify tells more)")])
        case (.seal, nil):
            throw LoadErrors([LoadError(.badData, file: path, "is sealed (\(sealPath)): record needs its key, in CONTRACTCTL_LEDGER_KEY_FILE or CONTRACTCTL_LEDGER_KEY; nothing was recorded")])
        case (.seal(let seal, let bytes), let key?):
            if let problem = seal.problem(texts: lines.texts, numbers: lines.numbers, tail: nil, key: key) {
                throw LoadErrors([LoadError(.badData, file: path, "does not match its seal: \(problem); nothing was recorded (contractctl verify tells more)")])
            }
            return bytes
        }
    }

    /// What `append` checks before it writes: `text` is one JSON object
    /// without chain fields, an event the terms allow, consistent with the
    /// events of `ledger`, and one with which every command can still
    /// compute. Returns the event, numbered `line`, and its compact text.
    public static func admit(_ text: String, line: Int, after ledger: Ledger, contracts: ContractSet) throws(LoadErrors) -> (event: LedgerEvent, compact: String) {
        let compact = try compactEvent(text)
        var event = try LedgerLoader.event(from: compact, line: 0, file: "the new event", contracts: contracts)
        event.line = line
        let earlier = ledger.byContract[event.contractID] ?? []
        let problems = LedgerValidator.problems(adding: event, after: earlier, contracts: contracts)
        guard problems.isEmpty else {
            throw LoadErrors(problems.map { LoadError(.badData, file: "the new event", "\($0); nothing was recorded") })
        }
        // A void is checked against the whole ledger by `append`.
        if case .void = event.kind { return (event, compact) }
        if let contract = contracts.find(event.contractID) {
            try computable(contract, events: earlier + [event], before: earlier, line: line, ledger: ledger.path)
        }
        return (event, compact)
    }

    /// Whatever record accepts, every command must be able to compute: the
    /// contract's figures that can fail (penalties; what falls due, added
    /// up) are worked out with `events`, as of the latest day they record.
    /// The others are total.
    static func computable(_ contract: Contract, events: [LedgerEvent], before earlier: [LedgerEvent], line: Int, ledger path: String?) throws(LoadErrors) {
        let calendar = CalendarLoader.builtin
        do {
            if let asOf = events.map(\.day).max(), let first = CalendarDay(year: 1, month: 1, day: 1), let last = CalendarDay(year: 9999, month: 12, day: 31) {
                _ = try Penalties.report(for: contract, history: History(events: events), asOf: asOf, calendar: calendar)
                _ = try Dues.report(for: [contract], ledger: Ledger(events: events), range: DayRange(from: first, to: last), asOf: asOf, calendar: calendar)
            }
        } catch {
            throw LoadErrors([LoadError(.badData, file: "the new event", "with it, \(error.description); nothing was recorded")])
        }
        if let finding = DateHorizon.beyond([contract], ledger: Ledger(events: events)) {
            throw LoadErrors([LoadError(.badData, file: "the new event", DateHorizon.message(finding, from: "the terms and this event") + "; nothing was recorded")])
        }
        // No assertion that held stops holding, and a new one must hold
        // (README: "Assertions"). One that already failed does not block:
        // the missing payment that puts it right must be recordable.
        let failedBefore = Set(Assertions.check(contract, events: earlier, calendar: calendar).filter { !$0.holds }.map(\.line))
        let broken = Assertions.check(contract, events: events, calendar: calendar).filter { !$0.holds && !failedBefore.contains($0.line) }
        if !broken.isEmpty {
            throw LoadErrors(broken.map { check in
                let whose = check.line == line ? "" : "with it, \(path ?? "the ledger"), line \(check.line): "
                return LoadError(.badData, file: "the new event", "\(whose)\(check.message); nothing was recorded")
            })
        }
    }

    /// The event as one line of JSON; refused when it is not JSON or carries
    /// the chain fields, which only `append` writes.
    static func compactEvent(_ text: String) throws(LoadErrors) -> String {
        let node: JSONNode
        do {
            node = try JSONParser.parse(Array(text.utf8))
        } catch {
            throw LoadErrors([LoadError(.badData, file: "the new event", "is not valid JSON: \(error)")])
        }
        if case .object(let members) = node, let chained = members.first(where: { $0.key == "prev" || $0.key == "hash" }) {
            throw LoadErrors([LoadError(.badData, file: "the new event", location: "$.\(chained.key)", "record writes the chain fields itself; leave out \"prev\" and \"hash\"")])
        }
        return node.compactText
    }

    /// What `repair` did to a last line without a line end.
    public enum Repair: Sendable, Equatable {
        /// The line was whole (a JSON object whose hash verifies and which
        /// chains to the line before it) and only lacked its line end,
        /// which was added: the event counts again.
        case completed(line: Int)
        /// The incomplete line (`bytes` long) was moved to the file `aside`.
        case movedAside(bytes: Int, aside: String)
    }

    /// Completes a last line that lost only its line end, or moves an
    /// incomplete one into a file of its own and cuts it from the ledger.
    /// Nothing is deleted. Returns nil when the ledger ends cleanly.
    public static func repair(_ path: String, asideSuffix: String) throws(LoadErrors) -> Repair? {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LoadErrors([LoadError(.noInput, file: path, "no such file")])
        }
        let ledger = try LockedLedger.open(path)
        defer { ledger.unlock() }
        let bytes = try ledger.contents()
        let lines = LedgerLines(String(decoding: bytes, as: UTF8.self))
        guard let last = bytes.last, last != UInt8(ascii: "\n"), let tail = lines.tail else { return nil }
        if isWhole(tail.text, after: lines) {
            try ledger.append(tail.text.hasSuffix("\r") ? "\n" : lines.lineEnd, after: bytes.count)
            return .completed(line: tail.number)
        }
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
        return .movedAside(bytes: torn.count, aside: aside)
    }

    /// Whether a last line without line end is a whole line: a JSON object
    /// whose hash verifies and which chains to the line before it. A line
    /// cut short cannot be one: its hash comes last.
    static func isWhole(_ text: String, after lines: LedgerLines) -> Bool {
        let line = text.hasSuffix("\r") ? text.dropLast() : Substring(text)
        guard let seal = LedgerChain.seal(of: line), seal.intact, seal.prev == lines.head,
              case .object? = try? JSONParser.parse(Array(line.utf8)) else { return false }
        return true
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
