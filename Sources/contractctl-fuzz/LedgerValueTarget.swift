import ContractKit
import Foundation

/// The value mode: takes a valid ledger line (of the example ledger,
/// or one `record` writes), mutates the values inside it, offers it to
/// `record`'s checks after the valid example ledger (or in place of the
/// line it came from), and runs every command on what is accepted, as of
/// days that include the ends of the calendar.
///
/// Now and then one contract's terms are mutated too (see
/// `ContractValueMutator`) and the example ledger is offered to `record`
/// line by line against them, keeping what it accepts: the fixtures'
/// amounts are too small for a ledger alone to take a figure past what
/// money holds.
///
/// Besides traps, it reports what breaks the ledger's promises: a line
/// `record` accepts that the loader or verify then refuses, and a figure a
/// command cannot compute as of the day `record` checked the event for.
final class LedgerValueTarget {
    let contracts: ContractSet
    let mutator: LedgerLineMutator
    let contractMutator = ContractValueMutator()
    /// The fixtures as parsed JSON, in the order of `contracts`.
    let fixtures: [JSONNode]
    let calendar = CalendarLoader.builtin
    /// The example ledger's lines, without their chain fields.
    let example: [String]
    /// Valid lines to mutate: the example's and the kinds `record` writes.
    let seeds: [JSONNode]
    let exampleLedger: Ledger
    /// The example ledger without line i (0-based), where it is still valid.
    var without: [Int: Ledger] = [:]
    let scratch: String

    /// CONTRACTCTL_FUZZ_SHOW=1 prints each accepted line: to see what the mutations reach.
    static let showAccepted = ProcessInfo.processInfo.environment["CONTRACTCTL_FUZZ_SHOW"] == "1"

    var executions = 0
    var accepted = 0
    var refused = 0
    var typedErrors = 0
    var findings = 0
    var contractsMutated = 0

    init?(root: String = ".") {
        let folder = ProcessInfo.processInfo.environment["CONTRACTCTL_FIXTURES"] ?? root + "/Fixtures/contracts"
        guard let set = try? ContractLoader.load(folder: folder),
              let text = try? String(contentsOfFile: root + "/Fixtures/ledger/example.jsonl", encoding: .utf8) else { return nil }
        contracts = set
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        let fixtures = files.compactMap { FileManager.default.contents(atPath: folder + "/" + $0).flatMap { try? JSONParser.parse(Array($0)) } }
        guard fixtures.count == set.contracts.count else { return nil }
        self.fixtures = fixtures
        mutator = LedgerLineMutator(contracts: set, fixtures: fixtures)
        let nodes = text.split(separator: "\n").compactMap { try? JSONParser.parse(Array($0.utf8)) }.map(LedgerValueTarget.unchained)
        example = nodes.map(\.compactText)
        seeds = nodes + LedgerValueTarget.recordLines.compactMap { try? JSONParser.parse(Array($0.utf8)) }
        guard let ledger = try? LedgerLoader.parse(example.joined(separator: "\n") + "\n", file: "example", contracts: set) else { return nil }
        exampleLedger = ledger
        for index in example.indices {
            var lines = example
            lines.remove(at: index)
            without[index] = try? LedgerLoader.parse(lines.joined(separator: "\n") + "\n", file: "example", contracts: set)
        }
        scratch = NSTemporaryDirectory() + "contractctl-fuzz-\(ProcessInfo.processInfo.processIdentifier).jsonl"
    }

    static func unchained(_ node: JSONNode) -> JSONNode {
        guard case .object(let members) = node else { return node }
        return .object(members.filter { $0.key != "prev" && $0.key != "hash" })
    }

    /// Lines of every kind, as `record TYPE --contract ... --FIELD VALUE` writes them.
    static let recordLines = [
        #"{"contract":"minhang-2026","type":"assessment","from":"2026-10-01","to":"2026-12-31","occurrences":{"workOrders":{"late":1}},"additional":{"dataLeak":2,"securityIncident":1}}"#,
        #"{"contract":"minhang-2026","type":"guarantee","day":"2027-06-01","guarantee":"advance","action":"deducted","amount":"100000.00"}"#,
        #"{"contract":"minhang-2026","type":"guarantee","day":"2027-06-01","guarantee":"performance","action":"released"}"#,
        #"{"contract":"minhang-2026","type":"excuse","cause":"forceMajeure","from":"2026-08-05","to":"2026-08-10"}"#,
        #"{"contract":"minhang-2026","type":"breach","day":"2026-09-01","clause":"§10.3","party":"supplier"}"#,
        #"{"contract":"minhang-2026","type":"notice","day":"2027-05-01","kind":"nonRenewal","party":"buyer"}"#,
        #"{"contract":"qingpu-2026","type":"acceptance","day":"2027-01-20","stage":"final"}"#,
        #"{"contract":"qingpu-2026","type":"invoice","day":"2027-01-25","amount":"627540.00","instalment":"2"}"#,
        #"{"contract":"qingpu-2026","type":"payment","day":"2027-02-10","amount":"627540.00","instalment":"2"}"#,
        #"{"contract":"qingpu-2026","type":"breach","day":"2026-09-01","clause":"§9.1(2)","party":"supplier"}"#,
        #"{"contract":"weinan-2026","type":"invoice","day":"2026-11-20","instalment":"2"}"#,
        #"{"contract":"weinan-2026","type":"payment","day":"2026-12-20","amount":"139000.00","instalment":"2"}"#,
        #"{"contract":"weinan-2026","type":"serviceDelay","day":"2026-10-01","days":40,"cause":"forceMajeure"}"#,
        #"{"contract":"weinan-2026","type":"excuse","cause":"forceMajeure","from":"2026-09-20","to":"2026-09-30"}"#,
        #"{"contract":"liyang-2024","type":"payment","day":"2026-05-01","amount":"190000.00"}"#,
        #"{"contract":"liyang-2024","type":"request","kind":"ordinary","received":"2025-10-08T09:00+08:00","agreedDue":"2025-10-09T18:00+08:00","complaint":"cityGovernment"}"#,
        #"{"contract":"liyang-2024","type":"request","kind":"complex","received":"2025-11-01T10:00+08:00"}"#,
        #"{"contract":"liyang-2024","type":"incident","grade":"specialMajor","subsystem":"records","occurred":"2025-11-02T08:00+08:00"}"#,
        #"{"contract":"liyang-2024","type":"incident","grade":"major","subsystem":"ecg","occurred":"2025-11-20T08:00+08:00","resolved":"2025-11-21T08:00+08:00"}"#,
        #"{"contract":"liyang-2024","type":"staffViolation","day":"2025-11-03","violation":"noHolidayAnswer","amount":"300.00"}"#,
        #"{"contract":"liyang-2024","type":"excuse","instalment":"1","cause":"budgetAllocation","from":"2025-02-27","to":"2025-03-05"}"#,
        #"{"contract":"liyang-2024","type":"serviceDelay","day":"2025-09-01","days":10}"#,
        #"{"contract":"minhang-2026","type":"assert","day":"2026-07-20","figure":"paid","amount":"4149000.00","instalment":"1"}"#,
        #"{"contract":"keping-2024","type":"assert","day":"2025-12-31","figure":"penalties","amount":"74700.00","party":"supplier"}"#,
        #"{"contract":"liyang-2024","type":"breach","day":"2025-09-01","clause":"附件3","party":"supplier"}"#,
        #"{"contract":"keping-2024","type":"notice","day":"2026-06-01","kind":"termination","party":"buyer","withoutCause":true}"#,
        #"{"contract":"keping-2024","type":"breach","day":"2026-01-10","clause":"§4.1","party":"buyer"}"#,
    ]

    /// One execution: 1 to 3 mutated lines offered in turn; if any is
    /// accepted, the ledger is read back, verified, and every command run.
    func run(_ random: inout Random) {
        executions += 1
        Crash.header = ""
        keep(contract: nil)
        var contracts = self.contracts
        var ledger = exampleLedger
        var lines = example
        var seedIndex: Int?
        var mutated: Contract?
        if random.chance(35) {
            let index = random.below(fixtures.count)
            let text = contractMutator.mutate(fixtures[index], &random).compactText
            keep(contract: index, text)
            Crash.header = "(with the terms of \(self.contracts.contracts[index].alias) mutated: CONTRACTCTL_FUZZ_KEEP=DIR keeps them)\n"
            note([])
            guard let contract = try? ContractLoader.decode(Data(text.utf8), file: "fuzz.json") else { return }
            contractsMutated += 1
            contracts.contracts[index] = contract
            mutated = contract
            lines = []
            ledger = Ledger()
            for line in example {
                note(lines + [line])
                guard let admitted = try? LedgerWriter.admit(line, line: lines.count + 1, after: ledger, contracts: contracts) else { continue }
                lines.append(admitted.compact)
                ledger = Ledger(events: ledger.events + [admitted.event])
            }
        } else if random.chance(30) {
            let index = random.below(example.count)
            if let shorter = without[index] {
                ledger = shorter
                lines.remove(at: index)
                seedIndex = index
            }
        }
        var added: [LedgerEvent] = []
        for step in 0..<(1 + random.below(3)) {
            let seed = step == 0 ? seedIndex.map { seeds[$0] } ?? random.pick(seeds) : random.pick(seeds)
            let text = mutator.mutate(seed, &random).compactText
            note(lines + [text])
            do {
                let admitted = try LedgerWriter.admit(text, line: lines.count + 1, after: ledger, contracts: contracts)
                lines.append(admitted.compact)
                ledger = Ledger(events: ledger.events + [admitted.event])
                added.append(admitted.event)
                accepted += 1
                if LedgerValueTarget.showAccepted { say("accepted: \(admitted.compact)") }
            } catch {
                refused += 1
            }
        }
        guard !added.isEmpty || mutated != nil else { return }
        note(lines)

        // What record accepted, the loader and verify accept too.
        var sealed: [String] = []
        for line in lines { sealed.append(LedgerChain.seal(line, prev: LedgerChain.head(of: sealed.map { Substring($0) }))) }
        let text = sealed.joined(separator: "\n") + "\n"
        do {
            _ = try LedgerLoader.parse(text, file: "fuzz", contracts: contracts)
        } catch {
            finding("record accepted lines the loader refuses: \(error.description)", lines)
        }
        if FileManager.default.createFile(atPath: scratch, contents: Data(text.utf8)) {
            if let verification = try? LedgerLoader.verify(path: scratch, contracts: contracts), !verification.whole {
                finding("record accepted lines verify refuses: \(verification.problems.map(\.description)) \(String(describing: verification.chainBreak))", lines)
            }
        }

        // Every command, for each contract record checked an event of, as of
        // the day it checked it for (the latest day of that contract's
        // events), where no figure may fail; and for all contracts as of
        // other days, where a typed error is an answer.
        let touched = Set(added.map(\.contractID) + (mutated.map { [$0.id] } ?? []))
        for id in touched.sorted() {
            guard let contract = contracts.find(id), let day = ledger.byContract[id]?.map(\.day).max() else { continue }
            let errors = EveryCommand.run([contract], ledger: ledger, asOf: day, calendar: calendar, html: nil)
            if !errors.isEmpty {
                finding("as of \(day), the day record checked \(contract.alias)'s last event for: \(errors.joined(separator: "; "))", lines)
            }
        }
        var days = added.map(\.day)
        days += [CalendarDay(year: 1, month: 1, day: 1), CalendarDay(year: 9999, month: 12, day: 31), CalendarDay(year: 2026, month: 11, day: 21)].compactMap { $0 }
        days.append(CalendarDay(dayNumber: LedgerLineMutator.first + random.below(LedgerLineMutator.last - LedgerLineMutator.first + 1)))
        let sorted = Set(days).sorted()
        let page = random.pick(sorted)
        for day in sorted {
            let html = day == page ? random.pick([HTMLReport.Language.zh, .en]) : nil
            typedErrors += EveryCommand.run(contracts.contracts, ledger: ledger, asOf: day, calendar: calendar, html: html).count
        }
    }

    /// CONTRACTCTL_FUZZ_KEEP=DIR writes each input before it runs, as
    /// DIR/contracts/*.json and DIR/ledger.jsonl, so that the one a trap or
    /// a hang stops on can be run again with contractctl --fixtures and --ledger.
    static let keepFolder = ProcessInfo.processInfo.environment["CONTRACTCTL_FUZZ_KEEP"]

    func keep(contract index: Int?, _ text: String? = nil) {
        guard let folder = LedgerValueTarget.keepFolder else { return }
        try? FileManager.default.createDirectory(atPath: folder + "/contracts", withIntermediateDirectories: true)
        for (position, fixture) in fixtures.enumerated() {
            let body = position == index ? text ?? fixture.compactText : fixture.compactText
            _ = FileManager.default.createFile(atPath: folder + "/contracts/\(position).json", contents: Data(body.utf8))
        }
    }

    func note(_ lines: [String]) {
        Crash.note(lines)
        guard let folder = LedgerValueTarget.keepFolder else { return }
        var sealed: [String] = []
        for line in lines { sealed.append(LedgerChain.seal(line, prev: LedgerChain.head(of: sealed.map { Substring($0) }))) }
        _ = FileManager.default.createFile(atPath: folder + "/ledger.jsonl", contents: Data((sealed.joined(separator: "\n") + "\n").utf8))
    }

    func finding(_ message: String, _ lines: [String]) {
        findings += 1
        #if FUZZING
        // libFuzzer keeps the input of a crash: a finding is made one.
        say("FINDING: \(message)")
        abort()
        #else
        guard findings <= 20 else { return }
        say("FINDING: \(message)\n  last lines:\n    " + lines.suffix(3).joined(separator: "\n    "))
        #endif
    }

}

/// Keeps the input being run where a signal handler can print it: a trap
/// ends the process, and the lines that caused it are what is needed.
enum Crash {
    nonisolated(unsafe) static var buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
    nonisolated(unsafe) static var length = 0
    /// Said before the lines: what else the input changed.
    nonisolated(unsafe) static var header = ""

    static func note(_ lines: [String]) {
        let text = "\ncontractctl-fuzz: the input that stopped the run (last lines):\n" + header + lines.suffix(4).joined(separator: "\n") + "\n"
        let bytes = Array(text.utf8.prefix(buffer.count))
        _ = buffer.initialize(from: bytes)
        length = bytes.count
    }

    /// When the current input started, in seconds since boot; 0 between inputs.
    nonisolated(unsafe) static var started: Double = 0

    /// An input that runs longer than `seconds` is a finding too (a loop
    /// that does not end): its lines are printed and the run stops.
    static func watch(seconds: Double) {
        let thread = Thread {
            while true {
                Thread.sleep(forTimeInterval: 1)
                let begun = Crash.started
                if begun > 0, ProcessInfo.processInfo.systemUptime - begun > seconds {
                    let message = Array("\ncontractctl-fuzz: one input has run for more than \(Int(seconds)) s: a loop that does not end?".utf8)
                    _ = message.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
                    _ = write(2, Crash.buffer.baseAddress, Crash.length)
                    _exit(1)
                }
            }
        }
        thread.start()
    }

    static func install() {
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGINT, SIGTERM] {
            signal(sig) { sig in
                _ = write(2, Crash.buffer.baseAddress, Crash.length)
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }
}
