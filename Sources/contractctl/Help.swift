import ContractKit

/// `--help` for a command, written from its declarations: the usage lines,
/// its prose, and one line per declared option, so help cannot advertise an
/// option the parser refuses.
enum Help {
    static let width = 80
    static let helpOption = Arguments.Option("help", short: "h", help: "show this help")

    static func text(for command: any Command.Type) -> String {
        let first = "usage: contractctl \(command.name) "
        let lines = command.synopsis.enumerated().map { index, form in
            (index == 0 ? first : String(repeating: " ", count: first.count - "contractctl \(command.name) ".count) + "contractctl \(command.name) ") + form
        }
        var text = lines.joined(separator: "\n") + "\n"
        if !command.about.isEmpty { text += "\n" + command.about + "\n" }
        text += "\noptions:\n" + optionLines(command.options.filter(\.listed) + [helpOption])
        return text
    }

    /// Two columns: the spelling, then the help wrapped beside it.
    static func optionLines(_ options: [Arguments.Option]) -> String {
        let column = min(24, (options.map { $0.spelling.count }.max() ?? 0) + 4)
        var out = ""
        for option in options {
            let words = wrap(describe(option), width: width - column)
            let spelling = "  " + option.spelling
            var rest = words[...]
            if spelling.count + 2 <= column {
                out += spelling.padding(toLength: column, withPad: " ", startingAt: 0) + (rest.popFirst() ?? "") + "\n"
            } else {
                out += spelling + "\n"
            }
            for line in rest { out += String(repeating: " ", count: column) + line + "\n" }
        }
        return out
    }

    /// The help sentence, with the choices and the default when the sentence
    /// does not already name them.
    static func describe(_ option: Arguments.Option) -> String {
        var text = option.help
        if let value = option.defaultValue { text += " (default: \(value))" }
        if option.repeatable { text += "; repeatable" }
        return text
    }

    /// Words filled into lines of at most `width` terminal columns.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = String(word)
            } else if displayWidth(line) + 1 + displayWidth(String(word)) <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
