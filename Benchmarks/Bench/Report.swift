import Foundation

/// The ratios the issue asks for, printed and written as JSON: each row
/// against Python's json.loads of the same lines (same size, same run),
/// `due --year` against hledger on the same payments, and growth from the
/// smallest to the largest size of each data set.
struct Report {
    var results: [Measurement]
    var runs: Int
    var binary: String
    var commit: String

    func find(_ id: String, _ size: String, _ dataSet: DataSet) -> Measurement? {
        results.first { $0.row.id == id && $0.size == size && $0.row.dataSet == dataSet && $0.ok }
    }

    /// The row's median over Python's on the same lines, if both ran.
    func versusPython(_ m: Measurement) -> Double? {
        guard m.ok, !m.row.id.hasSuffix("python"),
              let python = find(m.row.dataSet == .payments ? "ph-python" : "python", m.size, m.row.dataSet) else { return nil }
        return m.median / max(python.median, 0.000_001)
    }

    func meetsGoal(_ m: Measurement) -> Bool? {
        guard m.ok, let goal = m.row.goal else { return nil }
        return m.median <= goal.seconds && (goal.megabytes.map { m.peakMB <= Double($0) } ?? true)
    }

    /// hledger's median over contractctl due's, per payments size: how many
    /// times faster contractctl is (the goal: at least 50).
    var hledgerRatios: [(size: String, times: Double)] {
        sizes(of: .payments).compactMap { size in
            guard let due = find("ph-due", size, .payments), let hledger = find("ph-hledger", size, .payments) else { return nil }
            return (size, hledger.median / max(due.median, 0.000_001))
        }
    }

    func sizes(of dataSet: DataSet) -> [String] {
        var seen: [String] = []
        for m in results where m.row.dataSet == dataSet && !seen.contains(m.size) { seen.append(m.size) }
        return seen
    }

    /// Time and memory from the first size to the last, per row.
    var growth: [(row: Row, from: String, to: String, time: Double, memory: Double)] {
        var out: [(Row, String, String, Double, Double)] = []
        for dataSet in [DataSet.mixed, .payments] {
            let sizes = sizes(of: dataSet)
            guard let small = sizes.first, let large = sizes.last, small != large else { continue }
            for m in results where m.size == small && m.row.dataSet == dataSet {
                guard let a = find(m.row.id, small, dataSet), let b = find(m.row.id, large, dataSet) else { continue }
                out.append((m.row, small, large, b.median / max(a.median, 0.000_001), b.peakMB / max(a.peakMB, 0.001)))
            }
        }
        return out
    }

    static func line(_ m: Measurement, versus python: Double?, goal: Bool?) -> String {
        let name = (m.row.dataSet == .payments ? "[payments] " : "") + m.row.label
        let head = pad(m.size, 14) + pad(m.row.id, 13) + pad(name, 52)
        guard m.ok else { return head + "FAILED: " + (m.failure ?? "no run") }
        var text = head + String(format: "%8.3f s %8.1f MB  exit %d", m.median, m.peakMB, m.exitCode)
        if let python { text += String(format: "  %6.2fx Python", python) }
        if let goal, let target = m.row.goal { text += "  goal \(target.text): " + (goal ? "met" : "not met") }
        return text
    }

    func printSummary() {
        print("")
        for (size, times) in hledgerRatios {
            print("\(size): hledger bal -Q takes " + String(format: "%.1f", times) + "x as long as contractctl due --year 2026 on the same payments (goal: at least 50x)")
        }
        for g in growth {
            let goal = g.row.id.hasSuffix("python") || g.row.id == "ph-hledger" ? "" : (g.time <= 10.5 ? "  (goal <= x10.5: met)" : "  (goal <= x10.5: not met)")
            print("growth " + pad(g.row.id, 13) + "\(g.from) -> \(g.to): " + String(format: "time x%.1f, memory x%.1f", g.time, g.memory) + goal)
        }
        let failed = results.filter { !$0.ok }
        if !failed.isEmpty {
            print("\n\(failed.count) row(s) have no figure:")
            for m in failed { print("  \(m.size) \(m.row.id): " + (m.failure ?? "").prefix { $0 != "\n" }) }
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func number(_ value: Double) -> String { String(format: "%.3f", value) }

    /// The machine, as /proc says (Linux): CPU model and memory.
    static var machine: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("model name") }?.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        let kib = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("MemTotal") }?.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(kib / 1_048_576) GiB"
    }

    var json: String {
        var out = "{\n"
        out += "  \"date\": \(Report.quote(ISO8601DateFormatter().string(from: Date()))),\n"
        out += "  \"machine\": \(Report.quote(Report.machine)),\n"
        out += "  \"cores\": \(ProcessInfo.processInfo.activeProcessorCount),\n"
        out += "  \"binary\": \(Report.quote(binary)),\n"
        out += "  \"commit\": \(Report.quote(commit)),\n"
        out += "  \"runs\": \(runs),\n"
        out += "  \"asOf\": \(Report.quote(Rows.asOf)),\n"
        out += "  \"results\": [\n"
        out += results.map { m in
            var fields = [
                "\"dataSet\": \(Report.quote(m.row.dataSet.rawValue))", "\"size\": \(Report.quote(m.size))",
                "\"row\": \(Report.quote(m.row.id))", "\"command\": \(Report.quote(m.row.label))",
                "\"seconds\": [\(m.seconds.map(Report.number).joined(separator: ", "))]",
                "\"medianSeconds\": \(Report.number(m.median))", "\"peakMB\": \(Int(m.peakMB.rounded()))", "\"exit\": \(m.exitCode)",
            ]
            if let ratio = versusPython(m) { fields.append("\"timesPython\": \(Report.number(ratio))") }
            if let goal = m.row.goal { fields.append("\"goal\": \(Report.quote(goal.text))") }
            if let met = meetsGoal(m) { fields.append("\"meetsGoal\": \(met)") }
            if let failure = m.failure { fields.append("\"failure\": \(Report.quote(failure))") }
            fields.append("\"commandLine\": \(Report.quote(m.commandLine))")
            return "    {" + fields.joined(separator: ", ") + "}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"hledgerOverDue\": [\n"
        out += hledgerRatios.map { "    {\"size\": \(Report.quote($0.size)), \"times\": \(Report.number($0.times))}" }.joined(separator: ",\n")
        out += "\n  ],\n  \"growth\": [\n"
        out += growth.map {
            "    {\"dataSet\": \(Report.quote($0.row.dataSet.rawValue)), \"row\": \(Report.quote($0.row.id)), \"from\": \(Report.quote($0.from)), \"to\": \(Report.quote($0.to)), \"time\": \(Report.number($0.time)), \"memory\": \(Report.number($0.memory))}"
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }
}

/// `text` padded with spaces to `width` characters (String(format:)'s
/// `%-14@` does not pad on Linux).
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
