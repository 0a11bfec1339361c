/// The zsh and fish scripts of `contractctl completion`, from the same
/// declarations as the bash one: `ContractCtl.commands`, each command's
/// `options` with their help, choices and completion, and `positionals(of:)`.
extension CompletionCommand {
    /// A zsh completion function for `_arguments`, loadable from `fpath`
    /// (`#compdef`) or by `source` after `compinit` (the `compdef` line).
    static func zsh() -> String {
        let commands = ContractCtl.commands
        var out = """
            #compdef contractctl
            # zsh completion for contractctl, written by `contractctl completion zsh`.
            _contractctl() {
              local -a commands
              commands=(

            """
        for command in commands {
            out += "    '\(zshQuoted(command.name.replacingOccurrences(of: ":", with: "\\:") + ":" + command.summary))'\n"
        }
        out += """
              )
              if (( CURRENT == 2 )); then
                _describe -t commands 'contractctl command' commands
                compadd -- --help --version
                return
              fi
              local command=$words[2]
              shift words
              (( CURRENT-- ))
              case $command in

            """
        for command in commands {
            var specs: [String] = []
            for option in command.options + [Help.helpOption] {
                let help = zshEscaped(option.help)
                let repeated = option.repeatable ? "*" : ""
                var value = ""
                if let placeholder = option.value {
                    let action: String
                    switch option.completion {
                    case .choices: action = "(" + option.choices.map { zshEscaped($0, ": ()") }.joined(separator: " ") + ")"
                    case .file: action = "_files"
                    case .directory: action = "_files -/"
                    case .none: action = " "
                    }
                    value = ":" + zshEscaped(placeholder, ":") + ":" + action
                }
                for spelling in spellingsOf(option) { specs.append(repeated + spelling + "[" + help + "]" + value) }
            }
            let first = positionals(of: command)
            specs.append(first.isEmpty ? "*:argument:_files" : "1:argument:(" + first.map { zshEscaped($0, ": ()") }.joined(separator: " ") + ")")
            out += "    \(command.name))\n      _arguments -s \\\n"
            out += specs.map { "        '\(zshQuoted($0))'" }.joined(separator: " \\\n") + " ;;\n"
        }
        out += """
              esac
            }
            if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
              _contractctl "$@"
            else
              compdef _contractctl contractctl
            fi

            """
        return out
    }

    /// Text inside an `_arguments` spec, on one line, with a backslash
    /// before each of `special`: in an option's [explanation] the brackets
    /// (the default), in a value's message or its choices the colons.
    static func zshEscaped(_ text: String, _ special: String = "[]") -> String {
        var out = ""
        for character in text {
            if character == "\n" { out += " "; continue }
            if character == "\\" || special.contains(character) { out += "\\" }
            out.append(character)
        }
        return out
    }

    /// Text inside single quotes in zsh.
    static func zshQuoted(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "'\\''") }

    /// `complete` lines for fish: the commands while none is given, then each
    /// command's options once it is.
    static func fish() -> String {
        let commands = ContractCtl.commands
        var out = """
            # fish completion for contractctl, written by `contractctl completion fish`.
            complete -c contractctl -f
            complete -c contractctl -n __fish_use_subcommand -l help -s h -d 'show this help'
            complete -c contractctl -n __fish_use_subcommand -l version -d 'print the version'

            """
        for command in commands {
            out += "complete -c contractctl -n __fish_use_subcommand -a \(fishQuoted(command.name)) -d \(fishQuoted(command.summary))\n"
        }
        for command in commands {
            let given = fishQuoted("__fish_seen_subcommand_from " + command.name)
            for option in command.options + [Help.helpOption] {
                var line = "complete -c contractctl -n \(given) -l \(fishQuoted(option.name))"
                if let short = option.short { line += " -s \(fishQuoted(String(short)))" }
                if option.takesValue {
                    switch option.completion {
                    case .choices: line += " -x -a \(fishQuoted(option.choices.joined(separator: " ")))"
                    case .file: line += " -r -F"
                    case .directory: line += " -x -a '(__fish_complete_directories)'"
                    case .none: line += " -x"
                    }
                }
                if !option.help.isEmpty { line += " -d \(fishQuoted(option.help))" }
                out += line + "\n"
            }
            let first = positionals(of: command)
            if !first.isEmpty {
                out += "complete -c contractctl -n \(given) -a \(fishQuoted(first.joined(separator: " ")))\n"
            } else if command.name == DiffCommand.name {
                out += "complete -c contractctl -n \(given) -F\n"
            }
        }
        return out
    }

    /// Text in single quotes in fish, on one line: backslashes and quotes escaped.
    static func fishQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'").replacingOccurrences(of: "\n", with: " ") + "'"
    }
}
