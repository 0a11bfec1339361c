import ContractKit
import Foundation

/// contractctl-bench: generates synthetic contracts and ledgers and times
/// the release contractctl on them, side by side with hledger and with
/// Python's json.load of the same lines. See README, "Performance".
///
///     contractctl-bench run [--sizes 1000x100000,10000x1000000] [--runs 3] [--json FILE]
///     contractctl-bench generate --contracts N --events M --out DIR [--seed S]

struct Measurement {
    var label: String
    var size: String
    var seconds: [Double]
    var peakKB: [Int]
    var exitCode: Int32

    var median: Double { seconds.sorted()[seconds.count / 2] }
    var peak: Int { peakKB.max() ?? 0 }
}

/// Runs a program and returns its wall time, its own peak resident set
/// (wait4's ru_maxrss, in KiB) and exit code; output goes to /dev/null.
func measure(_ program: String, _ arguments: [String], in directory: String) -> (Double, Int, Int32) {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let start = Date()
    let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
    posix_spawn_file_actions_destroy(&actions)
    guard spawned == 0 else { return (0, 0, 127) }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    let elapsed = Date().timeIntervalSince(start)
    let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (elapsed, Int(usage.ru_maxrss), code)
}

func which(_ name: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
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

func option(_ name: String, _ arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let arguments = Array(CommandLine.arguments.dropFirst())
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
let root = packageRoot()
guard let command = arguments.first, ["run", "generate"].contains(command) else {
    print("usage: contractctl-bench run [--sizes 1000x100000,10000x1000000] [--runs 3] [--json FILE]\n       contractctl-bench generate --contracts N --events M --out DIR [--seed S] [--fixtures DIR]")
    exit(64)
}
let seed = UInt64(option("seed", arguments) ?? "") ?? 0x2026_1121

if command == "generate" {
    guard let n = Int(option("contracts", arguments) ?? ""), let m = Int(option("events", arguments) ?? ""), let out = option("out", arguments),
          n > 0, m >= 0 else {
        print("generate needs --contracts N (at least 1) --events M --out DIR")
        exit(64)
    }
    let fixtures = option("fixtures", arguments) ?? root + "/Fixtures/contracts"
    let base: [String: JSONNode]
    do {
        base = try templates(from: fixtures)
    } catch {
        let reason = (error as NSError).localizedDescription
        FileHandle.standardError.write(Data("contractctl-bench: cannot read the template contracts in \(fixtures): \(reason)\n(run it from the package root, or pass --fixtures DIR)\n".utf8))
        exit(66)
    }
    guard !base.isEmpty else {
        FileHandle.standardError.write(Data("contractctl-bench: \(fixtures) holds no contract (*.json with an alias) to use as a template\n".utf8))
        exit(66)
    }
    var generator = Generator(state: seed)
    let result: (payments: Int, bytes: Int)
    do {
        result = try generator.write(contracts: n, events: m, to: out, templates: base)
    } catch {
        FileHandle.standardError.write(Data("contractctl-bench: cannot write to \(out): \((error as NSError).localizedDescription)\n".utf8))
        exit(74)
    }
    print("wrote \(n) contracts and \(m) events (\(result.bytes / 1_000_000) MB, \(result.payments) payments) to \(out)")
    exit(0)
}

let sizes = (option("sizes", arguments) ?? "1000x100000,10000x1000000").split(separator: ",").compactMap { size -> (Int, Int)? in
    let parts = size.split(separator: "x").compactMap { Int($0) }
    return parts.count == 2 ? (parts[0], parts[1]) : nil
}
let runs = Int(option("runs", arguments) ?? "") ?? 3
let binary = root + "/.build/release/contractctl"
guard FileManager.default.isExecutableFile(atPath: binary) else {
    print("build the release binary first: swift build -c release")
    exit(66)
}
var results: [Measurement] = []
for (n, m) in sizes {
    let folder = NSTemporaryDirectory() + "contractctl-bench-\(n)x\(m)"
    if !FileManager.default.fileExists(atPath: folder + "/ledger.jsonl") {
        // In a child process: a spawned child's peak memory (ru_maxrss)
        // counts the parent's resident set at spawn, so the runner stays small.
        let (seconds, _, code) = measure(CommandLine.arguments[0], ["generate", "--contracts", "\(n)", "--events", "\(m)", "--out", folder, "--seed", "\(seed)"], in: root)
        print("generated \(n) contracts and \(m) events in \(folder) (\(Int(seconds)) s, exit \(code))")
    }
    let common = ["--fixtures", folder + "/contracts", "--ledger", folder + "/ledger.jsonl", "--as-of", "2026-11-21"]
    var jobs: [(String, String, [String])] = [
        ("payments", binary, ["payments", "--format", "csv"] + common),
        ("due --year 2026", binary, ["due", "--year", "2026", "--format", "csv"] + common),
        ("penalties", binary, ["penalties", "--format", "csv"] + common),
        ("scores", binary, ["scores", "--format", "csv"] + common),
        ("verify", binary, ["verify", "--fixtures", folder + "/contracts", "--ledger", folder + "/ledger.jsonl"]),
        ("python3 json.loads per line", "python3", ["-c", "import json,sys\nfor l in open(sys.argv[1]): json.loads(l)", folder + "/ledger.jsonl"]),
    ]
    if let hledger = which("hledger") {
        jobs.append(("hledger bal -Q (same payments)", hledger, ["-f", folder + "/payments.journal", "bal", "-Q"]))
    }
    for (label, program, args) in jobs {
        var measurement = Measurement(label: label, size: "\(n)x\(m)", seconds: [], peakKB: [], exitCode: 0)
        for _ in 0..<runs {
            let (seconds, peak, code) = measure(program, args, in: root)
            measurement.seconds.append(seconds)
            measurement.peakKB.append(peak)
            measurement.exitCode = code
        }
        results.append(measurement)
        print(String(format: "%-14@ %-34@ median %8.2f s  peak %7.0f MB  exit %d", measurement.size as NSString, label as NSString, measurement.median, Double(measurement.peak) / 1024, measurement.exitCode))
    }
}
// The ratios the issue asks for: against hledger and Python on the same
// data, and how time and memory grow with size.
for size in Set(results.map(\.size)).sorted() {
    func find(_ label: String) -> Measurement? { results.first { $0.size == size && $0.label.hasPrefix(label) } }
    if let due = find("due --year"), let hledger = find("hledger") {
        print(String(format: "%@: contractctl due --year / hledger bal -Q on the same payments = %.1fx", size as NSString, due.median / max(hledger.median, 0.001)))
    }
    if let payments = find("payments"), let python = find("python3") {
        print(String(format: "%@: contractctl payments / Python json.loads of the same lines = %.1fx", size as NSString, payments.median / max(python.median, 0.001)))
    }
}
if sizes.count >= 2 {
    let small = "\(sizes[0].0)x\(sizes[0].1)"
    let large = "\(sizes[sizes.count - 1].0)x\(sizes[sizes.count - 1].1)"
    for label in ["payments", "due --year 2026", "penalties", "scores", "verify"] {
        if let a = results.first(where: { $0.size == small && $0.label == label }), let b = results.first(where: { $0.size == large && $0.label == label }) {
            print(String(format: "%@ from %@ to %@: time x%.1f, memory x%.1f", label as NSString, small as NSString, large as NSString, b.median / max(a.median, 0.001), Double(b.peak) / Double(max(a.peak, 1))))
        }
    }
}

var json = "{\n  \"date\": \"\(ISO8601DateFormatter().string(from: Date()))\",\n  \"cores\": \(ProcessInfo.processInfo.activeProcessorCount),\n  \"runs\": \(runs),\n  \"results\": [\n"
json += results.map { result in
    "    {\"size\": \"\(result.size)\", \"command\": \"\(result.label)\", \"medianSeconds\": \(String(format: "%.3f", result.median)), \"peakMB\": \(result.peak / 1024), \"exit\": \(result.exitCode)}"
}.joined(separator: ",\n")
json += "\n  ]\n}\n"
if let path = option("json", arguments) { try json.write(toFile: path, atomically: true, encoding: .utf8) }
print(json)
