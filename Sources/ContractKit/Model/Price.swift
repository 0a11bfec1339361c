/// An amount as the document writes it: the figure, and where given its
/// amount in words (大写), both recorded even when they disagree.
public struct StatedAmount: Codable, Sendable, Hashable {
    public var amount: Money
    public var words: String?
    public var clause: String
}

/// The contract price, its breakdowns and what it covers.
public struct Price: Codable, Sendable {
    /// "The total" a percentage of the total is taken of (Readings 3).
    public var total: StatedAmount
    public var taxIncluded: Bool?
    /// The clause saying so ("含税", "包括应承担的各项税负").
    public var taxClause: String?
    public var vatRate: Percent?
    /// How much service the total pays for, where the text says
    /// (keping: "合同一年价款总额").
    public var covers: PeriodSpec?
    /// Price tables and stated components; each should add up to its own
    /// stated total, or to `total` when it states none.
    @DefaultEmpty public var breakdowns: [Breakdown]
}

public struct Breakdown: Codable, Sendable {
    public var name: String
    public var clause: String
    /// The breakdown's own total line, where it has one.
    public var statedTotal: StatedAmount?
    public var lines: [PriceLine]
}

public struct PriceLine: Codable, Sendable {
    /// A short id other terms refer to (a subsystem's fee), e.g. "ecg".
    public var id: String?
    public var name: String
    public var quantity: Quantity?
    public var unit: String?
    public var unitPrice: Money?
    public var amount: Money
    public var words: String?
    /// What the line covers: devices, modules.
    @DefaultEmpty public var items: [String]
    /// True for a subsystem whose annual fee penalties are a percentage of.
    public var subsystem: Bool?
}
