import ContractKit
import Foundation

/// `contractctl repair`: moves a torn last line aside, deleting nothing.
enum RepairCommand: Command {
    static let name = "repair"
    static let summary = "move an incomplete last line (an interrupted write) into a file of its own"
    static let synopsis = ["--ledger PATH"]
    static let about = """
        When a write was interrupted and the ledger's last line has no line end,
        every command refuses the ledger. repair moves that incomplete line into
        a file of its own beside the ledger (PATH.torn-YYYYMMDDTHHMMSS) and cuts
        it from the ledger, under the same lock record takes. Nothing is deleted:
        the bytes are in the new file. A ledger that ends cleanly is left as it is.
        """
    static let options = [Arguments.Option("ledger", value: "PATH", completion: .file, help: "the ledger (required)")]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        guard let path = arguments.value("ledger") else { throw CommandFailure(usage: "repair needs --ledger PATH") }
        guard arguments.positionals.isEmpty else { throw CommandFailure(usage: "unexpected argument '\(arguments.positionals[0])'") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        let suffix = "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))\(two(parts.second))"
        do {
            guard let moved = try LedgerWriter.repair(path, asideSuffix: suffix) else {
                return CommandResult(output: "\(path): the last line is complete; nothing to repair\n")
            }
            return CommandResult(output: "\(path): moved the incomplete last line (\(moved.bytes) bytes) to \(moved.aside)\n")
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
    }
}
