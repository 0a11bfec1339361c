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

    static let helpText = """
        --fixtures DIR      contract fixtures (default: the bundled Fixtures/contracts,
                            found from the current directory or the executable)
        --calendar FILE     a calendar file whose years add to or replace the
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

    /// The contracts of the fixtures folder, narrowed to `--contract` if given.
    static func contracts(_ arguments: Arguments) throws(CommandFailure) -> [Contract] {
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
        let set: ContractSet
        do {
            set = try ContractLoader.load(folder: folder)
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
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

/// A failed command: the lines for stderr and the sysexits code.
struct CommandFailure: Error {
    var messages: [String]
    var exitCode: Int32
    var showUsage = false

    init(loadErrors: [LoadError]) {
        messages = loadErrors.map(\.description)
        exitCode = LoadErrors(loadErrors).exitCode
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
