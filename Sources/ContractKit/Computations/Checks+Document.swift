/// The checks on facts about the document itself: references to what it
/// does not attach, entries given twice, service items that disagree,
/// guarantees that end before the service, and a year named for a term that
/// runs outside it. Each reads recorded terms only and names no contract.
extension Checks {
    static func document(_ contract: Contract, calendar: WorkCalendar, _ add: Add) {
        references(contract, add)
        repeats(contract, add)
        serviceItems(contract, add)
        coverage(contract, calendar: calendar, add)
        termEnds(contract, calendar: calendar, add)
        definedTerms(contract, add)
        scoreOverlaps(contract, add)
        for defect in contract.defects {
            let against = defect.against.map { "; against \($0.clause): \"\($0.text)\"" } ?? ""
            let severity: Finding.Severity = [.stray, .misnumbered].contains(defect.kind) ? .info : .warning
            add(severity, defect.kind.code, defect.clause, "\(defect.note) (\"\(defect.text)\"\(against))")
        }
        for remedy in contract.remedies where remedy.amountStated == false {
            add(.info, "amount-unstated", remedy.clause, "\(remedy.kind.rawValue) when “\(remedy.when)” (\"\(remedy.text)\"): the document does not state the amount; no amount is applied")
        }
    }

    /// A reference to an attachment the document does not attach, or to a
    /// kind of guarantee the contract does not take.
    static func references(_ contract: Contract, _ add: Add) {
        let attached = Set(contract.attachments.map(\.name))
        for reference in contract.crossReferences {
            if let name = reference.attachment, !attached.contains(name) {
                let has = contract.attachments.isEmpty ? "the document attaches nothing" : "the document attaches only " + contract.attachments.map { "\($0.name) (\($0.clause))" }.joined(separator: ", ")
                add(.warning, "reference-absent", reference.clause, "refers to \(name) (\"\(reference.text)\"), but \(has)")
            }
            if let kind = reference.guarantee, !contract.guarantees.contains(where: { $0.kind == kind }) {
                let why = contract.guaranteesNotTaken.first { $0.kind == kind }.map { "the contract says it is not taken (\($0.clause))" } ?? "the contract provides for none"
                add(.warning, "reference-absent", reference.clause, "refers to a \(kind.words) guarantee (\"\(reference.text)\"), but \(why)")
            }
        }
    }

    /// An entry a list of the document gives more than once.
    static func repeats(_ contract: Contract, _ add: Add) {
        for list in contract.lists {
            var positions: [String: [Int]] = [:]
            for (index, entry) in list.entries.enumerated() { positions[entry, default: []].append(index + 1) }
            for entry in list.entries where (positions[entry]?.count ?? 0) > 1 {
                guard let at = positions.removeValue(forKey: entry) else { continue }
                add(.warning, "item-repeated", list.clause, "\"\(entry)\" is listed \(at.count == 2 ? "twice" : "\(at.count) times") in \(list.name) (entries \(at.map(String.init).joined(separator: ", ")) of \(list.entries.count))")
            }
        }
    }

    /// Service items: the same path twice, the same service (the path
    /// after its site) counted in different units, and a path with an empty
    /// level ("基础设施--内存").
    static func serviceItems(_ contract: Contract, _ add: Add) {
        let items = contract.serviceItems
        func label(_ item: ServiceItem, _ index: Int) -> String { "item \(item.no.map(String.init) ?? "#\(index + 1)")" }
        var byPath: [String: [Int]] = [:]
        var byService: [String: [Int]] = [:]
        for (index, item) in items.enumerated() {
            byPath[item.path, default: []].append(index)
            if let site = item.site, item.path.hasPrefix(site + "-") {
                byService[String(item.path.dropFirst(site.count + 1)), default: []].append(index)
            }
            if item.path.split(separator: "-", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                add(.info, "item-path-gap", item.clause, "\(label(item, index)) \"\(item.path)\": a level of its category path is empty")
            }
        }
        for (path, indices) in byPath.sorted(by: { $0.value[0] < $1.value[0] }) where indices.count > 1 {
            add(.warning, "item-repeated", items[indices[0]].clause, "\(indices.map { label(items[$0], $0) }.joined(separator: " and ")) are the same item, \"\(path)\"")
        }
        for (service, indices) in byService.sorted(by: { $0.value[0] < $1.value[0] }) {
            let units = indices.map { items[$0].unit }
            guard Set(units).count > 1 else { continue }
            let each = indices.map { "\(label(items[$0], $0)) (\(items[$0].site ?? "")) in \(items[$0].unit)" }.joined(separator: ", ")
            add(.warning, "item-unit-differs", items[indices[0]].clause, "the same service \"\(service)\" is counted in different units: \(each)")
        }
    }

    /// A guarantee valid until a day before the service term ends, and a
    /// year the document names for a term that runs outside it.
    static func coverage(_ contract: Contract, calendar: WorkCalendar, _ add: Add) {
        let dates = ContractDates(contract, calendar: calendar)
        guard let start = dates.termStart, let end = dates.termEnd?.day else { return }
        for guarantee in contract.guarantees {
            guard let until = guarantee.validUntil, until < end else { continue }
            let days = end.dayNumber - until.dayNumber
            add(.warning, "guarantee-ends-early", guarantee.clause,
                "the \(guarantee.name ?? guarantee.id) guarantee is valid until \(until), but the service term runs to \(end) (\(contract.term.clause)): its last \(days) day\(days == 1 ? "" : "s") (\(until.adding(days: 1)) to \(end)) are not covered")
        }
        for named in contract.namedYears {
            guard let first = CalendarDay(year: named.year, month: 1, day: 1), let last = CalendarDay(year: named.year, month: 12, day: 31) else { continue }
            var outside: [String] = []
            if named.wholeYear == true, start > first || end < last {
                var gaps: [String] = []
                if start > first { gaps.append("\(first) to \(min(start.adding(days: -1), last))") }
                if end < last, end >= first { gaps.append("\(max(end.adding(days: 1), first)) to \(last)") }
                let missed = max(0, min(start.dayNumber, last.dayNumber + 1) - first.dayNumber) + max(0, last.dayNumber - max(end.dayNumber, first.dayNumber - 1))
                outside.append("\(missed) day\(missed == 1 ? "" : "s") of \(named.year) are not in it (\(gaps.joined(separator: ", ")))")
            }
            if start < first {
                let days = min(end, first.adding(days: -1)).dayNumber - start.dayNumber + 1
                outside.append("\(days) day\(days == 1 ? "" : "s") before \(named.year) (\(start) to \(min(end, first.adding(days: -1))))")
            }
            if end > last {
                let days = end.dayNumber - max(start, last.adding(days: 1)).dayNumber + 1
                outside.append("\(days) day\(days == 1 ? "" : "s") after \(named.year) (\(max(start, last.adding(days: 1))) to \(end))")
            }
            guard !outside.isEmpty else { continue }
            add(.warning, "year-disagrees", named.clause,
                "\"\(named.text)\" names \(named.year), but the service term runs \(start) to \(end) (\(contract.term.clause)): " + outside.joined(separator: " and "))
        }
    }
}

extension Checks {
    /// A term counted from the signing day when the document states no
    /// signing date and the signatures carry different dates: each date
    /// gives another end.
    static func termEnds(_ contract: Contract, calendar: WorkCalendar, _ add: Add) {
        let signing = contract.signing
        guard contract.term.end == nil, let length = contract.term.length, signing.date == nil else { return }
        switch contract.term.start {
        case .anchor(.signing): break
        case .anchor(.effective) where signing.effective.rule == .onSigning: break
        default: return
        }
        let dated = signing.signatures.compactMap { signature in signature.date.map { (day: $0, signature: signature) } }
        let days = Set(dated.map(\.day)).sorted()
        guard days.count > 1 else { return }
        let rollOver = contract.term.rollOver ?? true
        let ends = days.map { calendar.end(of: length.period, after: $0, rollOver: rollOver).day }
        let each = dated.sorted { $0.day < $1.day }.map { "\($0.day) (\($0.signature.party.rawValue), \($0.signature.clause))" }.joined(separator: " and ")
        let used = ContractDates(contract, calendar: calendar)
        add(.warning, "term-end-ambiguous", contract.term.clause,
            "the term runs \(length.period.description) from the signing day, which the document does not state; the signatures are dated \(each): it ends \(ends.map(\.description).joined(separator: " or ")); the tool counts from \(used.signing.map(\.description) ?? "no day") (the last signature), to \(used.termEnd.map(\.day.description) ?? "no day")")
    }

    /// A term the clauses use that the document never defines, and a
    /// signature block labelled with the other party's term.
    static func definedTerms(_ contract: Contract, _ add: Add) {
        let defined = Dictionary(contract.definedTerms.map { ($0.term, $0) }, uniquingKeysWith: { first, _ in first })
        let list = contract.definedTerms.map { "\($0.term) (\($0.clause))" }.joined(separator: ", ")
        for use in contract.termUses where defined[use.term] == nil {
            let has = list.isEmpty ? "it defines no terms" : "it defines " + list
            add(.warning, "term-undefined", use.clauses.joined(separator: ", "),
                "uses “\(use.term)” (\"\(use.text)\"), which the document never defines; \(has)")
        }
        for signature in contract.signing.signatures {
            guard let label = signature.label, let term = defined[label], let named = term.party, named != signature.party else { continue }
            add(.warning, "signature-label-wrong", signature.clause,
                "the \(signature.party.rawValue)'s signature block is labelled “\(label)”, which \(term.clause) defines as the \(named.rawValue) (\"\(term.text)\")")
        }
    }

    /// Two items of a score sheet recorded as covering the same incident:
    /// one incident can be deducted under both.
    static func scoreOverlaps(_ contract: Contract, _ add: Add) {
        guard let sheet = contract.assessment else { return }
        var items: [(incident: String, text: String)] = []
        for category in sheet.categories {
            for deduction in category.deductions {
                if let incident = deduction.incident { items.append((incident, "\(deduction.id) (\(category.name), \(deduction.points) per occurrence: \"\(deduction.description)\")")) }
            }
        }
        for item in sheet.additionalItems {
            if let incident = item.incident {
                let each = item.perOccurrence == false ? "" : " per occurrence"
                items.append((incident, "\(item.id) (\(item.points)\(each): \"\(item.description)\")"))
            }
        }
        var seen: [String] = []
        for (incident, _) in items where !seen.contains(incident) {
            seen.append(incident)
            let covering = items.filter { $0.incident == incident }
            guard covering.count > 1 else { continue }
            add(.warning, "score-items-overlap", sheet.clause,
                "\(covering.map(\.text).joined(separator: " and ")) both count \(incident): one incident can be deducted under each")
        }
    }
}

extension Guarantee.Kind {
    var words: String {
        switch self {
        case .advancePayment: return "advance-payment"
        case .performance: return "performance"
        case .bid: return "bid"
        case .warranty: return "warranty"
        }
    }
}
