/// Facts about the document itself that `check` compares: what it refers
/// to, what it attaches, the lists it gives and the year it names. Each is
/// recorded as written, with its clause; the checks that read them name no
/// contract.

/// A document the contract attaches (附件), by the name it gives it.
public struct Attachment: Codable, Sendable, Hashable {
    public var name: String
    public var clause: String
}

/// A place where the contract refers to an attachment or to a guarantee.
/// `check` reports a reference whose target the contract does not have.
public struct CrossReference: Codable, Sendable, Hashable {
    public var clause: String
    /// The document's words, quoted.
    public var text: String
    /// The attachment referred to, by the name `attachments` would give it.
    public var attachment: String?
    /// The kind of guarantee referred to ("deducted from the performance bond").
    public var guarantee: Guarantee.Kind?
}

/// A list the document gives (the modules of a system): `check` reports an
/// entry given twice.
public struct ItemList: Codable, Sendable, Hashable {
    public var clause: String
    public var name: String
    public var entries: [String]
}

/// A calendar year the document names for the service ("2026 年运维"):
/// `check` reports a service term that runs outside it.
public struct NamedYear: Codable, Sendable, Hashable {
    public var clause: String
    public var year: Int
    /// The document says the whole year ("2026 年全年"): days of the year
    /// the term does not cover are reported too.
    public var wholeYear: Bool?
    /// The document's words, quoted.
    public var text: String
}
