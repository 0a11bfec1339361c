import Foundation
import Testing
@testable import ContractKit

/// A FIFO or a device given as a ledger or a fixture (issue 11, item 9):
/// named for what it is (exit 65), not "You don't have permission" (as
/// Foundation said, even to root), never read forever, never written.
@Suite("A FIFO or a device as input: named for what it is")
struct SpecialFileTests {
    static func fifo() throws -> String {
        let path = NSTemporaryDirectory() + "fifo-\(UUID().uuidString)"
        try #require(mkfifo(path, 0o600) == 0, "mkfifo: \(String(cString: strerror(errno)))")
        return path
    }

    @Test("payments, verify, record and repair on a FIFO ledger")
    func fifoLedger() throws {
        let path = try Self.fifo()
        defer { unlink(path) }
        for command in [["payments", "--as-of", "2026-11-21"], ["verify"], ["repair"],
                        ["record", "effective", "--contract", "qingpu-2026", "--day", "2026-02-03"]] {
            let run = try Run(command + ["--ledger", path])
            #expect(run.code == 65, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("\(path): is a FIFO (named pipe), not a regular file"), "\(command): \(run.stderr)")
        }
    }

    @Test("a character device as ledger: /dev/zero is not read forever, /dev/null takes no record")
    func devices() throws {
        let zero = try Run(["payments", "--ledger", "/dev/zero", "--as-of", "2026-11-21"])
        #expect(zero.code == 65 && zero.stderr.contains("/dev/zero: is a character device, not a regular file"), "\(zero.stderr)")
        let null = try Run(["record", "effective", "--contract", "qingpu-2026", "--day", "2026-02-03", "--ledger", "/dev/null"])
        #expect(null.code == 65 && null.stderr.contains("/dev/null: is a character device, not a regular file"), "\(null.stderr)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }
}
