import ContractKit
import Foundation
import Synchronization

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
    static let fixtures = Arguments.Option("fixtures", value: "DIR", completion: .directory,
        help: "contract fixtures (default: CONTRACTCTL_FIXTURES, else contractctl.json's, else the bundled Fixtures/contracts)")
    static let calendar = Arguments.Option("calendar", value: "FILE", completion: .file,
        help: "a calendar file whose years add to or replace the built-in official calendar (2004-2026)")
    static let contract = Arguments.Option("contract", value: "ID|ALIAS", repeatable: true,
        help: "only this contract: its document number or its alias, e.g. minhang-2026")
    static let ledger = Arguments.Option("ledger", value: "PATH", completion: .file,
        help: "the ledger of events, JSON Lines; - for standard input (default: CONTRACTCTL_LEDGER, else contractctl.json's, else the bundled example with the bundled fixtures)")
    static let noLedger = Arguments.Option("no-ledger", help: "compute from the terms alone, as if nothing were recorded")
    static let bom = Arguments.Option("bom", help: "with --format csv, start the file with a UTF-8 byte order mark, for spreadsheets that otherwise misread Chinese text")

    /// `--as-of`: `meaning` says what the day is for this command.
    static func asOf(_ meaning: String) -> Arguments.Option {
        Arguments.Option("as-of", value: "DAY", default: "today",
            help: "\(meaning): YYYY-MM-DD, today or yesterday, in Asia/Shanghai")
    }

    /// `--format` with the formats a command writes.
    static func format(_ formats: [String] = Format.allCases.map(\.rawValue)) -> Arguments.Option {
        Arguments.Option("format", value: "FORMAT", default: formats[0], choices: formats,
            help: "the output: " + formats.dropLast().joined(separator: ", ") + " or " + (formats.last ?? ""))
    }

    /// The options of a command that reports on the contracts as of a day.
    static func reportOptions(asOf meaning: String) -> [Arguments.Option] {
        [contract, asOf(meaning), format(), bom, fixtures, ledger, noLedger, Assume.option, calendar]
    }

    /// The options that say where the data is.
    static let sources = [fixtures, ledger, noLedger, Assume.option, calendar]

    /// The working-day calendar: the built-in one, with `--calendar`'s years over it.
    static func calendar(_ arguments: Arguments) throws(CommandFailure) -> WorkCalendar {
        guard let path = arguments.value("calendar") else { return CalendarLoader.builtin }
        do {
            return CalendarLoader.builtin.overridden(by: try CalendarLoader.load(path: path))
        } catch {
            throw CommandFailure(loadErrors: [error])
        }
    }

    /// `--as-of`: a day, or today or yesterday in Asia/Shanghai. The only
    /// place a report command reads the clock.
    static func asOf(_ arguments: Arguments) throws(UsageError) -> CalendarDay {
        let text = arguments.value("as-of") ?? "today"
        switch text {
        case "today": return today()
        case "yesterday": return today().adding(days: -1)
        default:
            guard let day = CalendarDay(parsing: text) else {
                throw UsageError("--as-of '\(text)': expected a date that exists, written YYYY-MM-DD, or today or yesterday")
            }
            return day
        }
    }

    /// Today in Asia/Shanghai, from the clock.
    static func today() -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDay(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? CalendarDay(dayNumber: 0)
    }

    /// The contracts of the fixtures folder, narrowed to `--contract` if
    /// given, and the ledger of events that goes with them.
    static func load(_ arguments: Arguments) throws(CommandFailure) -> (contracts: [Contract], all: ContractSet, ledger: Ledger, note: String?) {
        if let cached = try cachedLoad(arguments) { return cached }
        let set = try contractSet(arguments)
        let contracts = try chosen(arguments, from: set)
        let (ledger, note) = try self.ledger(arguments, contracts: set)
        Lifetime.keep(set, ledger)
        return (contracts, set, ledger, note)
    }

    /// `load` for `--contract` through the ledger's cache (see
    /// `LedgerLoader.loadCached`): only the contracts named, and those with
    /// assertions, are read, and only their lines; nil when that cannot be
    /// sure (standard input, `--assume`, no cache that vouches for the
    /// ledger) and `load` does the whole work.
    static func cachedLoad(_ arguments: Arguments) throws(CommandFailure) -> (contracts: [Contract], all: ContractSet, ledger: Ledger, note: String?)? {
        let keys = arguments.all("contract")
        guard !keys.isEmpty, arguments.value("assume") == nil, !arguments.flag("no-ledger"), let place = cachePlace(),
              let (chosen, note) = try? ledgerChoice(arguments), let path = chosen, path != "-",
              let folder = (try? fixturesGiven(arguments)).flatMap({ $0 }) ?? (try? bundledFixtures()),
              let (set, ledger) = LedgerLoader.loadCached(path: path, keys: keys, folder: folder, place: place) else { return nil }
        return (try self.chosen(arguments, from: set), set, ledger, note)
    }

    /// The ledger a read command uses, and, when no option chose it, a note
    /// for stderr saying which it is (or that none was read). In order:
    /// `--no-ledger`, `--ledger`, `CONTRACTCTL_LEDGER`, `contractctl.json`,
    /// the bundled example when the fixtures are the bundled ones, none.
    static func ledgerChoice(_ arguments: Arguments) throws(CommandFailure) -> (path: String?, note: String?) {
        if arguments.flag("no-ledger") {
            guard arguments.value("ledger") == nil else { throw CommandFailure(usage: "give --ledger PATH or --no-ledger, not both") }
            return (nil, nil)
        }
        if let path = arguments.value("ledger") { return (path, nil) }
        if let (path, origin) = try configuredLedger() { return (path, "ledger \(path) (from \(origin))") }
        if try fixturesGiven(arguments) == nil {
            let path = ((try bundledFixtures() as NSString).deletingLastPathComponent as NSString).appendingPathComponent("ledger/example.jsonl")
            if FileManager.default.fileExists(atPath: path) {
                return (path, "ledger \(path) (the bundled example)")
            }
        }
        return (nil, "no ledger read: every figure is from the terms alone, as if nothing were recorded (--ledger PATH to read one)")
    }

    /// The ledger `record` and `repair` write: `--ledger`, else
    /// `CONTRACTCTL_LEDGER`, else `contractctl.json`'s; never the bundled
    /// example, never standard input.
    static func writableLedger(_ arguments: Arguments, command: String) throws(CommandFailure) -> (path: String, note: String?) {
        let chosen: (String, String?)
        if let path = arguments.value("ledger") {
            chosen = (path, nil)
        } else if let (path, origin) = try configuredLedger() {
            chosen = (path, "ledger \(path) (from \(origin))")
        } else {
            throw CommandFailure(usage: "\(command) needs --ledger PATH (or CONTRACTCTL_LEDGER, or \"ledger\" in contractctl.json): the ledger to write")
        }
        guard chosen.0 != "-" else { throw CommandFailure(usage: "\(command) writes a ledger file; --ledger - (standard input) is for the commands that read one") }
        return chosen
    }

    /// The ledger the environment or `contractctl.json` names, and where that came from.
    static func configuredLedger() throws(CommandFailure) -> (String, String)? {
        if let path = ProcessInfo.processInfo.environment["CONTRACTCTL_LEDGER"], !path.isEmpty { return (path, "CONTRACTCTL_LEDGER") }
        if let settings = try settings(), let path = settings.ledger { return (path, settings.path) }
        return nil
    }

    /// The fixtures folder `--fixtures`, `CONTRACTCTL_FIXTURES` or
    /// `contractctl.json` names; nil for the bundled ones.
    static func fixturesGiven(_ arguments: Arguments) throws(CommandFailure) -> String? {
        if let folder = arguments.value("fixtures") { return folder }
        if let folder = ProcessInfo.processInfo.environment["CONTRACTCTL_FIXTURES"], !folder.isEmpty { return folder }
        return try settings()?.fixtures
    }

    /// The nearest `contractctl.json` from the working directory up, if any.
    static func settings() throws(CommandFailure) -> SettingsFile? {
        guard let path = SettingsFile.find(from: FileManager.default.currentDirectoryPath) else { return nil }
        do {
            return try SettingsFile.load(path)
        } catch {
            throw CommandFailure(loadErrors: [error])
        }
    }

    /// The bundled fixtures folder, found from the working directory or the executable.
    static func bundledFixtures() throws(CommandFailure) -> String {
        do {
            return try FixtureLocator.locate(currentDirectory: FileManager.default.currentDirectoryPath, executable: executablePath())
        } catch {
            throw CommandFailure(loadErrors: [error])
        }
    }

    static func ledger(_ arguments: Arguments, contracts: ContractSet) throws(CommandFailure) -> (ledger: Ledger, note: String?) {
        let (chosen, note) = try ledgerChoice(arguments)
        if let assumed = try Assume.file(arguments) {
            return (try assuming(assumed, on: chosen, contracts: contracts), note)
        }
        guard let path = chosen else { return (.empty, note) }
        do {
            if path == "-" {
                return (try LedgerLoader.load(data: Assume.standardInput(), name: "standard input", contracts: contracts), note)
            }
            return (try LedgerLoader.load(path: path, contracts: contracts, cache: cachePlace()), note)
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
    }

    /// The ledger at `path` (none when nil) with `--assume`'s events after it.
    static func assuming(_ assumed: (name: String, text: String), on path: String?, contracts: ContractSet) throws(CommandFailure) -> Ledger {
        do throws(LoadErrors) {
            let name = path == "-" ? "standard input" : path
            let text = try path.map { path throws(LoadErrors) in
                path == "-" ? try LedgerLoader.text(of: Assume.standardInput(), name: "standard input") : try LedgerLoader.text(ofFile: path)
            }
            return try LedgerLoader.load(ledgerText: text, name: name, assuming: assumed.text, assumedName: assumed.name, contracts: contracts)
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
    }

    static func contractSet(_ arguments: Arguments) throws(CommandFailure) -> ContractSet {
        let folder: String
        if let given = try fixturesGiven(arguments) { folder = given } else { folder = try bundledFixtures() }
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
                throw CommandFailure(usage: "--contract '\(key)': " + unknownContract(key, in: set))
            }
            if !chosen.contains(where: { $0.id == contract.id }) { chosen.append(contract) }
        }
        return chosen
    }

    /// Why `key` names no contract, with the nearest aliases and ids.
    static func unknownContract(_ key: String, in set: ContractSet) -> String {
        let near = Suggestion.didYouMean(key, among: set.contracts.flatMap { [$0.alias, $0.id] })
        let count = "\(set.contracts.count) contract\(set.contracts.count == 1 ? "" : "s")"
        return "no contract has this id or alias" + (near.isEmpty ? " among the \(count) of \(set.folder)" : near)
    }

    /// The width a table is folded to: `COLUMNS` when it is set (as a shell
    /// sets it for a terminal), else 80.
    static func terminalWidth() -> Int {
        guard let text = ProcessInfo.processInfo.environment["COLUMNS"], let width = Int(text), width >= 40 else { return 80 }
        return min(width, 1000)
    }

    /// Where the ledger caches are kept (README: "The cache"):
    /// `$XDG_CACHE_HOME/contractctl`, else `$HOME/.cache/contractctl`; nil
    /// when `CONTRACTCTL_CACHE=off`, or neither is set, or the program's own
    /// file cannot be found (its stamp keys the cache).
    static func cachePlace() -> LedgerCache.Place? {
        let environment = ProcessInfo.processInfo.environment
        guard environment["CONTRACTCTL_CACHE"] != "off", let executable = executablePath(), let binary = FileStamp.of(executable) else { return nil }
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return LedgerCache.Place(directory: base + "/contractctl", binary: binary)
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return LedgerCache.Place(directory: home + "/.cache/contractctl", binary: binary)
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
    /// `--bom`: a UTF-8 byte order mark before CSV.
    var bom = false
    /// Which ledger was read, when no option said: for stderr.
    var ledgerNote: String?
    /// `ledgerNote` as the notes of a result.
    var notes: [String] { ledgerNote.map { [$0] } ?? [] }
    /// The ledger's assertions that do not hold as of their days, for
    /// stderr: the output is still written, and the command exits 1.
    var failedAssertions: [String] = []

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
        bom = arguments.flag("bom")
        if bom, format != .csv { throw CommandFailure(usage: "--bom goes with --format csv") }
        calendar = try Common.calendar(arguments)
        let all: ContractSet
        (contracts, all, ledger, ledgerNote) = try Common.load(arguments)
        fixtures = all.folder
        failedAssertions = LedgerLoader.failedAssertions(in: ledger, contracts: all, calendar: calendar).map(\.description)
    }

    /// A command's output with what every report adds: the ledger note, and
    /// the assertions that do not hold (exit 1 unless the command says worse).
    func result(output: String, exitCode: Int32 = 0) -> CommandResult {
        CommandResult(output: output, exitCode: failedAssertions.isEmpty ? exitCode : max(exitCode, 1), notes: notes, errors: failedAssertions)
    }

    /// The output in the chosen format; only that one is rendered.
    func render(table: () -> String, json: () -> String, csv: () -> String, exitCode: Int32 = 0) -> CommandResult {
        switch format {
        case .table: return result(output: table(), exitCode: exitCode)
        case .json: return result(output: json(), exitCode: exitCode)
        case .csv: return result(output: (bom ? CSVOutput.byteOrderMark : "") + csv(), exitCode: exitCode)
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
    /// Lines for stderr, as `contractctl: note: ...` (which ledger was read).
    var notes: [String] = []
    /// Lines for stderr, as `contractctl: error: ...`, with the output still written.
    var errors: [String] = []
}

protocol Command {
    static var name: String { get }
    static var summary: String { get }
    /// What follows `contractctl NAME` on each usage line.
    static var synopsis: [String] { get }
    /// The prose of `--help`, between the usage lines and the options.
    static var about: String { get }
    static var options: [Arguments.Option] { get }
    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult
}

extension Command {
    static var synopsis: [String] { ["[OPTIONS]"] }
    /// `--help`, written from the declarations.
    static var usage: String { Help.text(for: self) }
}

/// What the output layer adds around a format's text.
enum CSVOutput {
    /// U+FEFF, written as EF BB BF: LibreOffice and Excel then read the
    /// file as UTF-8 instead of the system's code page (GBK on Chinese Windows).
    static let byteOrderMark = "\u{FEFF}"
}

extension UsageError {
    var failure: CommandFailure { CommandFailure(usage: message) }
}

/// What a command loaded, kept until the process ends. A command reads the
/// contracts and the ledger once and exits as soon as it has written its
/// answer; letting them go on the way out freed a million events and ten
/// thousand contracts one allocation at a time, which at 10k x 1M took as
/// long as rendering the answer. At exit the system takes the memory back
/// whole. Nothing is kept longer than the command would have kept it.
enum Lifetime {
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ set: ContractSet, _ ledger: Ledger) {
        kept.withLock { $0.append((set, ledger)) }
    }
}
