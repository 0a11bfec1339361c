import Foundation
import Testing
@testable import ContractKit

/// A bundled fixture as JSON, to change one leaf of.
enum FixtureJSON {
    /// One step of a JSON path: a key or an index.
    enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    static func node(_ alias: String) throws -> JSONNode {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturesFolder + "/\(alias).json"))
        return try JSONParser.parse(Array(data))
    }

    /// "$.penalties[3].lateMultiplier" -> [.key("penalties"), .index(3), .key("lateMultiplier")]
    static func steps(_ path: String) -> [Step] {
        var steps: [Step] = []
        for part in path.dropFirst(2).split(separator: ".") {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                steps.append(.key(String(rest[..<bracket])))
                rest = rest[bracket...]
                while let open = rest.firstIndex(of: "["), let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: open)..<close]) {
                    steps.append(.index(index))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.key(String(rest)))
            }
        }
        return steps
    }

    static func text(_ steps: [Step]) -> String {
        steps.reduce("$") { path, step in
            switch step {
            case .key(let key): return path + "." + key
            case .index(let index): return path + "[\(index)]"
            }
        }
    }

    /// Every leaf (string, number, true or false, null), in file order.
    static func leaves(_ node: JSONNode, at path: [Step] = []) -> [(path: [Step], value: JSONNode)] {
        switch node {
        case .object(let members): return members.flatMap { leaves($0.value, at: path + [.key($0.key)]) }
        case .array(let items): return items.enumerated().flatMap { leaves($0.element, at: path + [.index($0.offset)]) }
        default: return [(path, node)]
        }
    }

    static func value(_ node: JSONNode, at path: [Step]) -> JSONNode? {
        guard let step = path.first else { return node }
        switch (node, step) {
        case (.object(let members), .key(let key)): return members.first { $0.key == key }.flatMap { value($0.value, at: Array(path.dropFirst())) }
        case (.array(let items), .index(let index)) where items.indices.contains(index): return value(items[index], at: Array(path.dropFirst()))
        default: return nil
        }
    }

    static func replacing(_ node: JSONNode, at path: [Step], with new: JSONNode) -> JSONNode {
        guard let step = path.first else { return new }
        let rest = Array(path.dropFirst())
        switch (node, step) {
        case (.object(let members), .key(let key)):
            return .object(members.map { $0.key == key ? JSONNode.Member(key: key, value: replacing($0.value, at: rest, with: new)) : $0 })
        case (.array(var items), .index(let index)) where items.indices.contains(index):
            items[index] = replacing(items[index], at: rest, with: new)
            return .array(items)
        default:
            return node
        }
    }

    /// The JSON text of a node, keys in their order.
    static func rendered(_ node: JSONNode) -> String {
        JSONValue(node).rendered() + "\n"
    }

    static func contract(_ node: JSONNode) throws -> Contract {
        try ContractLoader.decode(Data(rendered(node).utf8), file: "edited.json")
    }
}

@Suite("diff covers every term: one changed leaf of each fixture is reported, by CLI and library")
struct DiffCoverageTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var fixture: String
        /// The leaf changed, as a JSON path into the fixture file.
        var path: String
        var from: JSONNode
        var to: JSONNode
        /// What the diff must report: the term's name, its clause ("" where
        /// no enclosing object gives one), the values as shown.
        var area: String
        var what: String
        var clause: String
        var old: String
        var new: String
        var testDescription: String { "\(fixture) \(clause.isEmpty ? "" : "\(clause) ")\(what) (\(path))" }
    }

    static let cases: [Case] = [
        // 附件1 §5(3): "不能按时处置解决的按处罚金额的2倍处罚" -> 3 times.
        Case(fixture: "liyang-2024", path: "$.penalties[3].lateMultiplier", from: .string("2"), to: .string("3"),
             area: "penalty", what: "penalty incident-major: late multiplier", clause: "附件1 §5(3)", old: "2", new: "3"),
        // 附件1 §5(3): "从第2次起在前次处罚金额的基础上递增50%" -> 100%.
        Case(fixture: "liyang-2024", path: "$.penalties[2].repeatIncrease", from: .string("50%"), to: .string("100%"),
             area: "penalty", what: "penalty incident-special-major: repeat increase", clause: "附件1 §5(3)", old: "50%", new: "100%"),
        // §7.3, Reading 7: a payment no longer covers the interest before the principal.
        Case(fixture: "liyang-2024", path: "$.penalties[1].interest.paidBeforePrincipal", from: .bool(true), to: .bool(false),
             area: "penalty", what: "penalty 7.3: interest paid before principal", clause: "§7.3", old: "true", new: "false"),
        // §7.2: one of the causes that excuse a late service, reworded.
        Case(fixture: "liyang-2024", path: "$.penalties[0].exclusions[1].text", from: .string("不可抗力影响"), to: .string("不可抗力影响（改）"),
             area: "penalty", what: "penalty 7.2, exclusion 2: text", clause: "§7.2", old: "不可抗力影响", new: "不可抗力影响（改）"),
        // 分项价格: the ECG system's unit price 196,800.00 -> 200,000.00.
        Case(fixture: "liyang-2024", path: "$.price.breakdowns[0].lines[2].unitPrice", from: .string("196800.00"), to: .string("200000.00"),
             area: "price-line", what: "breakdown 分项价格, price line ecg (区域心电软件系统): unit price", clause: "§三 分项价格", old: "196,800.00", new: "200,000.00"),
        // 附件2: a late work order costs 6 points instead of 5.
        Case(fixture: "minhang-2026", path: "$.assessment.categories[0].deductions[0].points", from: .number("5"), to: .number("6"),
             area: "assessment", what: "category workOrders (工单处置), deduction late: points", clause: "附件2 运维考核表", old: "5", new: "6"),
        // 合同各方: the supplier's postcode (a party gives no clause of its own).
        Case(fixture: "minhang-2026", path: "$.parties.supplier.postcode", from: .string("200120"), to: .string("200121"),
             area: "party", what: "supplier postcode", clause: "", old: "200120", new: "200121"),
        // §4.2 说明 2: the buyer may keep 10% of the guarantee instead of 8%.
        Case(fixture: "minhang-2026", path: "$.guarantees[0].deduction.share", from: .string("8%"), to: .string("10%"),
             area: "guarantee", what: "guarantee advance: deduction share", clause: "§4.2 说明 2", old: "8%", new: "10%"),
        // §4.2(2): the second instalment's window must average 85 instead of 80.
        Case(fixture: "minhang-2026", path: "$.assessment.windows[0].atLeast", from: .string("80"), to: .string("85"),
             area: "assessment", what: "window to-2026-10: at least", clause: "§4.2(2)", old: "80", new: "85"),
        // 合同各方: the buyer's street number.
        Case(fixture: "qingpu-2026", path: "$.parties.buyer.address", from: .string("上海市青浦区外青松公路 6189 号"), to: .string("上海市青浦区外青松公路 6190 号"),
             area: "party", what: "buyer address", clause: "", old: "上海市青浦区外青松公路 6189 号", new: "上海市青浦区外青松公路 6190 号"),
        // §5.2.1a: 10 working days after the invoice -> 15.
        Case(fixture: "qingpu-2026", path: "$.instalments[0].due.within.workingDays", from: .number("10"), to: .number("15"),
             area: "instalment", what: "instalment 1: due within", clause: "§5.2.1a", old: "10 working days", new: "15 working days"),
        // §五(二)2.1.1 3: new reports done within 10 days -> 15.
        Case(fixture: "weinan-2026", path: "$.obligations[3].within.days", from: .number("10"), to: .number("15"),
             area: "obligation", what: "obligation new-reports: within", clause: "§五(二)2.1.1 3", old: "10 days", new: "15 days"),
        // §十三(二): the cap of 30 days of penalties -> 20.
        Case(fixture: "weinan-2026", path: "$.penalties[0].capDays.days", from: .number("30"), to: .number("20"),
             area: "penalty", what: "penalty 13.2-supplier: cap days days", clause: "§十三(二)", old: "30", new: "20"),
        // §二.1: the circuits' unit price 125.00 -> 130.00 a line a month.
        Case(fixture: "keping-2024", path: "$.price.breakdowns[1].lines[1].unitPrice", from: .string("125.00"), to: .string("130.00"),
             area: "price-line", what: "breakdown 合同一年价款, price line circuits (100M 点对点电路（4 条 x 12 月）): unit price", clause: "§二.1", old: "125.00", new: "130.00"),
        // §2.2: a fault handled within 12 hours of its occurrence, not 24.
        Case(fixture: "keping-2024", path: "$.obligations[2].withinHours", from: .number("24"), to: .number("12"),
             area: "obligation", what: "obligation fault-handling: within hours", clause: "§2.2", old: "24", new: "12"),
    ]

    @Test(arguments: cases)
    func oneLeaf(_ c: Case) throws {
        let original = try FixtureJSON.node(c.fixture)
        let path = FixtureJSON.steps(c.path)
        #expect(FixtureJSON.value(original, at: path) == c.from, "the fixture no longer holds \(c.from) at \(c.path)")
        let edited = FixtureJSON.replacing(original, at: path, with: c.to)

        let old = try FixtureJSON.contract(original)
        let new = try FixtureJSON.contract(edited)
        let changes = ContractDiff.changes(from: old, to: new).filter { $0.what == c.what }
        #expect(!changes.isEmpty, "no change named \"\(c.what)\" in \(ContractDiff.changes(from: old, to: new).map(\.what))")
        #expect(changes.allSatisfy { $0.area == c.area && $0.clause == c.clause }, "\(changes)")
        #expect(changes.contains { $0.old == c.old }, "\(changes)")
        #expect(changes.contains { $0.new == c.new }, "\(changes)")

        let file = NSTemporaryDirectory() + "diff-\(c.fixture)-\(UUID().uuidString).json"
        try FixtureJSON.rendered(edited).write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try Run(["diff", "Fixtures/contracts/\(c.fixture).json", file])
        #expect(run.code == 1, "\(run.stderr)")
        #expect(run.stdout.contains(c.what))
    }

    /// A leaf changed to another value the format accepts: a typed text (a
    /// day, a percentage, an amount, a quantity) to the next one, other
    /// text with an "x" appended; a number plus one; true and false swapped.
    static func edit(of leaf: JSONNode) -> JSONNode? {
        switch leaf {
        case .string(let text):
            if let day = CalendarDay(parsing: text) { return .string(day.adding(days: 1).description) }
            if let percent = try? Percent(parsing: text), let one = try? Percent(parsing: "1%") {
                return .string((percent + one > .hundred ? percent - one : percent + one).description)
            }
            if text.contains("."), let amount = try? Money(parsing: text) { return .string((amount + Money(fen: 1)).plain) }
            if !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let number = Decimal(string: text) {
                return .string("\(number + 1)")
            }
            return .string(text + "x")
        case .number(let text): return Int(text).map { .number(String($0 + 1)) }
        case .bool(let flag): return .bool(!flag)
        default: return nil
        }
    }

    enum Outcome: Hashable, Sendable {
        /// The edited contract loads, and the diff reports it (or not).
        case reported, missed
        /// No edit of the leaf loads: an enum value, an anchor, a reference.
        case refused
        /// Not a term ("$schema").
        case annotation
    }

    static func outcome(of leaf: JSONNode, at path: [FixtureJSON.Step], in original: JSONNode, old: Contract) -> Outcome {
        if case .key(let key) = path.first, key.hasPrefix("$") { return .annotation }
        guard let edited = edit(of: leaf), let new = try? FixtureJSON.contract(FixtureJSON.replacing(original, at: path, with: edited)) else {
            return .refused
        }
        return ContractDiff.changes(from: old, to: new).isEmpty ? .missed : .reported
    }

    @Test("every leaf of the fixture, changed, is reported", arguments: ["keping-2024", "liyang-2024", "minhang-2026", "qingpu-2026", "weinan-2026"])
    func everyLeaf(_ fixture: String) throws {
        let original = try FixtureJSON.node(fixture)
        let old = try FixtureJSON.contract(original)
        let leaves = FixtureJSON.leaves(original)
        var paths: [Outcome: [String]] = [:]
        for leaf in leaves {
            paths[Self.outcome(of: leaf.value, at: leaf.path, in: original, old: old), default: []].append(FixtureJSON.text(leaf.path))
        }
        let (reported, refused, annotations) = (paths[.reported] ?? [], paths[.refused] ?? [], paths[.annotation] ?? [])
        print("\(fixture): \(leaves.count) leaves: \(reported.count) changed and reported, \(refused.count) with no change the loader accepts, \(annotations.count) not a term (\(annotations.joined(separator: ", ")))")
        #expect(paths[.missed] == nil, "\(fixture): changed, and the diff reports nothing: \(paths[.missed] ?? [])")
        #expect(annotations == ["$.$schema"])
        // Most leaves can be changed; the rest are enum values, anchors and
        // references other terms must match, which the loader refuses.
        #expect(reported.count * 4 > leaves.count * 3, "only \(reported.count) of \(leaves.count); refused: \(refused)")
    }
}
