import Foundation
import Testing
@testable import ContractKit

/// XXH64, which the ledger cache keeps of the prefix it vouches for.
@Suite("XXH64")
struct XXH64Tests {
    struct Case: CustomTestStringConvertible, Sendable {
        var input: String
        var seed: UInt64 = 0
        var digest: UInt64
        var testDescription: String { "\"\(input.prefix(20))\" seed \(seed)" }
    }

    /// The published vectors: the xxHash reference's sanity values for the
    /// empty input and "a"/"abc" (ClickHouse's 00803_xxhash test, the
    /// python-xxhash README's "Nobody inspects the spammish repetition",
    /// which at 39 bytes goes through the 32-byte stripes).
    @Test(arguments: [
        Case(input: "", digest: 0xEF46_DB37_51D8_E999),
        Case(input: "a", digest: 0xD24E_C4F1_A98C_6E5B),
        Case(input: "abc", digest: 0x44BC_2CF5_AD77_0999),
        Case(input: "ABC", digest: 0xE66A_E735_4FCF_EE98),
        Case(input: "xxhash", digest: 0x32DD_3895_2C4B_C720),
        Case(input: "abcdefghijklmnopqrstuvwxyz12345", digest: 0x4676_0590_1B01_D6F6),
        Case(input: "Nobody inspects the spammish repetition", digest: 0xFBCE_A83C_8A37_8BF1),
        Case(input: "", seed: 668_718_853, digest: 0x04E8_3058_2A31_A119),
    ])
    func vectors(_ vector: Case) {
        #expect(XXH64.hash(Array(vector.input.utf8), seed: vector.seed) == vector.digest)
    }

    @Test("fed in pieces, at every split, the hash is the one of the whole")
    func pieces() {
        let text = Array("Nobody inspects the spammish repetition".utf8)
        for split in 0...text.count {
            var hasher = XXH64()
            hasher.update(text[..<split])
            hasher.update(text[split...])
            #expect(hasher.digest() == 0xFBCE_A83C_8A37_8BF1, "split at \(split)")
        }
        var bytewise = XXH64()
        for byte in text { bytewise.update([byte]) }
        #expect(bytewise.digest() == 0xFBCE_A83C_8A37_8BF1)
    }
}

/// The ledger cache (README: "The cache") changes no output: every command
/// prints, exits and writes the same with no cache, with a warm one, and
/// after the ledger or a contract file changed behind its back.
@Suite("Ledger cache")
struct LedgerCacheTests {
    /// What is done to the ledger (or a contract) after a command warmed the cache.
    enum Change: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case none, editedSameSize, truncated, tornTail, replaced, appendedGood, appendedBad, assertionElsewhere, contractChanged
        var testDescription: String { rawValue }
    }

    /// A hand-written payment of liyang-2024's first instalment (Reading 9:
    /// 2,940.00 is outstanding on it in the example, so 1.00 is taken).
    static let handLine = #"{"contract":"liyang-2024","type":"payment","day":"2026-07-23","amount":"1.00","instalment":"1"}"#

    struct Scene {
        var folder: String
        var fixtures: String
        var ledger: String
        var original: Data
        var cache: String
    }

    static func scene() throws -> Scene {
        let folder = NSTemporaryDirectory() + "cache-\(UUID().uuidString)"
        let fixtures = folder + "/contracts"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixturesFolder, toPath: fixtures)
        let ledger = folder + "/ledger.jsonl"
        let original = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Fixtures/ledger/example.jsonl"))
        try original.write(to: URL(fileURLWithPath: ledger))
        return Scene(folder: folder, fixtures: fixtures, ledger: ledger, original: original, cache: folder + "/xdg")
    }

    /// Applies `change` to the scene's files.
    static func apply(_ change: Change, to scene: Scene) throws {
        let url = URL(fileURLWithPath: scene.ledger)
        var bytes = [UInt8](try Data(contentsOf: url))
        switch change {
        case .none:
            return
        case .editedSameSize, .replaced:
            // One digit of an amount in the middle of the file, the size kept.
            let text = String(decoding: bytes, as: UTF8.self)
            let middle = text.utf8.index(text.utf8.startIndex, offsetBy: bytes.count / 2)
            let found = try #require(text.range(of: "\"amount\":\"", range: middle..<text.endIndex))
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: found.upperBound)
            bytes[offset] = bytes[offset] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
            if change == .replaced {
                // Another file (another inode) renamed over the ledger.
                let other = scene.ledger + ".new"
                try Data(bytes).write(to: URL(fileURLWithPath: other))
                #expect(rename(other, scene.ledger) == 0)
                return
            }
        case .truncated:
            // The last line cut off whole: a shorter, valid ledger.
            bytes.removeLast()
            bytes = Array(bytes[...(bytes.lastIndex(of: UInt8(ascii: "\n")) ?? 0)])
        case .tornTail:
            bytes.removeLast(10)
        case .appendedGood:
            bytes += Array((handLine + "\n").utf8)
        case .appendedBad:
            // An instalment given as a number: the loader refuses the line.
            bytes += Array((handLine.replacingOccurrences(of: "\"instalment\":\"1\"", with: "\"instalment\":1") + "\n").utf8)
        case .assertionElsewhere:
            // weinan-2026 had 139,000.00 paid by 2026-06-15 (§三.1, its first
            // half): an assertion that nothing was paid by 2026-07-01 fails,
            // and every report, on any contract, says so.
            bytes += Array((#"{"contract":"weinan-2026","type":"assert","day":"2026-07-01","figure":"paid","amount":"0.00"}"# + "\n").utf8)
        case .contractChanged:
            // liyang-2024 renamed: the ledger's lines for it name no contract.
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: scene.fixtures).first { name in
                (try? String(contentsOfFile: scene.fixtures + "/" + name, encoding: .utf8))?.contains("\"liyang-2024\"") == true
            })
            let path = scene.fixtures + "/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "\"liyang-2024\"", with: "\"liyang-2024-b\"").write(toFile: path, atomically: false, encoding: .utf8)
            return
        }
        // In place: the same file (inode), as an editor saving over it does.
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    static let reads: [[String]] = [
        ["payments"], ["payments", "--contract", "liyang-2024"], ["due", "--year", "2026", "--contract", "liyang-2024"],
        ["penalties", "--contract", "liyang-2024"], ["scores", "--contract", "minhang-2026"], ["guarantees", "--contract", "liyang-2024"],
        ["deadlines", "--contract", "liyang-2024"], ["check", "--contract", "liyang-2024"], ["events", "--contract", "liyang-2024"],
    ]

    func run(_ arguments: [String], _ scene: Scene, cache: Bool) throws -> Run {
        try Run(arguments + ["--fixtures", scene.fixtures, "--ledger", scene.ledger] + (arguments[0] == "record" ? [] : ["--as-of", "2026-12-01"]),
                environment: ["XDG_CACHE_HOME": scene.cache, "CONTRACTCTL_CACHE": cache ? "on" : "off"])
    }

    @Test("every read command says the same with and without the cache", arguments: Change.allCases)
    func reads(_ change: Change) throws {
        let scene = try Self.scene()
        defer { try? FileManager.default.removeItem(atPath: scene.folder) }
        // A full read writes the cache; a --contract read then uses it.
        _ = try run(["payments"], scene, cache: true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scene.cache + "/contractctl").contains { $0.hasSuffix(".cache") })
        try Self.apply(change, to: scene)
        for arguments in Self.reads {
            let cached = try run(arguments, scene, cache: true)
            let again = try run(arguments, scene, cache: true)
            let plain = try run(arguments, scene, cache: false)
            for other in [cached, again] {
                #expect(other.stdout == plain.stdout, "\(arguments)")
                #expect(other.stderr == plain.stderr, "\(arguments)")
                #expect(other.code == plain.code, "\(arguments)")
            }
        }
    }

    static let records: [[String]] = [
        // Accepted: 1.00 of the 2,940.00 outstanding (Reading 9).
        ["record", "payment", "--contract", "liyang-2024", "--day", "2026-07-21", "--amount", "1.00", "--instalment", "1"],
        // Refused: more than is outstanding is an overpayment (Reading 9).
        ["record", "payment", "--contract", "liyang-2024", "--day", "2026-07-21", "--amount", "500000.00", "--instalment", "1"],
    ]

    @Test("record writes the same line, or refuses the same way, with and without the cache", arguments: Change.allCases)
    func records(_ change: Change) throws {
        for arguments in Self.records {
            let scene = try Self.scene()
            defer { try? FileManager.default.removeItem(atPath: scene.folder) }
            _ = try run(["payments"], scene, cache: true)
            try Self.apply(change, to: scene)
            let changed = try Data(contentsOf: URL(fileURLWithPath: scene.ledger))
            let plain = try run(arguments, scene, cache: false)
            let plainLedger = try Data(contentsOf: URL(fileURLWithPath: scene.ledger))
            try changed.write(to: URL(fileURLWithPath: scene.ledger))
            let cached = try run(arguments, scene, cache: true)
            #expect(cached.stdout == plain.stdout, "\(arguments)")
            #expect(cached.stderr == plain.stderr, "\(arguments)")
            #expect(cached.code == plain.code, "\(arguments)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: scene.ledger)) == plainLedger, "\(arguments)")
            // And the next one, on the cache the last one renewed.
            let next = ["record", "payment", "--contract", "liyang-2024", "--day", "2026-07-22", "--amount", "1.00", "--instalment", "1"]
            let nextCached = try run(next, scene, cache: true)
            try plainLedger.write(to: URL(fileURLWithPath: scene.ledger))
            let nextPlain = try run(next, scene, cache: false)
            #expect(nextCached.stdout == nextPlain.stdout)
            #expect(nextCached.stderr == nextPlain.stderr)
            #expect(nextCached.code == nextPlain.code)
        }
    }

    @Test("record goes through a warm cache, and not through one the ledger no longer matches")
    func used() throws {
        let scene = try Self.scene()
        defer { try? FileManager.default.removeItem(atPath: scene.folder) }
        let contracts = try ContractLoader.load(folder: scene.fixtures)
        let liyang = try #require(contracts.find("liyang-2024"))
        let place = LedgerCache.Place(directory: scene.cache, binary: try #require(FileStamp.of(Run.binary)))
        let event = #"{"contract":"liyang-2024","type":"payment","day":"2026-07-21","amount":"1.00","instalment":"1"}"#
        // No cache yet: the caller must do the whole work.
        #expect(try LedgerWriter.appendCached(event, to: scene.ledger, folder: scene.fixtures, place: place) == nil)
        _ = try LedgerLoader.load(path: scene.ledger, contracts: contracts, cache: place)
        let lines = String(decoding: scene.original, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let recorded = try #require(try LedgerWriter.appendCached(event, to: scene.ledger, folder: scene.fixtures, place: place))
        #expect(recorded.line == lines + 1)
        // The renewed cache covers that line: the next goes through it too,
        // and reads only liyang-2024's lines, not the others'.
        let cache = try #require(LedgerCache.read(for: scene.ledger, in: place))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: scene.ledger)))
        #expect(cache.length == UInt64(bytes.count))
        let stamp = try #require(FileStamp.of(scene.ledger))
        let fd = open(scene.ledger, O_RDONLY)
        defer { close(fd) }
        let read = try #require(cache.read(["liyang-2024"], descriptor: fd, file: stamp, path: scene.ledger, folder: scene.fixtures, checkHorizon: false))
        #expect(read.size == bytes.count)
        // Its lines are the ledger's own, byte for byte, at the places the cache says.
        for line in read.lines.lines {
            let position = try #require(cache.positions.first { Int($0.number) == line.number })
            #expect(Array(line.bytes) == Array(bytes[Int(position.offset)..<Int(position.offset) + Int(position.length)]))
        }
        #expect(read.contracts.contracts.map(\.alias) == ["liyang-2024"])
        #expect(read.lines.lines.count < lines / 2)
        #expect(read.lines.lines.count == read.parsed.events.count + read.parsed.voids.count + read.parsed.voided.count)
        #expect(try LedgerWriter.appendCached(event.replacingOccurrences(of: "07-21", with: "07-22"), to: scene.ledger, folder: scene.fixtures, place: place)?.line == lines + 2)
        // A report on one contract reads that contract (and those with
        // assertions, which every report checks) through the cache.
        let one = try #require(LedgerLoader.loadCached(path: scene.ledger, keys: ["liyang-2024"], folder: scene.fixtures, place: place))
        #expect(one.contracts.contracts.contains { $0.alias == "liyang-2024" })
        #expect(one.contracts.contracts.count < contracts.contracts.count)
        let full = try LedgerLoader.load(path: scene.ledger, contracts: contracts)
        #expect(one.ledger.byContract[liyang.id]?.map(\.line) == full.byContract[liyang.id]?.map(\.line))
        // Edited in the middle, the same size: the hash no longer matches.
        try Self.apply(.editedSameSize, to: scene)
        #expect(try LedgerWriter.appendCached(event, to: scene.ledger, folder: scene.fixtures, place: place) == nil)
        #expect(LedgerLoader.loadCached(path: scene.ledger, keys: ["liyang-2024"], folder: scene.fixtures, place: place) == nil)
    }

    /// The cache reads the prefix it vouches for in blocks and keeps only the
    /// lines asked for: whatever the block size (one byte, a prime, larger
    /// than the file), a line cut by a block's end comes out whole, each
    /// byte as in the file, and the hash is the one of the whole prefix.
    @Test("the prefix read in blocks of any size gives the lines whole and the prefix's hash")
    func blocks() throws {
        let scene = try Self.scene()
        let contracts = try ContractLoader.load(folder: scene.fixtures)
        let place = LedgerCache.Place(directory: scene.cache, binary: try #require(FileStamp.of(Run.binary)))
        _ = try LedgerLoader.load(path: scene.ledger, contracts: contracts, cache: place)
        let cache = try #require(LedgerCache.read(for: scene.ledger, in: place))
        let bytes = [UInt8](scene.original)
        #expect(cache.length == UInt64(bytes.count))
        // Two lines of every three: lines next to each other and lines apart.
        let wanted = Array(cache.positions).enumerated().filter { $0.offset % 3 != 1 }.map(\.element)
        #expect(wanted.count > 10)
        let fd = open(scene.ledger, O_RDONLY)
        defer { close(fd) }
        for blockSize in [1, 7, 64, 4099, bytes.count, bytes.count + 1] {
            var picked: [UInt8] = [], starts: [Int] = []
            let hasher = try #require(cache.streamPrefix(fd, wanted: wanted, picked: &picked, starts: &starts, blockSize: blockSize), "block \(blockSize)")
            #expect(hasher.digest() == XXH64.hash(bytes), "block \(blockSize)")
            #expect(starts.count == wanted.count, "block \(blockSize)")
            for (position, start) in zip(wanted, starts) {
                let offset = Int(position.offset), length = Int(position.length)
                #expect(Array(picked[start..<(start + length)]) == Array(bytes[offset..<(offset + length)]), "block \(blockSize), line \(position.number)")
            }
        }
        // A cache that vouches for another prefix (its hash is not this file's) gives nothing.
        var other = cache
        other.hash &+= 1
        var picked: [UInt8] = [], starts: [Int] = []
        #expect(other.streamPrefix(fd, wanted: wanted, picked: &picked, starts: &starts, blockSize: 64) == nil)
        // Nor does one that claims more than the file has.
        var longer = cache
        longer.length += 1
        picked = []; starts = []
        #expect(longer.streamPrefix(fd, wanted: wanted, picked: &picked, starts: &starts) == nil)
    }
}
