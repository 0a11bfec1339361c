/// A small deterministic generator (xorshift64): the same seed gives the
/// same run, so a finding can be replayed.
struct Random {
    var state: UInt64

    init(seed: UInt64) { state = seed == 0 ? 0x2026_1121 : seed }

    /// Seeded from bytes (libFuzzer's input), so that coverage guidance
    /// steers the choices.
    init(bytes: [UInt8]) {
        var seed: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { seed = (seed ^ UInt64(byte)) &* 0x100_0000_01B3 }
        self.init(seed: seed)
    }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    /// 0..<bound; 0 when bound is 0.
    mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
