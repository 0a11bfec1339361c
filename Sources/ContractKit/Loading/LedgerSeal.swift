import Foundation

/// A ledger's optional keyed seal: the file `PATH.seal` beside the ledger,
/// one line
///
///     {"seal":"contractctl ledger seal v1","lines":56,"digest":"3a46…","mac":"9c1e…"}
///
/// `digest` is the SHA-256 of the ledger's event lines (each line's text as
/// `LedgerLines` reads it, without its line end, followed by LF; blank
/// lines are not events and are not covered), `lines` their number, and
/// `mac` the HMAC-SHA256 of both under a key kept outside the ledger and
/// the seal. Without the key nobody can make a seal for other lines, so a
/// line appended, rewritten or cut shows as a mismatch.
///
/// While `record` appends, the seal also holds `"pending"`, the state with
/// the new line, made before the line is written: a record killed between
/// writing the line and renewing the seal leaves a ledger that matches one
/// of the two states, both made with the key.
///
/// What it cannot tell: a ledger and its seal both put back to an earlier
/// sealed state (only a head hash noted elsewhere tells that, see
/// `verify --head`), or anything done by whoever has the key.
public struct LedgerSeal: Sendable, Equatable {
    static let version = "contractctl ledger seal v1"

    /// One sealed state: how many event lines, their digest, and the MAC.
    public struct State: Sendable, Equatable {
        public var lines: Int
        public var digest: String
        public var mac: String

        init(key: [UInt8], lines: Int, digest: String) {
            self.lines = lines
            self.digest = digest
            self.mac = State.mac(key: key, lines: lines, digest: digest)
        }

        init(lines: Int, digest: String, mac: String) {
            self.lines = lines
            self.digest = digest
            self.mac = mac
        }

        static func mac(key: [UInt8], lines: Int, digest: String) -> String {
            HMAC.sha256Hex(key: key, message: Array("\(LedgerSeal.version)\n\(lines)\n\(digest)".utf8))
        }

        func madeWith(_ key: [UInt8]) -> Bool {
            HMAC.same(mac, State.mac(key: key, lines: lines, digest: digest))
        }

        var members: String { "\"lines\":\(lines),\"digest\":\"\(digest)\",\"mac\":\"\(mac)\"" }
    }

    public var current: State
    public var pending: State?

    public init(current: State, pending: State? = nil) {
        self.current = current
        self.pending = pending
    }

    public static func path(of ledger: String) -> String { ledger + ".seal" }

    public var text: String {
        "{\"seal\":\"\(LedgerSeal.version)\",\(current.members)" + (pending.map { ",\"pending\":{\($0.members)}" } ?? "") + "}\n"
    }

    /// The digest of event lines, as the seal states it.
    public static func digest(_ texts: [Substring]) -> String {
        var hash = SHA256()
        add(texts[...], to: &hash)
        return hash.finalizeDigest().hex
    }

    /// Each line's bytes where they are, and LF.
    static func add(_ texts: ArraySlice<Substring>, to hash: inout SHA256) {
        for var text in texts {
            text.withUTF8 { hash.update(UnsafeRawBufferPointer($0)) }
            hash.update(byte: UInt8(ascii: "\n"))
        }
    }

    /// The seal sealing `texts` under `key`, with nothing pending.
    public static func sealing(_ texts: [Substring], key: [UInt8]) -> LedgerSeal {
        LedgerSeal(current: State(key: key, lines: texts.count, digest: digest(texts)))
    }

    // MARK: Reading and writing

    /// Parses a seal file's text; nil when it is not a seal.
    public static func parse(_ bytes: [UInt8]) -> LedgerSeal? {
        guard let node = try? JSONParser.parse(bytes), case .object(let members) = node,
              node["seal"]?.stringValue == version, let current = state(node),
              members.allSatisfy({ ["seal", "lines", "digest", "mac", "pending"].contains($0.key) }) else { return nil }
        guard let pendingNode = node["pending"] else { return LedgerSeal(current: current) }
        guard case .object(let inner) = pendingNode, inner.allSatisfy({ ["lines", "digest", "mac"].contains($0.key) }),
              let pending = state(pendingNode) else { return nil }
        return LedgerSeal(current: current, pending: pending)
    }

    static func state(_ node: JSONNode) -> State? {
        guard case .number(let count)? = node["lines"], let lines = Int(count), lines >= 0,
              let digest = node["digest"]?.stringValue, let mac = node["mac"]?.stringValue,
              LedgerChain.isHex(digest), LedgerChain.isHex(mac) else { return nil }
        return State(lines: lines, digest: digest, mac: mac)
    }

    /// What lies beside a ledger where its seal would be.
    public enum Found: Sendable, Equatable {
        case none
        case seal(LedgerSeal, bytes: [UInt8])
        /// Something that is not a seal (or cannot be read): what is wrong.
        case unreadable(String)
    }

    public static func find(besides ledger: String) -> Found {
        let path = LedgerSeal.path(of: ledger)
        var info = stat()
        guard lstat(path, &info) == 0 else { return .none }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .unreadable("\(path) is not a regular file, so it is not a ledger seal")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .unreadable("\(path) cannot be read")
        }
        guard let seal = parse(Array(data)) else {
            return .unreadable("\(path) is not a ledger seal (expected {\"seal\":\"\(version)\",\"lines\":N,\"digest\":\"…\",\"mac\":\"…\"}): it was edited or replaced")
        }
        return .seal(seal, bytes: Array(data))
    }

    /// Writes the seal beside `ledger`: a temporary file, flushed and renamed
    /// over the old seal, so the seal on disk is always a whole one.
    func write(besides ledger: String) throws(LoadErrors) {
        try Self.put(Array(text.utf8), besides: ledger)
    }

    static func put(_ bytes: [UInt8], besides ledger: String) throws(LoadErrors) {
        let path = LedgerSeal.path(of: ledger)
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw LoadErrors([LoadError(.badData, file: path, "is not a regular file; the seal was not written")])
        }
        try OutputFile.replace(path, with: bytes, mode: 0o644, named: path)
    }

    /// Puts back the seal file as it was before a failed record: `bytes`,
    /// or no file. Whether that worked.
    static func restore(_ bytes: [UInt8]?, besides ledger: String) -> Bool {
        guard let bytes else {
            let path = LedgerSeal.path(of: ledger)
            guard unlink(path) == 0 || errno == ENOENT else { return false }
            LockedLedger.syncFolder(of: path)
            return true
        }
        do {
            try put(bytes, besides: ledger)
            return true
        } catch {
            return false
        }
    }

    // MARK: Checking

    /// What is wrong with a ledger's event lines under this seal and `key`,
    /// or nil when they are a state the seal vouches for. `texts` are the
    /// complete event lines; `tail`, a last line without line end, which
    /// counts as a line if that makes the ledger match (an editor dropped
    /// the final newline of a sealed line; `repair` completes it).
    public func problem(texts: [Substring], numbers: [Int], tail: Substring?, key: [UInt8]) -> String? {
        guard current.madeWith(key), pending?.madeWith(key) ?? true else {
            return "the seal was not made with this key: the key is wrong, or the seal file was edited"
        }
        let states = [current] + (pending.map { [$0] } ?? [])
        let sealed = current.lines
        // One pass over the lines gives every digest compared below: of the
        // lines, of the lines and the tail, and of the first `sealed` lines.
        var hash = SHA256()
        var sealedPrefix: String?
        if texts.count > sealed {
            LedgerSeal.add(texts[..<sealed], to: &hash)
            var prefix = hash
            sealedPrefix = prefix.finalizeDigest().hex
            LedgerSeal.add(texts[sealed...], to: &hash)
        } else {
            LedgerSeal.add(texts[...], to: &hash)
        }
        var whole = hash
        var candidates = [(lines: texts.count, digest: whole.finalizeDigest().hex)]
        if let tail {
            var withTail = hash
            LedgerSeal.add([tail], to: &withTail)
            candidates.append((lines: texts.count + 1, digest: withTail.finalizeDigest().hex))
        }
        for candidate in candidates {
            for state in states where state.lines == candidate.lines && HMAC.same(state.digest, candidate.digest) {
                return nil
            }
        }
        let plural = sealed == 1 ? "" : "s"
        if texts.count > sealed, let sealedPrefix, HMAC.same(sealedPrefix, current.digest) {
            let first = numbers.indices.contains(sealed) ? numbers[sealed] : sealed + 1
            let added = texts.count - sealed
            return "\(added) line\(added == 1 ? " was" : "s were") added without the key, from line \(first): the seal covers the first \(sealed) event line\(plural)"
        }
        if texts.count < sealed {
            return "the ledger has \(texts.count) event line\(texts.count == 1 ? "" : "s") and the seal covers \(sealed): lines were cut from its end, or it was rewritten, without the key"
        }
        return "the ledger was rewritten without the key: its first \(sealed) event line\(plural) are not the ones sealed"
    }
}

extension LedgerSeal {
    /// `verify`'s check of the seal beside a ledger, with the key.
    static func check(_ lines: LedgerLines, besides path: String, key: [UInt8]) -> LedgerLoader.SealCheck {
        switch find(besides: path) {
        case .none:
            return .problem("no seal beside the ledger (\(LedgerSeal.path(of: path))), and a key was given: it was never sealed, or the seal was removed; `contractctl verify --seal` seals a ledger that has none")
        case .unreadable(let problem):
            return .problem(problem)
        case .seal(let seal, _):
            let tail = lines.tail.map { $0.text.hasSuffix("\r") ? Substring($0.text.dropLast()) : Substring($0.text) }
            if let problem = seal.problem(texts: lines.texts, numbers: lines.numbers, tail: tail, key: key) { return .problem(problem) }
            return .matches(lines: lines.lines.count + (tail == nil ? 0 : 1))
        }
    }

    /// `verify --seal`: seals a ledger that has no seal, when it is whole
    /// (chain, events, and `expectedHead` if given), under the lock record
    /// takes. A ledger that has a seal is only checked: a seal is never
    /// replaced, so that a removed seal cannot be made again over lines
    /// changed meanwhile without someone deleting the old one knowingly.
    public static func seal(path: String, contracts: ContractSet, expectedHead: String?, key: [UInt8]) throws(LoadErrors) -> LedgerLoader.Verification {
        _ = try LedgerLoader.readText(path)  // a missing, special or non-UTF-8 ledger is refused as verify refuses it
        let ledger = try LockedLedger.open(path)
        defer { ledger.unlock() }
        let bytes = try ledger.contents()
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LoadErrors([LoadError(.badData, file: path, "is not valid UTF-8 text; it was not sealed")])
        }
        let lines = LedgerLines(text)
        var result = LedgerLoader.verify(lines, path: path, contracts: contracts, expectedHead: expectedHead)
        result.seal = check(lines, besides: path, key: key)
        guard find(besides: path) == .none, result.chainBreak == nil, result.problems.isEmpty,
              expectedHead == nil || result.headFound != nil else { return result }
        try sealing(lines.texts, key: key).write(besides: path)
        result.seal = .sealed(lines: lines.lines.count)
        return result
    }
}

/// A shared advisory lock on a ledger, for reading it and its seal while
/// no record is half-way; released at once if the file cannot be opened
/// (verify then reports why, as it would without a lock).
struct SharedLock {
    let fd: Int32

    init(_ path: String) {
        // O_NONBLOCK: opening a FIFO does not wait for a writer (verify then
        // refuses it for what it is).
        fd = Foundation.open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return }
        while flock(fd, LOCK_SH) != 0, errno == EINTR {}
    }

    func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
