import Testing
@testable import ContractKit

/// The reports group their lines by contract in one pass (`groupedInOrder`):
/// the contracts in the order of their first line, as the filter per
/// contract it replaces gave them, each contract's lines in order.
@Suite("Grouping lines by contract in one pass")
struct GroupingTests {
    @Test("groups come in the order their keys first appear, each group's items in order")
    func order() {
        let lines = [("minhang", 1), ("liyang", 2), ("minhang", 3), ("keping", 4), ("liyang", 5)]
        let groups = lines.groupedInOrder { $0.0 }
        #expect(groups.map(\.key) == ["minhang", "liyang", "keping"])
        #expect(groups.map { $0.items.map(\.1) } == [[1, 3], [2, 5], [4]])
        #expect([(String, Int)]().groupedInOrder { $0.0 }.isEmpty)
    }
}
