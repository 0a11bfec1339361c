import ContractKit
import Foundation

/// Feeds one input to every parser and loader of untrusted text. Each must
/// return a value or a typed error; a trap or a crash is a finding.
enum Target {
    static let contracts: ContractSet = {
        let folder = ProcessInfo.processInfo.environment["CONTRACTCTL_FIXTURES"] ?? "Fixtures/contracts"
        return (try? ContractLoader.load(folder: folder)) ?? ContractSet(contracts: [], folder: folder)
    }()

    static func run(_ bytes: [UInt8]) {
        guard let selector = bytes.first else { return }
        let body = Array(bytes.dropFirst())
        let data = Data(body)
        switch selector % 6 {
        case 0:
            _ = try? ContractLoader.decode(data, file: "fuzz.json")
        case 1:
            if let text = String(validating: body, as: UTF8.self) {
                _ = try? LedgerLoader.parse(text, file: "fuzz.jsonl", contracts: contracts)
                ledgerReading(text)
            }
        case 2:
            _ = try? JSONParser.parse(body)
            _ = LedgerSeal.parse(body)
        case 3:
            if let text = String(validating: body, as: UTF8.self) {
                _ = try? ChineseAmount.parse(text)
                _ = try? Money(parsing: text)
                _ = try? Percent(parsing: text)
            }
        case 4:
            if let text = String(validating: body, as: UTF8.self) {
                _ = CalendarDay(parsing: text)
                _ = Instant(parsing: text)
                _ = DayRange.quarter(text)
                statementReading(text)
            }
        default:
            _ = try? CalendarLoader.parse(data, file: "fuzz-calendar.json")
        }
    }
}

extension Target {
    static let key = Array("fuzz key".utf8)

    /// The one line reader (CRLF, blank lines, a last line without line
    /// end), the chain, and the seal over what it reads: a seal of the
    /// first half of the lines checked against all of them, and one of all
    /// of them, which must match (anything else is a finding: a trap).
    static func ledgerReading(_ text: String) {
        let lines = LedgerLines(text)
        let texts = lines.texts
        _ = LedgerChain.verify(texts, numbers: lines.numbers)
        let tail = lines.tail.map { Substring($0.text) }
        let half = LedgerSeal.sealing(Array(texts.prefix(texts.count / 2)), key: key)
        _ = half.problem(texts: texts, numbers: lines.numbers, tail: tail, key: key)
        let whole = LedgerSeal.sealing(texts, key: key)
        if let problem = whole.problem(texts: texts, numbers: lines.numbers, tail: tail, key: key) {
            say("FINDING: a ledger does not match its own seal: \(problem)")
            abort()
        }
        guard let reread = LedgerSeal.parse(Array(whole.text.utf8)), reread == whole else {
            say("FINDING: a seal does not read back as written: \(whole.text)")
            abort()
        }
    }
}

extension Target {
    /// A bank statement as `import` reads it: the CSV reader, the day and
    /// amount readers, and the rows under a layout of positions.
    static func statementReading(_ text: String) {
        _ = try? CSVReader.records(text)
        _ = BankStatement.statementDay(text)
        _ = try? BankStatement.statementAmount(text)
        var layout = StatementLayout()
        layout.date = .numbered(1)
        layout.debit = .numbered(2)
        layout.credit = .numbered(3)
        layout.account = .numbered(4)
        layout.reference = .numbered(5)
        if let read = try? BankStatement.read(text, file: "fuzz.csv", layout: layout) {
            _ = StatementImport.plan(read.rows, source: "fuzz.csv", contracts: contracts, ledger: .empty, nextLine: 1)
        }
    }
}

/// A line on standard output, written at once (not buffered), so that
/// progress and findings are there even if a trap ends the run.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// The value mode's state, made on first use.
enum ValueMode {
    nonisolated(unsafe) static var target: LedgerValueTarget? = LedgerValueTarget()
}

#if FUZZING
/// libFuzzer: the first byte picks a loader; selector 6 runs the value
/// mode, with the rest of the input as the source of its choices.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes.first.map({ $0 % 7 == 6 }) == true, let target = ValueMode.target {
        var random = Random(bytes: Array(bytes.dropFirst()))
        target.run(&random)
    } else {
        Target.run(bytes)
    }
    return 0
}
#else
/// Without libFuzzer: `contractctl-fuzz [SECONDS] [SEED] [MODE]`. MODE
/// `bytes` mutates the bytes of the bundled fixtures, ledger and hostile
/// corpus for every parser and loader; `values` mutates the values inside
/// valid ledger lines and runs every command on what record accepts; `both`
/// (the default) alternates them. The same seed gives the same run.
@main
enum Fuzz {
    static func main() {
        let arguments = CommandLine.arguments
        let seconds = arguments.count > 1 ? Double(arguments[1]) ?? 10 : 10
        var random = Random(seed: arguments.count > 2 ? UInt64(arguments[2]) ?? 0x2026_1121 : 0x2026_1121)
        let mode = arguments.count > 3 ? arguments[3] : "both"
        guard ["bytes", "values", "both"].contains(mode) else {
            say("usage: contractctl-fuzz [SECONDS] [SEED] [bytes|values|both]")
            exit(64)
        }
        var seeds: [[UInt8]] = []
        for folder in ["Fixtures/contracts", "Fixtures/examples", "Fixtures/statements", "Tests/ContractKitTests/Hostile/fixtures", "Tests/ContractKitTests/Hostile/ledgers"] {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
                if let data = FileManager.default.contents(atPath: folder + "/" + name) { seeds.append(Array(data)) }
            }
        }
        if let ledger = FileManager.default.contents(atPath: "Fixtures/ledger/example.jsonl") {
            seeds += ledger.split(separator: UInt8(ascii: "\n")).map { Array($0) + [UInt8(ascii: "\n")] }
        }
        if let ledger = FileManager.default.contents(atPath: "Fixtures/ledger/example.jsonl") {
            // The same ledger with CRLF line ends and blank lines, and a seal.
            let text = String(decoding: ledger, as: UTF8.self)
            seeds.append(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
            seeds.append(Array(text.replacingOccurrences(of: "\n", with: "\n \n\n").utf8))
            let lines = LedgerLines(text)
            seeds.append(Array(LedgerSeal(current: LedgerSeal.sealing(lines.texts, key: Target.key).current,
                                          pending: LedgerSeal.sealing(Array(lines.texts.dropLast()), key: Target.key).current).text.utf8))
        }
        seeds += ["壹拾柒万捌仟元整", "2026-02-30", "2025-03-05T10:00+08:00", "2026Q4", "4149000.00", "0.05%"].map { Array($0.utf8) }
        let values = mode == "bytes" ? nil : ValueMode.target
        guard !seeds.isEmpty, mode == "bytes" || values != nil else {
            say("no seeds found: run from the repository's root (the value mode also needs Fixtures/ledger/example.jsonl to load against the fixtures)")
            exit(66)
        }
        Crash.install()
        Crash.watch(seconds: 60)
        let tokens: [[UInt8]] = ["\r\n", "\n", "\r", "\n\n", " \t\n", "{", "}", "[", "]", ",", ":", "\"", "\\u0000", "1e400", "-0", "null", "\u{FEFF}", "\\ud800", "99999999999999999999", "%", "零", "拾"].map { Array($0.utf8) }
        let start = Date()
        var executions = 0
        var reported = 0
        say("fuzzing (\(mode)) for \(Int(seconds)) s from seed \(random.state) over \(seeds.count) byte seeds and \(values?.seeds.count ?? 0) ledger lines")
        while Date().timeIntervalSince(start) < seconds {
            Crash.started = ProcessInfo.processInfo.systemUptime
            defer { Crash.started = 0 }
            if let values, mode == "values" || executions % 2 == 1 {
                values.run(&random)
                executions += 1
            } else {
                var input = seeds[random.below(seeds.count)]
                for _ in 0..<(1 + random.below(8)) {
                    let position = random.below(input.count)
                    switch random.below(5) {
                    case 0 where !input.isEmpty: input[position] = UInt8(truncatingIfNeeded: random.next())
                    case 1 where !input.isEmpty: input.remove(at: position)
                    case 2: input.insert(contentsOf: random.pick(tokens), at: position)
                    case 3 where input.count > 2:
                        let length = random.below(min(64, input.count - position))
                        input.insert(contentsOf: input[position..<(position + length)], at: random.below(input.count))
                    default: input = Array(input.prefix(position))
                    }
                }
                Crash.note([String(decoding: input, as: UTF8.self)])
                for selector: UInt8 in 0..<6 { Target.run([selector] + input) }
                executions += 1
            }
            let elapsed = Int(Date().timeIntervalSince(start))
            if elapsed >= (reported + 1) * 30 {
                reported = elapsed / 30
                say(progress(executions, elapsed, values))
            }
        }
        say(progress(executions, Int(Date().timeIntervalSince(start)), values) + ", no crash")
        if let values { try? FileManager.default.removeItem(atPath: values.scratch) }
        if let values, values.findings > 0 {
            say("\(values.findings) finding(s): see FINDING above")
            exit(1)
        }
    }

    static func progress(_ executions: Int, _ seconds: Int, _ values: LedgerValueTarget?) -> String {
        var text = "\(executions) executions in \(seconds) s"
        if let values {
            text += " (\(values.executions) ledger runs, \(values.contractsMutated) with a contract's terms mutated: \(values.accepted) mutated lines accepted, \(values.refused) refused, \(values.typedErrors) typed errors)"
        }
        return text
    }
}
#endif
