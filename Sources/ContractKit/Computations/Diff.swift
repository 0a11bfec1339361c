/// One difference between two versions of a contract's terms, in domain
/// words, with its clause and, for money, what it changes downstream.
public struct TermChange: Sendable, Equatable {
    public enum Change: String, Sendable { case changed, added, removed }
    /// The part of the contract: identity, party, signing, term, total,
    /// price-line, instalment, guarantee, service-item, assessment,
    /// penalty, renewal, obligation, blank, reading (a new top-level term
    /// gets its own area, named after its key).
    public var area: String
    public var change: Change
    /// The term, named by its path: "instalment 1: due within",
    /// "category emergency (应急处置), deduction late: points".
    public var what: String
    /// The clause of the nearest enclosing part of the terms that gives one.
    public var clause: String
    public var old: String?
    public var new: String?
    /// Figures computed from the terms that this change moves.
    public var effects: [Effect]

    /// The effects as a reader sees them, money grouped:
    /// "instalment 1: 4,149,000.00 -> 3,560,000.00".
    public var impact: [String] { effects.map(\.line) }

    /// A figure computed from the terms, before and after the change.
    public struct Effect: Sendable, Equatable {
        /// "instalment 1", "guarantee advance", "penalty 10.2".
        public var figure: String
        /// How the figure is made, where the figure's name does not say:
        /// "1% -> 0.5% of the total".
        public var basis: String?
        public var old: Money
        public var new: Money
        /// Whether the figure is charged each time (a penalty), not once.
        public var eachTime = false

        public var line: String {
            "\(figure)\(basis.map { " (\($0))" } ?? ""): \(old.grouped) -> \(new.grouped)\(eachTime ? " a time" : "")"
        }
    }

    /// How the terms' money is written in `old` and `new`.
    public enum MoneyText: Sendable {
        /// "8,298,000.00", for a reader.
        case grouped
        /// "8298000.00", for JSON and CSV.
        case plain
    }
}

/// Every term that differs between two versions of a contract.
///
/// Both versions are walked as the fixture format writes them (`TermTree`,
/// built by the model's `Codable` conformance), so no term is listed here
/// and a term added to the model is compared as soon as it exists. Array
/// elements are matched by their `id`, or by the natural key `arrays`
/// gives, or else by position; a list of plain values is compared as a
/// set of values. Only the money impacts name fields of the model.
public enum ContractDiff {
    public static func changes(from old: Contract, to new: Contract, money: TermChange.MoneyText = .grouped) -> [TermChange] {
        var walk = Walk(impacts: impacts(old: old, new: new))
        walk.compare(TermTree(old, money: money), TermTree(new, money: money), at: Place())
        return walk.changes
    }

    // MARK: Naming

    /// The area of each top-level term; a term not listed is its own area.
    static let areas: [String: String] = [
        "formatVersion": "identity", "id": "identity", "alias": "identity", "title": "identity", "name": "identity",
        "otherNumbers": "identity", "source": "identity", "currency": "identity",
        "parties": "party", "signing": "signing", "term": "term", "price": "total",
        "instalments": "instalment", "guarantees": "guarantee", "guaranteesNotTaken": "guarantee", "serviceItems": "service-item",
        "assessment": "assessment", "penalties": "penalty", "renewal": "renewal",
        "obligations": "obligation", "blanks": "blank", "readings": "reading",
    ]

    /// Names for a term at one path, where its key alone does not read
    /// well; nil for a part that adds no word (the parties, signing, the
    /// price, the assessment sheet: the area already says it).
    static let pathNames: [String: String?] = [
        "id": "document number",
        "parties": nil,
        "signing": nil,
        "signing.date": "signing date",
        "price": nil,
        "price.total": "contract total",
        "price.total.amount": "contract total",
        "assessment": nil,
    ]

    /// Names for a key wherever it appears.
    static let keyNames: [String: String] = [
        "words": "in words (大写)",
        "vatRate": "VAT rate",
        "covers": "the price covers",
        "no": "line number",
    ]

    /// How the elements of a list are matched and named, where not by `id`.
    struct ArrayRule {
        /// The name of one element; the key's words, made singular, when nil.
        var noun: String?
        /// The members whose value identifies an element, the first present
        /// one counting; empty to match by position.
        var keys = ["id"]
        /// Whether the element's `name` follows its key in its label.
        var showsName = false
    }

    /// Bank accounts and payment conditions have no key of their own, so
    /// they are matched by position.
    static let arrays: [String: ArrayRule] = [
        "otherNumbers": ArrayRule(keys: ["kind"]),
        "bankAccounts": ArrayRule(keys: []),
        "nameVariants": ArrayRule(keys: ["name"]),
        "signatures": ArrayRule(noun: "signature of the", keys: ["party"]),
        "breakdowns": ArrayRule(keys: ["name"]),
        "lines": ArrayRule(noun: "price line", keys: ["id", "name"], showsName: true),
        "conditions": ArrayRule(keys: []),
        "serviceItems": ArrayRule(keys: ["path"]),
        "categories": ArrayRule(showsName: true),
        "blanks": ArrayRule(keys: ["clause"]),
        "guaranteesNotTaken": ArrayRule(noun: "guarantee not taken", keys: ["kind"]),
        "readings": ArrayRule(keys: ["clause"]),
    ]

    /// "periodsEndingTo" -> "periods ending to"
    static func words(_ key: String) -> String {
        if let name = keyNames[key] { return name }
        var text = ""
        for character in key {
            if character.isUppercase, !text.isEmpty { text += " " }
            text += character.lowercased()
        }
        return text
    }

    /// "serviceItems" -> "service item", "penalties" -> "penalty"
    static func singular(_ key: String) -> String {
        let text = words(key)
        if text.hasSuffix("ies") { return text.dropLast(3) + "y" }
        if text.hasSuffix("s"), !text.hasSuffix("ss") { return String(text.dropLast()) }
        return text
    }

    // MARK: Impacts

    /// A figure computed from the terms, and the terms whose change moves
    /// it, as key paths ("price.total.amount", "instalments[1].share").
    struct Impact {
        var terms: [String]
        var effect: TermChange.Effect
    }

    /// The amounts a change of the total or of a share moves: each
    /// instalment, each guarantee, each penalty charged on the total.
    static func impacts(old: Contract, new: Contract) -> [Impact] {
        var impacts: [Impact] = []
        let oldAmounts = InstalmentAmounts.compute(old)
        let newAmounts = InstalmentAmounts.compute(new)
        for (index, instalment) in new.instalments.enumerated() {
            guard let oldIndex = old.instalments.firstIndex(where: { $0.id == instalment.id }) else { continue }
            let (x, y) = (oldAmounts[oldIndex].amount, newAmounts[index].amount)
            guard x != y else { continue }
            let at = "instalments[\(instalment.id)]"
            impacts.append(Impact(terms: ["price.total.amount", at + ".share", at + ".amount", at + ".remainder"],
                                  effect: TermChange.Effect(figure: "instalment \(instalment.id)", old: x, new: y)))
        }
        for guarantee in new.guarantees {
            guard let previous = old.guarantees.first(where: { $0.id == guarantee.id }) else { continue }
            let x = GuaranteeAmounts.amount(of: previous, in: old)
            let y = GuaranteeAmounts.amount(of: guarantee, in: new)
            guard x != y else { continue }
            let at = "guarantees[\(guarantee.id)]"
            impacts.append(Impact(terms: ["price.total.amount", at + ".share", at + ".amount"],
                                  effect: TermChange.Effect(figure: "guarantee \(guarantee.id)", old: x, new: y)))
        }
        return impacts + penaltyImpacts(old: old, new: new)
    }

    /// What one occurrence of each penalty charged on the contract total
    /// costs, before and after, where a new total or rate moves it.
    ///
    /// The only code of the diff that reads a penalty rule's fields (the
    /// rule type is being reshaped; the walk needs none of them).
    static func penaltyImpacts(old: Contract, new: Contract) -> [Impact] {
        new.penalties.compactMap { rule in
            guard let rate = rule.rateOfTotal,
                  let previous = old.penalties.first(where: { $0.id == rule.id }), let oldRate = previous.rateOfTotal else { return nil }
            let x = old.price.total.amount.times(oldRate)
            let y = new.price.total.amount.times(rate)
            guard x != y else { return nil }
            let rates = oldRate == rate ? "\(rate)" : "\(oldRate) -> \(rate)"
            return Impact(terms: ["price.total.amount", "penalties[\(rule.id)].rate"],
                          effect: TermChange.Effect(figure: "penalty \(rule.id)", basis: "\(rates) of the total", old: x, new: y, eachTime: true))
        }
    }
}
