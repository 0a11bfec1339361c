import ContractKit

/// `contractctl verify`: the ledger's hash chain and every event, checked.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "check the ledger's hash chain and every event; name the first line altered"
    static let about = """
        Checks that the ledger is whole: every line carries the hash of its own
        text and of the line before it, so an edit of one byte anywhere, or a
        line inserted, removed or moved, breaks the chain; verify names the
        first line at fault. It also checks every event against the contract's
        terms and the events before it, and reports a last line cut off by an
        interrupted write.

        The chain cannot tell that lines were removed from the end. Note the
        head hash verify prints (record prints it too); later,
        verify --head HASH confirms that the line with that hash is still there.

        exit status: 0 when the chain is whole and every event agrees with the
        terms; 1 when not; 66 no ledger; 74 I/O error.
        """
    static let options = [
        Arguments.Option("ledger", value: "PATH", completion: .file, help: "the ledger (default: the bundled Fixtures/ledger/example.jsonl)"),
        Arguments.Option("head", value: "HASH", help: "a head hash noted earlier, which must still be in the chain"),
        Common.fixtures,
    ]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        guard arguments.positionals.isEmpty else { throw CommandFailure(usage: "unexpected argument '\(arguments.positionals[0])'") }
        let set = try Common.contractSet(arguments)
        let (chosen, note) = try Common.ledgerChoice(arguments)
        guard let path = chosen else { throw CommandFailure(usage: "no ledger: give --ledger PATH") }
        guard path != "-" else { throw CommandFailure(usage: "verify reads a ledger file; --ledger - (standard input) is not verified") }
        let result: LedgerLoader.Verification
        do {
            result = try LedgerLoader.verify(path: path, contracts: set, expectedHead: arguments.value("head"))
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
        var text = ""
        var whole = result.whole
        if let head = arguments.value("head") {
            if let line = result.headFound {
                text += "the head \(head) noted earlier is line \(line); \(result.linesAfterHead) line\(result.linesAfterHead == 1 ? "" : "s") since\n"
            } else {
                whole = false
                text += "\(path): the head \(head) noted earlier is no longer in the ledger: lines were removed from its end, or altered\n"
            }
        }
        if let broken = result.chainBreak { text += "\(path): line \(broken.line): \(broken.message)\n" }
        for problem in result.problems { text += problem.description + "\n" }
        if whole {
            return CommandResult(output: "\(path): \(result.lines) line\(result.lines == 1 ? "" : "s"), the hash chain is whole, and every event agrees with the terms\nhead \(result.head)\n" + text, notes: note.map { [$0] } ?? [])
        }
        return CommandResult(output: text + "head \(result.head)\n", exitCode: 1, notes: note.map { [$0] } ?? [])
    }
}
