import ContractKit
import Foundation

/// `contractctl import`: payments from a bank statement, matched to the
/// contracts; a dry run unless `--commit`.
enum ImportCommand: Command {
    static let name = "import"
    static let summary = "record the payments of a bank statement (CSV); a dry run unless --commit"
    static let synopsis = ["BANK.csv --ledger PATH (--rules FILE | --date-column COL ...) [--commit]"]
    static let about = """
        Reads a bank statement of the buyer's account (CSV, RFC 4180, UTF-8)
        and shows, row by row, the payment each would record, which contract
        and instalment it matched and why, or why it records nothing. Nothing
        is written unless --commit is given; then every payment is recorded
        in one append, under the ledger's lock, checked as record checks an
        event (see record --help), with the seal renewed once; if any is
        refused, or the write fails, the ledger and its seal stay exactly as
        they were.

        Columns are given by their header or by their position (1 is the
        first), as options or in a rules file ({"columns": {"date": ...,
        "debit": ..., ...}}, keys date, amount, debit, credit, counterparty,
        account, reference, id; options override it). The header is the
        first row holding every column named; rows above it are skipped.
        With positions only, the first row is a header when its date cell is
        not a date. Dates: 2026-07-20, 2026/7/20, 2026.07.20 or 20260720,
        a time after them ignored. Amounts as banks write them: 1,464,260.00,
        ¥1,464,260.00, ￥1464260, 1464260.00元.

        The statement is the buyer's: money out (the debit column, 借方/支出)
        is a payment to a supplier; money in (the credit column, 贷方/收入) is
        listed as not a payment. A single amount column holds what was paid,
        unsigned.

        A row's contract is the one whose supplier has the counterparty's
        account among its bank accounts, or the counterparty's name as its
        name or an account's name, in the contract fixtures. Its instalment
        is the one the reference names (its id alone, "instalment 2", "#2",
        "第2期", "第二笔", or its label); else the payment names none and
        Reading 7 applies it (due instalments first, earliest due first).
        A row no contract fits, or more than one, is listed as unmatched,
        never guessed.

        Each payment keeps the statement's transaction id (--id-column), or,
        without one, "sha256:" and the hash of the normalised row; a row
        whose transaction the ledger already holds is listed as a duplicate
        and not recorded again, so importing a statement twice records
        nothing twice. A malformed row (a bad date or amount, the wrong
        number of fields) is reported with the file and line and blocks
        --commit: nothing is written (exit 65).

        exit: 0 every payment row recorded (or to record) or already there;
        1 some rows are unmatched or refused (listed); 65 malformed rows or
        a bad statement or rules file; 64 usage; 66 no such file.
        """

    static let columnOptions: [(option: String, key: String, help: String)] = [
        ("date-column", "date", "the day of the transaction"),
        ("amount-column", "amount", "the amount paid (one column, unsigned)"),
        ("debit-column", "debit", "money out of the buyer's account, the payments"),
        ("credit-column", "credit", "money in, listed and never recorded"),
        ("counterparty-column", "counterparty", "the payee's name (对方户名)"),
        ("account-column", "account", "the payee's account number (对方账号)"),
        ("reference-column", "reference", "the reference (摘要/附言), read for the instalment"),
        ("id-column", "id", "the bank's transaction id (流水号), kept on the payment"),
    ]

    static let options: [Arguments.Option] = [
        Arguments.Option("ledger", value: "PATH", completion: .file, help: "the ledger to check against and, with --commit, to append to (required, or CONTRACTCTL_LEDGER, or contractctl.json's)"),
        Common.fixtures,
        Arguments.Option("rules", value: "FILE", completion: .file, help: "a JSON rules file naming the columns"),
    ] + columnOptions.map { Arguments.Option($0.option, value: "COL", help: $0.help + " (a header or a position)") } + [
        Arguments.Option("commit", help: "record the payments (default: a dry run that writes nothing)"),
        Common.format(["table", "json"]),
    ]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        guard let statement = arguments.positionals.first else { throw CommandFailure(usage: "import needs the statement: contractctl import BANK.csv --ledger PATH ...") }
        guard arguments.positionals.count == 1 else { throw CommandFailure(usage: "unexpected argument '\(arguments.positionals[1])'") }
        let format: Format
        do {
            format = try Format.parse(arguments.value("format"), allowed: [.table, .json])
        } catch {
            throw error.failure
        }
        let (path, note) = try Common.writableLedger(arguments, command: "import")
        let layout = try self.layout(arguments)
        let set = try Common.contractSet(arguments)
        let read: (header: Int?, rows: [StatementRow], malformed: [MalformedRow])
        do {
            read = try BankStatement.read(try BankStatement.text(at: statement), file: statement, layout: layout)
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
        let source = (statement as NSString).lastPathComponent
        let commit = arguments.flag("commit")
        var entries: [ImportEntry] = []
        if commit {
            guard read.malformed.isEmpty else {
                throw CommandFailure(loadErrors: read.malformed.map(\.error)
                    + [LoadError(.badData, file: statement, "nothing was imported: a malformed row blocks --commit; fix or remove the rows above")])
            }
            let key = try LedgerKey.fromEnvironment()
            do {
                let recorded = try LedgerWriter.appendAll(to: path, contracts: set, key: key, cache: key == nil ? Common.cachePlace() : nil) { ledger, lines in
                    entries = StatementImport.plan(read.rows, source: source, contracts: set, ledger: ledger, nextLine: lines.complete + 1)
                    return entries.filter { $0.outcome == .record }.compactMap(\.event)
                }
                var lines = recorded.map(\.line)[...]
                for index in entries.indices where entries[index].outcome == .record { entries[index].ledgerLine = lines.popFirst() }
            } catch {
                throw CommandFailure(loadErrors: error.errors)
            }
        } else {
            let ledger: Ledger
            if FileManager.default.fileExists(atPath: path) {
                do {
                    ledger = try LedgerLoader.load(path: path, contracts: set)
                } catch {
                    throw CommandFailure(loadErrors: error.errors)
                }
            } else {
                ledger = Ledger(path: path)
            }
            let next = (ledger.events.map(\.line).max() ?? 0) + 1
            entries = StatementImport.plan(read.rows, source: source, contracts: set, ledger: ledger, nextLine: next)
        }
        let input = ImportReport.Input(statement: statement, ledger: path, header: read.header, entries: entries, malformed: read.malformed, committed: commit)
        let code: Int32 = !read.malformed.isEmpty ? 65 : (entries.contains { $0.outcome == .unmatched || $0.outcome == .refused } ? 1 : 0)
        let output = format == .json ? ImportReport.json(input) : ImportReport.text(input)
        return CommandResult(output: output, exitCode: code, notes: note.map { [$0] } ?? [])
    }

    /// The columns: the rules file's, then the options over them.
    static func layout(_ arguments: Arguments) throws(CommandFailure) -> StatementLayout {
        var layout = StatementLayout()
        if let rules = arguments.value("rules") {
            do {
                layout = try StatementRules.load(rules)
            } catch {
                throw CommandFailure(loadErrors: error.errors)
            }
        }
        for column in columnOptions {
            guard let text = arguments.value(column.option) else { continue }
            guard let parsed = StatementLayout.Column(text) else {
                throw CommandFailure(usage: "--\(column.option) '\(text)': expected a column's header or its position, a whole number from 1")
            }
            layout[column.key] = parsed
        }
        let problems = layout.problems
        guard problems.isEmpty else {
            var failure = CommandFailure(usage: problems[0])
            failure.messages = problems
            throw failure
        }
        return layout
    }
}
