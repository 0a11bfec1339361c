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

/// A name the document defines for a party or a figure ("甲方", "合同总价"),
/// where it defines it. `check` compares the terms the clauses use, and the
/// labels of the signature blocks, against these.
public struct DefinedTerm: Codable, Sendable, Hashable {
    public var term: String
    public var clause: String
    /// The party the term names, when it names one.
    public var party: PartyRole?
    /// The defining words, quoted.
    public var text: String
}

/// A term the clauses use (a party's name, a figure penalties are a share
/// of): `check` reports one that `definedTerms` does not define.
public struct TermUse: Codable, Sendable, Hashable {
    public var term: String
    /// Every clause that uses it.
    public var clauses: [String]
    /// One use, quoted.
    public var text: String
}

/// A defect of the document that only reading finds (a stray line, a
/// misnumbered clause, two passages that cannot both hold), recorded with
/// its clause and quote under one of a few kinds; `check` reports each
/// with its kind's code.
public struct DocumentDefect: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Text that belongs to no clause ("10月15日" on a line of its own).
        case stray
        /// A clause numbered outside its section ("14.7.2" inside §15.7).
        case misnumbered
        /// Two passages that cannot both hold.
        case conflict
        /// A passage that prices or counts what another prices separately.
        case overlap
        /// A period with no stated starting point ("半年后").
        case unanchored
        /// A passage given or signed by the wrong party.
        case reversed

        /// The finding's code.
        public var code: String {
            switch self {
            case .stray: "text-stray"
            case .misnumbered: "clause-misnumbered"
            case .conflict: "terms-conflict"
            case .overlap: "terms-overlap"
            case .unanchored: "period-unanchored"
            case .reversed: "party-reversed"
            }
        }
    }

    public var kind: Kind
    public var clause: String
    /// The document's words, quoted.
    public var text: String
    /// The other passage, for a conflict or an overlap.
    public var against: Passage?
    /// What is wrong, in a sentence.
    public var note: String
}

/// A quoted passage with its clause.
public struct Passage: Codable, Sendable, Hashable {
    public var clause: String
    public var text: String
}
