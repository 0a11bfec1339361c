import Foundation

/// The two data sets a row runs on: the mixed ledger (every kind of event,
/// `generate`) and the payments-heavy one (`generate --payments`).
enum DataSet: String {
    case mixed, payments
}

/// Where one run finds its data: the contracts, and the ledger it reads
/// (a fresh link or copy of the data set's ledger, see `Runner`).
struct Paths {
    var fixtures: String
    var ledger: String
    var journal: String
    /// An alias in the data set, for `--contract ONE`.
    var one: String
}

/// One line of the benchmark's table.
struct Row {
    /// What `--only` names.
    var id: String
    var label: String
    var dataSet: DataSet
    var action: Action
    /// Exit codes that mean the command did its work (check: 1 = findings).
    var expected: Set<Int32> = [0]
    /// The goal at 10,000 x 1,000,000, if it sets one.
    var goal: Goal?

    enum Action {
        /// contractctl ARGS, from a cold start: no cache (a fresh cache
        /// directory, the ledger linked into a fresh folder).
        case read((Paths) -> [String])
        /// contractctl record ARGS on a fresh copy of the ledger, cold.
        case record((Paths) -> [String])
        /// On a fresh copy: READ once (not timed), then time RECORD: the
        /// ledger has only grown since the last run.
        case recordAfterRead(read: (Paths) -> [String], record: (Paths) -> [String])
        /// On a fresh copy: READ once, RECORD one event (neither timed),
        /// then time READ again: the ledger has grown by one line.
        case readAfterGrowth(read: (Paths) -> [String], record: (Paths) -> [String])
        /// Another program on the data set's own files (Python, hledger).
        case external(program: String, arguments: (Paths) -> [String])
    }

    struct Goal {
        var seconds: Double
        var megabytes: Int?
        var text: String { megabytes.map { "<= \(Self.format(seconds)) s, <= \($0 / 1000) GB" } ?? "<= \(Self.format(seconds)) s" }
        static func format(_ value: Double) -> String { value >= 1 ? String(Int(value)) : String(value) }
    }
}

enum Rows {
    static let asOf = "2026-11-21"

    /// The read commands the issue times, with the arguments after the command word.
    static let reads: [(id: String, words: [String], expected: Set<Int32>)] = [
        ("payments", ["payments", "--format", "csv", "--as-of", asOf], [0]),
        ("due", ["due", "--year", "2026", "--format", "csv", "--as-of", asOf], [0]),
        ("penalties", ["penalties", "--format", "csv", "--as-of", asOf], [0]),
        ("scores", ["scores", "--format", "csv", "--as-of", asOf], [0]),
        ("guarantees", ["guarantees", "--format", "csv", "--as-of", asOf], [0]),
        ("deadlines", ["deadlines", "--format", "csv", "--as-of", asOf], [0]),
        // check reports the documents' own errors (exit 1) on the templates.
        ("check", ["check", "--format", "csv"], [0, 1]),
    ]

    static func on(_ paths: Paths, _ words: [String]) -> [String] {
        words + ["--fixtures", paths.fixtures, "--ledger", paths.ledger]
    }

    /// One event any run may append: a service delay on a minhang contract
    /// (its §10 counts them), dated before the as-of day.
    static func recordOne(_ paths: Paths) -> [String] {
        ["record", "serviceDelay", "--contract", paths.one, "--day", "2026-11-20", "--days", "1", "--fixtures", paths.fixtures, "--ledger", paths.ledger]
    }

    static let python = "import json,sys\nfor l in open(sys.argv[1], encoding='utf-8'): json.loads(l)"

    static var all: [Row] {
        let read = Row.Goal(seconds: 2, megabytes: 1000)
        var rows: [Row] = [
            Row(id: "python", label: "Python json.loads of each line", dataSet: .mixed,
                action: .external(program: "python3", arguments: { ["-c", python, $0.ledger] })),
        ]
        for (id, words, expected) in reads {
            let label = words.prefix { $0 != "--format" }.joined(separator: " ")
            rows.append(Row(id: id, label: label, dataSet: .mixed, action: .read { on($0, words) }, expected: expected, goal: read))
        }
        rows += [
            Row(id: "verify", label: "verify", dataSet: .mixed, action: .read { ["verify", "--fixtures", $0.fixtures, "--ledger", $0.ledger] },
                goal: Row.Goal(seconds: 2, megabytes: 1000)),
            Row(id: "payments-one", label: "payments --contract ONE", dataSet: .mixed,
                action: .read { on($0, ["payments", "--contract", $0.one, "--format", "csv", "--as-of", asOf]) }, goal: read),
            Row(id: "record", label: "record one event (cold)", dataSet: .mixed, action: .record(recordOne)),
            Row(id: "record+1", label: "record one event after a read", dataSet: .mixed,
                action: .recordAfterRead(read: { on($0, reads[0].words) }, record: recordOne), goal: Row.Goal(seconds: 0.2)),
        ]
        for (id, words, expected) in reads {
            let label = words.prefix { $0 != "--format" }.joined(separator: " ") + ", ledger grown by one line"
            rows.append(Row(id: id + "+1", label: label, dataSet: .mixed,
                            action: .readAfterGrowth(read: { on($0, words) }, record: recordOne), expected: expected, goal: Row.Goal(seconds: 0.3)))
        }
        rows += [
            Row(id: "ph-python", label: "Python json.loads of each line", dataSet: .payments,
                action: .external(program: "python3", arguments: { ["-c", python, $0.ledger] })),
            Row(id: "ph-due", label: "due --year 2026", dataSet: .payments, action: .read { on($0, reads[1].words) }, goal: read),
            Row(id: "ph-payments", label: "payments", dataSet: .payments, action: .read { on($0, reads[0].words) }, goal: read),
        ]
        rows.append(Row(id: "ph-hledger", label: "hledger bal -Q, the same payments", dataSet: .payments,
                        action: .external(program: "hledger", arguments: { ["-f", $0.journal, "bal", "-Q"] })))
        return rows
    }
}
