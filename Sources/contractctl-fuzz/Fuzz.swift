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
            }
        case 2:
            _ = try? JSONParser.parse(body)
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
            }
        default:
            _ = try? CalendarLoader.parse(data, file: "fuzz-calendar.json")
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Target.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Without libFuzzer: a deterministic mutation loop over the bundled
/// fixtures, ledger and hostile corpus. `contractctl-fuzz [SECONDS] [SEED]`.
@main
enum Fuzz {
    static func main() {
        let arguments = CommandLine.arguments
        let seconds = arguments.count > 1 ? Double(arguments[1]) ?? 10 : 10
        var state: UInt64 = arguments.count > 2 ? UInt64(arguments[2]) ?? 0x2026_1121 : 0x2026_1121
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        var seeds: [[UInt8]] = []
        for folder in ["Fixtures/contracts", "Fixtures/examples", "Tests/ContractKitTests/Hostile/fixtures", "Tests/ContractKitTests/Hostile/ledgers"] {
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
                if let data = FileManager.default.contents(atPath: folder + "/" + name) { seeds.append(Array(data)) }
            }
        }
        if let ledger = FileManager.default.contents(atPath: "Fixtures/ledger/example.jsonl") {
            seeds += ledger.split(separator: UInt8(ascii: "\n")).map { Array($0) + [UInt8(ascii: "\n")] }
        }
        seeds += ["壹拾柒万捌仟元整", "2026-02-30", "2025-03-05T10:00+08:00", "2026Q4", "4149000.00", "0.05%"].map { Array($0.utf8) }
        guard !seeds.isEmpty else {
            print("no seeds found: run from the repository's root")
            exit(66)
        }
        let tokens: [[UInt8]] = ["{", "}", "[", "]", ",", ":", "\"", "\\u0000", "1e400", "-0", "null", "\u{FEFF}", "\\ud800", "99999999999999999999", "%", "零", "拾"].map { Array($0.utf8) }
        let start = Date()
        var executions = 0
        print("fuzzing for \(Int(seconds)) s from seed \(state) over \(seeds.count) seeds")
        while Date().timeIntervalSince(start) < seconds {
            var input = seeds[Int(next() % UInt64(seeds.count))]
            for _ in 0..<(1 + Int(next() % 8)) {
                let position = input.isEmpty ? 0 : Int(next() % UInt64(input.count))
                switch next() % 5 {
                case 0 where !input.isEmpty: input[position] = UInt8(truncatingIfNeeded: next())
                case 1 where !input.isEmpty: input.remove(at: position)
                case 2: input.insert(contentsOf: tokens[Int(next() % UInt64(tokens.count))], at: position)
                case 3 where input.count > 2:
                    let length = Int(next() % UInt64(min(64, input.count - position)))
                    input.insert(contentsOf: input[position..<(position + length)], at: Int(next() % UInt64(input.count)))
                default: input = Array(input.prefix(position))
                }
            }
            for selector: UInt8 in 0..<6 { Target.run([selector] + input) }
            executions += 6
            if executions % 60_000 == 0 { print("\(executions) executions, \(Int(Date().timeIntervalSince(start))) s") }
        }
        print("\(executions) executions in \(Int(Date().timeIntervalSince(start))) s, no crash")
    }
}
#endif
