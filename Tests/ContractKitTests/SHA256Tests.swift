import Testing
@testable import ContractKit

@Suite("SHA-256 against the FIPS 180-4 example vectors")
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(_ message: String, _ digest: String) {
        #expect(SHA256.hex(message.utf8) == digest)
    }

    @Test("one million 'a' (FIPS 180-4 long message)")
    func million() {
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("block boundaries: 55, 56, 63, 64 and 65 bytes")
    func boundaries() {
        // Digests of "a" repeated n times, from the standard algorithm (shasum -a 256).
        let expected = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            65: "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
        ]
        for (count, digest) in expected {
            #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: count)) == digest, "\(count)")
        }
    }
}

@Suite("SHA-256 fed in pieces, and its 32-byte digests")
struct SHA256PiecesTests {
    /// FIPS 180-4's two-block example (896 bits): the padding spills into a
    /// third block.
    static let twoBlock = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
    static let twoBlockDigest = "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"

    @Test("the 896-bit vector split at every offset, the block boundaries 55, 56 and 64 among them, hashes the same")
    func everySplit() {
        let bytes = Array(Self.twoBlock.utf8)
        var wrong: [Int] = []
        for split in 0...bytes.count {
            var hasher = SHA256()
            hasher.update(bytes[..<split])
            hasher.update(bytes[split...])
            if hasher.finalizeDigest().hex != Self.twoBlockDigest { wrong.append(split) }
        }
        #expect(wrong.isEmpty, "splits hashing wrong: \(wrong)")
    }

    @Test("the vector fed one byte at a time hashes the same")
    func byteByByte() {
        var hasher = SHA256()
        for byte in Self.twoBlock.utf8 { hasher.update(byte: byte) }
        #expect(hasher.finalize() == SHA256.Digest(hex: Self.twoBlockDigest)?.bytes)
    }

    @Test("one million 'a' in pieces of 1,000 (FIPS 180-4 long message)")
    func millionInPieces() {
        var hasher = SHA256()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(piece) }
        #expect(hasher.finalizeDigest().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a digest reads back from its hex; only 64 lowercase hex digits are a digest", arguments: [
        ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true),
        ("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", false),  // the ledger writes lowercase
        ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a", false),   // 63 digits
        ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adf", false), // 65 digits
        ("ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false),
        ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a/", false),
    ])
    func hexRoundTrip(_ text: String, _ isDigest: Bool) {
        let digest = SHA256.Digest(hex: text)
        #expect((digest != nil) == isDigest)
        if isDigest { #expect(digest?.hex == text) }
        #expect(LedgerChain.isHex(text) == isDigest)
    }
}
