/// A contract's terms as the fixture format writes them, for `ContractDiff`
/// to walk without a list of fields.
///
/// It is built by the model's own `Codable` conformance, so a term added to
/// the model is in the tree without a line here. Objects keep the order the
/// model declares its terms in (Foundation's `JSONEncoder` keeps no order,
/// and a diff should read in the order of the contract); an absent optional
/// term is left out; each value is the text a reader sees: money grouped
/// ("8,298,000.00", or plain "8298000.00" for JSON and CSV), a period in
/// words ("30 working days").
indirect enum TermTree: Equatable, Sendable {
    case object([Member])
    case array([TermTree])
    case value(String)

    struct Member: Equatable, Sendable {
        var key: String
        var value: TermTree
    }

    /// The tree of a contract. The encoder below never throws, and the
    /// model's own `encode(to:)` methods throw only what it throws, so the
    /// empty fallback is never taken.
    init(_ contract: Contract, money: TermChange.MoneyText = .grouped) {
        let root = TreeNode(money: money)
        do {
            try TreeEncoder.encode(contract, into: root, codingPath: [])
        } catch {
            self = .object([])
            return
        }
        self = root.tree ?? .object([])
    }

    /// The member `key` of an object.
    subscript(key: String) -> TermTree? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The text of a value.
    var text: String? {
        guard case .value(let text) = self else { return nil }
        return text
    }
}

/// A node being built. A box, because a container handed out by
/// `container(keyedBy:)` fills its node after the call returns.
private final class TreeNode {
    enum Shape { case empty, object, array, value(String) }
    var shape = Shape.empty
    var members: [(key: String, node: TreeNode)] = []
    var items: [TreeNode] = []
    /// How money is written, in this node and every node under it.
    let money: TermChange.MoneyText

    init(money: TermChange.MoneyText) { self.money = money }

    func member(_ key: String) -> TreeNode {
        let node = TreeNode(money: money)
        shape = .object
        members.removeAll { $0.key == key }
        members.append((key, node))
        return node
    }

    func item() -> TreeNode {
        let node = TreeNode(money: money)
        shape = .array
        items.append(node)
        return node
    }

    /// nil for a node nothing was written to.
    var tree: TermTree? {
        switch shape {
        case .empty: return nil
        case .value(let text): return .value(text)
        case .array: return .array(items.map { $0.tree ?? .value("null") })
        case .object: return .object(members.compactMap { member in member.node.tree.map { TermTree.Member(key: member.key, value: $0) } })
        }
    }
}

private struct TreeEncoder: Encoder {
    let node: TreeNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Money and periods become the words a reader sees; any other value
    /// encodes itself.
    static func encode<T: Encodable>(_ value: T, into node: TreeNode, codingPath: [any CodingKey]) throws {
        if let money = value as? Money {
            node.shape = .value(node.money == .plain ? money.plain : money.grouped)
        } else if let period = value as? PeriodSpec {
            node.shape = .value(period.period.description)
        } else {
            try value.encode(to: TreeEncoder(node: node, codingPath: codingPath))
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.shape {} else { node.shape = .object }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.shape {} else { node.shape = .array }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: TreeNode
    let codingPath: [any CodingKey]

    func put(_ text: String, _ key: Key) { node.member(key.stringValue).shape = .value(text) }

    /// An explicit nil is an absent term, as `encodeIfPresent` leaves it.
    mutating func encodeNil(forKey key: Key) {}
    mutating func encode(_ value: Bool, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: String, forKey key: Key) { put(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { put(String(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { put(String(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try TreeEncoder.encode(value, into: node.member(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        TreeEncoder(node: node.member("super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(node: node.member(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: TreeNode
    let codingPath: [any CodingKey]
    var count: Int { node.items.count }

    func put(_ text: String) { node.item().shape = .value(text) }

    mutating func encodeNil() { put("null") }
    mutating func encode(_ value: Bool) { put(String(value)) }
    mutating func encode(_ value: String) { put(value) }
    mutating func encode(_ value: Double) { put(String(value)) }
    mutating func encode(_ value: Float) { put(String(value)) }
    mutating func encode(_ value: Int) { put(String(value)) }
    mutating func encode(_ value: Int8) { put(String(value)) }
    mutating func encode(_ value: Int16) { put(String(value)) }
    mutating func encode(_ value: Int32) { put(String(value)) }
    mutating func encode(_ value: Int64) { put(String(value)) }
    mutating func encode(_ value: UInt) { put(String(value)) }
    mutating func encode(_ value: UInt8) { put(String(value)) }
    mutating func encode(_ value: UInt16) { put(String(value)) }
    mutating func encode(_ value: UInt32) { put(String(value)) }
    mutating func encode(_ value: UInt64) { put(String(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try TreeEncoder.encode(value, into: node.item(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(node: node.item(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        TreeEncoder(node: node.item(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        TreeEncoder(node: node.item(), codingPath: codingPath)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let node: TreeNode
    let codingPath: [any CodingKey]

    func put(_ text: String) { node.shape = .value(text) }

    mutating func encodeNil() { put("null") }
    mutating func encode(_ value: Bool) { put(String(value)) }
    mutating func encode(_ value: String) { put(value) }
    mutating func encode(_ value: Double) { put(String(value)) }
    mutating func encode(_ value: Float) { put(String(value)) }
    mutating func encode(_ value: Int) { put(String(value)) }
    mutating func encode(_ value: Int8) { put(String(value)) }
    mutating func encode(_ value: Int16) { put(String(value)) }
    mutating func encode(_ value: Int32) { put(String(value)) }
    mutating func encode(_ value: Int64) { put(String(value)) }
    mutating func encode(_ value: UInt) { put(String(value)) }
    mutating func encode(_ value: UInt8) { put(String(value)) }
    mutating func encode(_ value: UInt16) { put(String(value)) }
    mutating func encode(_ value: UInt32) { put(String(value)) }
    mutating func encode(_ value: UInt64) { put(String(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try TreeEncoder.encode(value, into: node, codingPath: codingPath)
    }
}
