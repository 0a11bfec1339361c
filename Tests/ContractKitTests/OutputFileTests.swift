import Foundation
import Testing
@testable import ContractKit

/// `report --out PATH` (issue 11, item 2): only a regular file the user
/// named is replaced, only once the page is written whole; nothing else at
/// PATH (a device, a link, a file report reads) is ever replaced.
@Suite("report --out: never replaces what it must not, never clobbers on failure", .serialized)
struct OutputFileTests {
    static let asOf = ["--as-of", "2026-11-21"]

    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "out-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func kind(_ path: String, follow: Bool = false) -> mode_t {
        var info = stat()
        guard (follow ? stat(path, &info) : lstat(path, &info)) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }

    @Test("a regular file is replaced by the page and keeps its permissions")
    func regularFile() throws {
        let path = try Self.folder() + "/report.html"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(chmod(path, 0o600) == 0)
        let run = try Run(["report", "--out", path] + Self.asOf)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent) == ["report.html"])
    }

    @Test("--out /dev/null writes into the device and leaves it a device")
    func device() throws {
        #expect(Self.kind("/dev/null") == S_IFCHR)
        let run = try Run(["report", "--out", "/dev/null"] + Self.asOf)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(Self.kind("/dev/null") == S_IFCHR)
    }

    @Test("a symbolic link is followed: its target gets the page, and the link stays a link")
    func symlink() throws {
        let folder = try Self.folder()
        let target = folder + "/target.html", link = folder + "/link.html"
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let run = try Run(["report", "--out", link] + Self.asOf)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(Self.kind(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test("a dangling link and a folder are refused, and nothing is written")
    func refusedKinds() throws {
        let folder = try Self.folder()
        let link = folder + "/dangling.html"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: folder + "/missing.html")
        let dangling = try Run(["report", "--out", link] + Self.asOf)
        #expect(dangling.code == 74 && dangling.stderr.contains("is a symbolic link to a file that does not exist"), "\(dangling.stderr)")
        let intoFolder = try Run(["report", "--out", folder] + Self.asOf)
        #expect(intoFolder.code == 74 && intoFolder.stderr.contains("is a folder"), "\(intoFolder.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["dangling.html"])
    }

    @Test("--out naming the ledger or a fixture report reads, under any name: refused (64), the file untouched")
    func inputs() throws {
        let folder = try Self.folder()
        let fixtures = folder + "/contracts"
        try FileManager.default.copyItem(atPath: packageRoot + "/Fixtures/contracts", toPath: fixtures)
        let ledger = folder + "/ledger.jsonl"
        try FileManager.default.copyItem(atPath: packageRoot + "/Fixtures/ledger/example.jsonl", toPath: ledger)
        let fixture = try #require(try FileManager.default.contentsOfDirectory(atPath: fixtures).sorted().first { $0.hasSuffix(".json") })
        // The ledger, by its own name and by another (a hard link); a fixture through "..".
        #expect(link(ledger, folder + "/same-ledger.jsonl") == 0)
        let cases = [ledger, folder + "/same-ledger.jsonl", fixtures + "/../contracts/" + fixture]
        for out in cases {
            let before = try Data(contentsOf: URL(fileURLWithPath: out))
            let run = try Run(["report", "--fixtures", fixtures, "--ledger", ledger, "--out", out] + Self.asOf)
            #expect(run.code == 64, "\(out): \(run.stderr)")
            #expect(run.stderr.contains("which report reads; give another file"), "\(run.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == before)
        }
    }

    @Test("a folder that does not exist: exit 66, nothing created")
    func missingFolder() throws {
        let folder = try Self.folder()
        let run = try Run(["report", "--out", folder + "/no/such/report.html"] + Self.asOf)
        #expect(run.code == 66, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("a full disk: exit 74, the old file left as it was, no temporary file left",
          .enabled(if: FullDiskTests.canMount, "cannot mount a tmpfs here (needs root)"))
    func fullDisk() throws {
        try FullDiskTests.withSmallDisk { folder in
            let path = folder + "/report.html"
            try "the old report".write(toFile: path, atomically: false, encoding: .utf8)
            FullDiskTests.fill(folder)
            let run = try Run(["report", "--out", path] + Self.asOf)
            #expect(run.code == 74, "\(run.stderr)")
            #expect(run.stderr.contains("No space left on device"), "\(run.stderr)")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "the old report")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["filler", "report.html"])
        }
    }
}
