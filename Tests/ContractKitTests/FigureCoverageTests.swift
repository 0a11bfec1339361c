import Foundation
import Testing
@testable import ContractKit

/// The computed half of the leaf-perturbation test: every term of a penalty
/// rule, an instalment, a guarantee or the score sheet, changed, changes some
/// figure the commands compute from the bundled example ledger, or is refused
/// at load, or is declared documentary in the schema. A term that changes
/// nothing is either not exercised by the example ledger (grow it) or not
/// honoured by the engine (a defect).
@Suite("every term of a rule, instalment, guarantee or score sheet changes a figure on the example ledger")
struct FigureCoverageTests {
    /// The parts of a fixture whose terms drive a computation.
    static let computed = ["penalties", "instalments", "guarantees", "guaranteesNotTaken", "assessment"]
    /// Days the figures are taken as of: inside the example ledger's years and after them.
    static let days = ["2025-06-30", "2026-11-21", "2027-06-30", "2028-12-31"].map(Fixture.day)
    static let ledgerText = (try? String(contentsOfFile: packageRoot + "/Fixtures/ledger/example.jsonl", encoding: .utf8)) ?? ""

    /// Everything the commands compute for one contract, as text: payments,
    /// penalties, scores, guarantees and deadlines as of each day, and the
    /// findings of check. A ledger the edited terms refuse is an outcome too.
    static func figures(of contract: Contract) -> String {
        var contracts = Fixture.set.contracts
        contracts.removeAll { $0.id == contract.id }
        contracts.append(contract)
        let set = ContractSet(contracts: contracts, folder: fixturesFolder)
        let ledger: Ledger
        do {
            ledger = try LedgerLoader.parse(ledgerText, file: "example.jsonl", contracts: set)
        } catch {
            return "the ledger is refused: \(error)"
        }
        let calendar = CalendarLoader.builtin
        var text = CheckReport.json(Checks.findings(for: contract, calendar: calendar))
        for day in days {
            let history = History(contractID: contract.id, ledger: ledger, asOf: day)
            text += PaymentsReport.json(Payments.lines(for: contract, history: history, asOf: day, calendar: calendar), asOf: day)
            do {
                text += PenaltiesReport.json(try Penalties.report(for: contract, history: history, asOf: day, calendar: calendar), asOf: day, language: .en)
            } catch {
                text += "penalties: \(error)"
            }
            text += ScoresReport.json(periods: Scores.periods(for: contract, history: history), windows: Scores.windows(for: contract, history: history, asOf: day))
            text += GuaranteesReport.json(Guarantees.statuses(for: contract, history: history, asOf: day, calendar: calendar))
            text += DeadlinesReport.json(Deadlines.all(for: [contract], ledger: ledger, asOf: day, calendar: calendar), range: nil)
        }
        return text
    }

    /// Whether the path is a documentary value or lies inside one.
    static func isDocumentary(_ path: String, in documentary: some Collection<String>) -> Bool {
        documentary.contains { path == $0 || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }
    }

    enum Outcome: Hashable, Sendable {
        case changesAFigure, changesNothing, refused, refusedUnnamed, documentary
    }

    @Test("every computed term of the fixture, changed, changes a figure", arguments: ["keping-2024", "liyang-2024", "minhang-2026", "qingpu-2026", "weinan-2026"])
    func everyTerm(_ fixture: String) throws {
        let original = try FixtureJSON.node(fixture)
        let before = Self.figures(of: try FixtureJSON.contract(original))
        let documentary = Set(ContractLoader.documentaryPaths(in: original))
        var outcomes: [Outcome: [String]] = [:]
        for leaf in FixtureJSON.leaves(original) {
            guard case .key(let top)? = leaf.path.first, Self.computed.contains(top) else { continue }
            let path = FixtureJSON.text(leaf.path)
            let outcome: Outcome
            if Self.isDocumentary(path, in: documentary) {
                outcome = .documentary
            } else if let edited = DiffCoverageTests.edit(of: leaf.value) {
                do {
                    let contract = try FixtureJSON.contract(FixtureJSON.replacing(original, at: leaf.path, with: edited))
                    outcome = Self.figures(of: contract) == before ? .changesNothing : .changesAFigure
                } catch {
                    // Refused: the message names a path (the leaf's, or the term that must match it).
                    outcome = "\(error)".contains(": $") ? .refused : .refusedUnnamed
                }
            } else {
                outcome = .refused
            }
            outcomes[outcome, default: []].append(path)
        }
        let count = { (outcome: Outcome) in outcomes[outcome]?.count ?? 0 }
        print("\(fixture): \(count(.changesAFigure)) terms change a figure, \(count(.refused)) have no change the loader accepts, \(count(.documentary)) documentary")
        #expect(outcomes[.changesNothing] == nil, "\(fixture): changed, and no figure changes: \(outcomes[.changesNothing] ?? [])")
        #expect(outcomes[.refusedUnnamed] == nil, "\(fixture): refused without a path: \(outcomes[.refusedUnnamed] ?? [])")
        #expect(count(.changesAFigure) > 0)
    }
}

extension FixtureJSON {
    /// Every member of every object: the path of the object and the key.
    static func members(_ node: JSONNode, at path: [Step] = []) -> [(parent: [Step], key: String)] {
        switch node {
        case .object(let members):
            return members.flatMap { [(path, $0.key)] + FixtureJSON.members($0.value, at: path + [.key($0.key)]) }
        case .array(let items):
            return items.enumerated().flatMap { FixtureJSON.members($0.element, at: path + [.index($0.offset)]) }
        default:
            return []
        }
    }

    /// The object at `parent` with its member `key` renamed, or removed when `to` is nil.
    static func editingKey(_ node: JSONNode, at parent: [Step], _ key: String, to newKey: String?) -> JSONNode {
        guard case .object(let members)? = value(node, at: parent) else { return node }
        let edited: [JSONNode.Member] = members.compactMap { member in
            guard member.key == key else { return member }
            return newKey.map { JSONNode.Member(key: $0, value: member.value) }
        }
        return replacing(node, at: parent, with: .object(edited))
    }
}

@Suite("every key of every fixture: misspelt, it is refused with its path; removed, it is refused or changes what diff and the figures show")
struct KeyCoverageTests {
    @Test("every key, misspelt or removed", arguments: ["keping-2024", "liyang-2024", "minhang-2026", "qingpu-2026", "weinan-2026"])
    func everyKey(_ fixture: String) throws {
        let original = try FixtureJSON.node(fixture)
        let old = try FixtureJSON.contract(original)
        let before = FigureCoverageTests.figures(of: old)
        let documentary = ContractLoader.documentaryPaths(in: original)
        var silent: [String] = []
        var unnamed: [String] = []
        var removable = 0
        for (parent, key) in FixtureJSON.members(original) where !key.hasPrefix("$") && FixtureJSON.value(original, at: parent + [.key(key)]) != .null {
            let parentText = FixtureJSON.text(parent)
            let path = parentText + "." + key
            // Misspelt: refused, naming the misspelt key's path.
            do {
                _ = try FixtureJSON.contract(FixtureJSON.editingKey(original, at: parent, key, to: key + "x"))
                silent.append(path + "x")
            } catch {
                if !"\(error)".contains(path + "x") { unnamed.append("\(path)x: \(error)") }
            }
            // Removed: refused naming the object it was taken from (or the
            // term that refers to it), or reported.
            do {
                let new = try FixtureJSON.contract(FixtureJSON.editingKey(original, at: parent, key, to: nil))
                removable += 1
                if ContractDiff.changes(from: old, to: new).isEmpty { silent.append("\(path) removed: diff") }
                let computed: Bool
                if case .key(let top)? = (parent + [.key(key)]).first { computed = FigureCoverageTests.computed.contains(top) } else { computed = false }
                if computed, !FigureCoverageTests.isDocumentary(path, in: documentary), FigureCoverageTests.figures(of: new) == before { silent.append("\(path) removed: figures") }
            } catch {
                if !"\(error)".contains(": $") { unnamed.append("\(path) removed: \(error)") }
            }
        }
        print("\(fixture): every key misspelt is refused; \(removable) optional keys removed are reported")
        #expect(silent.isEmpty, "\(fixture): accepted and unnoticed: \(silent)")
        #expect(unnamed.isEmpty, "\(fixture): refused without naming the path: \(unnamed)")
    }
}
