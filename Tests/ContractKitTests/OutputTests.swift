import Foundation
import Testing
@testable import ContractKit

/// Standard output that cannot take the result (issue 11, item 1): a full
/// disk or a reader gone away is an I/O error, exit 74, never a trap.
@Suite("Output: a write error on standard output is exit 74 with the reason")
struct OutputTests {
    /// Runs contractctl through /bin/sh with `redirect` applied to its stdout.
    static func shell(_ script: String, _ arguments: [String]) throws -> Run {
        try Run(["/bin/sh", "-c", script, Run.binary] + arguments, shell: true)
    }

    static let commands: [[String]] = [
        ["payments", "--as-of", "2026-11-21"],
        ["check", "--format", "json"],
        ["verify"],
        ["help"],
        ["calendar", "add-days", "2025-09-01", "30"],
    ]

    // /dev/full answers every write with ENOSPC; a machine without it cannot run this.
    @Test("stdout on /dev/full: ENOSPC is reported, exit 74", .enabled(if: FileManager.default.fileExists(atPath: "/dev/full")), arguments: commands)
    func full(_ arguments: [String]) throws {
        let run = try Self.shell("exec \"$0\" \"$@\" > /dev/full", arguments)
        #expect(run.code == 74)
        #expect(run.stderr.hasSuffix("contractctl: error: standard output: No space left on device\n"), "\(run.stderr.prefix(400))")
        #expect(!run.stderr.contains("Fatal error"))
    }

    /// A pipe whose reader has closed before contractctl starts, with SIGPIPE
    /// ignored (as a parent that ignores it passes on): write gives EPIPE.
    @Test("stdout on a pipe with no reader and SIGPIPE ignored: EPIPE is reported, exit 74")
    func brokenPipe() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' PIPE; exec \"$0\" \"$@\"", Run.binary, "payments", "--as-of", "2026-11-21", "--no-ledger"]
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        process.standardOutput = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
        let err = Pipe()
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = String(decoding: errData, as: UTF8.self)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 74)
        #expect(stderr == "contractctl: error: standard output: Broken pipe\n")
    }
}
