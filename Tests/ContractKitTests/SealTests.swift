import Foundation
import Testing
@testable import ContractKit

/// The ledger's keyed seal (issue 11, item 6; README "The seal"): with the
/// key, a line appended, an amount rewritten with the chain recomputed, and
/// lines cut from the end are each reported by `verify`; without the key
/// each passes, as the README says the chain alone cannot tell them. The
/// ledger is the bundled example (56 event lines); the key is any text.
@Suite("The keyed seal: forgery caught with the key, honestly not without it")
struct SealTests {
    static let key = "correct horse battery staple"
    static let withKey = ["CONTRACTCTL_LEDGER_KEY": key]
    static let example = packageRoot + "/Fixtures/ledger/example.jsonl"

    /// A copy of the example ledger in a folder of its own, sealed with `key`.
    static func sealedLedger() throws -> (ledger: String, lines: [String]) {
        let folder = NSTemporaryDirectory() + "seal-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/ledger.jsonl"
        try FileManager.default.copyItem(atPath: example, toPath: path)
        let seal = try Run(["verify", "--seal", "--ledger", path], environment: withKey)
        #expect(seal.code == 0, "\(seal.stdout)\(seal.stderr)")
        #expect(seal.stdout.contains("sealed just now"), "\(seal.stdout)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        return (path, lines)
    }

    static func verify(_ path: String, key: String? = SealTests.key) throws -> Run {
        try Run(["verify", "--ledger", path], environment: key.map { ["CONTRACTCTL_LEDGER_KEY": $0] } ?? [:])
    }

    static func write(_ lines: [String], to path: String) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// What a forger without the key can do: rechain every line from
    /// `index` on, so that the chain is whole again.
    static func rechain(_ lines: [String], from index: Int) throws -> [String] {
        var lines = lines
        for i in index..<lines.count {
            guard case .object(let members) = try JSONParser.parse(Array(lines[i].utf8)) else { continue }
            let body = JSONNode.object(members.filter { $0.key != "prev" && $0.key != "hash" }).compactText
            let prev = i == 0 ? LedgerChain.genesis : LedgerChain.head(of: [Substring(lines[i - 1])])
            lines[i] = LedgerChain.seal(body, prev: prev)
        }
        return lines
    }

    @Test("the seal file states the SHA-256 of the event lines and its HMAC under the key")
    func sealFile() throws {
        let (path, lines) = try Self.sealedLedger()
        let seal = try #require(LedgerSeal.parse(Array(try Data(contentsOf: URL(fileURLWithPath: LedgerSeal.path(of: path))))))
        #expect(seal.current.lines == 56)
        #expect(seal.pending == nil)
        // The example is LF-terminated without blank lines, so the digest of
        // its event lines is the SHA-256 of the whole file.
        #expect(seal.current.digest == SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: Self.example))))
        #expect(seal.current.mac == HMAC.sha256Hex(key: Array(Self.key.utf8), message: Array("contractctl ledger seal v1\n56\n\(seal.current.digest)".utf8)))
        #expect(lines.count == 56)
        // The key is in neither file.
        for file in [path, LedgerSeal.path(of: path)] {
            #expect(!(try String(contentsOfFile: file, encoding: .utf8)).contains(Self.key))
        }
        let verify = try Self.verify(path)
        #expect(verify.code == 0)
        #expect(verify.stdout.contains("the seal matches the key: its 56 event lines are the ones sealed"), "\(verify.stdout)")
    }

    @Test("a forged line appended with a whole chain: caught with the key, not without it")
    func forgedAppend() throws {
        let (path, lines) = try Self.sealedLedger()
        // The forger records the event on an unsealed copy, whose chain is the
        // same, and appends the line record wrote.
        let copy = path + ".copy"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        #expect(try Run(FaultInjectionTests.event("forged", day: 3) + ["--ledger", copy]).code == 0)
        let forged = try String(contentsOfFile: copy, encoding: .utf8).split(separator: "\n").map(String.init)
        try Self.write(lines + [forged[56]], to: path)
        let without = try Self.verify(path, key: nil)
        #expect(without.code == 0, "the chain alone cannot tell: \(without.stdout)")
        #expect(without.stdout.contains("the seal was not checked"))
        let with = try Self.verify(path)
        #expect(with.code == 1)
        #expect(with.stdout.contains("seal: 1 line was added without the key, from line 57: the seal covers the first 56 event lines"), "\(with.stdout)")
        // Even with --head of the sealed head: the old head is still there.
        let head = LedgerChain.head(of: lines.map { Substring($0) })
        #expect(try Run(["verify", "--ledger", path, "--head", head]).code == 0)
    }

    @Test("line 6's payment rewritten (490000.00 -> 409000.00) and the chain recomputed: caught with the key, not without it")
    func rewrittenAmount() throws {
        let (path, lines) = try Self.sealedLedger()
        var changed = lines
        changed[5] = changed[5].replacingOccurrences(of: "\"amount\":\"490000.00\"", with: "\"amount\":\"409000.00\"")
        #expect(changed[5] != lines[5])
        try Self.write(try Self.rechain(changed, from: 5), to: path)
        let without = try Self.verify(path, key: nil)
        #expect(without.code == 0, "the chain alone cannot tell: \(without.stdout)")
        let with = try Self.verify(path)
        #expect(with.code == 1)
        #expect(with.stdout.contains("seal: the ledger was rewritten without the key: its first 56 event lines are not the ones sealed"), "\(with.stdout)")
    }

    @Test("the last two lines cut: caught with the key, not without it")
    func cutTail() throws {
        let (path, lines) = try Self.sealedLedger()
        try Self.write(Array(lines.dropLast(2)), to: path)
        let without = try Self.verify(path, key: nil)
        #expect(without.code == 0, "the chain alone cannot tell: \(without.stdout)")
        let with = try Self.verify(path)
        #expect(with.code == 1)
        #expect(with.stdout.contains("seal: the ledger has 54 event lines and the seal covers 56: lines were cut from its end"), "\(with.stdout)")
    }

    @Test("a seal rewritten for the forged ledger without the key (a digest recomputed, the MAC guessed) is refused")
    func forgedSeal() throws {
        let (path, lines) = try Self.sealedLedger()
        try Self.write(Array(lines.dropLast()), to: path)
        let digest = LedgerSeal.digest(lines.dropLast().map { Substring($0) })
        let made = LedgerSeal(current: .init(key: Array("a guess".utf8), lines: 55, digest: digest))
        try made.text.write(toFile: LedgerSeal.path(of: path), atomically: false, encoding: .utf8)
        let with = try Self.verify(path)
        #expect(with.code == 1)
        #expect(with.stdout.contains("seal: the seal was not made with this key"), "\(with.stdout)")
    }

    @Test("a wrong key: verify exits 1 and record refuses (65), both files left as they were")
    func wrongKey() throws {
        let (path, _) = try Self.sealedLedger()
        let verify = try Self.verify(path, key: "not the key")
        #expect(verify.code == 1)
        #expect(verify.stdout.contains("seal: the seal was not made with this key: the key is wrong, or the seal file was edited"), "\(verify.stdout)")
        try Self.refused(path, environment: ["CONTRACTCTL_LEDGER_KEY": "not the key"], saying: "does not match its seal: the seal was not made with this key")
    }

    @Test("a sealed ledger and no key: verify checks the chain (exit 0) and says the seal was not checked; record refuses (65)")
    func sealedWithoutKey() throws {
        let (path, _) = try Self.sealedLedger()
        let verify = try Self.verify(path, key: nil)
        #expect(verify.code == 0)
        #expect(verify.stdout.contains("sealed (\(path).seal), but the seal was not checked: no key given"), "\(verify.stdout)")
        try Self.refused(path, environment: [:], saying: "is sealed (\(path).seal): record needs its key")
    }

    @Test("a key and an unsealed ledger: verify exits 1, record refuses (65) until verify --seal")
    func keyWithoutSeal() throws {
        let (path, _) = try Self.sealedLedger()
        try FileManager.default.removeItem(atPath: LedgerSeal.path(of: path))
        let verify = try Self.verify(path)
        #expect(verify.code == 1)
        #expect(verify.stdout.contains("seal: no seal beside the ledger"), "\(verify.stdout)")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let record = try Run(FaultInjectionTests.event("unsealed", day: 2) + ["--ledger", path], environment: Self.withKey)
        #expect(record.code == 65)
        #expect(record.stderr.contains("has no seal"), "\(record.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: LedgerSeal.path(of: path)))
        // verify --seal seals it; a second --seal leaves the seal as it is.
        #expect(try Run(["verify", "--seal", "--ledger", path], environment: Self.withKey).code == 0)
        let seal = try Data(contentsOf: URL(fileURLWithPath: LedgerSeal.path(of: path)))
        let again = try Run(["verify", "--seal", "--ledger", path], environment: ["CONTRACTCTL_LEDGER_KEY": "another key"])
        #expect(again.code == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: LedgerSeal.path(of: path))) == seal)
    }

    @Test("verify --seal refuses to seal a ledger whose chain is broken, and needs a key (64)")
    func sealOnlyWhole() throws {
        let (path, lines) = try Self.sealedLedger()
        try FileManager.default.removeItem(atPath: LedgerSeal.path(of: path))
        var changed = lines
        changed[5] = changed[5].replacingOccurrences(of: "\"amount\":\"490000.00\"", with: "\"amount\":\"409000.00\"")
        try Self.write(changed, to: path)
        let run = try Run(["verify", "--seal", "--ledger", path], environment: Self.withKey)
        #expect(run.code == 1)
        #expect(!FileManager.default.fileExists(atPath: LedgerSeal.path(of: path)))
        let usage = try Run(["verify", "--seal", "--ledger", path])
        #expect(usage.code == 64)
        #expect(usage.stderr.contains("verify --seal needs the key"))
    }

    /// record is refused with `message` (exit 65), and neither the ledger
    /// nor its seal changed.
    static func refused(_ path: String, environment: [String: String], saying message: String) throws {
        let seal = LedgerSeal.path(of: path)
        let before = (try Data(contentsOf: URL(fileURLWithPath: path)), try Data(contentsOf: URL(fileURLWithPath: seal)))
        let record = try Run(FaultInjectionTests.event("refused", day: 2) + ["--ledger", path], environment: environment)
        #expect(record.code == 65)
        #expect(record.stderr.contains(message), "\(record.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before.0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: seal)) == before.1)
    }

    @Test("record with the key renews the seal; verify with the key passes; the key file's final line end is not part of the key")
    func recordRenews() throws {
        let (path, _) = try Self.sealedLedger()
        let record = try Run(FaultInjectionTests.event("sealed", day: 2) + ["--ledger", path], environment: Self.withKey)
        #expect(record.code == 0, "\(record.stderr)")
        let seal = try #require(LedgerSeal.parse(Array(try Data(contentsOf: URL(fileURLWithPath: LedgerSeal.path(of: path))))))
        #expect(seal.current.lines == 57)
        #expect(seal.pending == nil)
        let keyFile = path + ".key"
        try (Self.key + "\n").write(toFile: keyFile, atomically: false, encoding: .utf8)
        let verify = try Run(["verify", "--ledger", path], environment: ["CONTRACTCTL_LEDGER_KEY_FILE": keyFile])
        #expect(verify.code == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("its 57 event lines are the ones sealed"))
        let both = try Run(["verify", "--ledger", path], environment: ["CONTRACTCTL_LEDGER_KEY_FILE": keyFile, "CONTRACTCTL_LEDGER_KEY": Self.key])
        #expect(both.code == 64)
    }

    @Test("a new ledger recorded with a key is sealed from its first line")
    func newLedger() throws {
        let folder = NSTemporaryDirectory() + "seal-new-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/new.jsonl"
        #expect(try Run(FaultInjectionTests.event("first", day: 1) + ["--ledger", path], environment: Self.withKey).code == 0)
        #expect(try Run(FaultInjectionTests.event("second", day: 2) + ["--ledger", path], environment: Self.withKey).code == 0)
        let verify = try Self.verify(path)
        #expect(verify.code == 0)
        #expect(verify.stdout.contains("its 2 event lines are the ones sealed"), "\(verify.stdout)")
        // A refused first record leaves neither a ledger nor a seal.
        let other = folder + "/refused.jsonl"
        let refused = try Run(["record", "payment", "--contract", "liyang-2024", "--day", "2025-03-10", "--amount", "-5", "--ledger", other], environment: Self.withKey)
        #expect(refused.code != 0)
        #expect(!FileManager.default.fileExists(atPath: other))
        #expect(!FileManager.default.fileExists(atPath: LedgerSeal.path(of: other)))
    }

    @Test("a sealed line that lost its final newline: repair completes it without the key, and the seal still matches")
    func repairKeepsSeal() throws {
        let (path, _) = try Self.sealedLedger()
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.removeLast()
        try data.write(to: URL(fileURLWithPath: path))
        let torn = try Self.verify(path)
        #expect(torn.code == 1)
        #expect(!torn.stdout.contains("seal:"), "the seal vouches for the line without its line end: \(torn.stdout)")
        #expect(try Run(["repair", "--ledger", path]).code == 0)
        #expect(try Self.verify(path).code == 0)
    }

    @Test("a sealed record whose line cannot be written (file size limit): exit 74, ledger and seal byte-identical")
    func failedAppend() throws {
        let (path, _) = try Self.sealedLedger()
        let seal = LedgerSeal.path(of: path)
        let before = (try Data(contentsOf: URL(fileURLWithPath: path)), try Data(contentsOf: URL(fileURLWithPath: seal)))
        // ulimit -f counts 512-byte blocks: the ledger's size rounded up to a
        // block leaves less than 512 bytes, too few for a line with a note of
        // 1000 characters, and the seal (under 400 bytes) fits: the seal's
        // pending state is written, then the line fails (EFBIG; SIGXFSZ ignored).
        let blocks = (before.0.count + 511) / 512
        let script = "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \"$@\""
        let event = FaultInjectionTests.event(String(repeating: "x", count: 1000), day: 2)
        let run = try Run(["/bin/sh", "-c", script, Run.binary] + event + ["--ledger", path], shell: true, environment: Self.withKey)
        #expect(run.code == 74, "\(run.stderr)")
        #expect(run.stderr.contains("the seal was put back as it was"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before.0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: seal)) == before.1)
    }

    @Test("SIGKILL during sealed records, 30 times: verify with the key passes after every kill")
    func killed() throws {
        let (path, _) = try Self.sealedLedger()
        var generator = SystemRandomNumberGenerator()
        for round in 0..<30 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Run.binary)
            process.arguments = FaultInjectionTests.event("kill-\(round)", day: round) + ["--ledger", path]
            process.environment = ProcessInfo.processInfo.environment.merging(Self.withKey) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...60_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let verification = try LedgerLoader.verify(path: path, contracts: Fixture.set, key: Array(Self.key.utf8))
            #expect(verification.whole, "round \(round): \(verification.seal) \(String(describing: verification.chainBreak)) \(verification.problems)")
        }
    }

    @Test("eight sealed records at once: each lands once and the seal covers them all")
    func concurrent() throws {
        let (path, _) = try Self.sealedLedger()
        let processes = try (0..<8).map { index in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Run.binary)
            process.arguments = FaultInjectionTests.event("together-\(index)", day: index) + ["--ledger", path]
            process.environment = ProcessInfo.processInfo.environment.merging(Self.withKey) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let verification = try LedgerLoader.verify(path: path, contracts: Fixture.set, key: Array(Self.key.utf8))
        #expect(verification.seal == .matches(lines: 64))
    }
}
