import ContractKit
import Foundation

/// `contractctl record`: appends one event to a ledger after checking it.
enum RecordCommand: Command {
    static let name = "record"
    static let summary = "append one event to a ledger, after checking it against the terms and the ledger"
    static let synopsis = ["TYPE --ledger PATH --contract ID|ALIAS [--FIELD VALUE]...", "--ledger PATH < event.json",
                           "TYPE --ledger PATH --replaces LINE --reason TEXT --contract ID|ALIAS [--FIELD VALUE]..."]
    static let about = """
        Appends one event to the ledger, as a line of JSON, after checking it
        against the contract's terms and the events already recorded. An event
        that contradicts them, an assertion that does not hold, or an event
        that would make an assertion that held stop holding (README:
        "Assertions"), is refused with the reason (exit 65) and the ledger is
        left exactly as it was; nothing recorded is ever rewritten or dropped.
        The line carries the hash of its own text and of the line before it
        (see verify), is written under an exclusive lock so that concurrent
        records take turns, and is flushed to disk before success is
        reported. With a key (CONTRACTCTL_LEDGER_KEY_FILE or
        CONTRACTCTL_LEDGER_KEY), the ledger's seal (PATH.seal) must vouch
        for the ledger and is renewed with the new line; a sealed ledger takes
        no event without its key, and an unsealed ledger that exists takes
        none with a key until verify --seal seals it (see README: "The seal").

        With no TYPE, one JSON object is read from standard input, in the ledger
        format (see README: "The ledger"). With TYPE, the event is built from
        the options below. --ledger is required: record never writes to the
        bundled example by default. A ledger that does not exist is created.

        types and their fields (* required):
          signature       --party* buyer|supplier --day*
          effective       --day*
          invoice         --day* (received) --issued --amount --instalment
          payment         --day* --amount* --instalment
          acceptance      --day* --stage* initial|final
          assessment      --from* --to* --occurrence CATEGORY.DEDUCTION=N...
                          --additional ITEM=N... --supersede
          guarantee       --day* --guarantee* ID --action* lodged|released|deducted --amount
          incident        --grade* --subsystem* --occurred* --resolved
          request         --kind* ordinary|complex --received* --first-answer
                          --agreed-due --done --complaint LEVEL --disruptive
          staffViolation  --day* --violation* --amount
          serviceDelay    --day* --days* --cause supplier|buyer|forceMajeure|budgetAllocation
          excuse          --cause* CAUSE --from* --to* --instalment (none: the service)
          breach          --day* --clause* --party*
          notice          --day* --kind* nonRenewal|termination|renewalReminder
                          --party* --without-cause
          void            --day* --line* N --line-hash* HASH --reason* TEXT
          dutyDone        --day* --duty* ID (a duty due once) or ID.PERIOD (one
                          occurrence: 2026-10, 2026Q4, year 1; deadlines shows it)
          assert          --day* --figure* paid|outstanding|penalties --amount*
                          --instalment (none: the contract) --party (penalties: who pays)
        Every type also takes --note TEXT. Days are YYYY-MM-DD; date-times
        (incidents, requests) are YYYY-MM-DDTHH:MM with a zone, e.g.
        2026-07-03T10:15+08:00. Amounts are yuan with at most two decimals.

        A mistake is corrected without editing the ledger: --replaces LINE
        --reason TEXT appends, in one write, a void of line LINE (naming it by
        its number and hash, dated today) and the corrected event. No command
        counts a voided event; events lists both, the old one marked voided.
        A void that would leave a later event of the contract without its
        ground (a period's result that a later line supersedes, a guarantee
        lodged that a later line releases) is refused, and nothing written.

        examples:
          contractctl record payment --ledger my.jsonl --contract minhang-2026 \\
              --day 2026-07-20 --amount 4149000.00 --instalment 1
          contractctl record payment --ledger my.jsonl --contract minhang-2026 \\
              --replaces 12 --reason "typed 4,194,000 for 4,149,000" \\
              --day 2026-07-20 --amount 4149000.00 --instalment 1
        """

    /// Option name -> (JSON key, kind of value).
    enum ValueKind { case text, integer, flag, pairs }
    static let fields: [(option: String, key: String, kind: ValueKind)] = [
        ("day", "day", .text), ("figure", "figure", .text), ("party", "party", .text), ("issued", "issued", .text), ("amount", "amount", .text),
        ("instalment", "instalment", .text), ("stage", "stage", .text), ("from", "from", .text), ("to", "to", .text),
        ("occurrence", "occurrences", .pairs), ("additional", "additional", .pairs), ("supersede", "supersede", .flag),
        ("guarantee", "guarantee", .text), ("action", "action", .text), ("grade", "grade", .text),
        ("subsystem", "subsystem", .text), ("occurred", "occurred", .text), ("resolved", "resolved", .text),
        ("kind", "kind", .text), ("received", "received", .text), ("first-answer", "firstAnswer", .text),
        ("agreed-due", "agreedDue", .text), ("done", "done", .text), ("complaint", "complaint", .text),
        ("disruptive", "disruptive", .flag), ("violation", "violation", .text), ("days", "days", .integer),
        ("cause", "cause", .text), ("clause", "clause", .text), ("without-cause", "withoutCause", .flag),
        ("duty", "duty", .text), ("line", "line", .integer), ("line-hash", "lineHash", .text), ("reason", "reason", .text),
        ("note", "note", .text),
    ]

    static let options: [Arguments.Option] = [
        Arguments.Option("ledger", value: "PATH", completion: .file, help: "the ledger to append to (required)"),
        Arguments.Option("contract", value: "ID|ALIAS", help: "the contract, by document number or alias"),
        Arguments.Option("fixtures", value: "DIR", completion: .directory, help: "contract fixtures (default: the bundled Fixtures/contracts)"),
        Arguments.Option("replaces", value: "LINE", help: "void ledger line LINE and record this event in its place, in one append (with --reason)"),
    ] + fields.map { field in
        Arguments.Option(field.option, value: field.kind == .flag ? nil : (field.kind == .pairs ? "NAME=N" : "VALUE"),
                         repeatable: field.kind == .pairs, listed: false, help: "the event's \(field.key) (see the types above)")
    }

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        let (path, note) = try Common.writableLedger(arguments, command: "record")
        guard arguments.positionals.count <= 1 else {
            throw CommandFailure(usage: "unexpected argument '\(arguments.positionals[1])'")
        }
        let replacing = try replacement(arguments)
        let text: String
        let set: ContractSet
        if let type = arguments.positionals.first {
            guard EventTypes.names.contains(type) else {
                let near = Suggestion.didYouMean(type, among: EventTypes.names)
                throw CommandFailure(usage: "'\(type)' is not an event type" + (near.isEmpty ? "; the types: " + EventTypes.names.joined(separator: ", ") : near))
            }
            text = try eventFromOptions(type: type, arguments, skipping: replacing == nil ? [] : ["reason"]).compactText
            if let recorded = try cached(text, to: path, arguments, replacing: replacing) { return output(recorded, path: path, note: note) }
            set = try Common.contractSet(arguments)
            if let key = arguments.value("contract"), set.find(key) == nil {
                throw CommandFailure(usage: "--contract '\(key)': " + Common.unknownContract(key, in: set))
            }
        } else {
            guard arguments.value("contract") == nil,
                  !fields.contains(where: { (replacing == nil || $0.option != "reason") && (arguments.value($0.option) != nil || arguments.flag($0.option)) }) else {
                throw CommandFailure(usage: "give the event TYPE before its options, or give the whole event as JSON on standard input")
            }
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let input = String(data: data, encoding: .utf8), !input.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CommandFailure(usage: "no event: give TYPE and its options, or one JSON object on standard input")
            }
            text = normalisedAmount(input.trimmingCharacters(in: .whitespacesAndNewlines))
            if let recorded = try cached(text, to: path, arguments, replacing: replacing) { return output(recorded, path: path, note: note) }
            set = try Common.contractSet(arguments)
        }
        let key = try LedgerKey.fromEnvironment()
        do {
            let recorded = try LedgerWriter.append(text, to: path, contracts: set, key: key, replacing: replacing, cache: key == nil ? Common.cachePlace() : nil)
            return output(recorded, path: path, note: note)
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
    }

    /// What record says it did: one line, or a void and its replacement.
    static func output(_ recorded: [LedgerWriter.Recorded], path: String, note: String?) -> CommandResult {
        let first = recorded[0], last = recorded[recorded.count - 1]
        let head = LedgerChain.seal(of: Substring(last.text))?.hash ?? ""
        let lines = recorded.count == 1 ? "line \(last.line)" : "lines \(first.line)-\(last.line)"
        let texts = recorded.map { $0.text + "\n" }.joined()
        return CommandResult(output: "recorded on \(lines) of \(path)\n\(texts)head \(head)\n", notes: note.map { [$0] } ?? [])
    }

    /// The event recorded through the ledger's cache (see
    /// `LedgerWriter.appendCached`), without reading every contract file
    /// and the whole ledger; nil when that way cannot be sure, and the
    /// caller does the whole work. Not for a correction, nor with a key.
    static func cached(_ text: String, to path: String, _ arguments: Arguments, replacing: LedgerWriter.Replacement?) throws(CommandFailure) -> [LedgerWriter.Recorded]? {
        // A key, or a key variable in error: the whole work, which says so.
        let keyed: Bool
        do { keyed = try LedgerKey.fromEnvironment() != nil } catch { keyed = true }
        guard replacing == nil, !keyed, let place = Common.cachePlace(),
              let folder = (try? Common.fixturesGiven(arguments)).flatMap({ $0 }) ?? (try? Common.bundledFixtures()) else { return nil }
        do {
            return try LedgerWriter.appendCached(text, to: path, folder: folder, place: place).map { [$0] }
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
    }

    /// `--replaces LINE --reason TEXT`: the correction to make, dated today.
    static func replacement(_ arguments: Arguments) throws(CommandFailure) -> LedgerWriter.Replacement? {
        guard let value = arguments.value("replaces") else { return nil }
        guard let line = Int(value), line >= 1 else {
            throw CommandFailure(usage: "--replaces '\(value)': expected the number of the ledger line to correct (contractctl events shows them)")
        }
        guard let reason = arguments.value("reason"), !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CommandFailure(usage: "--replaces \(line) needs --reason TEXT: say why line \(line) is corrected")
        }
        return LedgerWriter.Replacement(line: line, reason: reason, day: Common.today())
    }

    static func eventFromOptions(type: String, _ arguments: Arguments, skipping: Set<String> = []) throws(CommandFailure) -> JSONNode {
        guard let contract = arguments.value("contract") else {
            throw CommandFailure(usage: "record \(type) needs --contract ID|ALIAS")
        }
        var members: [JSONNode.Member] = [.init(key: "contract", value: .string(contract)), .init(key: "type", value: .string(type))]
        for field in fields where !skipping.contains(field.option) {
            switch field.kind {
            case .text:
                if let value = arguments.value(field.option) { members.append(.init(key: field.key, value: .string(normalised(field.key, value)))) }
            case .integer:
                if let value = arguments.value(field.option) {
                    guard let number = Int(value) else { throw CommandFailure(usage: "--\(field.option) '\(value)': expected a whole number") }
                    members.append(.init(key: field.key, value: .number(String(number))))
                }
            case .flag:
                if arguments.flag(field.option) { members.append(.init(key: field.key, value: .bool(true))) }
            case .pairs:
                let pairs = arguments.all(field.option)
                guard !pairs.isEmpty else { continue }
                members.append(.init(key: field.key, value: try pairsNode(pairs, option: field.option, nested: field.key == "occurrences")))
            }
        }
        return .object(members)
    }

    /// An amount as typed ("48,000.00", "72000") as the ledger keeps it
    /// ("48000.00", "72000.00"); anything else, or an amount that does not
    /// parse, as given (the loader then says what is wrong with it).
    static func normalised(_ key: String, _ value: String) -> String {
        guard key == "amount", let money = try? Money(typed: value) else { return value }
        return money.plain
    }

    /// A JSON event's amount, normalised as `normalised` does.
    static func normalisedAmount(_ text: String) -> String {
        guard let node = try? JSONParser.parse(Array(text.utf8)), case .object(var members) = node,
              let index = members.firstIndex(where: { $0.key == "amount" }), case .string(let amount) = members[index].value else { return text }
        members[index].value = .string(normalised("amount", amount))
        return JSONNode.object(members).compactText
    }

    /// "workOrders.late=3" pairs into {"workOrders": {"late": 3}}; "praise=1" into {"praise": 1}.
    static func pairsNode(_ pairs: [String], option: String, nested: Bool) throws(CommandFailure) -> JSONNode {
        var outer: [(String, [(String, Int)])] = []
        var flat: [(String, Int)] = []
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let count = Int(parts[1]) else {
                throw CommandFailure(usage: "--\(option) '\(pair)': expected \(nested ? "CATEGORY.DEDUCTION=N" : "ITEM=N")")
            }
            if nested {
                let names = parts[0].split(separator: ".", maxSplits: 1).map(String.init)
                guard names.count == 2 else { throw CommandFailure(usage: "--\(option) '\(pair)': expected CATEGORY.DEDUCTION=N") }
                if let index = outer.firstIndex(where: { $0.0 == names[0] }) {
                    outer[index].1.append((names[1], count))
                } else {
                    outer.append((names[0], [(names[1], count)]))
                }
            } else {
                flat.append((parts[0], count))
            }
        }
        if nested {
            return .object(outer.map { .init(key: $0.0, value: .object($0.1.map { .init(key: $0.0, value: .number(String($0.1))) })) })
        }
        return .object(flat.map { .init(key: $0.0, value: .number(String($0.1))) })
    }
}
