import ContractKit
import Foundation

/// The entry point: finds the command, runs it, and turns every failure
/// into one clear line on stderr and a sysexits code.
@main
enum ContractCtl {
    static var commands: [any Command.Type] { [PaymentsCommand.self, DueCommand.self, DeadlinesCommand.self, EventsCommand.self, RecordCommand.self, ImportCommand.self, VerifyCommand.self, RepairCommand.self, DiffCommand.self, ReportCommand.self, ScoresCommand.self, PenaltiesCommand.self, GuaranteesCommand.self, CheckCommand.self, CalendarCommand.self, AmountWordsCommand.self, CompletionCommand.self, ManCommand.self] }

    /// The release; `contractctl --version` prints it.
    static let version = "0.9.0"

    static let usage = """
        usage: contractctl COMMAND [OPTIONS]
               contractctl --version

        A contract and SLA compliance ledger for operations and cloud-service contracts.

        commands:
        \(commands.map { "  " + $0.name.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.summary }.joined(separator: "\n"))

        Run 'contractctl COMMAND --help' for a command's options.
        """

    static func main() {
        let progress = ProgressLine.start()
        let (output, errors, code) = run(Array(CommandLine.arguments.dropFirst()))
        progress?.stop()
        exit(Output.emit(stdout: output, stderr: errors, code: code))
    }

    /// Runs a command line; returns stdout, stderr and the exit code.
    static func run(_ argv: [String]) -> (String, String, Int32) {
        guard let first = argv.first else { return (usage + "\n", "", 0) }
        if first == "--version" { return ("contractctl \(version)\n", "", 0) }
        if first == "-h" || first == "--help" || first == "help" {
            if first == "help", argv.count > 1, let command = commands.first(where: { $0.name == argv[1] }) {
                return (Help.text(for: command), "", 0)
            }
            return (usage + "\n", "", 0)
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            let kind = first.hasPrefix("-") ? "option" : "command"
            let near = Suggestion.didYouMean(first, among: commands.map { $0.name } + ["--help", "--version"])
            return ("", "contractctl: error: unknown \(kind) '\(first)'\(near)\nsee 'contractctl --help'\n", 64)
        }
        do throws(CommandFailure) {
            let arguments: Arguments
            do {
                arguments = try Arguments(Array(argv.dropFirst()), options: command.options)
            } catch {
                throw error.failure
            }
            if arguments.help { return (Help.text(for: command), "", 0) }
            let result = try Assume.run(command, arguments)
            return (result.output, result.notes.map { "contractctl: note: \($0)\n" }.joined() + result.errors.map { "contractctl: error: \($0)\n" }.joined(), result.exitCode)
        } catch {
            var text = error.messages.map { "contractctl: error: \($0)\n" }.joined()
            if error.showUsage { text += "see 'contractctl \(command.name) --help'\n" }
            return ("", text, error.exitCode)
        }
    }
}
