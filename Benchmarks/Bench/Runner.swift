import Foundation

/// One row measured at one size.
struct Measurement {
    var row: Row
    var size: String
    var events: Int
    var seconds: [Double] = []
    var peakKB: [Int] = []
    var exitCode: Int32 = 0
    /// Why the row has no figure (a tool missing, a command that failed).
    var failure: String?
    var commandLine: String = ""

    var median: Double { seconds.isEmpty ? 0 : seconds.sorted()[seconds.count / 2] }
    var peakMB: Double { Double(peakKB.max() ?? 0) / 1024 }
    var ok: Bool { failure == nil && !seconds.isEmpty }
}

/// What one spawned process did.
struct Outcome {
    var seconds: Double
    var peakKB: Int
    var exitCode: Int32
    /// When it failed: the first lines it wrote to stderr (else stdout).
    var stderrTail: String
}

func which(_ name: String) -> String? {
    if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(folder)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// Spawns the programs a row times, each in an environment of its own:
/// CONTRACTCTL_* removed (no ledger, key or fixtures from the caller's
/// shell), XDG_CACHE_HOME set to the run's own folder, so that a cache
/// contractctl keeps there starts empty on each cold run.
struct Runner {
    /// A folder the runner owns (made empty on start, removed on finish).
    var work: String

    /// Runs `program`; wall time, its peak resident set (wait4's ru_maxrss,
    /// KiB: the child's own, the runner stays small), exit code. stdout goes
    /// to /dev/null, stderr to a file whose end is kept.
    func spawn(_ program: String, _ arguments: [String], cache: String) -> Outcome {
        let errors = work + "/stderr", output = work + "/stdout"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // A file, not /dev/null: a command that fails may say why on stdout (verify does).
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CONTRACTCTL_") }
        environment["XDG_CACHE_HOME"] = cache
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else {
            return Outcome(seconds: 0, peakKB: 0, exitCode: 127, stderrTail: "cannot start \(program): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1, errno == EINTR {}
        let elapsed = Date().timeIntervalSince(start)
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        // The first lines of its stderr, else of its stdout, for a message.
        var tail = ""
        if code != 0 {
            let said = ((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "").split(separator: "\n")
            let printed = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n")
            tail = (said.isEmpty ? printed : said).prefix(2).joined(separator: "\n    ")
        }
        return Outcome(seconds: elapsed, peakKB: Int(usage.ru_maxrss), exitCode: code, stderrTail: tail)
    }

    /// A fresh folder for one run, with an empty cache folder in it.
    func fresh(_ name: String) throws -> (folder: String, cache: String) {
        let folder = work + "/" + name
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder + "/cache", withIntermediateDirectories: true)
        return (folder, folder + "/cache")
    }

    /// Measures `row` `runs` times on the data set in `data`.
    func measure(_ row: Row, size: String, events: Int, data: Paths, binary: String, runs: Int) -> Measurement {
        var result = Measurement(row: row, size: size, events: events)
        for run in 0..<runs {
            let outcome: Outcome
            do {
                outcome = try once(row, data: data, binary: binary, run: run, line: &result.commandLine)
            } catch {
                result.failure = error.description
                return result
            }
            result.exitCode = outcome.exitCode
            guard row.expected.contains(outcome.exitCode) else {
                result.failure = "exit \(outcome.exitCode)" + (outcome.stderrTail.isEmpty ? "" : ": " + outcome.stderrTail)
                return result
            }
            result.seconds.append(outcome.seconds)
            result.peakKB.append(outcome.peakKB)
        }
        return result
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One timed run; the copying and the untimed steps come before the spawn that is timed.
    func once(_ row: Row, data: Paths, binary: String, run: Int, line: inout String) throws(Failure) -> Outcome {
        let fresh: (folder: String, cache: String)
        do { fresh = try self.fresh("run") } catch { throw Failure(description: "cannot make a folder under \(work): \(error.localizedDescription)") }
        defer { try? FileManager.default.removeItem(atPath: fresh.folder) }
        var paths = data
        paths.ledger = fresh.folder + "/ledger.jsonl"
        func show(_ program: String, _ arguments: [String]) -> String {
            ([program] + arguments).map { $0.contains(" ") || $0.contains("\n") ? "'\($0)'" : $0 }.joined(separator: " ")
                .replacingOccurrences(of: fresh.folder + "/ledger.jsonl", with: "COPY-OF-LEDGER")
        }
        func setUp(_ arguments: [String]) throws(Failure) {
            let outcome = spawn(binary, arguments, cache: fresh.cache)
            guard outcome.exitCode == 0 || (arguments.first == "check" && outcome.exitCode == 1) else {
                throw Failure(description: "the untimed step `\(show(binary, arguments))` exited \(outcome.exitCode): \(outcome.stderrTail)")
            }
        }
        switch row.action {
        case .external(let program, let arguments):
            guard let path = which(program) else {
                throw Failure(description: "\(program) is not installed (not on PATH)" + (program == "hledger" ? "; apt-get install hledger" : ""))
            }
            line = show(program, arguments(data))
            return spawn(path, arguments(data), cache: fresh.cache)
        case .read(let arguments):
            // A link, not a copy: a read does not change the ledger, and a
            // path of its own means no cache kept beside it or keyed by it.
            try link(data.ledger, to: paths.ledger)
            line = show(binary, arguments(paths))
            return spawn(binary, arguments(paths), cache: fresh.cache)
        case .record(let arguments):
            try copy(data.ledger, to: paths.ledger)
            line = show(binary, arguments(paths))
            settle()
            return spawn(binary, arguments(paths), cache: fresh.cache)
        case .recordAfterRead(let read, let record):
            try copy(data.ledger, to: paths.ledger)
            try setUp(read(paths))
            line = "after `\(show(binary, read(paths)))`: " + show(binary, record(paths))
            settle()
            return spawn(binary, record(paths), cache: fresh.cache)
        case .readAfterGrowth(let read, let record):
            try copy(data.ledger, to: paths.ledger)
            try setUp(read(paths))
            try setUp(record(paths))
            line = "after `\(show(binary, read(paths)))` and `\(show(binary, record(paths)))`: " + show(binary, read(paths))
            settle()
            return spawn(binary, read(paths), cache: fresh.cache)
        }
    }

    /// The copy of the ledger (255 MB at a million lines) and what the
    /// untimed steps wrote are put on disk before the timed run, so that it
    /// does not pay for their write-back: a record right after a copy took
    /// 0.31 s instead of 0.13 s.
    func settle() {
        sync()
    }

    func link(_ source: String, to target: String) throws(Failure) {
        if (try? FileManager.default.linkItem(atPath: source, toPath: target)) != nil { return }
        try copy(source, to: target)
    }

    func copy(_ source: String, to target: String) throws(Failure) {
        do {
            try FileManager.default.copyItem(atPath: source, toPath: target)
        } catch {
            throw Failure(description: "cannot copy \(source) to \(target): \(error.localizedDescription)")
        }
    }
}
