import ContractKit
import Foundation

/// The key of a sealed ledger (see README: "The ledger's seal"), from the
/// environment only, so that it never lands in a ledger, an argument list
/// or a shell history: CONTRACTCTL_LEDGER_KEY_FILE names a file holding
/// it (one final line end is not part of the key), or
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
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                let missing = !FileManager.default.fileExists(atPath: path)
                throw CommandFailure(loadErrors: [LoadError(missing ? .noInput : .io, file: path, missing ? "no such file (\(fileVariable))" : "cannot be read (\(fileVariable))")])
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
