/// SHA-256 (FIPS 180-4), written here because the project takes no package
/// dependencies. Tested against the standard's example vectors.
///
/// Written for speed on a whole ledger (every line is hashed by `verify`):
/// the state is eight `UInt32`s and the partial block a 64-byte value held
/// inline, so hashing allocates nothing; whole blocks are read straight from
/// the caller's bytes, and the 64 rounds run over a stack schedule.
public struct SHA256: Sendable {
    /// A SHA-256 value: 32 bytes, compared and hashed as four words.
    public struct Digest: Sendable, Hashable {
        var words: (UInt64, UInt64, UInt64, UInt64)

        static let zero = Digest(words: (0, 0, 0, 0))

        init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

        public static func == (a: Digest, b: Digest) -> Bool {
            a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(words.2)
            hasher.combine(words.3)
        }

        /// The 32 bytes, most significant first.
        public var bytes: [UInt8] {
            [words.0, words.1, words.2, words.3].flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (56 - 8 * $0)) } }
        }

        /// 64 lowercase hex digits.
        public var hex: String {
            String(unsafeUninitializedCapacity: 64) { text in
                let digits: StaticString = "0123456789abcdef"
                digits.withUTF8Buffer { digits in
                    for (part, word) in [words.0, words.1, words.2, words.3].enumerated() {
                        for nibble in 0..<16 {
                            text[part * 16 + nibble] = digits[Int(truncatingIfNeeded: word >> (60 - 4 * nibble) & 0xf)]
                        }
                    }
                }
                return 64
            }
        }

        /// The digest written as exactly 64 lowercase hex digits (as the
        /// ledger writes them); nil for anything else.
        public init?(hex text: some StringProtocol) {
            var text = String(text)
            guard let words = text.withUTF8({ Digest.words(hex: UnsafeRawBufferPointer($0)) }) else { return nil }
            self.words = words
        }

        /// 64 lowercase hex digits at `bytes`.
        init?(hex bytes: UnsafeRawBufferPointer) {
            guard let words = Digest.words(hex: bytes) else { return nil }
            self.words = words
        }

        private static func words(hex bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64)? {
            guard bytes.count == 64 else { return nil }
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var bad: UInt8 = 0
            func word(_ part: Int) -> UInt64 {
                var value: UInt64 = 0
                for index in (part * 16)..<(part * 16 + 16) {
                    let byte = bytes[index]
                    let digit = byte &- UInt8(ascii: "0"), letter = byte &- UInt8(ascii: "a")
                    let nibble: UInt8
                    if digit < 10 {
                        nibble = digit
                    } else if letter < 6 {
                        nibble = letter &+ 10
                    } else {
                        bad = 1
                        nibble = 0
                    }
                    value = value << 4 | UInt64(nibble)
                }
                return value
            }
            words = (word(0), word(1), word(2), word(3))
            return bad == 0 ? words : nil
        }
    }

    private var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
    private var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19
    /// The bytes of a block not yet complete: `buffered` of them.
    private var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var buffered = 0
    private var length: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    public init() {}

    /// The hex digest of `bytes`.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeDigest().hex
    }

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    public mutating func update(byte: UInt8) {
        withUnsafeBytes(of: byte) { update($0) }
    }

    /// Hashes `bytes` on from where the last update ended.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var index = 0
        var state = (h0, h1, h2, h3, h4, h5, h6, h7)
        defer { (h0, h1, h2, h3, h4, h5, h6, h7) = state }
        if buffered > 0 {
            let taken = min(64 - buffered, bytes.count)
            let start = buffered
            withUnsafeMutableBytes(of: &block) { block in
                block.baseAddress?.advanced(by: start).copyMemory(from: base, byteCount: taken)
            }
            buffered += taken
            index = taken
            guard buffered == 64 else { return }
            withUnsafeBytes(of: block) { SHA256.compress(&state, $0.baseAddress ?? base, blocks: 1) }
            buffered = 0
        }
        let whole = (bytes.count - index) / 64
        if whole > 0 {
            SHA256.compress(&state, base + index, blocks: whole)
            index += whole * 64
        }
        let rest = bytes.count - index
        if rest > 0 {
            withUnsafeMutableBytes(of: &block) { block in
                block.baseAddress?.copyMemory(from: base + index, byteCount: rest)
            }
            buffered = rest
        }
    }

    public mutating func finalize() -> [UInt8] {
        finalizeDigest().bytes
    }

    /// Pads the message (FIPS 180-4, 5.1.1) and returns its digest.
    public mutating func finalizeDigest() -> Digest {
        let bits = length &* 8
        // 0x80, zeros up to 56 bytes into a block, the length in bits.
        let padding = buffered < 56 ? 56 - buffered : 120 - buffered
        var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0x80, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &tail) { tail in
            tail.storeBytes(of: bits.bigEndian, toByteOffset: padding, as: UInt64.self)
            let saved = length
            update(UnsafeRawBufferPointer(rebasing: tail[..<(padding + 8)]))
            length = saved
        }
        func join(_ high: UInt32, _ low: UInt32) -> UInt64 { UInt64(high) << 32 | UInt64(low) }
        return Digest(words: (join(h0, h1), join(h2, h3), join(h4, h5), join(h6, h7)))
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x &>> n | x &<< (32 &- n) }

    /// One round: with the eight working variables passed rotated, only `d`
    /// and `h` change, so no shuffling of registers is needed.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
        d &+= t1
        h = t1 &+ t2
    }

    /// `blocks` 64-byte blocks from `data`, into `state`.
    private static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                                 _ data: UnsafeRawPointer, blocks: Int) {
        k.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                guard let k = k.baseAddress, let w = w.baseAddress else { return }
                var data = data
                for _ in 0..<blocks {
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: data.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
                    }
                    for t in 16..<64 {
                        let x = w[t &- 15], y = w[t &- 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y &>> 10)
                        w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, h) = state
                    var t = 0
                    while t < 64 {
                        round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
                        round(h, a, b, &c, d, e, f, &g, k[t &+ 1] &+ w[t &+ 1])
                        round(g, h, a, &b, c, d, e, &f, k[t &+ 2] &+ w[t &+ 2])
                        round(f, g, h, &a, b, c, d, &e, k[t &+ 3] &+ w[t &+ 3])
                        round(e, f, g, &h, a, b, c, &d, k[t &+ 4] &+ w[t &+ 4])
                        round(d, e, f, &g, h, a, b, &c, k[t &+ 5] &+ w[t &+ 5])
                        round(c, d, e, &f, g, h, a, &b, k[t &+ 6] &+ w[t &+ 6])
                        round(b, c, d, &e, f, g, h, &a, k[t &+ 7] &+ w[t &+ 7])
                        t &+= 8
                    }
                    state.0 &+= a; state.1 &+= b; state.2 &+= c; state.3 &+= d
                    state.4 &+= e; state.5 &+= f; state.6 &+= g; state.7 &+= h
                    data += 64
                }
            }
        }
    }
}
