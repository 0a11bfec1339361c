import Foundation

/// What was validated of a ledger, kept between runs so that `record` and
/// the reports on one contract read only that contract's lines and the
/// lines appended since (README: "The cache"). One file per ledger, in
/// `Place.directory`, named by a hash of the ledger's absolute path.
///
/// It vouches for the first `length` bytes of the ledger: they hash to
/// `hash` (XXH64) and were found valid, with the contract files and the
/// program that `binary` and `contracts` describe. A ledger is checked per
/// contract (each event against its contract's earlier events; a void names
/// a line of its own contract), so a valid prefix stays valid and a line
/// after it needs only its own contract's history checked again. Anything
/// different or unsure and the cache is not used: the command does the
/// whole work, as without it, and writes a fresh one. It is only an
/// optimisation; `verify` never reads it.
public struct LedgerCache: Sendable {
    /// Where caches are kept and which program keeps them: a different
    /// build reads none of another's.
    public struct Place: Sendable {
        public var directory: String
        public var binary: FileStamp

        public init(directory: String, binary: FileStamp) {
            self.directory = directory
            self.binary = binary
        }
    }

    /// One ledger line: where it is and whose it is.
    struct Position: Sendable, Equatable {
        var offset: UInt64
        var length: UInt32
        var number: UInt32
        /// Index into `ids`.
        var contract: UInt32
        /// An `assert` line.
        var assertion: Bool
    }

    static let magic = Array("contractctl-ledger-cache\n".utf8)
    static let version: UInt32 = 1

    var binary: FileStamp
    var contracts: FolderStamp
    /// Each contract's id, alias and file name, in the folder's order.
    var index: [(id: String, alias: String, file: String)]
    /// The ledger file (device, inode) and the prefix vouched for.
    var ledger: FileStamp
    var length: UInt64
    var hash: UInt64
    /// Complete lines in the prefix, blank ones included.
    var complete: UInt64
    var lineEnd: String
    /// The hash the next line chains to.
    var head: String
    /// Whether the prefix also passed the loader's date-horizon check (a
    /// full read does it, a full `record` does not).
    var horizon: Bool
    /// The contract ids that lines name, for `Position.contract`.
    var ids: [String]
    var lines: [Position]
    /// Lines after `lines`, written after them: a renewed cache appends
    /// here rather than copying a million positions to add one.
    var appended: [Position] = []

    /// Every line vouched for, in order.
    var positions: FlattenSequence<[[Position]]> { [lines, appended].joined() }

    /// The cache file of the ledger at `path`.
    static func file(for path: String, in place: Place) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let name = String(XXH64.hash(Array(absolute.utf8)), radix: 16)
        return (place.directory as NSString).appendingPathComponent("ledger-\(name).cache")
    }

    // MARK: reading and writing

    /// The cache of `path`, if there is one this program wrote whole.
    static func read(for path: String, in place: Place) -> LedgerCache? {
        let name = file(for: path, in: place)
        guard let bytes = try? JSONFile.readBytes(URL(fileURLWithPath: name), displayName: name) else { return nil }
        var reader = Reader(bytes: bytes)
        guard reader.take(magic.count).map(Array.init) == magic, reader.u32() == version else { return nil }
        return reader.cache()
    }

    /// Writes the cache for `path` atomically (a temporary file renamed);
    /// a cache that cannot be written is left out: it is only an
    /// optimisation.
    func write(for path: String, in place: Place) {
        var out = Writer()
        out.bytes += LedgerCache.magic
        out.u32(LedgerCache.version)
        out.stamp(binary)
        out.string(contracts.folder)
        out.u64(UInt64(contracts.files.count))
        for (name, stamp) in zip(contracts.files, contracts.stamps) {
            out.string(name)
            out.stamp(stamp)
        }
        out.u64(UInt64(index.count))
        for entry in index {
            out.string(entry.id)
            out.string(entry.alias)
            out.string(entry.file)
        }
        out.stamp(ledger)
        out.u64(length)
        out.u64(hash)
        out.u64(complete)
        out.string(lineEnd)
        out.string(head)
        out.bytes.append(horizon ? 1 : 0)
        out.u64(UInt64(ids.count))
        for id in ids { out.string(id) }
        out.u64(UInt64(lines.count + appended.count))
        let target = LedgerCache.file(for: path, in: place)
        let temporary = target + ".tmp-\(getpid())"
        guard (try? FileManager.default.createDirectory(atPath: place.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil else { return }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return }
        // 21 bytes a line, written from a block of 64k lines at a time: the
        // positions are not copied into one buffer the size of the file.
        var whole = OutputFile.writeAll(out.bytes, to: fd) == nil
        var block = [UInt8](repeating: 0, count: 21 << 16)
        var filled = 0
        for line in positions where whole {
            block.withUnsafeMutableBytes { block in
                block.storeBytes(of: line.offset.littleEndian, toByteOffset: filled, as: UInt64.self)
                block.storeBytes(of: line.length.littleEndian, toByteOffset: filled + 8, as: UInt32.self)
                block.storeBytes(of: line.number.littleEndian, toByteOffset: filled + 12, as: UInt32.self)
                block.storeBytes(of: line.contract.littleEndian, toByteOffset: filled + 16, as: UInt32.self)
                block[filled + 20] = line.assertion ? 1 : 0
            }
            filled += 21
            if filled == block.count {
                whole = OutputFile.writeAll(block, to: fd) == nil
                filled = 0
            }
        }
        if whole, filled > 0 { whole = block[0..<filled].withUnsafeBytes { Descriptor.write($0, to: fd) } == nil }
        guard close(fd) == 0, whole, rename(temporary, target) == 0 else {
            unlink(temporary)
            return
        }
    }

    /// Removes the cache of `path`, when it no longer vouches for it.
    static func remove(for path: String, in place: Place) {
        unlink(file(for: path, in: place))
    }

    // MARK: making one

    /// The cache for a ledger found valid: `lines` as read from its bytes
    /// (each line's bytes a slice of them, so its offset is its start),
    /// `parsed` what the loader made of them, `bytes` the whole file.
    static func made(of lines: LedgerLines, parsed: Ledger, bytes: [UInt8], file: FileStamp, contracts set: ContractSet, binary: FileStamp, horizon: Bool) -> LedgerCache? {
        guard lines.tail == nil, let source = set.source, set.files.count == set.contracts.count else { return nil }
        var owner = [Int32](repeating: -1, count: lines.complete + 1)
        var asserts = Set<Int>()
        var ids: [String] = []
        var idIndex: [String: Int32] = [:]
        func own(_ event: LedgerEvent, id: Int32) -> Bool {
            guard event.line > 0, event.line <= lines.complete else { return false }
            owner[event.line] = id
            if case .assertion = event.kind { asserts.insert(event.line) }
            return true
        }
        // The events a contract's id is looked up for once, in the set's
        // order; then the voids and the events they void, which the
        // grouping leaves out.
        for contract in set.contracts {
            guard let events = parsed.byContract[contract.id], idIndex[contract.id] == nil else { continue }
            let id = Int32(ids.count)
            ids.append(contract.id)
            idIndex[contract.id] = id
            for index in events.indices { guard own(events[index], id: id) else { return nil } }
        }
        for events in [parsed.voids, parsed.voided] {
            for event in events {
                let id: Int32
                if let known = idIndex[event.contractID] {
                    id = known
                } else {
                    id = Int32(ids.count)
                    ids.append(event.contractID)
                    idIndex[event.contractID] = id
                }
                guard own(event, id: id) else { return nil }
            }
        }
        var positions: [Position] = []
        positions.reserveCapacity(lines.lines.count)
        for line in lines.lines {
            let id = owner[line.number]
            guard id >= 0, line.number <= Int(UInt32.max) else { return nil }
            positions.append(Position(offset: UInt64(line.bytes.startIndex), length: UInt32(line.bytes.count), number: UInt32(line.number),
                                      contract: UInt32(id), assertion: asserts.contains(line.number)))
        }
        return LedgerCache(binary: binary, contracts: source, index: zip(set.contracts, set.files).map { ($0.id, $0.alias, $1) },
                           ledger: file, length: UInt64(bytes.count), hash: XXH64.hash(bytes), complete: UInt64(lines.complete),
                           lineEnd: lines.lineEnd, head: lines.head, horizon: horizon, ids: ids, lines: positions)
    }

    /// Writes the cache of a ledger just read in full and found valid.
    static func store(_ lines: LedgerLines, parsed: Ledger, bytes: [UInt8], path: String, contracts: ContractSet, place: Place?, horizon: Bool) {
        guard let place else { return }
        guard let cache = made(of: lines, parsed: parsed, bytes: bytes, path: path, contracts: contracts, place: place, horizon: horizon) else {
            remove(for: path, in: place)
            return
        }
        cache.write(for: path, in: place)
    }

    /// The cache of a ledger just read in full and found valid, to write;
    /// nil when the file is not the one read (its size differs) or the
    /// cache cannot be made.
    static func made(of lines: LedgerLines, parsed: Ledger, bytes: [UInt8], path: String, contracts: ContractSet, place: Place, horizon: Bool) -> LedgerCache? {
        guard let file = FileStamp.of(path), file.size == UInt64(bytes.count) else { return nil }
        return made(of: lines, parsed: parsed, bytes: bytes, file: file, contracts: contracts, binary: place.binary, horizon: horizon)
    }

    // MARK: using one

    /// The cache of `path` when it was written by this program for the
    /// contract files of `folder` as they are now.
    static func current(for path: String, folder: String, place: Place) -> LedgerCache? {
        guard let cache = read(for: path, in: place), cache.binary == place.binary,
              let now = FolderStamp.take(folder: folder), now == cache.contracts else { return nil }
        return cache
    }

    /// The file name of the contract with this id or alias.
    func fileOf(_ key: String) -> (id: String, file: String)? {
        index.first { $0.id == key }.map { ($0.id, $0.file) } ?? index.first { $0.alias == key }.map { ($0.id, $0.file) }
    }

    /// The contracts with these ids, each loaded from its own file, as a
    /// set (nil when one cannot be loaded: the full load then says why).
    func contractSet(ids: Set<String>, folder: String) -> ContractSet? {
        var contracts: [Contract] = []
        var files: [String] = []
        for entry in index where ids.contains(entry.id) {
            let display = (folder as NSString).appendingPathComponent(entry.file)
            guard let contract = try? ContractLoader.loadFile(URL(fileURLWithPath: folder).appendingPathComponent(entry.file), displayName: display),
                  contract.id == entry.id else { return nil }
            contracts.append(contract)
            files.append(entry.file)
        }
        guard contracts.count == ids.count else { return nil }
        var set = ContractSet(contracts: contracts, folder: folder)
        set.files = files
        return set
    }

    /// The ledger open at `fd` read as far as this cache needs it: the
    /// prefix it vouches for is hashed in blocks of 4 MiB, never held
    /// whole, and only the bytes of `wanted` (positions in the prefix, in
    /// order) are kept, one after the other in `picked`, each starting at
    /// its entry of `starts`; nil when the prefix is not the one vouched
    /// for (its hash differs, or the file is shorter). The hash state goes
    /// on over what follows (each byte hashed once).
    func streamPrefix(_ fd: Int32, wanted: [Position], picked: inout [UInt8], starts: inout [Int], blockSize: Int = 1 << 22) -> XXH64? {
        guard length <= UInt64(Int.max), blockSize > 0 else { return nil }
        let length = Int(length)
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { block.deallocate() }
        var hasher = XXH64()
        var offset = 0, next = 0, previousEnd = 0
        while offset < length {
            let size = min(blockSize, length - offset)
            guard Descriptor.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: block[0..<size]), at: offset) == size else { return nil }
            let chunk = UnsafeRawBufferPointer(rebasing: block[0..<size])
            hasher.update(chunk)
            let end = offset + size
            while next < wanted.count {
                let start = Int(wanted[next].offset), stop = start + Int(wanted[next].length)
                guard start >= previousEnd, stop <= length else { return nil }
                if start >= end { break }
                if starts.count == next { starts.append(picked.count) }
                let from = max(start, offset), to = min(stop, end)
                picked.append(contentsOf: chunk[(from - offset)..<(to - offset)])
                guard stop <= end else { break }
                previousEnd = stop
                next += 1
            }
            offset = end
        }
        guard next == wanted.count, hasher.digest() == hash else { return nil }
        return hasher
    }
}

extension XXH64 {
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = XXH64()
        hasher.update(bytes)
        return hasher.digest()
    }
}

/// Little-endian fields, strings as a length and UTF-8.
private struct Writer {
    var bytes: [UInt8] = []

    mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func string(_ text: String) {
        u32(UInt32(text.utf8.count))
        bytes += text.utf8
    }
    mutating func stamp(_ stamp: FileStamp) {
        u64(stamp.device)
        u64(stamp.inode)
        u64(stamp.size)
        u64(UInt64(bitPattern: stamp.modified))
    }
}

/// Reads what `Writer` wrote; nil for anything short or out of bounds.
private struct Reader {
    let bytes: [UInt8]
    var at = 0

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, bytes.count - at >= count else { return nil }
        defer { at += count }
        return bytes[at..<at + count]
    }
    mutating func u32() -> UInt32? {
        guard bytes.count - at >= 4 else { return nil }
        defer { at += 4 }
        return bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
    }
    mutating func u64() -> UInt64? {
        guard bytes.count - at >= 8 else { return nil }
        defer { at += 8 }
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
    }
    mutating func count() -> Int? {
        guard let value = u64(), value <= UInt64(bytes.count - at) else { return nil }
        return Int(value)
    }
    mutating func string() -> String? {
        guard let count = u32(), let piece = take(Int(count)) else { return nil }
        return String(validating: piece, as: UTF8.self)
    }
    mutating func stamp() -> FileStamp? {
        guard let device = u64(), let inode = u64(), let size = u64(), let modified = u64() else { return nil }
        return FileStamp(device: device, inode: inode, size: size, modified: Int64(bitPattern: modified))
    }

    mutating func cache() -> LedgerCache? {
        guard let binary = stamp(), let folder = string(), let fileCount = count() else { return nil }
        var files: [String] = [], stamps: [FileStamp] = []
        for _ in 0..<fileCount {
            guard let name = string(), let stamp = stamp() else { return nil }
            files.append(name)
            stamps.append(stamp)
        }
        guard let indexCount = count() else { return nil }
        var index: [(id: String, alias: String, file: String)] = []
        for _ in 0..<indexCount {
            guard let id = string(), let alias = string(), let file = string() else { return nil }
            index.append((id, alias, file))
        }
        guard let ledger = stamp(), let length = u64(), let hash = u64(), let complete = u64(),
              let lineEnd = string(), let head = string(), let horizon = take(1), let idCount = count() else { return nil }
        var ids: [String] = []
        for _ in 0..<idCount {
            guard let id = string() else { return nil }
            ids.append(id)
        }
        guard let lineCount = count(), bytes.count - at == lineCount * 21 else { return nil }
        var lines: [LedgerCache.Position] = []
        lines.reserveCapacity(lineCount)
        let known = UInt32(ids.count)
        let whole: Bool = bytes.withUnsafeBytes { block in
            var at = self.at
            for _ in 0..<lineCount {
                let contract = UInt32(littleEndian: block.loadUnaligned(fromByteOffset: at + 16, as: UInt32.self))
                guard contract < known else { return false }
                lines.append(LedgerCache.Position(offset: UInt64(littleEndian: block.loadUnaligned(fromByteOffset: at, as: UInt64.self)),
                                                  length: UInt32(littleEndian: block.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self)),
                                                  number: UInt32(littleEndian: block.loadUnaligned(fromByteOffset: at + 12, as: UInt32.self)),
                                                  contract: contract, assertion: block[at + 20] == 1))
                at += 21
            }
            return true
        }
        guard whole else { return nil }
        return LedgerCache(binary: binary, contracts: FolderStamp(folder: folder, files: files, stamps: stamps), index: index,
                           ledger: ledger, length: length, hash: hash, complete: complete, lineEnd: lineEnd, head: head,
                           horizon: horizon.first == 1, ids: ids, lines: lines)
    }
}
