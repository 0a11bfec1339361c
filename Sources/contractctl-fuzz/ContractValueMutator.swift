import ContractKit

/// Mutates the values inside a valid contract fixture and keeps its shape:
/// an amount becomes the largest a term may state (a trillion yuan) or a
/// fen, a rate 100% or one with 16 decimals, a period 36500 days, a count
/// or a score's range an extreme integer, a date an end of the calendar.
/// A ledger's figures grow with the terms they are computed from, so this is
/// how a figure too large to represent is reached.
struct ContractValueMutator {
    static let amounts = ["1000000000000.00", "999999999999.99", "500000000000.00", "0.01", "0", "0.00", "1", "1000000000000.01", "-1"]
    static let percentages = ["100%", "0%", "99.9999999999999999%", "0.0000000000000001%", "0.00000000000000000000000000000000000000001%",
                              "50%", "100.0000000000000001%", "1e2%", "33.3333333333333333%", "0.05%"]
    static let quantities = ["0", "1", "1000000", "0.0000000000000001", "0.000000000000000000000000000000000000000001", "9223372036854775807",
                             "80.5", "100", "99.99999999999999", "2"]
    static let integers = ["0", "1", "2", "24", "8760", "36500", "36501", "10000", "-10000", "-1", "9223372036854775807", "-9223372036854775808", "100", "-100"]

    /// 1 to 4 values changed, each a leaf of the fixture that holds a
    /// value (an amount, a rate, a count, a date, a flag; not prose), and
    /// half the time the contract total made the largest a term may state,
    /// so that the figures made of it are as large as they can be.
    func mutate(_ fixture: JSONNode, _ random: inout Random) -> JSONNode {
        var node = fixture
        if random.chance(50) { node = largestTotal(node) }
        for _ in 0..<(1 + random.below(4)) {
            var positions: [Int] = []
            var index = 0
            ContractValueMutator.valueLeaves(node, &index, &positions)
            guard !positions.isEmpty else { break }
            var target = random.pick(positions)
            node = replace(node, key: "$", target: &target, &random)
        }
        return node
    }

    /// The positions, in leaf order, of the leaves that hold a value.
    static func valueLeaves(_ node: JSONNode, _ index: inout Int, _ positions: inout [Int]) {
        switch node {
        case .object(let members): for member in members { valueLeaves(member.value, &index, &positions) }
        case .array(let items): for item in items { valueLeaves(item, &index, &positions) }
        case .string(let text):
            if text.hasSuffix("%") || CalendarDay(parsing: text) != nil || (try? Quantity(parsing: text)) != nil { positions.append(index) }
            index += 1
        case .number, .bool:
            positions.append(index)
            index += 1
        case .null:
            index += 1
        }
    }

    /// The fixture with `price.total.amount` at a trillion yuan.
    func largestTotal(_ node: JSONNode) -> JSONNode {
        func set(_ node: JSONNode, _ path: ArraySlice<String>) -> JSONNode {
            guard let key = path.first, case .object(let members) = node else { return path.isEmpty ? .string(Money.largest.plain) : node }
            return .object(members.map { $0.key == key ? JSONNode.Member(key: key, value: set($0.value, path.dropFirst())) : $0 })
        }
        return set(node, ["price", "total", "amount"])
    }

    /// The tree with its `target`-th leaf (counting down) replaced.
    func replace(_ node: JSONNode, key: String, target: inout Int, _ random: inout Random) -> JSONNode {
        switch node {
        case .object(let members):
            return .object(members.map { member in
                var member = member
                if target >= 0 { member.value = replace(member.value, key: member.key, target: &target, &random) }
                return member
            })
        case .array(let items):
            return .array(items.map { target >= 0 ? replace($0, key: key, target: &target, &random) : $0 })
        default:
            defer { target -= 1 }
            guard target == 0 else { return node }
            return value(for: node, key: key, &random)
        }
    }

    func value(for node: JSONNode, key: String, _ random: inout Random) -> JSONNode {
        switch node {
        case .number:
            return .number(random.pick(ContractValueMutator.integers))
        case .bool(let flag):
            return .bool(!flag)
        case .string(let text):
            if text.hasSuffix("%") { return .string(random.pick(ContractValueMutator.percentages)) }
            if CalendarDay(parsing: text) != nil {
                return .string(random.pick(["0001-01-01", "9999-12-31", "0001-01-02", "9999-12-30", "2024-02-29", "2026-06-09", "2100-03-01"]))
            }
            if (try? Money(parsing: text)) != nil {
                return .string(random.pick(["quantity", "atLeast", "factor", "lateMultiplier"].contains(key) ? ContractValueMutator.quantities : ContractValueMutator.amounts))
            }
            if (try? Quantity(parsing: text)) != nil { return .string(random.pick(ContractValueMutator.quantities)) }
            return node
        default:
            return node
        }
    }
}
