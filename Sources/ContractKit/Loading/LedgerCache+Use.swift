import Foundation

/// What a valid cache gives a command: the ledger's lines for some
/// contracts (those asked for, and those of the lines appended since the
/// cache was written, whose histories are checked again), read from the
/// file, and the state the cache must be renewed to.
struct CachedRead {
    var cache: LedgerCache
    /// The contracts read, each from its own file.
    var contracts: ContractSet
    /// Their lines, old and new, as the loader reads them.
    var lines: LedgerLines
    var parsed: Ledger
    /// The lines appended since the cache was written (the cached ones
    /// are `cache`'s, not copied).
    var added: [LedgerCache.Position]
    var ids: [String]
    var complete: Int
    var lineEnd: String
    var head: String
    /// Whether every contract with events is known to pass the date horizon.
    var horizon: Bool
    /// XXH64 of every byte read, to go on with the bytes appended.
    var hashed: XXH64
    /// How many bytes the ledger had.
    var size: Int
}

extension LedgerCache {
    /// Reads, through the cache, the lines of the contracts `keys` name (ids
    /// or aliases) and of those that lines appended since it was written
    /// name, from the ledger open at `fd`, whose stamp is `file`; nil when
    /// the cache cannot vouch for them, or any of it is amiss (the full
    /// read then says what). The file is read once, in blocks: only those
    /// lines and the ones appended are kept.
    func read(_ keys: [String], descriptor fd: Int32, file: FileStamp, path: String, folder: String, checkHorizon: Bool) -> CachedRead? {
        guard file.device == ledger.device, file.inode == ledger.inode, file.size >= length,
              length <= UInt64(Int.max), complete <= UInt64(Int.max) else { return nil }
        let prefix = Int(length)
        guard let rest = Descriptor.readToEnd(fd, from: prefix), UTF8Check.isValid(rest) else { return nil }
        let added = LedgerLines(bytes: rest)
        guard added.tail == nil else { return nil }
        var wanted = Set<String>()
        for key in keys {
            guard let found = fileOf(key) else { return nil }
            wanted.insert(found.id)
        }
        // The contracts of the lines appended since: a key the index does
        // not know makes the line an error, which the full read names.
        var addedIDs: [String] = []
        for line in added.lines {
            guard let key = LedgerCache.contractKey(line.bytes), let found = fileOf(key) else { return nil }
            addedIDs.append(found.id)
        }
        let touched = Set(addedIDs)
        wanted.formUnion(touched)
        guard let set = contractSet(ids: wanted, folder: folder) else { return nil }
        var ids = self.ids
        var idIndex: [String: UInt32] = [:]
        for (position, id) in ids.enumerated() { idIndex[id] = UInt32(position) }
        let chosen = Set(wanted.compactMap { idIndex[$0] })
        let kept = self.positions.filter { chosen.contains($0.contract) }
        var picked: [UInt8] = [], starts: [Int] = []
        guard var hashed = streamPrefix(fd, wanted: kept, picked: &picked, starts: &starts) else { return nil }
        hashed.update(rest)
        var lines = LedgerLines(bytes: [])
        lines.lines.reserveCapacity(kept.count + added.lines.count)
        for (position, start) in zip(kept, starts) {
            lines.lines.append(.init(number: Int(position.number), bytes: picked[start..<(start + Int(position.length))]))
        }
        var positions: [Position] = []
        for (line, id) in zip(added.lines, addedIDs) {
            let contract: UInt32
            if let known = idIndex[id] {
                contract = known
            } else {
                contract = UInt32(ids.count)
                ids.append(id)
                idIndex[id] = contract
            }
            let number = Int(complete) + line.number
            lines.lines.append(.init(number: number, bytes: line.bytes))
            guard number <= Int(UInt32.max) else { return nil }
            positions.append(Position(offset: UInt64(prefix + line.bytes.startIndex), length: UInt32(line.bytes.count), number: UInt32(number),
                                      contract: contract, assertion: LedgerCache.isAssertion(line.bytes)))
        }
        lines.complete = Int(complete) + added.complete
        lines.lineEnd = added.complete > 0 ? added.lineEnd : lineEnd
        guard let parsed = try? LedgerLoader.parse(lines, file: path, contracts: set) else { return nil }
        var horizon = self.horizon
        if horizon, !touched.isEmpty {
            let newcomers = set.contracts.filter { touched.contains($0.id) && parsed.byContract[$0.id] != nil }
            if DateHorizon.beyond(newcomers, ledger: parsed) != nil {
                guard !checkHorizon else { return nil }
                horizon = false
            }
        }
        if checkHorizon, !horizon { return nil }
        let head = added.lines.last.map { LedgerChain.head(of: [Substring($0.text)]) } ?? self.head
        return CachedRead(cache: self, contracts: set, lines: lines, parsed: parsed, added: positions, ids: ids,
                          complete: lines.complete, lineEnd: lines.lineEnd, head: head, horizon: horizon, hashed: hashed,
                          size: prefix + rest.count)
    }

    /// The contract a line names ("contract"), as written; nil when the
    /// line is not a JSON object naming one by a string.
    static func contractKey(_ line: ArraySlice<UInt8>) -> String? {
        if let values = FastLine.values(line), case .string(let key)? = values[.contract] { return key }
        guard case .object(let members)? = try? JSONParser.parse(Array(line)),
              case .string(let key)? = members.first(where: { $0.key == "contract" })?.value else { return nil }
        return key
    }

    static func isAssertion(_ line: ArraySlice<UInt8>) -> Bool {
        if let values = FastLine.values(line), case .string(let type)? = values[.type] { return type == "assert" }
        guard case .object(let members)? = try? JSONParser.parse(Array(line)),
              case .string(let type)? = members.first(where: { $0.key == "type" })?.value else { return false }
        return type == "assert"
    }

    /// The cache after `read`, with `added` (texts with their line ends,
    /// each numbered and of a contract) appended to the bytes read.
    static func renewed(_ read: CachedRead, added: [(text: String, number: Int, contract: String, assertion: Bool)], file: FileStamp) -> LedgerCache {
        var cache = read.cache
        var ids = read.ids
        var positions = read.added
        var hasher = read.hashed
        var offset = UInt64(read.size)
        var head = read.head
        for line in added {
            let text = Array(line.text.utf8)
            hasher.update(text)
            let contract: UInt32
            if let known = ids.firstIndex(of: line.contract) {
                contract = UInt32(known)
            } else {
                contract = UInt32(ids.count)
                ids.append(line.contract)
            }
            let body = line.text.hasSuffix("\r\n") ? line.text.utf8.count - 2 : line.text.utf8.count - 1
            positions.append(Position(offset: offset, length: UInt32(body), number: UInt32(line.number), contract: contract, assertion: line.assertion))
            head = LedgerChain.head(of: [Substring(String(decoding: text[0..<body], as: UTF8.self))])
            offset += UInt64(text.count)
        }
        cache.ledger = file
        cache.length = offset
        cache.hash = hasher.digest()
        cache.complete = UInt64(read.complete + added.count)
        cache.lineEnd = read.lineEnd
        cache.head = head
        cache.horizon = read.horizon
        cache.ids = ids
        cache.appended += positions
        return cache
    }
}

extension LedgerWriter {
    /// `append` through the ledger's cache: the contract files of the event's
    /// contract (and of any line appended since the cache was written) are
    /// read, and only their lines. Nil, with nothing written, when the cache
    /// cannot be used or anything is refused: the caller then does the
    /// whole work, which writes the same line or says exactly what is
    /// wrong. Only an unkeyed ledger, without a seal, and an event that is
    /// not a void (a void re-reads the ledger) take this way.
    public static func appendCached(_ text: String, to path: String, folder: String, place: LedgerCache.Place) throws(LoadErrors) -> Recorded? {
        guard let compact = try? compactEvent(text), let key = LedgerCache.contractKey(ArraySlice(compact.utf8)),
              let cache = LedgerCache.current(for: path, folder: folder, place: place),
              FileManager.default.fileExists(atPath: path), LedgerSeal.find(besides: path) == .none else { return nil }
        let ledger = try LockedLedger.open(path)
        defer { ledger.unlock() }
        guard !ledger.created else {
            ledger.removeCreated()
            return nil
        }
        guard let file = FileStamp.of(descriptor: ledger.fd), LedgerSeal.find(besides: path) == .none,
              let read = cache.read([key], descriptor: ledger.fd, file: file, path: path, folder: folder, checkHorizon: false) else { return nil }
        let number = read.complete + 1
        guard let admitted = try? admit(compact, line: number, after: read.parsed, contracts: read.contracts) else { return nil }
        if case .void = admitted.event.kind { return nil }
        let line = LedgerChain.seal(admitted.compact, prev: read.head)
        let written = line + read.lineEnd
        try ledger.append(written, after: read.size)
        if let grown = FileStamp.of(descriptor: ledger.fd) {
            let isAssertion: Bool
            if case .assertion = admitted.event.kind { isAssertion = true } else { isAssertion = false }
            LedgerCache.renewed(read, added: [(written, number, admitted.event.contractID, isAssertion)], file: grown).write(for: path, in: place)
        }
        return Recorded(line: number, text: line, event: admitted.event)
    }
}

extension LedgerLoader {
    /// The contracts `keys` name (ids or aliases), and those with
    /// assertions (every report checks them all), each read from its own
    /// file, with their lines of the ledger at `path`, through its cache:
    /// what `load` would give for them, checked as `load` checks. Nil when
    /// the cache cannot vouch for it (the caller then loads everything,
    /// which writes a fresh cache). A cache that held less than the file
    /// is renewed to cover it.
    public static func loadCached(path: String, keys: [String], folder: String, place: LedgerCache.Place) -> (contracts: ContractSet, ledger: Ledger)? {
        guard !keys.isEmpty, let cache = LedgerCache.current(for: path, folder: folder, place: place) else { return nil }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard let before = FileStamp.of(descriptor: fd) else { return nil }
        var wanted = keys
        var asserting = Set<UInt32>()
        for line in cache.positions where line.assertion { asserting.insert(line.contract) }
        wanted += asserting.compactMap { Int($0) < cache.ids.count ? cache.ids[Int($0)] : nil }
        // The file read is the one at `path`, unchanged while it was read.
        guard let read = cache.read(wanted, descriptor: fd, file: before, path: path, folder: folder, checkHorizon: true),
              let after = FileStamp.of(path), before == after, after.size == UInt64(read.size) else { return nil }
        if read.complete != Int(cache.complete) {
            LedgerCache.renewed(read, added: [], file: after).write(for: path, in: place)
        }
        return (read.contracts, read.parsed)
    }
}
