import Foundation
import Testing
@testable import ContractKit

/// Issue 13: "Tables ignore the terminal width (payments 166 columns,
/// deadlines 214, penalties 249, guarantees 345) and print empty columns
/// and unused footnotes; COLUMNS has no effect."
@Suite("Tables fit COLUMNS (else 80); empty columns and unused footnotes are left out")
struct TableWidthTests {
    static let asOf = ["--as-of", "2026-11-21"]
    static let commands: [[String]] = [
        ["payments"] + asOf, ["payments", "--no-ledger"] + asOf, ["due", "--quarter", "2026Q4"] + asOf,
        ["due", "--quarter", "2026Q4", "--no-ledger"] + asOf, ["deadlines", "--within", "200d"] + asOf, ["deadlines", "--all"] + asOf,
        ["penalties"] + asOf, ["penalties", "--lang", "zh"] + asOf, ["guarantees"] + asOf, ["guarantees", "--as-of", "2027-06-01"],
        ["scores"] + asOf, ["check"], ["events"],
    ]

    /// How often each character occurs in a text, leaving out the padding,
    /// the line breaks and the rules, which folding changes, and the case
    /// (a column that moves under its rows is named in lower case).
    static func characters(_ text: String) -> [Character: Int] {
        text.lowercased().reduce(into: [:]) { counts, character in
            if character != " ", character != "\n", character != "-" { counts[character, default: 0] += 1 }
        }
    }

    @Test("at COLUMNS=80 and 100 every line fits (a Chinese character takes two columns)", arguments: commands)
    func fits(_ command: [String]) throws {
        for width in [80, 100] {
            let run = try Run(command, environment: ["COLUMNS": String(width)])
            #expect(run.code == 0 || run.code == 1, "\(run.stderr)")
            for line in run.stdout.split(separator: "\n") { #expect(displayWidth(String(line)) <= width, "\(command[0]) at \(width): \(line)") }
        }
    }

    @Test("without COLUMNS, 80; a COLUMNS wider than every line changes nothing but the width", arguments: commands)
    func wide(_ command: [String]) throws {
        let plain = try Run(command)
        let eighty = try Run(command, environment: ["COLUMNS": "80"])
        #expect(plain.stdout == eighty.stdout)
        let wide = try Run(command, environment: ["COLUMNS": "1000"])
        let wider = try Run(command, environment: ["COLUMNS": "999"])
        #expect(wide.stdout == wider.stdout, "nothing folds when every line fits")
        // Folding moves text between lines and adds the labels of the
        // columns that go under their rows, but loses none of it.
        let folded = Self.characters(eighty.stdout)
        for (character, count) in Self.characters(wide.stdout) {
            #expect(folded[character, default: 0] >= count, "\(command[0]): '\(character)' lost at 80")
        }
    }

    @Test("payments at 80: what an instalment waits on goes under it, its status folds (qingpu §5.2.1b, weinan §三.1)")
    func payments() throws {
        let run = try Run(["payments"] + Self.asOf)
        let lines = run.stdout.components(separatedBy: "\n")
        // qingpu #2 waits on final acceptance and the invoice (§5.2.1b).
        let qingpu = try #require(lines.firstIndex { $0.hasPrefix("qingpu-2026   2") })
        #expect(!lines[qingpu].contains("final acceptance"))
        #expect(lines[qingpu + 1].hasPrefix("    waiting on / condition: final acceptance: not recorded;"))
        // liyang #1, due 2025-02-26, unpaid in part on 2026-11-21: 633 days late, folded under "overdue".
        let liyang = try #require(lines.firstIndex { $0.hasPrefix("liyang-2024   1") })
        #expect(lines[liyang].hasSuffix("overdue") && lines[liyang + 1].hasSuffix("(633 days") && lines[liyang + 2].hasSuffix("late)"))
    }

    @Test("a footnote only for what a line refers to: minhang and qingpu have no ≥ day, so no ≥ note")
    func footnotes() throws {
        let run = try Run(["payments", "--contract", "minhang-2026", "--contract", "qingpu-2026"] + Self.asOf)
        #expect(!run.stdout.contains("≥"), "\(run.stdout)")
        let all = try Run(["payments"] + Self.asOf)
        // weinan #2 waits on the invoice (§三.1): due ≥ 2026-11-26.
        #expect(all.stdout.contains("≥ 2026-11-26") && all.stdout.contains("≥ DAY: the due date waits"))
    }

    @Test("deadlines: DONE only when something is done (keping's notice, given 2026-11-20)")
    func doneColumn() throws {
        let none = try Run(["deadlines", "--within", "30d", "--as-of", "2026-12-01"], environment: ["COLUMNS": "250"])
        #expect(none.code == 0, "\(none.stderr)")
        #expect(!none.stdout.contains("DONE"), "\(none.stdout)")
        let some = try Run(["deadlines", "--within", "200d"] + Self.asOf, environment: ["COLUMNS": "250"])
        #expect(some.stdout.contains("DONE") && some.stdout.contains("nonRenewal notice given 2026-11-20"))
    }

    // MARK: The mechanism

    static func sample() -> Table {
        var table = Table([.init("A"), .init("AMOUNT", .right), .init("NOTE", movesUnder: true), .init("EMPTY")])
        table.omitsEmptyColumns = true
        table.add(["x", "1.00", "a note long enough to move", ""])
        table.add(["y", "2.00", "", ""])
        return table
    }

    @Test("omitsEmptyColumns: a column empty in every row is left out, its title too")
    func emptyColumn() {
        let text = Self.sample().rendered()
        #expect(text == "A  AMOUNT  NOTE\n-  ------  --------------------------\nx    1.00  a note long enough to move\ny    2.00\n")
    }

    @Test("movesUnder: too wide, the cell goes under its row, indented 4, as 'title: cell'; an empty cell adds no line")
    func movesUnder() {
        let text = Self.sample().rendered(width: 30)
        #expect(text == "A  AMOUNT\n-  ------\nx    1.00\n    note: a note long enough\n    to move\ny    2.00\n")
        #expect(Self.sample().rendered(width: 40) == Self.sample().rendered())
    }

    @Test("folding columns share what is left: one that needs less leaves the rest to the other")
    func sharing() {
        var table = Table([.init("K"), .init("SHORT", folds: true), .init("LONG", folds: true)])
        table.add(["k", "ab", "one two three four five six seven eight nine"])
        // 30 columns: K 1 + gaps 4 leave 25; SHORT needs its title (5), LONG takes the 20 left.
        let lines = table.rendered(width: 30).split(separator: "\n")
        #expect(lines.allSatisfy { displayWidth(String($0)) <= 30 })
        #expect(lines[2] == "k  ab     one two three four")
    }

    @Test("wrap: a line folds at spaces, its continuation indented; a Chinese word cut whole characters, no space added")
    func wrap() {
        // 20 columns, continuations indented 2: the words fold at 18.
        #expect(Table.wrap("note: one two three four five six", width: 20) == "note: one two\n  three four five\n  six")
        // 20 columns, indented 4: 16 left, eight characters of the nine-character word.
        #expect(Table.wrap("  a: 诉讼费鉴定费保全费", width: 20, indent: 4) == "  a:\n    诉讼费鉴定费保全\n    费")
        #expect(Table.wrap("short", width: 80) == "short")
        #expect(Table.wrap(String(repeating: "x ", count: 60), width: nil) == String(repeating: "x ", count: 60))
    }
}
