import Foundation

/// The events of a ledger file, in the order recorded.
public struct Ledger: Sendable {
    public var events: [LedgerEvent] {
        get { stored }
        set {
            stored = newValue
            byContract = Ledger.group(newValue)
        }
    }
    private var stored: [LedgerEvent]
    /// Where it was read from; nil for no ledger.
    public var path: String?
    /// The events of each contract, in the order recorded: built once, so
    /// that a report over many contracts does not scan the ledger for each.
    public private(set) var byContract: [String: [LedgerEvent]]
    /// The voids recorded, and the events they void, which no computation
    /// counts (not in `events`): for the register.
    public var voids: [LedgerEvent] = []
    public var voided: [LedgerEvent] = []
    /// Voided line -> the line that voids it.
    public var voidedBy: [Int: Int] = [:]
    /// `--assume`: the file of the events after `path`'s, never written.
    public var assumed: Assumed?

    public init(events: [LedgerEvent] = [], path: String? = nil) {
        self.stored = events
        self.path = path
        self.byContract = Ledger.group(events)
    }

    /// `grouped`: `events` by contract, each in the order recorded, as
    /// `group` makes it (the loader has it from checking each contract).
    init(events: [LedgerEvent], grouped: [String: [LedgerEvent]], path: String?) {
        self.stored = events
        self.path = path
        self.byContract = grouped
    }

    /// Adds one event after the others, without regrouping the ledger.
    public mutating func append(_ event: LedgerEvent) {
        stored.append(event)
        byContract[event.contractID, default: []].append(event)
    }

    static func group(_ events: [LedgerEvent]) -> [String: [LedgerEvent]] {
        Dictionary(grouping: events, by: \.contractID)
    }

    public static let empty = Ledger()
}

/// Reads a JSON Lines ledger: one event per line, each checked for shape,
/// against the contract's terms, and against the events before it. Every
/// problem is reported with its line.
public enum LedgerLoader {
    public static func load(path: String, contracts: ContractSet) throws(LoadErrors) -> Ledger {
        try load(lines: LedgerLines(bytes: try readBytes(path)), name: path, contracts: contracts)
    }

    /// `load`, and with `cache`, the ledger's cache written for what was
    /// read and found valid (see `LedgerCache`).
    public static func load(path: String, contracts: ContractSet, cache: LedgerCache.Place?) throws(LoadErrors) -> Ledger {
        guard let cache else { return try load(path: path, contracts: contracts) }
        let ledger: Ledger
        let made: LedgerCache?
        do {
            // The file's bytes and lines are let go of once the cache is
            // made from them, before the dates are checked, so that writing
            // the cache costs no more memory than reading without it (at
            // 100,000 lines, 121 MB either way; 126 MB with the bytes kept).
            let bytes = try readBytes(path)
            let lines = LedgerLines(bytes: bytes)
            if let tail = lines.tail { throw LoadErrors([tornLine(path, line: tail.number)]) }
            ledger = try parse(lines, file: path, contracts: contracts)
            made = LedgerCache.made(of: lines, parsed: ledger, bytes: bytes, path: path, contracts: contracts, place: cache, horizon: true)
        }
        try checkHorizon(ledger, file: path, contracts: contracts)
        if let made { made.write(for: path, in: cache) } else { LedgerCache.remove(for: path, in: cache) }
        return ledger
    }

    /// A ledger read from elsewhere than a file (standard input), named
    /// `name` in messages; checked exactly as a file is.
    public static func load(data: Data, name: String, contracts: ContractSet) throws(LoadErrors) -> Ledger {
        let bytes = [UInt8](data)
        guard UTF8Check.isValid(bytes) else { throw LoadErrors([invalidUTF8(data, file: name)]) }
        return try load(lines: LedgerLines(bytes: bytes), name: name, contracts: contracts)
    }

    static func load(text: String, name path: String, contracts: ContractSet) throws(LoadErrors) -> Ledger {
        try load(lines: LedgerLines(text), name: path, contracts: contracts)
    }

    static func load(lines: LedgerLines, name path: String, contracts: ContractSet) throws(LoadErrors) -> Ledger {
        if let tail = lines.tail { throw LoadErrors([tornLine(path, line: tail.number)]) }
        let ledger = try parse(lines, file: path, contracts: contracts)
        try checkHorizon(ledger, file: path, contracts: contracts)
        return ledger
    }

    /// A contract without events gives rise to what its terms alone do,
    /// which loading the contracts has already bounded; the others are
    /// bounded with their events.
    static func checkHorizon(_ ledger: Ledger, file path: String, contracts: ContractSet) throws(LoadErrors) {
        if let finding = DateHorizon.beyond(contracts.contracts.filter { ledger.byContract[$0.id] != nil }, ledger: ledger) {
            throw LoadErrors([LoadError(.badData, file: path, DateHorizon.message(finding, from: "the terms and the ledger's events"))])
        }
    }

    /// The ledger file as UTF-8 text; a line that is not UTF-8 is named.
    static func readText(_ path: String) throws(LoadErrors) -> String {
        let data: Data
        do {
            data = try JSONFile.read(URL(fileURLWithPath: path), displayName: path)
        } catch {
            throw LoadErrors([error])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadErrors([invalidUTF8(data, file: path)])
        }
        return text
    }

    /// The ledger file's bytes, checked to be UTF-8 text (the first line
    /// that is not is named), read without the copies a String makes.
    static func readBytes(_ path: String) throws(LoadErrors) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try JSONFile.readBytes(URL(fileURLWithPath: path), displayName: path)
        } catch {
            throw LoadErrors([error])
        }
        guard UTF8Check.isValid(bytes) else { throw LoadErrors([invalidUTF8(Data(bytes), file: path)]) }
        return bytes
    }

    /// The last line has no line end: every command says so, the same way.
    static func tornLine(_ path: String, line: Int) -> LoadError {
        LoadError(.badData, file: path, location: "line \(line)",
                  "the last line has no line end: a write was interrupted, or an editor dropped it. Nothing is computed from a damaged ledger; `contractctl repair --ledger \(path)` completes the line when it is whole and sealed, and otherwise moves it into a file of its own")
    }

    /// Names the first line that is not UTF-8.
    static func invalidUTF8(_ data: Data, file: String) -> LoadError {
        var line = 1
        for piece in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if String(validating: Array(piece), as: UTF8.self) == nil {
                return LoadError(.badData, file: file, location: "line \(line)", "is not valid UTF-8 text")
            }
            line += 1
        }
        return LoadError(.badData, file: file, "is not valid UTF-8 text")
    }

    /// Every number in a ledger line is a count or a number of days: a whole
    /// number. Anything else (1e400, 1.5) is refused with its path before
    /// decoding, which would only say "not valid JSON".
    static func wholeNumbers(_ node: JSONNode, path: String = "$") -> [String] {
        switch node {
        case .number(let text):
            return Int(text) == nil && text != "-0" ? ["\(path): \(text): expected a whole number"] : []
        case .object(let members):
            return members.flatMap { wholeNumbers($0.value, path: path + "." + $0.key) }
        case .array(let items):
            return items.enumerated().flatMap { wholeNumbers($0.element, path: path + "[\($0.offset)]") }
        default:
            return []
        }
    }

    /// A ledger's chain and events, checked in full: what `verify` reports.
    public struct Verification: Sendable {
        public var lines: Int
        /// The hash of the last line: note it to detect later truncation.
        public var head: String
        public var chainBreak: LedgerChain.Break?
        /// Events that contradict the terms or earlier events, and
        /// assertions that do not hold.
        public var problems: [LoadError]
        /// Whether `head` given by the user is still in the chain, and where.
        public var headFound: Int?
        /// How many lines (blank ones not counted) follow the head found.
        public var linesAfterHead: Int = 0
        /// The seal beside the ledger, checked when a key was given.
        public var seal: SealCheck = .none

        public var whole: Bool {
            if case .problem = seal { return false }
            return chainBreak == nil && problems.isEmpty
        }
    }

    /// What `verify` found of the ledger's seal (see `LedgerSeal`).
    public enum SealCheck: Sendable, Equatable {
        /// No seal and no key: an unkeyed ledger.
        case none
        /// A seal (or a file where it would be), not checked: no key given.
        case unchecked
        /// The key was given and the seal vouches for every event line.
        case matches(lines: Int)
        /// `verify --seal` sealed the ledger just now.
        case sealed(lines: Int)
        /// The key was given and the ledger does not match its seal (or has
        /// none, or the key is not the one it was made with).
        case problem(String)
    }

    public static func verify(path: String, contracts: ContractSet, expectedHead: String? = nil, key: [UInt8]? = nil) throws(LoadErrors) -> Verification {
        guard let key else {
            var result = verify(LedgerLines(bytes: try readBytes(path)), path: path, contracts: contracts, expectedHead: expectedHead)
            if LedgerSeal.find(besides: path) != .none { result.seal = .unchecked }
            return result
        }
        // Ledger and seal are read under a shared lock: a record renewing the
        // seal meanwhile (under its exclusive lock) is not caught half-way.
        let lock = SharedLock(path)
        defer { lock.release() }
        let lines = LedgerLines(bytes: try readBytes(path))
        var result = verify(lines, path: path, contracts: contracts, expectedHead: expectedHead)
        result.seal = LedgerSeal.check(lines, besides: path, key: key)
        return result
    }

    static func verify(_ lines: LedgerLines, path: String, contracts: ContractSet, expectedHead: String?) -> Verification {
        var problems: [LoadError] = lines.tail.map { [tornLine(path, line: $0.number)] } ?? []
        do {
            let ledger = try parse(lines, file: path, contracts: contracts)
            problems += failedAssertions(in: ledger, contracts: contracts)
        } catch {
            problems += error.errors
        }
        // Every line's seal once, on both cores, from the line's bytes where
        // they are (not a String made of each); the chain and the head are
        // then comparisons of 32-byte values.
        let links = LedgerChain.links(lines.lines)
        let headFound = expectedHead.flatMap { SHA256.Digest(hex: $0) }.flatMap { head in links.firstIndex { $0?.hash == head } }
        return Verification(lines: lines.lines.count, head: lines.head, chainBreak: LedgerChain.verify(links: links, numbers: lines.numbers), problems: problems,
                            headFound: headFound.map { lines.lines[$0].number }, linesAfterHead: headFound.map { lines.lines.count - 1 - $0 } ?? 0)
    }

    /// Parses a ledger's text, a last line without line end included.
    public static func parse(_ text: String, file: String, contracts: ContractSet) throws(LoadErrors) -> Ledger {
        var lines = LedgerLines(text)
        if let tail = lines.tail, !LedgerLines.isBlank(ArraySlice(tail.text.utf8)) { lines.lines.append(tail) }
        return try parse(lines, file: file, contracts: contracts)
    }

    /// What `parse` knows of a line once it is read, besides its
    /// contract's place in the set (0 and up).
    private enum Owner {
        /// The line has errors of its own.
        static let failed = -1
        /// A void.
        static let void = -2
        /// No contract has the line's id or alias.
        static let unknown = -3
    }

    static func parse(_ lines: LedgerLines, file: String, contracts: ContractSet) throws(LoadErrors) -> Ledger {
        // Parsing a line needs nothing but the terms: both cores parse,
        // in chunks; checking against earlier events stays in order.
        let parsed = ParallelMap.map(lines.lines, step: "reading ledger lines") { line -> Result<LedgerEvent, LoadErrors> in
            var found: LedgerEvent
            if let fast = fastEvent(line.bytes, contracts: contracts) {
                found = fast
            } else {
                do throws(LoadErrors) {
                    found = try event(from: line.text, line: 0, file: file, contracts: contracts)
                } catch {
                    return .failure(error)
                }
            }
            found.line = line.number
            return .success(found)
        }
        // Each line's contract by its place in `contracts`, or what else
        // the line is, found on both cores: the passes below on one core
        // go over these numbers and open an event only where they must.
        let owners = ParallelMap.map(Array(parsed.indices), step: "grouping the events by contract") { position -> Int in
            guard case .success(let event) = parsed[position] else { return Owner.failed }
            if case .void = event.kind { return Owner.void }
            return contracts.position(of: event.contractID) ?? Owner.unknown
        }
        let (voidedBy, voidErrors) = voids(lines, parsed, at: owners.indices.filter { owners[$0] == Owner.void }, file: file)
        var errors = voidErrors
        func isVoided(_ position: Int) -> Bool { !voidedBy.isEmpty && voidedBy[lines.lines[position].number] != nil }
        // A void, and the event it voids, are kept aside: no check or
        // computation counts them. Each contract's events are checked
        // against that contract's earlier events only, so the contracts
        // are checked on both cores, each in the order recorded.
        var counted = [[Int]](repeating: [], count: contracts.contracts.count)   // contract -> positions, in order
        var slots: [(contract: Int, slot: Int)] = []   // the events counted, in order: where each is in its contract's list
        slots.reserveCapacity(parsed.count)
        var unknown: [(Int, [String])] = []
        for position in parsed.indices {
            let owner = owners[position]
            guard owner != Owner.failed, owner != Owner.void, !isVoided(position) else { continue }
            guard owner >= 0 else {
                if case .success(let event) = parsed[position] { unknown.append((position, ["no contract \(event.contractID)"])) }
                continue
            }
            slots.append((owner, counted[owner].count))
            counted[owner].append(position)
        }
        let groups = counted.indices.filter { !counted[$0].isEmpty }.map { (contract: $0, positions: counted[$0]) }
        counted = []
        let refused = ParallelMap.map(groups, chunk: 16, step: "checking events against the terms, by contract") { group -> [(Int, [String])] in
            // A group is one contract's: taken out of the set once, not
            // copied (every field retained and released) for each event.
            let contract = contracts.contracts[group.contract]
            var earlier: [LedgerEvent] = []
            earlier.reserveCapacity(group.positions.count)
            var refused: [(Int, [String])] = []
            for position in group.positions {
                guard case .success(let event) = parsed[position] else { continue }
                let problems = LedgerValidator.problems(adding: event, after: earlier, contract: contract)
                if problems.isEmpty { earlier.append(event) } else { refused.append((position, problems)) }
            }
            return refused
        }
        var problemsAt: [Int: [String]] = [:]
        for (position, problems) in unknown { problemsAt[position] = problems }
        for group in refused { for (position, problems) in group { problemsAt[position] = problems } }
        // What is wrong, in the order of the lines, and the voids and the
        // events they void.
        var voidPositions: [Int] = []
        var voidedPositions: [Int] = []
        for position in parsed.indices {
            let owner = owners[position]
            let lineNumber = lines.lines[position].number
            if owner == Owner.void {
                voidPositions.append(position)
            } else if owner == Owner.failed {
                guard case .failure(let failure) = parsed[position] else { continue }
                errors += failure.errors.map { error in
                    var error = error
                    error.location = "line \(lineNumber)" + (error.location.map { ": \($0)" } ?? "")
                    return error
                }
            } else if isVoided(position) {
                voidedPositions.append(position)
            } else if !problemsAt.isEmpty, let problems = problemsAt[position] {
                errors += problems.map { LoadError(.badData, file: file, location: "line \(lineNumber)", $0) }
            }
        }
        guard errors.isEmpty else { throw LoadErrors(errors) }
        let voids = voidPositions.compactMap { try? parsed[$0].get() }
        let voided = voidedPositions.compactMap { try? parsed[$0].get() }
        // No event was refused: each group is all of its contract's
        // events, in order, which is the ledger's grouping; the groups are
        // made on both cores, and the events in the order recorded are
        // then read from them, on both cores. Every line counted parsed
        // (only a parsed line has a contract's place), so each list holds
        // all of its group's lines and `slots` points at them.
        let lists = ParallelMap.map(groups, chunk: 16, step: "grouping the events by contract") { group -> [LedgerEvent] in
            var list: [LedgerEvent] = []
            list.reserveCapacity(group.positions.count)
            for position in group.positions {
                if case .success(let event) = parsed[position] { list.append(event) }
            }
            return list
        }
        var listOf = [Int](repeating: -1, count: contracts.contracts.count)   // contract -> place in `lists`
        for (place, group) in groups.enumerated() { listOf[group.contract] = place }
        let events = ParallelMap.map(slots, chunk: 4096) { [listOf] in lists[listOf[$0.contract]][$0.slot] }
        var grouped = [String: [LedgerEvent]](minimumCapacity: groups.count)
        for (group, list) in zip(groups, lists) { grouped[contracts.contracts[group.contract].id] = list }
        var ledger = Ledger(events: events, grouped: grouped, path: file)
        ledger.voids = voids
        ledger.voided = voided
        ledger.voidedBy = voidedBy
        return ledger
    }

    /// Which lines the voids at `positions` void (voided line -> voiding
    /// line), and what is wrong with a void: it must name an earlier line of
    /// the same contract by its number and hash, a line that is not a void,
    /// not voided twice.
    static func voids(_ lines: LedgerLines, _ parsed: [Result<LedgerEvent, LoadErrors>], at positions: [Int], file: String) -> (voidedBy: [Int: Int], errors: [LoadError]) {
        var voidedBy: [Int: Int] = [:]
        var errors: [LoadError] = []
        guard !positions.isEmpty else { return (voidedBy, errors) }
        // Only the lines the voids name are looked for.
        var named = Set<Int>()
        for position in positions {
            if case .success(let event) = parsed[position], case .void(_, let target, _, _) = event.kind { named.insert(target) }
        }
        var index: [Int: Int] = [:]
        for (position, line) in lines.lines.enumerated() where named.contains(line.number) { index[line.number] = position }
        for position in positions {
            guard case .success(let event) = parsed[position], case .void(_, let target, let hash, _) = event.kind else { continue }
            let number = lines.lines[position].number
            func refuse(_ message: String) { errors.append(LoadError(.badData, file: file, location: "line \(number): $.line", message)) }
            guard target < number, let targetPosition = index[target] else {
                refuse("\(target): a void names an earlier line of the ledger")
                continue
            }
            guard case .success(let voided) = parsed[targetPosition] else {
                refuse("\(target): that line has errors of its own")
                continue
            }
            if case .void = voided.kind {
                refuse("\(target): that line is itself a void; to restore the event, record it again")
            } else if voided.contractID != event.contractID {
                refuse("\(target): that line is an event of another contract")
            } else if let seal = LedgerChain.seal(of: Substring(lines.lines[targetPosition].text)), seal.hash == hash, !seal.intact {
                errors.append(LoadError(.badData, file: file, location: "line \(number): $.lineHash", "line \(target) no longer matches its hash: it was edited after it was recorded (contractctl verify tells more)"))
            } else if LedgerChain.seal(of: Substring(lines.lines[targetPosition].text))?.hash != hash {
                errors.append(LoadError(.badData, file: file, location: "line \(number): $.lineHash", "is not the hash of line \(target): the void names another line than the one recorded there"))
            } else if let earlier = voidedBy[target] {
                refuse("\(target): that line is already voided by line \(earlier)")
            } else {
                voidedBy[target] = number
            }
        }
        return (voidedBy, errors)
    }

    /// A line read by `FastLine` and checked as `event(from:)` checks it;
    /// nil when either finds anything amiss, and `event(from:)` then reads
    /// the line again and says what.
    /// Every key but the chain's, which an event does not hold.
    private static let unchained = ~(UInt64(1) << UInt64(EventLine.Key.prev.rawValue) | UInt64(1) << UInt64(EventLine.Key.hash.rawValue))

    static func fastEvent(_ bytes: ArraySlice<UInt8>, contracts: ContractSet) -> LedgerEvent? {
        guard let values = FastLine.values(bytes, keeping: unchained), case .string(let type)? = values[.type],
              let masks = EventLine.masks[type], values.mask & ~masks.allowed == 0 else { return nil }
        for key in masks.required {
            guard let value = values[key], value != .null else { return nil }
        }
        guard let wire = try? EventLine(values: values), let box = contracts.box(wire.contract),
              let kind = try? EventTerms.kind(of: wire, type: type, contract: box) else { return nil }
        var event = LedgerEvent(line: 0, contractID: box.contract.id, kind: kind, note: wire.note)
        event.transaction = wire.transaction
        return event
    }

    /// Parses one ledger line and checks it against the terms (not the
    /// history). `line` 0 is an event not yet in a file: messages give no line.
    public static func event(from text: String, line: Int, file: String, contracts: ContractSet) throws(LoadErrors) -> LedgerEvent {
        let location: String? = line > 0 ? "line \(line)" : nil
        func at(_ path: String) -> String { [location, path].compactMap { $0 }.joined(separator: ": ") }
        let node: JSONNode
        do {
            node = try JSONParser.parse(Array(text.utf8))
        } catch {
            throw LoadErrors([LoadError(.badData, file: file, location: location, "is not valid JSON: \(error.message) (column \(error.column))")])
        }
        guard case .object(let members) = node else {
            throw LoadErrors([LoadError(.badData, file: file, location: location, "expected a JSON object, found \(node.kindName)")])
        }
        guard let type = node["type"]?.stringValue else {
            throw LoadErrors([LoadError(.badData, file: file, location: at("$.type"), "missing; expected one of \(EventLine.typeNames)")])
        }
        guard let fields = EventLine.fields[type] else {
            throw LoadErrors([LoadError(.badData, file: file, location: at("$.type"), "\"\(type)\": unknown event type; expected one of \(EventLine.typeNames)")])
        }
        var problems: [LoadError] = []
        for member in members where !EventLine.common.contains(member.key) && !fields.allowed.contains(member.key) {
            problems.append(LoadError(.badData, file: file, location: at("$.\(member.key)"), "a \(type) event has no \"\(member.key)\"; it takes \(fields.allowed.sorted().joined(separator: ", "))"))
        }
        for key in fields.required where node[key] == nil || node[key] == .null {
            problems.append(LoadError(.badData, file: file, location: at("$.\(key)"), "missing; a \(type) event needs \(fields.required.joined(separator: ", "))"))
        }
        problems += wholeNumbers(node).map { LoadError(.badData, file: file, location: location, $0) }
        guard problems.isEmpty else { throw LoadErrors(problems) }
        let wire: EventLine
        do {
            wire = try EventLine(node: node)
        } catch {
            throw LoadErrors(error.messages.map { message in
                let split = message.range(of: ": ")
                let path = split.map { String(message[..<$0.lowerBound]) } ?? "$"
                let rest = split.map { String(message[$0.upperBound...]) } ?? message
                return LoadError(.badData, file: file, location: at(path), rest)
            })
        }
        guard let box = contracts.box(wire.contract) else {
            let known = contracts.contracts.map(\.alias).joined(separator: ", ")
            throw LoadErrors([LoadError(.badData, file: file, location: at("$.contract"), "\"\(wire.contract)\": no contract has this id or alias; known: \(known)")])
        }
        do {
            let kind = try EventTerms.kind(of: wire, type: type, contract: box)
            var event = LedgerEvent(line: line, contractID: box.contract.id, kind: kind, note: wire.note)
            event.transaction = wire.transaction
            return event
        } catch {
            throw LoadErrors(error.messages.map { LoadError(.badData, file: file, location: location, $0) })
        }
    }
}

/// Problems found checking an event against its contract's terms.
struct EventProblems: Error {
    var messages: [String]
}
