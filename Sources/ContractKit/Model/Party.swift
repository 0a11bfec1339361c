public struct Parties: Codable, Sendable {
    /// 甲方 / 采购人: the public body that pays.
    public var buyer: Party
    /// 乙方 / 供应商: the operator.
    public var supplier: Party
}

public enum PartyRole: String, Codable, Sendable, CaseIterable {
    case buyer, supplier
}

public struct Party: Codable, Sendable {
    public var name: String
    public var address: String?
    public var postcode: String?
    public var phone: String?
    public var contact: String?
    public var legalRepresentative: String?
    public var creditCode: String?
    @DefaultEmpty public var bankAccounts: [BankAccount]
    /// Other spellings of the party's name in the document, e.g. an
    /// attachment naming another city; `check` reports each one.
    @DefaultEmpty public var nameVariants: [NameVariant]
}

public struct BankAccount: Codable, Sendable, Hashable {
    public var bank: String?
    public var accountName: String?
    public var account: String?
    public var clause: String
}

public struct NameVariant: Codable, Sendable, Hashable {
    /// The name as this place writes it ("漯河市卫生健康局").
    public var name: String
    /// What the contract writes instead, when the variant is part of the
    /// name ("溧阳市"); the party's name when nil.
    public var expected: String?
    /// The passage, quoted.
    public var text: String?
    public var clause: String
}
