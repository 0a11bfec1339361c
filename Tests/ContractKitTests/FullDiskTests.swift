import Foundation
import Testing
@testable import ContractKit

/// `record` on a full disk (issue 11, item 3), on a small tmpfs of its own:
/// a failed append leaves the ledger byte-identical, and a failed record
/// leaves no new file behind. Mounting needs root (CI runs as root); where
/// it is impossible the tests are skipped, and the skip names the reason.
@Suite("Full disk: a failed record leaves the ledger as it was", .serialized)
struct FullDiskTests {
    /// Whether a tmpfs can be mounted here: tried once, on a probe folder.
    static let canMount: Bool = {
        let probe = NSTemporaryDirectory() + "tmpfs-probe-\(UUID().uuidString)"
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard let run = try? Run(["/bin/mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], shell: true), run.code == 0 else { return false }
        _ = try? Run(["/bin/umount", probe], shell: true)
        return true
    }()

    /// A 64 KiB tmpfs for the length of `body`.
    static func withSmallDisk(_ body: (String) throws -> Void) throws {
        let folder = NSTemporaryDirectory() + "tmpfs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mount = try Run(["/bin/mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder], shell: true)
        try #require(mount.code == 0, "mount: \(mount.stderr)")
        defer { _ = try? Run(["/bin/umount", folder], shell: true) }
        try body(folder)
    }

    /// Fills the disk holding `folder` until a write says ENOSPC.
    static func fill(_ folder: String) {
        let fd = open(folder + "/filler", O_WRONLY | O_CREAT, 0o644)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x61, count: 512)
        while chunk.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
    }

    static func record(_ tag: String, day: Int, ledger: String, note: String? = nil) throws -> Run {
        var arguments = FaultInjectionTests.event(tag, day: day) + ["--ledger", ledger]
        if let note { arguments[arguments.count - 3] = note }
        return try Run(arguments)
    }

    // Needs root and tmpfs: mount(8) of a probe folder failed here.
    @Test("a record that runs out of space mid-line: exit 74, the ledger byte-identical, and it says so",
          .enabled(if: canMount, "cannot mount a tmpfs here (needs root)"))
    func partialLine() throws {
        try Self.withSmallDisk { folder in
            let ledger = folder + "/ledger.jsonl"
            for day in 0..<3 { #expect(try Self.record("before-\(day)", day: day, ledger: ledger).code == 0) }
            let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
            // The ledger's last page has room left; a line longer than a
            // page fills that room, then the disk is full: a short write.
            #expect(before.count % 4096 != 0)
            Self.fill(folder)
            let long = String(repeating: "x", count: 5000)
            let run = try Self.record("after", day: 4, ledger: ledger, note: long)
            #expect(run.code == 74)
            #expect(run.stderr.contains("No space left on device"), "\(run.stderr)")
            #expect(run.stderr.contains("nothing was recorded: the ledger was cut back to its \(before.count) bytes"), "\(run.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
            // Space again: the ledger verifies and takes the next event.
            try FileManager.default.removeItem(atPath: folder + "/filler")
            #expect(try LedgerLoader.verify(path: ledger, contracts: Fixture.set).whole)
            #expect(try Self.record("later", day: 5, ledger: ledger).code == 0)
        }
    }

    @Test("a first record on a full disk leaves no empty ledger behind",
          .enabled(if: canMount, "cannot mount a tmpfs here (needs root)"))
    func newLedgerOnFullDisk() throws {
        try Self.withSmallDisk { folder in
            Self.fill(folder)
            let ledger = folder + "/new.jsonl"
            let run = try Self.record("first", day: 1, ledger: ledger)
            #expect(run.code == 74)
            #expect(run.stderr.contains("No space left on device"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: ledger))
        }
    }

    @Test("a record refused by the checks creates no ledger file")
    func refusedCreatesNothing() throws {
        let ledger = NSTemporaryDirectory() + "refused-\(UUID().uuidString).jsonl"
        let run = try Run(["record", "payment", "--contract", "liyang-2024", "--day", "2025-03-10", "--amount", "1.005", "--ledger", ledger])
        #expect(run.code == 65, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: ledger))
    }
}
