import ContractKit
import Foundation

/// The key of a sealed ledger (see README: "The seal"), from the
/// environment only, so that it never lands in a ledger, an argument list
/// or a shell history: CONTRACTCTL_LEDGER_KEY_FILE names a file holding
/// it (one final line end, LF or CRLF, is not part of the key), or
/// CONTRACTCTL_LEDGER_KEY holds it. Neither: an unkeyed ledger.
enum LedgerKey {
    static let fileVariable = "CONTRACTCTL_LEDGER_KEY_FILE"
    static let variable = "CONTRACTCTL_LEDGER_KEY"

    static func fromEnvironment() throws(CommandFailure) -> [UInt8]? {
        let environment = ProcessInfo.processInfo.environment
        switch (environment[fileVariable], environment[variable]) {
        case (nil, nil):
            return nil
        case (_?, _?):
            throw CommandFailure(usage: "set \(fileVariable) or \(variable), not both")
        case (let path?, nil):
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw CommandFailure(loadErrors: [LoadError(.noInput, file: path, "no such file (\(fileVariable) names it as the ledger key)")])
            }
            // A FIFO or a device would be read forever, or give a key no file holds.
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw CommandFailure(loadErrors: [LoadError(.badData, file: path, "is not a regular file (\(fileVariable)); the key is read from a file")])
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(loadErrors: [LoadError(.io, file: path, "cannot be read (\(fileVariable))")])
            }
            var key = Array(data)
            if key.last == UInt8(ascii: "\n") { key.removeLast() }
            if key.last == UInt8(ascii: "\r") { key.removeLast() }
            guard !key.isEmpty else { throw CommandFailure(usage: "\(fileVariable): \(path) is empty; a seal needs a key") }
            return key
        case (nil, let text?):
            guard !text.isEmpty else { throw CommandFailure(usage: "\(variable) is empty; a seal needs a key") }
            return Array(text.utf8)
        }
    }
}
