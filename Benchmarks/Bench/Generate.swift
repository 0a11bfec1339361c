import ContractKit
import Foundation

/// Deterministic synthetic data modelled on the five fixtures: N contracts
/// (ids, aliases and totals varied) and a ledger of M events of every type
/// in realistic proportions, chained as record writes it, plus the same
/// payments as an hledger journal.
struct Generator {
    /// Goes up when the data a seed makes changes, so that `run` makes its
    /// sets again. 2: minhang's weekly assessments cut at the quarter's end.
    static let version = 2

    var state: UInt64

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    struct Event {
        var day: CalendarDay
        var text: String
    }

    static func day(_ text: String) -> CalendarDay { CalendarDay(parsing: text) ?? CalendarDay(dayNumber: 0) }

    /// The last day of the calendar quarter `day` is in.
    static func quarterEnd(of day: CalendarDay) -> CalendarDay {
        let nextQuarter = (day.month - 1) / 3 * 3 + 4
        let first = nextQuarter > 12 ? CalendarDay(year: day.year + 1, month: 1, day: 1) : CalendarDay(year: day.year, month: nextQuarter, day: 1)
        return first?.adding(days: -1) ?? day
    }

    /// One generated contract: the template `index` picks, its alias made
    /// unique, its total scaled (percentages of it scale with it).
    struct Made {
        var template: String
        var alias: String
        var members: [JSONNode.Member]
        var total: Money?
    }

    /// Builds contract `index` from the templates and writes it to
    /// FOLDER/ALIAS.json. Draws one number (the scale) from the generator.
    mutating func contract(_ index: Int, aliases: [String], templates: [String: JSONNode], into folder: String) throws -> Made? {
        let template = aliases[index % aliases.count]
        guard case .object(var members)? = templates[template] else { return nil }
        let alias = "\(template)-g\(index)"
        let scale = int(50...200)
        func set(_ key: String, _ value: JSONNode) {
            if let at = members.firstIndex(where: { $0.key == key }) { members[at].value = value }
        }
        if case .string(let id)? = members.first(where: { $0.key == "id" })?.value { set("id", .string("\(id)-G\(index)")) }
        set("alias", .string(alias))
        // Scale the total: percentages of it scale with it.
        if let at = members.firstIndex(where: { $0.key == "price" }), case .object(var price) = members[at].value,
           let totalAt = price.firstIndex(where: { $0.key == "total" }), case .object(var total) = price[totalAt].value,
           let amountAt = total.firstIndex(where: { $0.key == "amount" }), case .string(let amount) = total[amountAt].value,
           let money = try? Money(parsing: amount), template != "keping-2024" {
            total[amountAt].value = .string(Money(fen: money.fen / 100 * Int64(scale)).plain)
            price[totalAt].value = .object(total)
            members[at].value = .object(price)
        }
        let text = JSONNode.object(members).compactText
        try text.write(toFile: "\(folder)/\(alias).json", atomically: false, encoding: .utf8)
        var made = Made(template: template, alias: alias, members: members, total: nil)
        if case .object(let p)? = members.first(where: { $0.key == "price" })?.value,
           case .object(let total)? = p.first(where: { $0.key == "total" })?.value,
           case .string(let amount)? = total.first(where: { $0.key == "amount" })?.value {
            made.total = try? Money(parsing: amount)
        }
        return made
    }

    /// Writes the events, sorted by day (the sort is stable: an event keeps
    /// its place among those of its day), as a chained ledger, and the
    /// journal; returns the ledger's size in bytes.
    static func writeLedger(_ events: [Event], journal: String, to folder: String) throws -> Int {
        let sorted = events.enumerated().sorted { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }
        var ledger = ""
        ledger.reserveCapacity(events.count * 220)
        var prev = LedgerChain.genesis
        for (_, event) in sorted {
            let line = LedgerChain.seal(event.text, prev: prev)
            prev = LedgerChain.seal(of: Substring(line))?.hash ?? prev
            ledger += line + "\n"
        }
        try ledger.write(toFile: folder + "/ledger.jsonl", atomically: false, encoding: .utf8)
        try journal.write(toFile: folder + "/payments.journal", atomically: false, encoding: .utf8)
        return ledger.utf8.count
    }

    static func journalEntry(day: CalendarDay, alias: String, amount: String) -> String {
        "\(day) \(alias) payment\n    expenses:contracts:\(alias)  \(amount) CNY\n    assets:bank\n\n"
    }

    /// Writes DIR/contracts/*.json, DIR/ledger.jsonl and DIR/payments.journal.
    mutating func write(contracts count: Int, events total: Int, to folder: String, templates: [String: JSONNode]) throws -> (payments: Int, bytes: Int) {
        let contractsFolder = folder + "/contracts"
        try FileManager.default.createDirectory(atPath: contractsFolder, withIntermediateDirectories: true)
        let aliases = templates.keys.sorted()
        var events: [Event] = []
        var journal = ""
        var paymentCount = 0
        let perContract = max(1, total / count)
        for index in 0..<count {
            guard let made = try contract(index, aliases: aliases, templates: templates, into: contractsFolder) else { continue }
            let template = made.template, alias = made.alias
            let before = events.count
            let half = made.total.map { $0.times((try? Percent(parsing: "50%")) ?? .zero) } ?? .zero
            try story(template: template, alias: alias, count: perContract, into: &events)
            for at in before..<events.count { events[at].text = events[at].text.replacingOccurrences(of: "__HALF__", with: half.plain) }
            for event in events[before...] where event.text.contains("\"type\":\"payment\"") {
                if let range = event.text.range(of: "\"amount\":\""), let end = event.text[range.upperBound...].firstIndex(of: "\"") {
                    journal += Generator.journalEntry(day: event.day, alias: alias, amount: String(event.text[range.upperBound..<end]))
                    paymentCount += 1
                }
            }
        }
        return (paymentCount, try Generator.writeLedger(events, journal: journal, to: folder))
    }

    /// One contract's events: its payments, and the kinds of event its
    /// template's rules count, up to `count`.
    mutating func story(template: String, alias: String, count: Int, into events: inout [Event]) throws {
        func add(_ day: String, _ body: String) {
            events.append(Event(day: Generator.day(day), text: "{\"contract\":\"\(alias)\",\(body)}"))
        }
        var made = 0
        func day(from start: String, span: Int) -> String { Generator.day(start).adding(days: int(0...span)).description }
        switch template {
        case "minhang-2026":
            add("2026-06-15", "\"type\":\"invoice\",\"day\":\"2026-06-15\",\"instalment\":\"1\"")
            add("2026-07-20", "\"type\":\"payment\",\"day\":\"2026-07-20\",\"instalment\":\"1\",\"amount\":\"__HALF__\"")
            made = 2
            var start = Generator.day("2026-06-10")
            while made < count - 1, start < Generator.day("2026-11-10") {
                // A week, cut at the quarter's end: the sheet scores a period
                // within one calendar quarter (附件2, quarterly).
                let end = min(start.adding(days: 6), Generator.quarterEnd(of: start))
                add(end.description, "\"type\":\"assessment\",\"from\":\"\(start)\",\"to\":\"\(end)\",\"occurrences\":{\"workOrders\":{\"late\":\(int(0...3))},\"emergency\":{\"lateNotice\":\(int(0...2))}},\"additional\":{\"praise\":\(int(0...1))}")
                start = end.adding(days: 1)
                made += 1
            }
        case "liyang-2024":
            add("2025-03-10", "\"type\":\"payment\",\"day\":\"2025-03-10\",\"amount\":\"__HALF__\"")
            made = 1
        case "keping-2024":
            add("2024-12-20", "\"type\":\"payment\",\"day\":\"2024-12-20\",\"instalment\":\"1\",\"amount\":\"492000.00\"")
            add("2025-12-25", "\"type\":\"payment\",\"day\":\"2025-12-25\",\"instalment\":\"2\",\"amount\":\"6000.00\"")
            made = 2
        case "weinan-2026":
            add("2026-05-28", "\"type\":\"invoice\",\"day\":\"2026-05-28\"")
            add("2026-06-15", "\"type\":\"payment\",\"day\":\"2026-06-15\",\"amount\":\"__HALF__\"")
            made = 2
        default:
            add("2026-02-03", "\"type\":\"effective\",\"day\":\"2026-02-03\"")
            add("2026-02-10", "\"type\":\"invoice\",\"day\":\"2026-02-10\",\"instalment\":\"1\"")
            add("2026-08-20", "\"type\":\"acceptance\",\"day\":\"2026-08-20\",\"stage\":\"initial\"")
            made = 3
        }
        while made < count {
            switch (template, int(0...9)) {
            case ("liyang-2024", 0...3):
                let grades = ["specialMajor", "major", "fairlyMajor"]
                let systems = ["ecg", "records", "emrQc", "nursingEmr", "residentApp", "remoteConsultation", "familyDoctor"]
                let start = day(from: "2024-12-01", span: 700)
                let hour = int(10...17)
                add(start, "\"type\":\"incident\",\"grade\":\"\(grades[int(0...2)])\",\"subsystem\":\"\(systems[int(0...6)])\",\"occurred\":\"\(start)T0\(int(1...8)):00+08:00\",\"resolved\":\"\(start)T\(hour):00+08:00\"")
            case ("liyang-2024", 4...6):
                let start = day(from: "2024-12-01", span: 700)
                add(start, "\"type\":\"request\",\"kind\":\"\(int(0...1) == 0 ? "ordinary" : "complex")\",\"received\":\"\(start)T09:00+08:00\",\"firstAnswer\":\"\(start)T1\(int(0...9)):00+08:00\",\"agreedDue\":\"\(start)T18:00+08:00\",\"done\":\"\(start)T\(int(12...23)):00+08:00\"")
            case ("liyang-2024", 7...8):
                let start = day(from: "2024-12-01", span: 700)
                add(start, "\"type\":\"staffViolation\",\"day\":\"\(start)\",\"violation\":\"\(int(0...1) == 0 ? "leftWithoutNotice" : "lateForDuty")\"")
            case ("keping-2024", 0...4), ("qingpu-2026", 0...4):
                let start = day(from: "2024-02-01", span: 900)
                add(start, "\"type\":\"breach\",\"day\":\"\(start)\",\"clause\":\"§\(int(1...9)).\(int(1...5))\",\"party\":\"\(int(0...3) == 0 ? "buyer" : "supplier")\"")
            default:
                let start = day(from: "2025-01-01", span: 600)
                add(start, "\"type\":\"serviceDelay\",\"day\":\"\(start)\",\"days\":\(int(1...12))")
            }
            made += 1
        }
    }
}
