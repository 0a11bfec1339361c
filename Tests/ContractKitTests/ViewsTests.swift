import Foundation
import Testing
@testable import ContractKit

@Suite("Finance: what falls due in a period")
struct DueTests {
    @Test(arguments: [
        ("2026Q4", "2026-10-01", "2026-12-31"), ("2026Q1", "2026-01-01", "2026-03-31"),
        ("2024q1", "2024-01-01", "2024-03-31"), ("2026-Q2", "2026-04-01", "2026-06-30"), ("2026Q3", "2026-07-01", "2026-09-30"),
    ])
    func quarters(_ text: String, _ from: String, _ to: String) throws {
        let range = try #require(DayRange.quarter(text))
        #expect(range.from.description == from && range.to.description == to)
    }

    @Test(arguments: ["2026Q5", "2026Q0", "26Q1", "2026", "Q4", "2026Q4x"])
    func badQuarters(_ text: String) { #expect(DayRange.quarter(text) == nil) }

    func report(_ range: DayRange?, ledger: Ledger = .empty, asOf: String = "2026-11-21") throws -> DueReport {
        try Dues.report(for: PaymentsTests.contracts, ledger: ledger, range: try #require(range), asOf: Fixture.day(asOf), calendar: CalendarLoader.builtin)
    }

    @Test("2026Q4 from the terms alone: minhang #2 (≥ 2026-10-30) may not be owed (§4.2(2) average >= 80); weinan #2 (≥ 2026-11-26) is owed and awaits its invoice (§三.1)")
    func q4TermsOnly() throws {
        let due = try report(DayRange.quarter("2026Q4"))
        #expect(due.items.map { "\($0.line.alias)#\($0.line.instalment)" } == ["minhang-2026#2", "weinan-2026#2"])
        #expect(due.items.allSatisfy { $0.estimated })
        #expect(due.items.map(\.conditional) == [true, false] && due.items.map(\.awaiting) == [false, true])
        // 4,149,000 + 139,000; of it only minhang's 50% x 8,298,000 (§4.2(2)) hangs on a condition,
        // weinan's 278,000 - 139,000 (§三.1) only on the supplier's invoice.
        #expect(due.total.plain == "4288000.00" && due.outstanding.plain == "4288000.00")
        #expect(due.conditionalTotal.plain == "4149000.00" && due.awaitingTotal.plain == "139000.00")
        // Overdue from before: keping 492,000 + 6,000, liyang 490,000 + 490,000.
        #expect(due.overdueCarriedIn.plain == "1478000.00")
    }

    @Test("2025: liyang #1 (2025-02-26) and keping #2 (2025-12-31), known dates, nothing conditional")
    func year2025() throws {
        let due = try report(DayRange.year("2025"))
        #expect(due.items.map(\.day.description) == ["2025-02-26", "2025-12-31"])
        #expect(due.total.plain == "496000.00" && due.conditionalTotal == .zero)
        #expect(due.items.allSatisfy { !$0.estimated })
    }

    @Test("range ends are included: minhang #2's earliest day 2026-10-30 is in [10-30, 10-30], not in [10-01, 10-29]")
    func boundaries() throws {
        let day = Fixture.day("2026-10-30")
        #expect(try report(DayRange(from: day, to: day)).items.count == 1)
        #expect(try report(DayRange(from: Fixture.day("2026-10-01"), to: Fixture.day("2026-10-29"))).items.isEmpty)
    }

    @Test("with the example ledger, 2026Q4: minhang #2 paid on a known date; weinan #2 still waits on its invoice")
    func q4WithLedger() throws {
        let ledger = try LedgerLoader.load(path: packageRoot + "/Fixtures/ledger/example.jsonl", contracts: Fixture.set)
        let due = try report(DayRange.quarter("2026Q4"), ledger: ledger)
        #expect(due.items.map(\.estimated) == [false, true])
        #expect(due.total.plain == "4288000.00" && due.outstanding.plain == "139000.00")
        // weinan #2 is owed under §三.1; it waits for the invoice, no condition.
        #expect(due.conditionalTotal == .zero && due.awaitingTotal.plain == "139000.00")
    }

    @Test("the table writes each total in 大写 that reads back as the figure")
    func wordsRoundTrip() throws {
        let due = try report(DayRange.quarter("2026Q4"))
        let table = DueReportRendering.table(due)
        for total in [due.total, due.conditionalTotal, due.awaitingTotal, due.outstanding, due.overdueCarriedIn] {
            let words = try #require(ChineseAmount.words(total))
            #expect(table.contains(words))
            #expect(try ChineseAmount.parse(words) == total)
        }
        #expect(table.contains("肆佰贰拾捌万捌仟元整"))
    }
}

@Suite("Deadlines and the iCalendar export")
struct DeadlineTests {
    static let items = Deadlines.all(for: PaymentsTests.contracts, ledger: .empty, asOf: Fixture.day("2026-11-21"), calendar: CalendarLoader.builtin)

    func find(_ alias: String, _ kind: String) -> [DeadlineItem] { Self.items.filter { $0.alias == alias && $0.kind == kind } }

    @Test("ICalendar.render(reminders:): RFC 5545 §3.6.6, one VALARM per reminder before each END:VEVENT of a deadline not met; none given, the file as before")
    func reminders() throws {
        let plain = ICalendar.render(Self.items, stamp: Fixture.day("2026-11-21"))
        #expect(ICalendar.render(Self.items, stamp: Fixture.day("2026-11-21"), reminders: []) == plain)
        let reminders = [ICalendar.Reminder(count: 3, weeks: false), ICalendar.Reminder(count: 2, weeks: true), ICalendar.Reminder(count: 3, weeks: false)]
        let text = ICalendar.render(Self.items, stamp: Fixture.day("2026-11-21"), reminders: reminders)
        let alarm = "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P3D\r\nDESCRIPTION:Deadline in 3 days\r\nEND:VALARM\r\n"
            + "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P2W\r\nDESCRIPTION:Deadline in 2 weeks\r\nEND:VALARM\r\n"
        let open = Self.items.filter { $0.done == nil }.count
        #expect(open > 0)
        #expect(text.components(separatedBy: alarm + "END:VEVENT").count - 1 == open)
        #expect(text.replacingOccurrences(of: alarm, with: "") == plain)
    }

    @Test("keping §11.1: notice of non-renewal at least a month before 2026-12-31: by 2026-11-30")
    func kepingNotice() { #expect(find("keping-2024", "notice").map(\.day.description) == ["2026-11-30"]) }

    @Test("liyang §6.2(7): the renewal reminder 60 days before the term ends 2025-11-28: by 2025-09-29")
    func liyangReminder() { #expect(find("liyang-2024", "notice").map(\.day.description) == ["2025-09-29"]) }

    @Test("minhang: guarantees expire 2027-05-31 (§4.2(2)); the October window closes 2026-10-30; the term ends 2027-06-09, provisional")
    func minhang() {
        #expect(find("minhang-2026", "guarantee-expiry").map(\.day.description) == ["2027-05-31", "2027-05-31"])
        #expect(find("minhang-2026", "window-close").map(\.day.description) == ["2026-10-30", "2027-05-31"])
        let end = find("minhang-2026", "term-end")
        #expect(end.map(\.day.description) == ["2027-06-09"] && end.first?.provisional == true)
    }

    @Test("sorted by day, with stable unique ids")
    func sortedAndUnique() {
        #expect(Self.items.map(\.day) == Self.items.map(\.day).sorted())
        #expect(Set(Self.items.map(\.uid)).count == Self.items.count)
    }

    @Test("the iCalendar file follows RFC 5545 line by line")
    func icsLines() throws {
        let text = ICalendar.render(Self.items, stamp: Fixture.day("2026-11-21"))
        let bytes = Array(text.utf8)
        // Every line ends CRLF; no bare LF or CR.
        for (index, byte) in bytes.enumerated() where byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
        for (index, byte) in bytes.enumerated() where byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
        #expect(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        for line in lines {
            #expect(line.utf8.count <= 75, "longer than 75 octets: \(line)")
            #expect(!line.isEmpty)
        }
        // Unfold (RFC 5545 3.1) and check the structure.
        var unfolded: [String] = []
        for line in lines {
            if line.hasPrefix(" ") { unfolded[unfolded.count - 1] += line.dropFirst() } else { unfolded.append(line) }
        }
        #expect(unfolded.first == "BEGIN:VCALENDAR" && unfolded.last == "END:VCALENDAR")
        #expect(unfolded.contains("VERSION:2.0") && unfolded.contains { $0.hasPrefix("PRODID:") })
        let events = unfolded.filter { $0 == "BEGIN:VEVENT" }.count
        #expect(events == Self.items.count && unfolded.filter { $0 == "END:VEVENT" }.count == events)
        for key in ["UID:", "DTSTAMP:20261121T000000Z", "DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:", "SUMMARY:"] {
            #expect(unfolded.filter { $0.hasPrefix(key) }.count == events, "\(key)")
        }
        // TEXT values: commas and semicolons escaped, no raw line break.
        for line in unfolded where line.hasPrefix("SUMMARY:") || line.hasPrefix("DESCRIPTION:") {
            let value = line.drop { $0 != ":" }.dropFirst()
            var previous: Character = " "
            for character in value {
                if character == "," || character == ";" { #expect(previous == "\\", "unescaped \(character) in \(line)") }
                previous = character == "\\" && previous == "\\" ? " " : character
            }
        }
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20261130"))
    }

    @Test(arguments: [
        ("a,b;c\\d\ne", "a\\,b\\;c\\\\d\\ne"),
        ("plain", "plain"),
    ])
    func escaping(_ raw: String, _ escaped: String) { #expect(ICalendar.escape(raw) == escaped) }

    @Test("folding keeps multi-octet characters whole and continues with one space")
    func folding() {
        let line = "SUMMARY:" + String(repeating: "溧阳市卫生健康局", count: 8)
        let folded = ICalendar.fold(line).components(separatedBy: "\r\n")
        #expect(folded.count > 1)
        #expect(folded.allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.first.map { String($0) }.map { $0 + folded.dropFirst().map { String($0.dropFirst()) }.joined() } == line)
    }
}

@Suite("Auditors: a semantic diff, one case per kind of term")
struct DiffTests {
    static let base = Fixture.contract("liyang-2024")

    func diff(_ edit: (inout Contract) throws -> Void) throws -> [TermChange] {
        let old = try #require(Self.base)
        var new = old
        try edit(&new)
        return ContractDiff.changes(from: old, to: new)
    }

    @Test("identical terms: no changes")
    func same() throws { #expect(try diff { _ in }.isEmpty) }

    @Test("a new total moves each instalment's amount, shown before and after")
    func total() throws {
        let changes = try diff { $0.price.total.amount = Money(yuan: 1_000_000) }
        let change = try #require(changes.first { $0.what == "contract total" })
        #expect(change.old == "980,000.00" && change.new == "1,000,000.00" && change.clause == "§三")
        // 50% of 980,000 -> 50% of 1,000,000; the remainder likewise.
        #expect(change.impact.contains("instalment 1: 490,000.00 -> 500,000.00"))
        #expect(change.impact.contains("instalment 2: 490,000.00 -> 500,000.00"))
        #expect(change.impact.contains("penalty 7.2 (1% of the total): 9,800.00 -> 10,000.00 a time"))
    }

    @Test("diff JSON and CSV: money plain, each effect as data (§三: 50% of 980,000.00 -> of 1,000,000.00; §7.2: 1% a time)")
    func effectsAsData() throws {
        let old = try #require(Self.base)
        var new = old
        new.price.total.amount = Money(yuan: 1_000_000)
        let changes = ContractDiff.changes(from: old, to: new, money: .plain)
        let change = try #require(changes.first { $0.what == "contract total" })
        #expect(change.old == "980000.00" && change.new == "1000000.00")
        #expect(change.effects.contains(TermChange.Effect(figure: "instalment 1", old: Money(yuan: 490_000), new: Money(yuan: 500_000))))
        #expect(change.effects.contains(TermChange.Effect(figure: "penalty 7.2", basis: "1% of the total",
                                                          old: Money(yuan: 9_800), new: Money(yuan: 10_000), eachTime: true)))
        let json = DiffReport.json(changes, old: old, new: new)
        #expect(json.contains(#""old": "980000.00""#) && !json.contains("980,000.00"))
        #expect(json.contains(#""figure": "instalment 1","#) && json.contains(#""new": "500000.00""#))
        let csv = DiffReport.csv(changes).components(separatedBy: "\r\n")
        #expect(csv.first == "area,change,what,clause,old,new,basis")
        #expect(csv.contains("total,changed,contract total,§三,980000.00,1000000.00,"))
        #expect(csv.contains("total,effect,instalment 1,§三,490000.00,500000.00,"))
        #expect(csv.contains("total,effect,penalty 7.2,§三,9800.00,10000.00,\"1% of the total, a time\""))
    }

    @Test("a price line's amount")
    func priceLine() throws {
        let changes = try diff { $0.price.breakdowns[0].lines[2].amount = Money(yuan: 200_000) }
        #expect(changes.contains { $0.area == "price-line" && $0.old == "196,800.00" && $0.new == "200,000.00" })
    }

    @Test("an instalment's share, and what it costs")
    func instalmentShare() throws {
        let changes = try diff { $0.instalments[0].share = try Percent(parsing: "60%") }
        let change = try #require(changes.first { $0.what == "instalment 1: share" })
        #expect(change.old == "50%" && change.new == "60%")
        #expect(change.impact == ["instalment 1: 490,000.00 -> 588,000.00"])
        #expect(changes.contains { $0.what == "instalment 2: share" } == false)
    }

    @Test("an instalment's deadline")
    func instalmentDue() throws {
        let changes = try diff { $0.instalments[0].due.within = PeriodSpec(.days(60)) }
        #expect(changes.contains { $0.what == "instalment 1: due within" && $0.old == "90 days" && $0.new == "60 days" })
    }

    @Test("a penalty rate and its cap")
    func penalty() throws {
        let changes = try diff {
            guard case .lateService(var rule) = $0.penalties[0] else { return }
            rule.rate = try Percent(parsing: "0.5%")
            rule.cap?.share = try Percent(parsing: "10%")
            $0.penalties[0] = .lateService(rule)
        }
        // 1% x 980,000.00 = 9,800.00 a day late; 0.5% = 4,900.00.
        #expect(changes.contains { $0.what == "penalty 7.2: rate" && $0.old == "1%" && $0.new == "0.5%"
            && $0.impact == ["penalty 7.2 (1% -> 0.5% of the total): 9,800.00 -> 4,900.00 a time"] })
        #expect(changes.contains { $0.what == "penalty 7.2: cap share" && $0.old == "5%" && $0.new == "10%" })
    }

    @Test("a party's name")
    func party() throws {
        let changes = try diff { $0.parties.buyer.name = "溧阳市卫生健康委员会" }
        #expect(changes.contains { $0.area == "party" && $0.new == "溧阳市卫生健康委员会" })
    }

    @Test("renewal terms")
    func renewal() throws {
        let changes = try diff { $0.renewal?.kind = .automatic }
        #expect(changes.contains { $0.area == "renewal" && $0.old == "negotiated" && $0.new == "automatic" })
    }

    @Test("minhang-2027: the CPU line 4000 -> 4500, an item added and one removed, matched by category path")
    func serviceItems() throws {
        let old = try #require(Fixture.contract("minhang-2026"))
        let new = try ContractLoader.loadFile(URL(fileURLWithPath: packageRoot + "/Fixtures/examples/minhang-2027.json"), displayName: "minhang-2027.json")
        let changes = ContractDiff.changes(from: old, to: new)
        #expect(changes.contains { $0.what == "service item 医管中心 X86-基础设施-计算资源服务-CPU-CPU: quantity" && $0.old == "4000 核" && $0.new == "4500 核" })
        #expect(changes.contains { $0.change == .added && $0.what.hasSuffix("GPU-GPU") })
        #expect(changes.contains { $0.change == .removed && $0.what.contains("数据级灾备") })
        #expect(changes.contains { $0.what == "category emergency (应急处置): points" && $0.old == "40" && $0.new == "35" })
        #expect(changes.contains { $0.what == "guarantee advance: valid until" && $0.new == "2028-05-31" })
        // 8,900,000 x 46% = 4,094,000
        #expect(changes.contains { $0.impact.contains("guarantee advance: 3,817,080.00 -> 4,094,000.00") })
    }
}
