import ContractKit
import Foundation

/// contractctl-bench: generates synthetic contracts and ledgers and times
/// the release contractctl on them, side by side with hledger and with
/// Python's json.loads of the same lines. See README, "Performance".
let usage = """
    usage: contractctl-bench run [--sizes NxM,...] [--payment-sizes NxM,...] [--runs R] [--only ROW,...]
                                 [--json FILE] [--binary PATH] [--data DIR] [--seed S]
           contractctl-bench run --list
           contractctl-bench generate --contracts N --events M --out DIR [--payments] [--seed S] [--fixtures DIR]

    run: times every row (--list shows them) on N contracts x M events of every kind
      (--sizes, default 1000x100000,10000x1000000) and on N contracts x M payment
      events (--payment-sizes, default: the same sizes), R times each (default 3),
      and prints the medians, the peak memory, the ratios to Python and hledger
      measured in the same run and the growth from the first size to the last.
      --only ROW,...    time only these rows (e.g. --only python,due,due+1)
      --json FILE       where the results go (default Benchmarks/results-DATE.json)
      --binary PATH     the contractctl to time (default .build/release/contractctl)
      --data DIR        where the generated data sets are kept (default /tmp/bench-data);
                        a set is generated once and reused while its stamp says it is whole
    generate: writes DIR/contracts/*.json, DIR/ledger.jsonl and DIR/payments.journal
      (the ledger's payments as an hledger journal); --payments makes the M events
      payments spread over each contract's instalments. DIR must be empty or absent.
    """

func fail(_ message: String, _ code: Int32) -> Never {
    FileHandle.standardError.write(Data("contractctl-bench: \(message)\n".utf8))
    exit(code)
}

func templates(from folder: String) throws -> [String: JSONNode] {
    var result: [String: JSONNode] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".json") {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name)"))
        let node = try JSONParser.parse(Array(data))
        if case .string(let alias)? = node["alias"] { result[alias] = node }
    }
    return result
}

extension JSONNode {
    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}

/// The options after the command word: `--name value` pairs and the flags
/// named in `flags`; anything else is a usage error naming it.
func parseOptions(_ words: [String], values: Set<String>, flags: Set<String>) -> [String: String] {
    var options: [String: String] = [:]
    var at = 0
    while at < words.count {
        let word = words[at]
        guard word.hasPrefix("--") else { fail("unexpected argument '\(word)'\n\(usage)", 64) }
        let name = String(word.dropFirst(2))
        if flags.contains(name) {
            options[name] = ""
            at += 1
        } else if values.contains(name) {
            guard at + 1 < words.count, !words[at + 1].hasPrefix("--") else { fail("--\(name) needs a value\n\(usage)", 64) }
            options[name] = words[at + 1]
            at += 2
        } else {
            fail("unknown option '\(word)'\n\(usage)", 64)
        }
    }
    return options
}

/// The package root: the working directory when it holds the bundled
/// fixtures, else the nearest folder above this binary (.build/...) that does.
func packageRoot() -> String {
    let current = FileManager.default.currentDirectoryPath
    if FileManager.default.fileExists(atPath: current + "/Fixtures/contracts") { return current }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: URL(fileURLWithPath: current, isDirectory: true)).standardizedFileURL
    while folder.path != "/" {
        folder = folder.deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: folder.path + "/Fixtures/contracts") { return folder.path }
    }
    return current
}

/// "NxM,NxM": contracts x events, each at least 5 contracts (one of each
/// template) and at least as many events as contracts.
func parseSizes(_ text: String, option: String) -> [(contracts: Int, events: Int)] {
    text.split(separator: ",", omittingEmptySubsequences: false).map { size in
        let parts = size.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let n = parts[0], let m = parts[1], n >= 5, m >= n else {
            fail("--\(option) '\(size)': expected CONTRACTSxEVENTS such as 1000x100000, with at least 5 contracts and as many events as contracts", 64)
        }
        return (n, m)
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
let root = packageRoot()
guard let command = arguments.first else { fail(usage, 64) }
if ["help", "--help", "-h"].contains(command) {
    print(usage)
    exit(0)
}
guard ["run", "generate"].contains(command) else { fail("unknown command '\(command)'\n\(usage)", 64) }

if command == "generate" {
    let options = parseOptions(Array(arguments.dropFirst()), values: ["contracts", "events", "out", "seed", "fixtures"], flags: ["payments"])
    guard let n = Int(options["contracts"] ?? ""), let m = Int(options["events"] ?? ""), let out = options["out"], n > 0, m >= 0 else {
        fail("generate needs --contracts N (at least 1) --events M (0 or more) --out DIR\n\(usage)", 64)
    }
    guard let seed = options["seed"].map({ UInt64($0) }) ?? 0x2026_1121, seed != 0 else { fail("--seed '\(options["seed"] ?? "")': expected a whole number above 0", 64) }
    if let existing = try? FileManager.default.contentsOfDirectory(atPath: out), !existing.isEmpty {
        fail("\(out) is not empty: generate writes into an empty or new folder (remove it, or choose another --out)", 64)
    }
    let fixtures = options["fixtures"] ?? root + "/Fixtures/contracts"
    let base: [String: JSONNode]
    do {
        base = try templates(from: fixtures)
    } catch {
        fail("cannot read the template contracts in \(fixtures): \((error as NSError).localizedDescription)\n(run it from the package root, or pass --fixtures DIR)", 66)
    }
    guard !base.isEmpty else { fail("\(fixtures) holds no contract (*.json with an alias) to use as a template", 66) }
    var generator = Generator(state: seed)
    let result: (payments: Int, bytes: Int)
    do {
        result = options["payments"] != nil
            ? try generator.writePayments(contracts: n, payments: m, to: out, templates: base)
            : try generator.write(contracts: n, events: m, to: out, templates: base)
        // Written last: a set without it was cut short and is made again.
        try "contractctl-bench generate --contracts \(n) --events \(m)\(options["payments"] != nil ? " --payments" : "") --seed \(seed)\n"
            .write(toFile: out + "/GENERATED", atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write to \(out): \((error as NSError).localizedDescription)", 74)
    }
    print("wrote \(n) contracts and \(m) events (\(result.bytes / 1_000_000) MB, \(result.payments) payments) to \(out)")
    exit(0)
}

// run
let options = parseOptions(Array(arguments.dropFirst()), values: ["sizes", "payment-sizes", "runs", "only", "json", "binary", "data", "seed"], flags: ["list"])
let rows = Rows.all
if options["list"] != nil {
    for row in rows { print(pad(row.id, 14) + (row.dataSet == .payments ? "[payments-heavy set] " : "") + row.label) }
    exit(0)
}
let sizes = parseSizes(options["sizes"] ?? "1000x100000,10000x1000000", option: "sizes")
let paymentSizes = options["payment-sizes"].map { parseSizes($0, option: "payment-sizes") } ?? sizes
guard let runs = Int(options["runs"] ?? "3"), runs >= 1 else { fail("--runs '\(options["runs"] ?? "")': expected a whole number, 1 or more", 64) }
guard let seed = options["seed"].map({ UInt64($0) }) ?? 0x2026_1121, seed != 0 else { fail("--seed '\(options["seed"] ?? "")': expected a whole number above 0", 64) }
var selected = rows
if let only = options["only"] {
    let names = only.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    let known = Set(rows.map(\.id))
    if names.isEmpty || names.contains(where: { !known.contains($0) }) {
        fail("--only: no row '\(names.first { !known.contains($0) } ?? "")'; the rows are: \(rows.map(\.id).joined(separator: ", ")) (--list says what each times)", 64)
    }
    selected = rows.filter { names.contains($0.id) }
}
let binary = options["binary"] ?? root + "/.build/release/contractctl"
guard FileManager.default.isExecutableFile(atPath: binary) else {
    fail("no contractctl at \(binary): build it first (swift build -c release --product contractctl), or pass --binary PATH", 66)
}
let dataRoot = options["data"] ?? NSTemporaryDirectory() + "bench-data"
let jsonPath: String = options["json"] ?? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return root + "/Benchmarks/results-\(formatter.string(from: Date())).json"
}()

/// The data set's folder, generated (in a child process, so that the
/// runner stays small) unless a whole one is there already.
func dataSet(_ kind: DataSet, contracts n: Int, events m: Int) -> String {
    let folder = "\(dataRoot)/\(kind.rawValue)-\(n)x\(m)-seed\(seed)-v\(Generator.version)"
    if FileManager.default.fileExists(atPath: folder + "/GENERATED") { return folder }
    try? FileManager.default.removeItem(atPath: folder)
    let runner = Runner(work: NSTemporaryDirectory())
    let self_ = which(CommandLine.arguments[0]) ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    var words = ["generate", "--contracts", "\(n)", "--events", "\(m)", "--out", folder, "--seed", "\(seed)", "--fixtures", root + "/Fixtures/contracts"]
    if kind == .payments { words.append("--payments") }
    print("generating \(kind.rawValue) \(n)x\(m) in \(folder) ...")
    fflush(nil)
    let outcome = runner.spawn(self_, words, cache: NSTemporaryDirectory())
    guard outcome.exitCode == 0 else { fail("generating \(folder) failed (exit \(outcome.exitCode)): \(outcome.stderrTail)", outcome.exitCode == 127 ? 70 : 74) }
    print(String(format: "generated in %.0f s", outcome.seconds))
    return folder
}

func gitCommit() -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "-C", root, "rev-parse", "--short", "HEAD"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return "unknown" }
    process.waitUntilExit()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return process.terminationStatus == 0 ? text : "unknown"
}

let work = NSTemporaryDirectory() + "bench-work-\(getpid())"
do {
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
} catch {
    fail("cannot make \(work): \((error as NSError).localizedDescription)", 73)
}
let runner = Runner(work: work)
print("machine: \(Report.machine); contractctl: \(binary); \(runs) run(s) per row, median shown")
var results: [Measurement] = []
for (kind, list) in [(DataSet.mixed, sizes), (.payments, paymentSizes)] {
    let mine = selected.filter { $0.dataSet == kind }
    guard !mine.isEmpty else { continue }
    for (n, m) in list {
        let folder = dataSet(kind, contracts: n, events: m)
        // The first minhang contract (the templates sorted: keping, liyang, minhang, ...).
        let one = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/contracts"))?
            .filter { $0.hasPrefix("minhang-2026-g") }.sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }.first
            .map { String($0.dropLast(".json".count)) } ?? "minhang-2026-g2"
        let paths = Paths(fixtures: folder + "/contracts", ledger: folder + "/ledger.jsonl", journal: folder + "/payments.journal", one: one)
        for row in mine {
            let measurement = runner.measure(row, size: "\(n)x\(m)", events: m, data: paths, binary: binary, runs: runs)
            results.append(measurement)
            let report = Report(results: results, runs: runs, binary: binary, commit: "")
            print(Report.line(measurement, versus: report.versusPython(measurement), goal: report.meetsGoal(measurement)))
            fflush(nil)  // so that progress shows through a pipe (| tee)
        }
    }
}
try? FileManager.default.removeItem(atPath: work)
// The checkout's commit names the binary only when it is the checkout's build.
let report = Report(results: results, runs: runs, binary: binary, commit: options["binary"] == nil ? gitCommit() : "unknown (--binary \(binary))")
report.printSummary()
do {
    try report.json.write(toFile: jsonPath, atomically: true, encoding: .utf8)
    print("\nresults: \(jsonPath)")
} catch {
    fail("cannot write the results to \(jsonPath): \((error as NSError).localizedDescription)", 74)
}
exit(results.allSatisfy(\.ok) ? 0 : 1)
