import ContractKit
import Foundation

/// Output formats every report command offers.
enum Format: String, CaseIterable {
    case table, json, csv

    static func parse(_ text: String?, allowed: [Format] = Format.allCases) throws(UsageError) -> Format {
        guard let text else { return .table }
        guard let format = Format(rawValue: text), allowed.contains(format) else {
            throw UsageError("'\(text)' is not a format; use one of \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        return format
    }
}

/// The options most commands share, and what they resolve to.
enum Common {
    static let fixtures = Arguments.Option(name: "fixtures", takesValue: true)
    static let calendar = Arguments.Option(name: "calendar", takesValue: true)
    static let asOf = Arguments.Option(name: "as-of", takesValue: true)
    static let format = Arguments.Option(name: "format", takesValue: true)
    static let contract = Arguments.Option(name: "contract", takesValue: true, repeatable: true)
    static let ledger = Arguments.Option(name: "ledger", takesValue: true)
    static let noLedger = Arguments.Option(name: "no-ledger", takesValue: false)

    /// The options block of a report command's help: `asOf` says what the
    /// as-of day means for it.
    static func reportOptions(asOf: String) -> String {
        """
          --contract ID|ALIAS  only this contract (repeatable); the document number or
                               its alias, e.g. minhang-2026
          --as-of DAY          \(asOf)
                               (default: today in Asia/Shanghai)
          --format FORMAT      table (default), json or csv
        \(helpText)
          -h, --help           show this help
        """
    }

    static let helpText = """
          --fixtures DIR       contract fixtures (default: the bundled Fixtures/contracts,
                               found from the current directory or the executable)
          --ledger PATH        the ledger of events, JSON Lines (default: the bundled
                               Fixtures/ledger/example.jsonl with the bundled fixtures;
                               none with --fixtures)
          --no-ledger          compute from the terms alone, as if nothing were recorded
          --calendar FILE      a calendar file whose years add to or replace the
                               built-in official calendar (2004-2026)
        """

    /// The working-day calendar: the built-in one, with `--calendar`'s years over it.
    static func calendar(_ arguments: Arguments) throws(CommandFailure) -> WorkCalendar {
        guard let path = arguments.value("calendar") else { return CalendarLoader.builtin }
        do {
            return CalendarLoader.builtin.overridden(by: try CalendarLoader.load(path: path))
        } catch {
            throw CommandFailure(loadErrors: [error])
        }
    }

    /// `--as-of`, or today in Asia/Shanghai: the only place the clock is read.
    static func asOf(_ arguments: Arguments) throws(UsageError) -> CalendarDay {
        if let text = arguments.value("as-of") {
            guard let day = CalendarDay(parsing: text) else {
                throw UsageError("--as-of '\(text)': expected a date that exists, written YYYY-MM-DD")
            }
            return day
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDay(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDay(dayNumber: 0)
    }

    /// The contracts of the fixtures folder, narrowed to `--contract` if
    /// given, and the ledger of events that goes with them.
    static func load(_ arguments: Arguments) throws(CommandFailure) -> (contracts: [Contract], all: ContractSet, ledger: Ledger) {
        let set = try contractSet(arguments)
        let contracts = try chosen(arguments, from: set)
        let ledger = try self.ledger(arguments, contracts: set)
        return (contracts, set, ledger)
    }

    /// `--ledger`, or the bundled example ledger when the fixtures are the
    /// bundled ones, or none.
    static func ledgerPath(_ arguments: Arguments, fixtures: String) -> String? {
        if arguments.flag("no-ledger") { return nil }
        if let path = arguments.value("ledger") { return path }
        guard arguments.value("fixtures") == nil else { return nil }
        let path = ((fixtures as NSString).deletingLastPathComponent as NSString).appendingPathComponent("ledger/example.jsonl")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static func ledger(_ arguments: Arguments, contracts: ContractSet) throws(CommandFailure) -> Ledger {
        if arguments.flag("no-ledger"), arguments.value("ledger") != nil {
            throw CommandFailure(usage: "give --ledger PATH or --no-ledger, not both")
        }
        guard let path = ledgerPath(arguments, fixtures: contracts.folder) else { return .empty }
        do {
            return try LedgerLoader.load(path: path, contracts: contracts)
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
    }

    static func contractSet(_ arguments: Arguments) throws(CommandFailure) -> ContractSet {
        var folder = arguments.value("fixtures") ?? ""
        if arguments.value("fixtures") == nil {
            do {
                folder = try FixtureLocator.locate(
                    currentDirectory: FileManager.default.currentDirectoryPath,
                    executable: executablePath())
            } catch {
                throw CommandFailure(loadErrors: [error])
            }
        }
        do {
            return try ContractLoader.load(folder: folder)
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
    }

    static func chosen(_ arguments: Arguments, from set: ContractSet) throws(CommandFailure) -> [Contract] {
        let keys = arguments.all("contract")
        guard !keys.isEmpty else { return set.contracts }
        var chosen: [Contract] = []
        for key in keys {
            guard let contract = set.find(key) else {
                let known = set.contracts.map { "\($0.alias) (\($0.id))" }.joined(separator: ", ")
                throw CommandFailure(usage: "--contract '\(key)': no contract has this id or alias; known: \(known)")
            }
            if !chosen.contains(where: { $0.id == contract.id }) { chosen.append(contract) }
        }
        return chosen
    }

    static func executablePath() -> String? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first
    }
}

/// What a report command works from: the contracts, the ledger, the day
/// and the calendar, and the format to write in.
struct ReportInput {
    var contracts: [Contract]
    var ledger: Ledger
    var asOf: CalendarDay
    var calendar: WorkCalendar
    var format: Format
    /// The fixtures folder the contracts were read from.
    var fixtures = ""

    /// Reads the options every report command shares.
    init(_ arguments: Arguments, formats: [Format] = Format.allCases) throws(CommandFailure) {
        guard arguments.positionals.isEmpty else {
            throw CommandFailure(usage: "unexpected argument '\(arguments.positionals[0])'")
        }
        do {
            format = try Format.parse(arguments.value("format"), allowed: formats)
            asOf = try Common.asOf(arguments)
        } catch {
            throw error.failure
        }
        calendar = try Common.calendar(arguments)
        let all: ContractSet
        (contracts, all, ledger) = try Common.load(arguments)
        fixtures = all.folder
    }

    /// The output in the chosen format; only that one is rendered.
    func render(table: () -> String, json: () -> String, csv: () -> String, exitCode: Int32 = 0) -> CommandResult {
        switch format {
        case .table: return CommandResult(output: table(), exitCode: exitCode)
        case .json: return CommandResult(output: json(), exitCode: exitCode)
        case .csv: return CommandResult(output: CSVGuard.neutralise(csv()), exitCode: exitCode)
        }
    }
}

/// A failed command: the lines for stderr and the sysexits code.
struct CommandFailure: Error {
    var messages: [String]
    var exitCode: Int32
    var showUsage = false

    init(loadErrors: [LoadError]) {
        messages = loadErrors.map(\.description)
        exitCode = LoadErrors(loadErrors).exitCode
    }

    /// A figure the ledger drives past what can be represented: bad data.
    init(_ error: ComputationError) {
        messages = ["\(error.description); no figure is printed rather than a wrong one"]
        exitCode = 65
    }

    init(usage message: String) {
        messages = [message]
        exitCode = 64
        showUsage = true
    }

    init(_ message: String, exitCode: Int32) {
        messages = [message]
        self.exitCode = exitCode
    }
}

/// What a command produces: text for stdout and an exit code.
struct CommandResult {
    var output: String
    var exitCode: Int32 = 0
}

protocol Command {
    static var name: String { get }
    static var summary: String { get }
    static var usage: String { get }
    static var options: [Arguments.Option] { get }
    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult
}

extension UsageError {
    var failure: CommandFailure { CommandFailure(usage: message) }
}
