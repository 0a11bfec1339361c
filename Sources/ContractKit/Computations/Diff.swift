import Foundation

/// One difference between two versions of a contract's terms, in domain
/// words, with its clause and, for money, what it changes downstream.
public struct TermChange: Sendable, Equatable {
    public enum Change: String, Sendable { case changed, added, removed }
    /// identity, party, signing, term, total, price-line, instalment,
    /// guarantee, service-item, assessment, penalty, renewal, obligation
    public var area: String
    public var change: Change
    public var what: String
    public var clause: String
    public var old: String?
    public var new: String?
    /// Figures computed from the terms that this change moves.
    public var impact: [String]
}

public enum ContractDiff {
    public static func changes(from old: Contract, to new: Contract) -> [TermChange] {
        var collector = Collector()
        collector.compare(old, new)
        return collector.changes
    }

    struct Collector {
        var changes: [TermChange] = []

        mutating func field(_ area: String, _ what: String, _ clause: String, _ a: String?, _ b: String?, impact: [String] = []) {
            guard a != b else { return }
            let change: TermChange.Change = a == nil ? .added : (b == nil ? .removed : .changed)
            changes.append(TermChange(area: area, change: change, what: what, clause: clause, old: a, new: b, impact: impact))
        }

        /// Matches items of two lists by key, then compares each pair; an
        /// item on one side only is added or removed.
        mutating func keyed<T>(_ area: String, _ noun: String, _ a: [T], _ b: [T], key: (T) -> String, clause: (T) -> String,
                               summary: (T) -> String, compare: (inout Collector, T, T) -> Void) {
            let oldKeys = a.map(key)
            for item in a where !b.contains(where: { key($0) == key(item) }) {
                changes.append(TermChange(area: area, change: .removed, what: "\(noun) \(key(item))", clause: clause(item), old: summary(item), new: nil, impact: []))
            }
            for item in b {
                if let previous = a.first(where: { key($0) == key(item) }) {
                    compare(&self, previous, item)
                } else {
                    _ = oldKeys
                    changes.append(TermChange(area: area, change: .added, what: "\(noun) \(key(item))", clause: clause(item), old: nil, new: summary(item), impact: []))
                }
            }
        }

        mutating func compare(_ a: Contract, _ b: Contract) {
            field("identity", "document number", "", a.id, b.id)
            field("identity", "alias", "", a.alias, b.alias)
            field("identity", "title", "", a.title, b.title)
            for (role, x, y) in [("buyer", a.parties.buyer, b.parties.buyer), ("supplier", a.parties.supplier, b.parties.supplier)] {
                field("party", "\(role) name", "", x.name, y.name)
                field("party", "\(role) address", "", x.address, y.address)
                field("party", "\(role) phone", "", x.phone, y.phone)
                field("party", "\(role) contact", "", x.contact, y.contact)
                field("party", "\(role) bank accounts", x.bankAccounts.first?.clause ?? "",
                      x.bankAccounts.map { "\($0.bank ?? "") \($0.account ?? "")" }.joined(separator: "; "),
                      y.bankAccounts.map { "\($0.bank ?? "") \($0.account ?? "")" }.joined(separator: "; "))
            }
            field("signing", "signing date", b.signing.clause ?? "", a.signing.day?.description, b.signing.day?.description)
            field("signing", "takes effect", b.signing.effective.clause, a.signing.effective.rule.rawValue, b.signing.effective.rule.rawValue)
            field("term", "service term", b.term.clause, termText(a.term), termText(b.term))

            let oldAmounts = InstalmentAmounts.compute(a)
            let newAmounts = InstalmentAmounts.compute(b)
            var totalImpact: [String] = []
            if a.price.total.amount != b.price.total.amount {
                for (index, instalment) in b.instalments.enumerated() {
                    if let oldIndex = a.instalments.firstIndex(where: { $0.id == instalment.id }), oldAmounts[oldIndex].amount != newAmounts[index].amount {
                        totalImpact.append("instalment \(instalment.id): \(oldAmounts[oldIndex].amount.grouped) -> \(newAmounts[index].amount.grouped)")
                    }
                }
                for guarantee in b.guarantees where guarantee.share != nil {
                    if let previous = a.guarantees.first(where: { $0.id == guarantee.id }) {
                        let x = GuaranteeAmounts.amount(of: previous, in: a)
                        let y = GuaranteeAmounts.amount(of: guarantee, in: b)
                        if x != y { totalImpact.append("guarantee \(guarantee.id): \(x.grouped) -> \(y.grouped)") }
                    }
                }
                for rule in b.penalties {
                    guard let rate = rule.rateOfTotal else { continue }
                    let oldRate = a.penalties.first { $0.id == rule.id }?.rateOfTotal ?? rate
                    let x = a.price.total.amount.times(oldRate)
                    let y = b.price.total.amount.times(rate)
                    totalImpact.append("penalty \(rule.id) (\(oldRate == rate ? "\(rate)" : "\(oldRate) -> \(rate)") of the total): \(x.grouped) -> \(y.grouped) a time")
                }
            }
            field("total", "contract total", b.price.total.clause, a.price.total.amount.grouped, b.price.total.amount.grouped, impact: totalImpact)
            field("total", "contract total in words (大写)", b.price.total.clause, a.price.total.words, b.price.total.words)
            field("total", "tax included", b.price.total.clause, a.price.taxIncluded.map { "\($0)" }, b.price.taxIncluded.map { "\($0)" })
            field("total", "VAT rate", b.price.total.clause, a.price.vatRate?.description, b.price.vatRate?.description)
            field("total", "the price covers", b.price.total.clause, a.price.covers?.period.description, b.price.covers?.period.description)

            let oldLines = a.price.breakdowns.flatMap { breakdown in breakdown.lines.map { (breakdown, $0) } }
            let newLines = b.price.breakdowns.flatMap { breakdown in breakdown.lines.map { (breakdown, $0) } }
            keyed("price-line", "price line", oldLines, newLines, key: { "\($0.0.name)/\($0.1.id ?? $0.1.name)" }, clause: { $0.0.clause },
                  summary: { "\($0.1.name): \($0.1.amount.grouped)" }) { c, x, y in
                let name = "\(y.1.name) (\(y.0.name))"
                c.field("price-line", "\(name): amount", y.0.clause, x.1.amount.grouped, y.1.amount.grouped)
                c.field("price-line", "\(name): quantity", y.0.clause, x.1.quantity?.description, y.1.quantity?.description)
                c.field("price-line", "\(name): unit price", y.0.clause, x.1.unitPrice?.grouped, y.1.unitPrice?.grouped)
                c.field("price-line", "\(name): items", y.0.clause, x.1.items.joined(separator: "; "), y.1.items.joined(separator: "; "))
            }

            keyed("instalment", "instalment", Array(a.instalments.enumerated()), Array(b.instalments.enumerated()), key: { $0.element.id }, clause: { $0.element.clause },
                  summary: { "\(shareText($0.element)); \(dueText($0.element.due))" }) { c, x, y in
                let id = y.element.id
                c.field("instalment", "instalment \(id): share", y.element.clause, shareText(x.element), shareText(y.element),
                        impact: oldAmounts[x.offset].amount != newAmounts[y.offset].amount ? ["instalment \(id): \(oldAmounts[x.offset].amount.grouped) -> \(newAmounts[y.offset].amount.grouped)"] : [])
                c.field("instalment", "instalment \(id): when due", y.element.clause, dueText(x.element.due), dueText(y.element.due))
                c.field("instalment", "instalment \(id): conditions", y.element.clause, conditionsText(x.element), conditionsText(y.element))
            }

            keyed("guarantee", "guarantee", a.guarantees, b.guarantees, key: { $0.id }, clause: { $0.clause },
                  summary: { "\($0.kind.rawValue) \($0.share?.description ?? $0.amount?.grouped ?? "")" }) { c, x, y in
                let xa = GuaranteeAmounts.amount(of: x, in: a)
                let ya = GuaranteeAmounts.amount(of: y, in: b)
                c.field("guarantee", "guarantee \(y.id): share", y.clause, x.share?.description ?? x.amount?.grouped, y.share?.description ?? y.amount?.grouped,
                        impact: xa != ya ? ["guarantee \(y.id): \(xa.grouped) -> \(ya.grouped)"] : [])
                c.field("guarantee", "guarantee \(y.id): valid until", y.clause, x.validUntil?.description, y.validUntil?.description)
                c.field("guarantee", "guarantee \(y.id): released when", y.release?.clause ?? y.clause,
                        x.release.map { "window \($0.window ?? "") >= \($0.atLeast?.description ?? "")" }, y.release.map { "window \($0.window ?? "") >= \($0.atLeast?.description ?? "")" })
                c.field("guarantee", "guarantee \(y.id): deduction", y.deduction?.clause ?? y.clause, x.deduction?.share.description, y.deduction?.share.description)
            }

            keyed("service-item", "service item", a.serviceItems, b.serviceItems, key: { $0.path }, clause: { $0.clause },
                  summary: { "\($0.quantity) \($0.unit)" }) { c, x, y in
                c.field("service-item", "\(y.path): quantity", y.clause, "\(x.quantity) \(x.unit)", "\(y.quantity) \(y.unit)")
            }

            let xs = a.assessment
            let ys = b.assessment
            if (xs == nil) != (ys == nil) {
                field("assessment", "assessment sheet", ys?.clause ?? xs?.clause ?? "", xs.map { _ in "present" }, ys.map { _ in "present" })
            }
            if let xs, let ys {
                field("assessment", "score range", ys.clause, "\(xs.minimum)-\(xs.maximum)", "\(ys.minimum)-\(ys.maximum)")
                field("assessment", "assessed", ys.clause, xs.frequency, ys.frequency)
                keyed("assessment", "category", xs.categories, ys.categories, key: { $0.id }, clause: { _ in ys.clause }, summary: { "\($0.name), \($0.points) points" }) { c, x, y in
                    c.field("assessment", "category \(y.id) (\(y.name)): points", ys.clause, String(x.points), String(y.points))
                    c.keyed("assessment", "deduction \(y.id).", x.deductions, y.deductions, key: { $0.id }, clause: { _ in ys.clause }, summary: { "-\($0.points) per occurrence" }) { c, p, q in
                        c.field("assessment", "deduction \(y.id).\(q.id): points per occurrence", ys.clause, String(p.points), String(q.points))
                    }
                }
                keyed("assessment", "additional item", xs.additionalItems, ys.additionalItems, key: { $0.id }, clause: { _ in ys.clause }, summary: { "\($0.points) per occurrence" }) { c, x, y in
                    c.field("assessment", "additional item \(y.id): points", ys.clause, String(x.points), String(y.points))
                }
                keyed("assessment", "window", xs.windows, ys.windows, key: { $0.id }, clause: { $0.clause }, summary: { "\($0.label) >= \($0.atLeast)" }) { c, x, y in
                    c.field("assessment", "window \(y.id): periods ending", y.clause, "\(x.periodsEndingFrom?.description ?? "") to \(x.periodsEndingTo)", "\(y.periodsEndingFrom?.description ?? "") to \(y.periodsEndingTo)")
                    c.field("assessment", "window \(y.id): threshold", y.clause, x.atLeast.description, y.atLeast.description)
                }
            }

            keyed("penalty", "penalty rule", a.penalties, b.penalties, key: { $0.id }, clause: { $0.clause }, summary: { penaltyText($0) }) { c, x, y in
                let name = "penalty \(y.id)"
                var impact: [String] = []
                if let xr = x.rateOfTotal, let yr = y.rateOfTotal, xr != yr {
                    impact.append("\(name): \(a.price.total.amount.times(xr).grouped) -> \(b.price.total.amount.times(yr).grouped) a time")
                }
                c.field("penalty", "\(name)", y.clause, encoded(x), encoded(y), impact: impact)
            }

            field("renewal", "renewal", b.renewal?.clause ?? a.renewal?.clause ?? "", a.renewal.map(renewalText), b.renewal.map(renewalText))
            keyed("obligation", "obligation", a.obligations, b.obligations, key: { $0.id }, clause: { $0.clause }, summary: { $0.description }) { c, x, y in
                c.field("obligation", "obligation \(y.id)", y.clause, obligationText(x), obligationText(y))
            }
        }
    }

    static func termText(_ term: Term) -> String {
        let start: String
        switch term.start {
        case .date(let day): start = day.description
        case .anchor(let anchor): start = anchor.rawValue
        }
        if let end = term.end { return "\(start) to \(end)" }
        return "\(term.length?.period.description ?? "?") from \(start)"
    }

    static func shareText(_ instalment: Instalment) -> String {
        instalment.share?.description ?? instalment.amount?.grouped ?? (instalment.remainder == true ? "the remainder" : "?")
    }

    static func dueText(_ due: DueRule) -> String {
        var parts: [String] = []
        if let within = due.within { parts.append("within \(within.period.description) after \(due.after.map(\.rawValue).joined(separator: " and "))") }
        if let day = due.onOrBefore { parts.append("on or before \(day)") }
        if let day = due.notBefore { parts.append("not before \(day)") }
        if !due.requires.isEmpty { parts.append("after \(due.requires.map(\.rawValue).joined(separator: ", "))") }
        return parts.joined(separator: "; ")
    }

    static func conditionsText(_ instalment: Instalment) -> String {
        instalment.conditions.map { "\($0.kind.rawValue) \($0.window ?? "") >= \($0.atLeast?.description ?? "")" }.joined(separator: "; ")
    }

    static func encoded<T: Encodable>(_ value: T) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }

    static func terminationText(_ threshold: TerminationThreshold?) -> String? {
        guard let threshold else { return nil }
        let at = threshold.share.map { "penalties reach \($0)" } ?? threshold.days.map { "\($0) days overdue" } ?? ""
        return "the \(threshold.party.rawValue) may terminate when \(at)"
    }

    static func penaltyText(_ rule: PenaltyRule) -> String {
        [rule.kind.rawValue, rule.rateOfTotal.map { "\($0) of the total" }].compactMap { $0 }.joined(separator: ", ")
    }

    static func renewalText(_ renewal: Renewal) -> String {
        [renewal.kind.rawValue, renewal.period.map { "for \($0.period.description)" }, renewal.noticeAtLeast.map { "notice at least \($0.period.description) before the end" }]
            .compactMap { $0 }.joined(separator: ", ")
    }

    static func obligationText(_ obligation: Obligation) -> String {
        var parts = [obligation.description]
        if let within = obligation.within { parts.append("within \(within.period.description)") }
        if let hours = obligation.withinHours { parts.append("within \(hours)h") }
        if let minutes = obligation.withinMinutes { parts.append("within \(minutes) min") }
        if let atLeast = obligation.atLeast { parts.append("at least \(atLeast.period.description) before") }
        return parts.joined(separator: ", ")
    }
}

/// `diff` as JSON, CSV and text.
public enum DiffReport {
    public static func json(_ changes: [TermChange], old: Contract, new: Contract) -> String {
        JSONValue.object([
            ("old", .string(old.id)), ("new", .string(new.id)), ("same", .bool(changes.isEmpty)),
            ("changes", .array(changes.map { change in
                .object([("area", .string(change.area)), ("change", .string(change.change.rawValue)), ("what", .string(change.what)),
                         ("clause", .string(change.clause)), ("old", .optional(change.old)), ("new", .optional(change.new)),
                         ("impact", .array(change.impact.map(JSONValue.string)))])
            })),
        ]).rendered() + "\n"
    }

    public static func csv(_ changes: [TermChange]) -> String {
        CSV.render(header: ["area", "change", "what", "clause", "old", "new", "impact"],
                   rows: changes.map { [$0.area, $0.change.rawValue, $0.what, $0.clause, $0.old ?? "", $0.new ?? "", $0.impact.joined(separator: "; ")] })
    }

    public static func text(_ changes: [TermChange], old: Contract, new: Contract) -> String {
        guard !changes.isEmpty else { return "The terms of \(old.alias) and \(new.alias) are the same.\n" }
        var text = "\(old.alias) (\(old.id)) -> \(new.alias) (\(new.id)): \(changes.count) change\(changes.count == 1 ? "" : "s")\n"
        var area = ""
        for change in changes {
            if change.area != area {
                area = change.area
                text += "\n\(area)\n"
            }
            let clause = change.clause.isEmpty ? "" : " [\(change.clause)]"
            switch change.change {
            case .changed: text += "  ~ \(change.what)\(clause): \(change.old ?? "") -> \(change.new ?? "")\n"
            case .added: text += "  + \(change.what)\(clause): \(change.new ?? "")\n"
            case .removed: text += "  - \(change.what)\(clause): \(change.old ?? "")\n"
            }
            for line in change.impact { text += "      => \(line)\n" }
        }
        return text
    }
}
