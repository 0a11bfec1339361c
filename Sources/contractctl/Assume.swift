import ContractKit
import Foundation

/// `--assume FILE`: what if. Events in the ledger format, read after the
/// ledger's lines as if appended and never written. A command given it runs
/// twice, with and without them, and marks what differs: a table row with
/// " *" and a footnote, a JSON object with `"assumed": true`, a line of the
/// HTML report with the class `assumed` and a legend note. CSV and iCalendar
/// are written unmarked (their columns are fixed).
enum Assume {
    static let option = Arguments.Option("assume", value: "FILE", completion: .file,
        help: "what if: events in the ledger format read after the ledger's, as if appended, never written; - for standard input. Figures they change are marked assumed")

    /// The mark after a table row the assumed events change.
    static let mark = " *"

    /// Standard input, read once: the run without the assumed events reads
    /// the same ledger again.
    nonisolated(unsafe) private static var standardInputData: Data?

    static func standardInput() -> Data {
        if let data = standardInputData { return data }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        standardInputData = data
        return data
    }

    /// The assumed file's name and text, when `--assume` is given.
    static func file(_ arguments: Arguments) throws(CommandFailure) -> (name: String, text: String)? {
        guard let path = arguments.value("assume") else { return nil }
        if path == "-", arguments.value("ledger") == "-" {
            throw CommandFailure(usage: "--assume - and --ledger - both read standard input; give one of them a file")
        }
        do throws(LoadErrors) {
            if path == "-" {
                let name = "standard input (--assume)"
                return (name, try LedgerLoader.text(of: standardInput(), name: name))
            }
            return (path, try LedgerLoader.text(ofFile: path))
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
    }

    /// Runs `command`; with `--assume`, runs it again without and marks
    /// what the assumed events change.
    static func run(_ command: any Command.Type, _ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        guard let path = arguments.value("assume") else { return try command.run(arguments) }
        if arguments.value("ledger") == "-" || path == "-" { _ = standardInput() }
        let out = command == ReportCommand.self ? arguments.value("out") : nil
        if let out {
            // What report itself refuses, checked here as the runs below write no file.
            var fixtures = try Common.fixturesGiven(arguments)
            if fixtures == nil { fixtures = try Common.bundledFixtures() }
            let inputs = [path, fixtures, try Common.ledgerChoice(arguments).path, arguments.value("calendar")].compactMap { $0 }
            if let input = OutputFile.clash(out, inputs: inputs.filter { $0 != "-" }) {
                throw CommandFailure(usage: "--out '\(out)' is \(input), which report reads; give another file")
            }
        }
        let given = out == nil ? arguments : arguments.removing("out")
        var result = try command.run(given)
        let baseline = try command.run(given.removing("assume"))
        let count = try file(arguments).map { LedgerLines($0.text + "\n").lines.count } ?? 0
        let name = path == "-" ? "standard input" : path
        result.notes.append("assuming \(count) event\(count == 1 ? "" : "s") from \(name) (not recorded)")
        if result.output == baseline.output { result.notes.append("the assumed events change nothing in this output") }
        switch format(of: command, arguments) {
        case "table": result.output = markTable(result.output, baseline: baseline.output, file: name) ?? result.output
        case "json": result.output = markJSON(result.output, baseline: baseline.output)
        case "html": result.output = markHTML(result.output, baseline: baseline.output, file: name, chinese: (arguments.valueOrDefault("lang") ?? "zh") == "zh")
        default: break
        }
        if let out {
            do {
                try OutputFile.write(result.output, to: out)
            } catch {
                throw CommandFailure(loadErrors: error.errors)
            }
            result.output = "wrote \(out)\n"
        }
        return result
    }

    static func format(of command: any Command.Type, _ arguments: Arguments) -> String {
        if command == ReportCommand.self { return "html" }
        return arguments.value("format") ?? "table"
    }

    /// Which lines of `new` are not in `old`: those outside a longest
    /// common subsequence of the two, after their common ends.
    static func changed(_ new: [Substring], _ old: [Substring]) -> Set<Int> {
        var start = 0
        while start < new.count, start < old.count, new[start] == old[start] { start += 1 }
        var newEnd = new.count, oldEnd = old.count
        while newEnd > start, oldEnd > start, new[newEnd - 1] == old[oldEnd - 1] { newEnd -= 1; oldEnd -= 1 }
        let a = Array(new[start..<newEnd]), b = Array(old[start..<oldEnd])
        guard !a.isEmpty else { return [] }
        guard !b.isEmpty else { return Set(start..<newEnd) }
        // Past a few million cells (a register of a huge ledger), line by
        // line instead: never a table the memory cannot hold.
        guard a.count * b.count <= 4_000_000 else {
            return Set(a.indices.filter { $0 >= b.count || a[$0] != b[$0] }.map { start + $0 })
        }
        // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var result = Set<Int>()
        var i = 0, j = 0
        while i < a.count {
            if j < b.count, a[i] == b[j] {
                i += 1; j += 1
            } else if j < b.count, lengths[i][j + 1] >= lengths[i + 1][j] {
                j += 1
            } else {
                result.insert(start + i)
                i += 1
            }
        }
        return result
    }

    static func collapsed(_ line: Substring) -> Substring {
        Substring(line.split(separator: " ").joined(separator: " "))
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// A table: each line the assumed events change ends with " *", and a
    /// footnote says so; nil when they change no line.
    static func markTable(_ output: String, baseline: String, file: String) -> String? {
        var rows = lines(output)
        // Compared with runs of spaces as one: a column narrowed or widened
        // by an assumed figure does not mark every row; rules are not rows.
        let marked = changed(rows.map(collapsed), lines(baseline).map(collapsed)).filter { !rows[$0].allSatisfy { $0 == " " || $0 == "-" } }
        guard !marked.isEmpty else { return nil }
        for index in marked { rows[index] = Substring(rows[index].replacing(/\s+$/, with: "") + mark) }
        return rows.joined(separator: "\n") + "\n* assumed (from \(file)), not recorded\n"
    }

    /// JSON: every object with a figure the assumed events change gets
    /// `"assumed": true`.
    static func markJSON(_ output: String, baseline: String) -> String {
        guard let new = try? JSONParser.parse(Array(output.utf8)), let old = try? JSONParser.parse(Array(baseline.utf8)) else { return output }
        let trailing = output.hasSuffix("\n") ? "\n" : ""
        return value(marking(new, against: old)).rendered() + trailing
    }

    /// `node` with `"assumed": true` on each object whose own scalars differ
    /// from `old`'s (or that has no counterpart); arrays of the same length
    /// are compared item by item, others by a common subsequence.
    static func marking(_ node: JSONNode, against old: JSONNode?) -> JSONNode {
        switch node {
        case .object(let members):
            let before: [String: JSONNode]
            if case .object(let oldMembers)? = old {
                before = Dictionary(oldMembers.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            } else {
                before = [:]
            }
            var changed = old == nil
            var result: [JSONNode.Member] = []
            for member in members {
                switch member.value {
                case .object, .array:
                    result.append(JSONNode.Member(key: member.key, value: marking(member.value, against: before[member.key])))
                default:
                    if before[member.key] != member.value { changed = true }
                    result.append(member)
                }
            }
            if changed, !members.isEmpty, !result.contains(where: { $0.key == "assumed" }) {
                result.append(JSONNode.Member(key: "assumed", value: .bool(true)))
            }
            return .object(result)
        case .array(let items):
            guard case .array(let oldItems)? = old else { return .array(items.map { marking($0, against: nil) }) }
            if items.count == oldItems.count { return .array(zip(items, oldItems).map { marking($0, against: $1) }) }
            let new = items.map { Substring(value($0).rendered()) }, before = oldItems.map { Substring(value($0).rendered()) }
            let differing = changed(new, before)
            return .array(items.enumerated().map { differing.contains($0.offset) ? marking($0.element, against: nil) : $0.element })
        default:
            return node
        }
    }

    static func value(_ node: JSONNode) -> JSONValue { JSONValue(node) }

    /// The HTML report: each element line the assumed events change gets
    /// the class `assumed`, outlined, with a note under the title.
    static func markHTML(_ output: String, baseline: String, file: String, chinese: Bool) -> String {
        var rows = lines(output)
        for index in changed(rows, lines(baseline)) {
            rows[index] = Substring(classed(String(rows[index])))
        }
        let note = chinese
            ? "<p class=\"assumed-note\"><span class=\"assumed\">假设</span>：虚线框出的数字因 \(escape(file)) 中假设的事件而变，这些事件并未记录</p>"
            : "<p class=\"assumed-note\"><span class=\"assumed\">assumed</span>: figures outlined so are changed by the events assumed from \(escape(file)), which are not recorded</p>"
        let style = "<style>\n.assumed { outline: 2px dashed #b45309; outline-offset: 1px; } .assumed-note { color: #b45309; }\n</style>"
        var html = rows.joined(separator: "\n")
        if let head = html.range(of: "</head>") { html.replaceSubrange(head, with: style + "\n</head>") }
        if let meta = html.range(of: "<p class=\"meta\">"), let end = html[meta.upperBound...].range(of: "</p>\n") {
            html.insert(contentsOf: note + "\n", at: end.upperBound)
        }
        return html
    }

    /// `<tr class="x">` -> `<tr class="assumed x">`; `<td>` -> `<td class="assumed">`; text is left as it is.
    static func classed(_ line: String) -> String {
        guard line.hasPrefix("<"), let second = line.dropFirst().first, second.isLetter,
              let tagEnd = line.firstIndex(where: { $0 == " " || $0 == ">" || $0 == "/" }) else { return line }
        let tag = line[..<tagEnd]
        let rest = line[tagEnd...]
        if let close = rest.firstIndex(of: ">"), let attribute = rest[..<close].range(of: " class=\"") {
            var result = line
            result.insert(contentsOf: "assumed ", at: attribute.upperBound)
            return result
        }
        return tag + " class=\"assumed\"" + rest
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
