/// A command line split into options and positional arguments, checked
/// against the options a command accepts.
struct Arguments {
    struct Option {
        var name: String
        var takesValue: Bool
        var repeatable: Bool = false
    }

    var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    private(set) var help = false

    /// Accepts `--name value`, `--name=value`, `--flag`, `-h`/`--help`, and
    /// `--` before positionals that start with a dash.
    init(_ arguments: [String], options: [Option]) throws(UsageError) {
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            if argument == "-h" || argument == "--help" { help = true; continue }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            guard let option = options.first(where: { "--" + $0.name == name }) else {
                throw UsageError("unknown option '\(name)'")
            }
            if option.takesValue {
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard index < arguments.count else { throw UsageError("option '\(name)' needs a value") }
                    value = arguments[index]
                    index += 1
                }
                if values[option.name] != nil && !option.repeatable {
                    throw UsageError("option '\(name)' is given more than once")
                }
                values[option.name, default: []].append(value)
            } else {
                guard inline == nil else { throw UsageError("option '\(name)' takes no value") }
                flags.insert(option.name)
            }
        }
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// A command used wrongly: reported with the command's usage, exit 64.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
