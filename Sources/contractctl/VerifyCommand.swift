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
        terms and the events before it, and every assertion against the books
        as of its day (README: "Assertions"), and reports a last line cut off
        by an interrupted write.

        The chain cannot tell that lines were removed from the end. Note the
        head hash verify prints (record prints it too); later,
        verify --head HASH confirms that the line with that hash is still there.

        The chain has no secret: anyone can append a line, or rewrite one and
        recompute the chain after it. With a key (CONTRACTCTL_LEDGER_KEY_FILE
        or CONTRACTCTL_LEDGER_KEY), verify also checks the ledger's seal
        (PATH.seal): a line appended, rewritten or cut by someone without the
        key is reported, and so are a missing seal and a wrong key. Without a
        key, a seal is not checked and verify says so. verify --seal, with a
        key, seals a whole ledger that has no seal yet (see README: "The seal").

        exit status: 0 when the chain is whole, every event agrees with the
        terms, every assertion holds and, with a key, the seal matches; 1
        when not; 64 --seal without a key; 66 no ledger; 74 I/O error.
        """
    static let options = [
        Arguments.Option("ledger", value: "PATH", completion: .file, help: "the ledger (default: the bundled Fixtures/ledger/example.jsonl)"),
        Arguments.Option("head", value: "HASH", help: "a head hash noted earlier, which must still be in the chain"),
        Arguments.Option("seal", help: "with a key: seal the ledger when it is whole and has no seal yet"),
        Common.fixtures,
    ]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        guard arguments.positionals.isEmpty else { throw CommandFailure(usage: "unexpected argument '\(arguments.positionals[0])'") }
        let set = try Common.contractSet(arguments)
        let (chosen, note) = try Common.ledgerChoice(arguments)
        guard let path = chosen else { throw CommandFailure(usage: "no ledger: give --ledger PATH") }
        guard path != "-" else { throw CommandFailure(usage: "verify reads a ledger file; --ledger - (standard input) is not verified") }
        let key = try LedgerKey.fromEnvironment()
        if arguments.flag("seal"), key == nil {
            throw CommandFailure(usage: "verify --seal needs the key: set \(LedgerKey.fileVariable) (a file holding it) or \(LedgerKey.variable)")
        }
        let result: LedgerLoader.Verification
        do {
            if arguments.flag("seal"), let key {
                result = try LedgerSeal.seal(path: path, contracts: set, expectedHead: arguments.value("head"), key: key)
            } else {
                result = try LedgerLoader.verify(path: path, contracts: set, expectedHead: arguments.value("head"), key: key)
            }
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
        switch result.seal {
        case .none: break
        case .unchecked:
            text += "\(path): sealed (\(LedgerSeal.path(of: path))), but the seal was not checked: no key given (\(LedgerKey.fileVariable) or \(LedgerKey.variable))\n"
        case .matches(let lines):
            text += "\(path): the seal matches the key: its \(lines) event line\(lines == 1 ? "" : "s") are the ones sealed\n"
        case .sealed(let lines):
            text += "\(path): sealed just now (\(LedgerSeal.path(of: path))): \(lines) event line\(lines == 1 ? "" : "s")\n"
        case .problem(let problem):
            text += "\(path): seal: \(problem)\n"
        }
        if arguments.flag("seal"), case .matches = result.seal { text += "\(path): already sealed; the seal was left as it is\n" }
        if let broken = result.chainBreak { text += "\(path): line \(broken.line): \(broken.message)\n" }
        for problem in result.problems { text += problem.description + "\n" }
        if whole {
            return CommandResult(output: "\(path): \(result.lines) line\(result.lines == 1 ? "" : "s"), the hash chain is whole, and every event agrees with the terms\nhead \(result.head)\n" + text, notes: note.map { [$0] } ?? [])
        }
        return CommandResult(output: text + "head \(result.head)\n", exitCode: 1, notes: note.map { [$0] } ?? [])
    }
}
