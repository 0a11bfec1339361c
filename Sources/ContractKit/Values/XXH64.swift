/// XXH64 (Yann Collet's xxHash, 64-bit), fed in pieces: what the ledger
/// cache keeps of the prefix it vouches for. Not a seal: it detects a
/// changed file, it does not resist a forger (`verify` never trusts it).
/// The algorithm is the published one (github.com/Cyan4973/xxHash,
/// doc/xxhash_spec.md); the tests check it against the published vectors.
public struct XXH64: Sendable {
    static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var lanes: (UInt64, UInt64, UInt64, UInt64)
    private let seed: UInt64
    /// Bytes not yet making a 32-byte stripe (fewer than 32).
    private var pending: [UInt8] = []
    private var total: UInt64 = 0

    public init(seed: UInt64 = 0) {
        self.seed = seed
        lanes = (seed &+ XXH64.prime1 &+ XXH64.prime2, seed &+ XXH64.prime2, seed, seed &- XXH64.prime1)
        pending.reserveCapacity(32)
    }

    /// The hash of `bytes` in one call.
    public static func hash<Bytes: Collection>(_ bytes: Bytes, seed: UInt64 = 0) -> UInt64 where Bytes.Element == UInt8 {
        var hasher = XXH64(seed: seed)
        hasher.update(bytes)
        return hasher.digest()
    }

    public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) { return done }
        let copy = Array(bytes)
        copy.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        total &+= UInt64(bytes.count)
        var index = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, bytes.count)
            pending += bytes[0..<take]
            index = take
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { stripe($0, at: 0) }
            pending.removeAll(keepingCapacity: true)
        }
        while bytes.count - index >= 32 {
            stripe(bytes, at: index)
            index += 32
        }
        pending += bytes[index...]
    }

    private mutating func stripe(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        lanes.0 = XXH64.round(lanes.0, XXH64.read64(bytes, offset))
        lanes.1 = XXH64.round(lanes.1, XXH64.read64(bytes, offset + 8))
        lanes.2 = XXH64.round(lanes.2, XXH64.read64(bytes, offset + 16))
        lanes.3 = XXH64.round(lanes.3, XXH64.read64(bytes, offset + 24))
    }

    /// The hash of everything given so far; more may still be given.
    public func digest() -> UInt64 {
        var hash: UInt64
        if total >= 32 {
            hash = rotate(lanes.0, 1) &+ rotate(lanes.1, 7) &+ rotate(lanes.2, 12) &+ rotate(lanes.3, 18)
            for lane in [lanes.0, lanes.1, lanes.2, lanes.3] {
                hash = (hash ^ XXH64.round(0, lane)) &* XXH64.prime1 &+ XXH64.prime4
            }
        } else {
            hash = seed &+ XXH64.prime5
        }
        hash &+= total
        pending.withUnsafeBytes { rest in
            var index = 0
            while rest.count - index >= 8 {
                hash ^= XXH64.round(0, XXH64.read64(rest, index))
                hash = rotate(hash, 27) &* XXH64.prime1 &+ XXH64.prime4
                index += 8
            }
            if rest.count - index >= 4 {
                var word: UInt64 = 0
                for byte in 0..<4 { word |= UInt64(rest[index + byte]) << (8 * UInt64(byte)) }
                hash ^= word &* XXH64.prime1
                hash = rotate(hash, 23) &* XXH64.prime2 &+ XXH64.prime3
                index += 4
            }
            while index < rest.count {
                hash ^= UInt64(rest[index]) &* XXH64.prime5
                hash = rotate(hash, 11) &* XXH64.prime1
                index += 1
            }
        }
        hash ^= hash >> 33
        hash &*= XXH64.prime2
        hash ^= hash >> 29
        hash &*= XXH64.prime3
        hash ^= hash >> 32
        return hash
    }

    static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    static func read64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}

@inline(__always)
private func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value << count) | (value >> (64 - count))
}
