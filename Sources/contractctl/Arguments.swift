/// A command line split into options and positional arguments, checked
/// against the options a command declares.
struct Arguments {
    /// One option, declared once: its spelling, its value, its default and
    /// its help. Parsing, `--help`, shell completion and the man page are all
    /// read from this declaration.
    struct Option: Sendable {
        /// What a shell completes the value with.
        enum Completion: Sendable, Equatable { case none, file, directory, choices }

        var name: String
        /// A one-letter spelling, `-p` for `--period`.
        var short: Character?
        /// The value's placeholder in help (`DAY`, `FILE`); nil for a flag.
        var value: String?
        var repeatable = false
        /// What `value(_:)` gives when the option is not given, shown in help.
        var defaultValue: String?
        var help: String
        /// The values allowed, completed by the shell; empty for any value.
        var choices: [String] = []
        var completion: Completion = .none
        /// Whether the option block of `--help` lists it (record's event
        /// fields are described by the types table instead).
        var listed = true

        init(_ name: String, short: Character? = nil, value: String? = nil, repeatable: Bool = false, default defaultValue: String? = nil,
             choices: [String] = [], completion: Completion? = nil, listed: Bool = true, help: String) {
            self.name = name
            self.short = short
            self.value = value
            self.repeatable = repeatable
            self.defaultValue = defaultValue
            self.help = help
            self.choices = choices
            self.completion = completion ?? (choices.isEmpty ? .none : .choices)
            self.listed = listed
        }

        /// The older spelling, without help: kept so that an option added on
        /// another branch still compiles; it shows in help as its name alone.
        init(name: String, takesValue: Bool, repeatable: Bool = false) {
            self.init(name, value: takesValue ? "VALUE" : nil, repeatable: repeatable, help: "")
        }

        var takesValue: Bool { value != nil }

        /// `-p, --period PERIOD`
        var spelling: String {
            (short.map { "-\($0), " } ?? "") + "--" + name + (value.map { " " + $0 } ?? "")
        }
    }

    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    private(set) var help = false
    private let options: [Option]

    /// Accepts `--name value`, `--name=value`, `-x value`, `-xvalue`, `--flag`,
    /// `-h`/`--help`, and `--` before positionals that start with a dash. A
    /// negative number (`-3`, `-5.00`) is a positional: no option is spelt so.
    init(_ arguments: [String], options: [Option]) throws(UsageError) {
        self.options = options
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" || Self.isNegativeNumber(argument) {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            if argument == "-h" || argument == "--help" { help = true; continue }
            let (option, spelt, inline) = try Self.match(argument, among: options)
            if option.takesValue {
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard index < arguments.count else { throw UsageError("option '\(spelt)' needs a value") }
                    value = arguments[index]
                    index += 1
                }
                if values[option.name] != nil && !option.repeatable {
                    throw UsageError("option '\(spelt)' is given more than once")
                }
                values[option.name, default: []].append(value)
            } else {
                guard inline == nil else { throw UsageError("option '\(spelt)' takes no value") }
                flags.insert(option.name)
            }
        }
    }

    /// The option an argument names, how the user spelt it, and a value
    /// given in the same argument (`--as-of=2026-11-21`, `-p2026Q4`).
    private static func match(_ argument: String, among options: [Option]) throws(UsageError) -> (Option, String, String?) {
        if argument.hasPrefix("--") {
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            guard let option = options.first(where: { "--" + $0.name == name }) else {
                throw UsageError("unknown option '\(name)'" + Suggestion.didYouMean(name, among: options.map { "--" + $0.name } + ["--help"]))
            }
            return (option, name, inline)
        }
        let letter = argument.dropFirst().first
        let spelt = "-" + (letter.map { String($0) } ?? "")
        guard let option = options.first(where: { $0.short != nil && $0.short == letter }) else {
            throw UsageError("unknown option '\(argument)'" + Suggestion.didYouMean(argument, among: options.compactMap { $0.short.map { "-\($0)" } } + ["-h"]))
        }
        var rest = String(argument.dropFirst(2))
        if rest.hasPrefix("=") { rest.removeFirst() }
        return (option, spelt, rest.isEmpty && !argument.hasSuffix("=") ? nil : rest)
    }

    /// `-3`, `-0.5`, `-5.00`: a minus sign, then digits with at most one point.
    static func isNegativeNumber(_ argument: String) -> Bool {
        let body = argument.dropFirst()
        guard argument.hasPrefix("-"), let first = body.first, first.isASCII, first.isNumber else { return false }
        return body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." } && body.filter { $0 == "." }.count <= 1
    }

    /// The value given, or nil.
    func value(_ name: String) -> String? { values[name]?.last }
    /// The value given, else the declared default.
    func valueOrDefault(_ name: String) -> String? { value(name) ?? options.first { $0.name == name }?.defaultValue }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The same arguments without one option's values (deadlines reads
    /// `--format ics` itself before the shared reader sees the rest).
    func removing(_ name: String) -> Arguments {
        var copy = self
        copy.values[name] = nil
        return copy
    }
}

/// A command used wrongly: one line, then where to read the usage; exit 64.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
