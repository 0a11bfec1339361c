import Testing
@testable import ContractKit

/// HMAC-SHA256 against the test vectors of RFC 4231, section 4 (test cases
/// 1 to 7). Case 5's output is truncated to 128 bits by the RFC: only its
/// first 32 hex digits are given there.
@Suite("HMAC-SHA256 against the RFC 4231 test vectors")
struct HMACTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var key: [UInt8]
        var data: [UInt8]
        var mac: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "RFC 4231 4.2, test case 1: 20-byte key 0x0b, \"Hi There\"",
             key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
             mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Case(name: "RFC 4231 4.3, test case 2: a key shorter than the length of HMAC output",
             key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
             mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Case(name: "RFC 4231 4.4, test case 3: 50 bytes 0xdd under a 20-byte key 0xaa",
             key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
             mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Case(name: "RFC 4231 4.5, test case 4: 50 bytes 0xcd under the key 0x01...0x19",
             key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
             mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Case(name: "RFC 4231 4.7, test case 6: a 131-byte key (longer than a block) is hashed first",
             key: [UInt8](repeating: 0xaa, count: 131), data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
             mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Case(name: "RFC 4231 4.8, test case 7: a key and data both longer than a block",
             key: [UInt8](repeating: 0xaa, count: 131),
             data: Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
             mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test(arguments: cases)
    func vector(_ test: Case) {
        #expect(HMAC.sha256Hex(key: test.key, message: test.data) == test.mac)
    }

    @Test("RFC 4231 4.6, test case 5: output truncated to 128 bits")
    func truncated() {
        let mac = HMAC.sha256Hex(key: [UInt8](repeating: 0x0c, count: 20), message: Array("Test With Truncation".utf8))
        #expect(mac.hasPrefix("a3b6167473100ee06e0c796c2955552b"))
    }

    @Test("a 64-byte key (exactly one block) is used as it is, not hashed")
    func blockSizedKey() {
        // RFC 2104 section 2: only keys longer than B = 64 bytes are hashed. A
        // 64-byte key and its SHA-256 give different MACs; a 65-byte key and
        // its SHA-256 give the same one.
        let block = [UInt8](repeating: 0x61, count: 64)
        var hash = SHA256()
        hash.update(block)
        #expect(HMAC.sha256(key: block, message: [1]) != HMAC.sha256(key: hash.finalize(), message: [1]))
        let longer = block + [0x61]
        var hashLonger = SHA256()
        hashLonger.update(longer)
        #expect(HMAC.sha256(key: longer, message: [1]) == HMAC.sha256(key: hashLonger.finalize(), message: [1]))
    }

    @Test("MACs compare equal only when every digit is")
    func comparison() {
        #expect(HMAC.same("ab", "ab"))
        #expect(!HMAC.same("ab", "aa"))
        #expect(!HMAC.same("ab", "abc"))
    }
}
