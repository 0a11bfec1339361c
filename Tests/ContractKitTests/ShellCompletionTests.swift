import Foundation
import Testing

/// Issue 13: "Shell completion (bash, zsh, fish) ... generated from the same
/// option declarations." The zsh and fish scripts are run in a real zsh and
/// fish; without the shell the test is skipped (shown as skipped, with why).
@Suite("zsh and fish completion come from the same option declarations as bash")
struct ShellCompletionTests {
    static let commands = ["payments", "due", "deadlines", "events", "record", "verify", "repair", "diff", "report", "scores",
                           "penalties", "guarantees", "check", "calendar", "amount-words", "completion", "man"]

    /// The long options `deadlines --help` lists (the sample command), and --help.
    static func deadlineOptions() throws -> [String] {
        let help = try Run(["deadlines", "--help"]).stdout
        var options: [String] = []
        for line in help.split(separator: "\n") where line.hasPrefix("  -") {
            for word in line.split(separator: " ") where word.hasPrefix("--") { options.append(String(word.trimmingCharacters(in: CharacterSet(charactersIn: ",")))) }
        }
        return options
    }

    static func script(_ shell: String) throws -> String {
        let run = try Run(["completion", shell])
        #expect(run.code == 0, "\(run.stderr)")
        let path = NSTemporaryDirectory() + "contractctl-completion-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).\(shell)"
        try run.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("the sample command's options are what its --help lists")
    func sample() throws {
        let options = try Self.deadlineOptions()
        // DeadlinesCommand declares --within, --all, --remind, then the shared ones.
        for option in ["--within", "--all", "--remind", "--contract", "--as-of", "--format", "--bom", "--fixtures", "--ledger", "--no-ledger", "--calendar", "--help"] {
            #expect(options.contains(option), "\(option) in \(options)")
        }
    }

    // Needs zsh (apt-get install zsh): the script is parsed and run in it.
    @Test("zsh: the script parses (zsh -n), lists every command, and gives _arguments every option of deadlines",
          .enabled(if: onPath("zsh") != nil, "zsh is not installed"))
    func zsh() throws {
        let path = try Self.script("zsh")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let zsh = onPath("zsh") ?? "zsh"
        let parse = try Run([zsh, "-n", path], shell: true)
        #expect(parse.code == 0, "\(parse.stderr)")
        // The completion system's functions replaced by ones that print what
        // they are given: the script's own dispatch runs for real.
        let stubs = "compdef() { :; }; source '\(path)'; _arguments() { print -l -- \"$@\"; }; _describe() { print -l -- \"${(@P)4}\"; }; compadd() { print -l -- \"$@\"; }"
        let first = try Run([zsh, "-f", "-c", stubs + "; words=(contractctl pa); CURRENT=2; _contractctl"], shell: true)
        #expect(first.code == 0, "\(first.stderr)")
        let offered = first.stdout.split(separator: "\n").map(String.init)
        for command in Self.commands { #expect(offered.contains { $0.hasPrefix(command + ":") }, "\(command)") }
        #expect(offered.contains("--version") && offered.contains("--help"))
        let specs = try Run([zsh, "-f", "-c", stubs + "; words=(contractctl deadlines --); CURRENT=3; _contractctl"], shell: true)
        let lines = specs.stdout.split(separator: "\n").map(String.init)
        for option in try Self.deadlineOptions() {
            #expect(lines.contains { $0.hasPrefix(option + "[") || $0.hasPrefix("*" + option + "[") }, "deadlines \(option)")
        }
        // Fixed values and repeatable options, from the declarations.
        #expect(lines.contains("--format[the output: table, json, csv or ics]:FORMAT:(table json csv ics)"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("*--remind[") })
        let record = try Run([zsh, "-f", "-c", stubs + "; words=(contractctl record ''); CURRENT=3; _contractctl"], shell: true)
        #expect(record.stdout.contains("1:argument:(acceptance assert assessment breach dutyDone effective"), "\(record.stdout)")
    }

    /// What fish offers for `line` (`complete -C`), the words only.
    static func fish(_ path: String, _ line: String) throws -> [String] {
        let run = try Run([onPath("fish") ?? "fish", "--no-config", "-c", "source '\(path)'; complete -C '\(line)'"], shell: true)
        #expect(run.code == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
    }

    // Needs fish (apt-get install fish): the script is parsed and completed in it.
    @Test("fish: the script parses (fish -n), completes every command, every option of deadlines, fixed values and record's types",
          .enabled(if: onPath("fish") != nil, "fish is not installed"))
    func fish() throws {
        let path = try Self.script("fish")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let parse = try Run([onPath("fish") ?? "fish", "--no-execute", path], shell: true)
        #expect(parse.code == 0, "\(parse.stderr)")
        let commands = try Self.fish(path, "contractctl ")
        for command in Self.commands { #expect(commands.contains(command), "\(command) in \(commands)") }
        #expect(try Self.fish(path, "contractctl paym") == ["payments"])
        let options = try Self.fish(path, "contractctl deadlines --")
        for option in try Self.deadlineOptions() { #expect(options.contains(option), "deadlines \(option) in \(options)") }
        #expect(Set(try Self.fish(path, "contractctl deadlines --format ")) == ["table", "json", "csv", "ics"])
        #expect(Set(try Self.fish(path, "contractctl report --lang ")) == ["zh", "en"])
        #expect(try Self.fish(path, "contractctl record paym") == ["payment"])
        #expect(try Self.fish(path, "contractctl calendar add-w") == ["add-workdays"])
        #expect(try Self.fish(path, "contractctl due -").contains("-p"))
    }

    @Test("completion names the shells it writes for; another is a usage error with a suggestion")
    func unknownShell() throws {
        let run = try Run(["completion", "zhs"])
        #expect(run.code == 64)
        #expect(run.stderr.contains("completion takes the shell: bash, zsh or fish"), "\(run.stderr)")
        #expect(run.stderr.contains("zsh"))
    }
}
