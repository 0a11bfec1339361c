@testable import ContractKit

/// The bundled contracts, and ledgers written inline for one rule at a time.
enum Fixture {
    static let set = ContractSet(contracts: PaymentsTests.contracts, folder: fixturesFolder)

    static func contract(_ alias: String) -> Contract? { set.find(alias) }

    /// A ledger from JSON lines; nil (and the errors) when refused.
    static func ledger(_ lines: [String]) -> (Ledger?, [String]) {
        do {
            return (try LedgerLoader.parse(lines.joined(separator: "\n") + "\n", file: "t.jsonl", contracts: set), [])
        } catch {
            return (nil, error.errors.map(\.description))
        }
    }

    static func day(_ text: String) -> CalendarDay { CalendarDay(parsing: text) ?? CalendarDay(dayNumber: 0) }
}
