/// A bank guarantee (保函) the supplier lodges.
public struct Guarantee: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case advancePayment, performance, bid, warranty
    }
    public var id: String
    public var kind: Kind
    public var name: String?
    /// A share of the contract total, or a fixed amount.
    public var share: Percent?
    public var amount: Money?
    public var clause: String
    /// The instalment it is lodged with, by id.
    public var lodgedWith: String?
    public var validUntil: CalendarDay?
    public var release: GuaranteeRelease?
    public var deduction: GuaranteeDeduction?
}

public struct GuaranteeRelease: Codable, Sendable {
    /// The assessment window whose average decides, by id.
    public var window: String?
    public var atLeast: Quantity?
    public var clause: String
    public var text: String?
}

public struct GuaranteeDeduction: Codable, Sendable {
    /// The share of the guarantee amount the buyer may keep.
    public var share: Percent
    public var clause: String
    public var text: String?
}
