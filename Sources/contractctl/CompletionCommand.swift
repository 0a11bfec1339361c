import ContractKit

/// `contractctl completion bash|zsh|fish` and `contractctl man`: the shell
/// completion scripts and the manual page, written from the same option
/// declarations the parser and `--help` read.
enum CompletionCommand: Command {
    static let name = "completion"
    static let summary = "the bash, zsh or fish completion script, from the option declarations"
    static let synopsis = ["bash|zsh|fish"]
    static let about = """
        Writes a completion script for bash, zsh or fish: commands, each
        command's options (with their help, in zsh and fish), the values an
        option takes where they are fixed (--format, --lang), files and
        folders for --ledger, --calendar and --fixtures, record's event types
        and calendar's subcommands. Load it with
          source <(contractctl completion bash)
        or save it as ~/.local/share/bash-completion/completions/contractctl;
          contractctl completion zsh > ~/.zfunc/_contractctl
        with ~/.zfunc in fpath before compinit, or
          source <(contractctl completion zsh)
        after compinit;
          contractctl completion fish > ~/.config/fish/completions/contractctl.fish
        """
    static let options: [Arguments.Option] = []

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        switch arguments.positionals {
        case ["bash"]: return CommandResult(output: bash())
        case ["zsh"]: return CommandResult(output: zsh())
        case ["fish"]: return CommandResult(output: fish())
        default: throw CommandFailure(usage: "completion takes the shell: bash, zsh or fish" + Suggestion.didYouMean(arguments.positionals.first ?? "", among: shells))
        }
    }

    /// Words for the first positional of a command: its subcommands or types.
    static func positionals(of command: any Command.Type) -> [String] {
        switch command.name {
        case CalendarCommand.name: return CalendarCommand.subcommands
        case RecordCommand.name: return EventTypes.names
        case "completion": return shells
        default: return []
        }
    }

    static let shells = ["bash", "zsh", "fish"]

    /// `--period` and `-p`.
    static func spellingsOf(_ option: Arguments.Option) -> [String] {
        var spellings = ["--" + option.name]
        if let short = option.short { spellings.append("-" + String(short)) }
        return spellings
    }

    static func bash() -> String {
        let commands = ContractCtl.commands
        let names = commands.map { $0.name }.joined(separator: " ")
        var out = """
            # bash completion for contractctl, written by `contractctl completion bash`.
            _contractctl() {
                local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
                if [ "$COMP_CWORD" -eq 1 ]; then
                    COMPREPLY=($(compgen -W "\(names) --help --version" -- "$cur"))
                    return
                fi
                case "${COMP_WORDS[1]}" in

            """
        for command in commands {
            let options = command.options + [Help.helpOption]
            out += "        \(command.name))\n            case \"$prev\" in\n"
            for option in options where option.takesValue {
                let spellings = spellingsOf(option).joined(separator: "|")
                let reply: String
                switch option.completion {
                case .choices: reply = "COMPREPLY=($(compgen -W \"\(option.choices.joined(separator: " "))\" -- \"$cur\"))"
                case .file: reply = "COMPREPLY=($(compgen -f -- \"$cur\"))"
                case .directory: reply = "COMPREPLY=($(compgen -d -- \"$cur\"))"
                case .none: reply = "COMPREPLY=()"
                }
                out += "                \(spellings)) \(reply); return ;;\n"
            }
            out += "            esac\n"
            let words = options.flatMap(spellingsOf)
            let first = positionals(of: command)
            if !first.isEmpty {
                out += "            if [ \"$COMP_CWORD\" -eq 2 ]; then COMPREPLY=($(compgen -W \"\(first.joined(separator: " "))\" -- \"$cur\")); return; fi\n"
            }
            out += "            COMPREPLY=($(compgen -W \"\(words.joined(separator: " "))\" -- \"$cur\")) ;;\n"
        }
        out += """
                esac
            }
            complete -o default -F _contractctl contractctl

            """
        return out
    }
}

/// `contractctl man`: contractctl(1) in roff, for `man -l` or a MANPATH.
enum ManCommand: Command {
    static let name = "man"
    static let summary = "the manual page contractctl(1), from the option declarations"
    static let about = """
        Writes the manual page in roff: every command with its usage, its
        description and its options as --help gives them. Read it with
          contractctl man > contractctl.1 && man -l contractctl.1
        """
    static let options: [Arguments.Option] = []

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        guard arguments.positionals.isEmpty else { throw CommandFailure(usage: "unexpected argument '\(arguments.positionals[0])'") }
        return CommandResult(output: page())
    }

    /// Text safe in roff: backslashes as \\e, minus signs as \\-, other than
    /// ASCII as \\[uXXXX], and no line starting with a control character (. or ').
    static func escape(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var body = ""
            for scalar in line.unicodeScalars {
                switch scalar {
                case "\\": body += "\\e"
                case "-": body += "\\-"
                case _ where scalar.isASCII: body.unicodeScalars.append(scalar)
                default: body += "\\[u" + hex(scalar.value) + "]"
                }
            }
            return body.hasPrefix(".") || body.hasPrefix("'") ? "\\&" + body : body
        }.joined(separator: "\n")
    }

    /// 00A7: at least four upper-case hex digits, as groff's \\[uXXXX] wants.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func page() -> String {
        var out = """
            .TH CONTRACTCTL 1 "" "contractctl \(ContractCtl.version)" "User Commands"
            .SH NAME
            contractctl \\- \(escape("a contract and SLA compliance ledger for operations and cloud-service contracts"))
            .SH SYNOPSIS
            .B contractctl
            .I COMMAND
            [\\fIOPTIONS\\fR]
            .br
            .B contractctl \\-\\-version
            .SH EXIT STATUS
            0 ok; 1 findings or differences (check, diff, verify); 64 usage; 65 bad data; 66 input not found; 74 I/O error.
            .SH COMMANDS

            """
        for command in ContractCtl.commands {
            out += ".SS \(escape(command.name))\n\(escape(command.summary)).\n"
            for form in command.synopsis {
                out += ".PP\n.B contractctl \(escape(command.name))\n\(escape(form))\n"
            }
            if !command.about.isEmpty { out += ".PP\n.nf\n\(escape(command.about))\n.fi\n" }
            for option in command.options.filter(\.listed) + [Help.helpOption] {
                out += ".TP\n.B \(escape(option.spelling))\n\(escape(Help.describe(option)))\n"
            }
        }
        out += ".SH SEE ALSO\nThe README.md and docs/readings.md beside the program.\n"
        return out
    }
}
