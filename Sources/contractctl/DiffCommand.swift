import ContractKit
import Foundation

/// `contractctl diff`: a semantic diff of two contracts' terms.
enum DiffCommand: Command {
    static let name = "diff"
    static let summary = "what changed between two contracts' terms, in domain words, with what it costs"
    static let synopsis = ["OLD NEW [OPTIONS]"]
    static let about = """
        Compares every term of two contracts, or of two versions of one, as the
        fixture format writes them: identity, parties, signing, the term, the
        total and price lines, instalments, guarantees, service items, the
        assessment sheet, penalties, renewal, obligations, blanks and readings.
        List elements are matched by id or another natural key (a service item
        by its category path), else by position. Each change is named by its
        path ("instalment 1: due within") with its clause; a money change shows
        the figures it moves (a new total changes each instalment's amount: both
        are shown).

        OLD and NEW are fixture files, or contracts of the fixtures folder by
        document number or alias:
          contractctl diff minhang-2026 Fixtures/examples/minhang-2027.json

        exit status: 0 when the terms are the same, 1 when they differ (as
        diff(1)), 64 usage, 65 bad fixture, 66 not found.
        """
    static let options = [
        Common.format(), Common.bom,
        Arguments.Option("fixtures", value: "DIR", completion: .directory, help: "where to look up OLD and NEW given by id or alias (default: the bundled Fixtures/contracts)"),
    ]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        guard arguments.positionals.count == 2 else {
            throw CommandFailure(usage: "diff takes two contracts, OLD and NEW (files, ids or aliases)")
        }
        let format: Format
        do {
            format = try Format.parse(arguments.value("format"))
        } catch {
            throw error.failure
        }
        let bom = arguments.flag("bom")
        if bom, format != .csv { throw CommandFailure(usage: "--bom goes with --format csv") }
        let old = try contract(arguments.positionals[0], arguments)
        let new = try contract(arguments.positionals[1], arguments)
        let changes = ContractDiff.changes(from: old, to: new)
        let code: Int32 = changes.isEmpty ? 0 : 1
        switch format {
        case .table: return CommandResult(output: DiffReport.text(changes, old: old, new: new), exitCode: code)
        case .json: return CommandResult(output: DiffReport.json(ContractDiff.changes(from: old, to: new, money: .plain), old: old, new: new), exitCode: code)
        case .csv:
            let csv = DiffReport.csv(ContractDiff.changes(from: old, to: new, money: .plain))
            return CommandResult(output: (bom ? CSVOutput.byteOrderMark : "") + csv, exitCode: code)
        }
    }

    /// A fixture file when the argument names one, else a contract of the fixtures folder.
    static func contract(_ argument: String, _ arguments: Arguments) throws(CommandFailure) -> Contract {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), !isDirectory.boolValue {
            do {
                return try ContractLoader.loadFile(URL(fileURLWithPath: argument), displayName: argument)
            } catch {
                throw CommandFailure(loadErrors: error.errors)
            }
        }
        let set = try Common.contractSet(arguments)
        guard let contract = set.find(argument) else {
            if argument.hasSuffix(".json") {
                throw CommandFailure(loadErrors: [LoadError(.noInput, file: argument, "no such file")])
            }
            throw CommandFailure(usage: "'\(argument)': neither a fixture file nor a contract's id or alias; " + Common.unknownContract(argument, in: set))
        }
        return contract
    }
}
