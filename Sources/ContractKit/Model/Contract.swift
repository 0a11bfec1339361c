/// The terms of one contract, as its document states them.
///
/// A contract is data: every computation reads these terms, and no Swift
/// code names a particular contract. Every term carries the clause it comes
/// from, so each computed figure can be traced to its sentence.
public struct Contract: Codable, Sendable {
    /// The version of the fixture format (1).
    public var formatVersion: Int
    /// The document number (合同编号), e.g. "11NMB2F023962026802".
    public var id: String
    /// A short name the CLI accepts besides the id, e.g. "minhang-2026".
    public var alias: String
    /// The document's own title, as printed: "合同" where it has no other.
    public var title: String
    /// A name the document gives its subject elsewhere (a project named in
    /// the preamble), which displays use where the title alone says
    /// nothing; a reading, with where it comes from (Reading 21).
    public var name: ContractName?
    /// Other numbers the document gives (procurement or project numbers).
    @DefaultEmpty public var otherNumbers: [Reference]
    /// The seed document this fixture transcribes.
    public var source: String?
    /// "CNY"
    public var currency: String
    public var parties: Parties
    public var signing: Signing
    public var term: Term
    public var price: Price
    @DefaultEmpty public var instalments: [Instalment]
    @DefaultEmpty public var guarantees: [Guarantee]
    /// Guarantees the document says are not taken ("不收取"): an explicit
    /// term, not a blank.
    @DefaultEmpty public var guaranteesNotTaken: [GuaranteeNotTaken]
    @DefaultEmpty public var serviceItems: [ServiceItem]
    public var assessment: AssessmentSheet?
    @DefaultEmpty public var penalties: [PenaltyRule]
    public var renewal: Renewal?
    @DefaultEmpty public var obligations: [Obligation]
    /// Rights and money consequences of events: termination, refunds, costs.
    @DefaultEmpty public var remedies: [Remedy]
    /// Terms the document leaves blank or empty ("_____", "[/]").
    @DefaultEmpty public var blanks: [Blank]
    /// Readings of ambiguous text this fixture adopts.
    @DefaultEmpty public var readings: [Reading]
    /// The attachments the document has, and what it refers to (check
    /// reports a reference to one it does not have).
    @DefaultEmpty public var attachments: [Attachment]
    @DefaultEmpty public var crossReferences: [CrossReference]
    /// Lists the document gives, entry by entry (check reports a repeat).
    @DefaultEmpty public var lists: [ItemList]
    /// Years the document names for the service (check compares the term).
    @DefaultEmpty public var namedYears: [NamedYear]
    /// Names the document defines, the terms its clauses use, and defects
    /// only reading finds (check reports each).
    @DefaultEmpty public var definedTerms: [DefinedTerm]
    @DefaultEmpty public var termUses: [TermUse]
    @DefaultEmpty public var defects: [DocumentDefect]
}

extension Contract {
    /// What displays call the contract: its recorded `name`, or its title.
    public var label: String { name?.text ?? title }
}

/// A name for the contract the document gives outside its title.
public struct ContractName: Codable, Sendable, Hashable {
    /// The name, as the document writes it.
    public var text: String
    /// Where the document writes it ("合同首部 前言").
    public var clause: String
    /// The reading that takes it as the contract's name ("Reading 21").
    public var reading: String
}

/// A number or name the document gives, with where it gives it.
public struct Reference: Codable, Sendable, Hashable {
    public var kind: String
    public var value: String
    public var clause: String?
}

/// A term left blank in the document.
public struct Blank: Codable, Sendable, Hashable {
    public var clause: String
    public var description: String
    /// What the tool does about it (e.g. "no formula is invented").
    public var consequence: String?
}

/// How the fixture reads a phrase the text leaves open.
public struct Reading: Codable, Sendable, Hashable {
    public var clause: String
    public var text: String
    public var reading: String
}
