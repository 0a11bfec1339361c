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

/// A kind of guarantee the document says is not taken, e.g. qingpu §2.5
/// "履约保证金：不收取".
public struct GuaranteeNotTaken: Codable, Sendable {
    public var kind: Guarantee.Kind
    public var clause: String
    /// The document's words.
    public var text: String
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
