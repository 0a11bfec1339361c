import ContractKit
import Foundation

/// `contractctl repair`: moves a torn last line aside, deleting nothing.
enum RepairCommand: Command {
    static let name = "repair"
    static let summary = "complete a last line that lost its line end, or move an incomplete one into a file of its own"
    static let synopsis = ["--ledger PATH"]
    static let about = """
        When the ledger's last line has no line end (a write was interrupted,
        or an editor dropped the final newline), every command refuses the
        ledger. When that line is whole (its hash verifies and it chains to
        the line before it), repair adds the line end, and its event counts
        again. Otherwise repair moves the incomplete line into a file of its
        own beside the ledger (PATH.torn-YYYYMMDDTHHMMSS) and cuts it from the
        ledger. Both happen under the same lock record takes; nothing is
        deleted. A ledger that ends cleanly is left as it is.
        """
    static let options = [Arguments.Option("ledger", value: "PATH", completion: .file, help: "the ledger (required)")]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        let (path, note) = try Common.writableLedger(arguments, command: "repair")
        guard arguments.positionals.isEmpty else { throw CommandFailure(usage: "unexpected argument '\(arguments.positionals[0])'") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        let suffix = "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))\(two(parts.second))"
        do {
            switch try LedgerWriter.repair(path, asideSuffix: suffix) {
            case nil:
                return CommandResult(output: "\(path): the last line is complete; nothing to repair\n", notes: note.map { [$0] } ?? [])
            case .completed(let line)?:
                return CommandResult(output: "\(path): line \(line) was whole and sealed but had lost its line end; added it\n", notes: note.map { [$0] } ?? [])
            case .movedAside(let bytes, let aside)?:
                return CommandResult(output: "\(path): moved the incomplete last line (\(bytes) bytes) to \(aside)\n", notes: note.map { [$0] } ?? [])
            }
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
    }
}
