/// HMAC-SHA256 (RFC 2104, FIPS 198-1) over the project's own SHA-256,
/// tested against the RFC 4231 vectors. It keys the ledger's seal.
public enum HMAC {
    /// SHA-256's block size, in bytes: a longer key is hashed first, a
    /// shorter one padded with zeros (RFC 2104, section 2).
    static let blockSize = 64

    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var key = key
        if key.count > blockSize {
            var hash = SHA256()
            hash.update(key)
            key = hash.finalize()
        }
        key += [UInt8](repeating: 0, count: blockSize - key.count)
        var inner = SHA256()
        inner.update(key.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(key.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    public static func sha256Hex(key: [UInt8], message: [UInt8]) -> String {
        hex(sha256(key: key, message: message))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether two MACs are equal, looking at every byte whatever the first
    /// difference, so the time taken tells nothing about where it is.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
