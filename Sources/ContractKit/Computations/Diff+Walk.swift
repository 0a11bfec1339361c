/// The walk of `ContractDiff`: two term trees compared member by member,
/// lists matched element by element, each difference recorded where it is.
extension ContractDiff {
    /// Where a term sits: its area, the words naming it, the clause of the
    /// nearest enclosing object that gives one, and its key path.
    struct Place {
        var area = ""
        /// The labels of the elements on the way: "instalment 1".
        var elements: [String] = []
        /// The words of the keys since the last element: "due", "within".
        var words: [String] = []
        var clause = ""
        /// "instalments[1].due.within", for impacts and `pathNames`.
        var path = ""
        /// The units of a quantity, old and new, shown after it.
        var units: (old: String?, new: String?) = (nil, nil)

        var what: String {
            let field = words.joined(separator: " ")
            guard !elements.isEmpty else { return field }
            return elements.joined(separator: ", ") + (field.isEmpty ? "" : ": " + field)
        }

        /// The place of member `key` of the object here.
        func member(_ key: String) -> Place {
            var place = self
            place.path = path.isEmpty ? key : path + "." + key
            if area.isEmpty { place.area = ContractDiff.areas[key] ?? ContractDiff.words(key).replacingOccurrences(of: " ", with: "-") }
            if place.path == "price.breakdowns" { place.area = "price-line" }
            place.units = (nil, nil)
            if let name = ContractDiff.pathNames[place.path] {
                place.words = name.map { [$0] } ?? []
            } else {
                place.words.append(ContractDiff.words(key))
            }
            return place
        }

        /// The place of the element `label` of list `key` of the object here.
        func element(of key: String, _ label: String, matchedBy match: String, clause: String?) -> Place {
            var place = member(key)
            place.elements.append((words + [label]).joined(separator: " "))
            place.words = []
            place.path += "[\(match)]"
            place.clause = clause ?? self.clause
            return place
        }
    }

    /// The changes found so far, and the impacts to attach to them.
    struct Walk {
        let impacts: [Impact]
        var changes: [TermChange] = []

        mutating func compare(_ a: TermTree?, _ b: TermTree?, at place: Place) {
            guard a != b else { return }
            switch (a, b) {
            case (.object(let x)?, .object(let y)?):
                var place = place
                place.clause = b?["clause"]?.text ?? a?["clause"]?.text ?? place.clause
                for key in Self.keys(x, y) {
                    let (p, q) = (a?[key], b?[key])
                    if Self.areLists(p, q) {
                        compareLists(p, q, key: key, in: place)
                        continue
                    }
                    var member = place.member(key)
                    if key == "quantity" { member.units = (a?["unit"]?.text, b?["unit"]?.text) }
                    compare(p, q, at: member)
                }
            default:
                record(a, b, at: place)
            }
        }

        /// A list (or a missing one, as empty): plain values as a set of
        /// values, objects matched by key or position.
        mutating func compareLists(_ a: TermTree?, _ b: TermTree?, key: String, in place: Place) {
            guard a != b else { return }
            var x: [TermTree] = []
            var y: [TermTree] = []
            if case .array(let items)? = a { x = items }
            if case .array(let items)? = b { y = items }
            if x.isEmpty, y.isEmpty {
                // A list written empty where the other version leaves it out.
                record(a, b, at: place.member(key))
                return
            }
            if (x + y).allSatisfy({ $0.text != nil }) {
                var added = y
                var removed: [TermTree] = []
                for value in x {
                    if let index = added.firstIndex(of: value) { added.remove(at: index) } else { removed.append(value) }
                }
                let member = place.member(key)
                for value in removed { record(value, nil, at: member) }
                for value in added { record(nil, value, at: member) }
                return
            }
            let rule = ContractDiff.arrays[key] ?? ArrayRule()
            let noun = rule.noun ?? ContractDiff.singular(key)
            func label(_ element: TermTree, _ match: String) -> String {
                guard rule.showsName, let name = element["name"]?.text, name != match else { return "\(noun) \(match)" }
                return "\(noun) \(match) (\(name))"
            }
            func at(_ element: TermTree, _ match: String) -> Place {
                place.element(of: key, label(element, match), matchedBy: match, clause: element["clause"]?.text)
            }
            guard let oldKeys = Self.matchKeys(x, rule), let newKeys = Self.matchKeys(y, rule) else {
                for index in 0..<max(x.count, y.count) {
                    let element = index < y.count ? y[index] : x[index]
                    let place = at(element, String(index + 1))
                    compare(index < x.count ? x[index] : nil, index < y.count ? y[index] : nil, at: place)
                }
                return
            }
            for (element, match) in zip(x, oldKeys) where !newKeys.contains(match) {
                record(element, nil, at: at(element, match), summaryOmits: rule.keys)
            }
            for (element, match) in zip(y, newKeys) {
                if let index = oldKeys.firstIndex(of: match) {
                    compare(x[index], element, at: at(element, match))
                } else {
                    record(nil, element, at: at(element, match), summaryOmits: rule.keys)
                }
            }
        }

        mutating func record(_ a: TermTree?, _ b: TermTree?, at place: Place, summaryOmits: [String] = []) {
            let change: TermChange.Change = a == nil ? .added : (b == nil ? .removed : .changed)
            let omitted = Set(summaryOmits + ["clause"])
            func shown(_ tree: TermTree?, unit: String?) -> String? {
                guard let tree else { return nil }
                let text = Self.summary(tree, omitting: omitted)
                return unit.map { "\(text) \($0)" } ?? text
            }
            let effects = impacts.filter { $0.terms.contains(place.path) }.map(\.effect)
            changes.append(TermChange(area: place.area, change: change, what: place.what, clause: place.clause,
                                      old: shown(a, unit: place.units.old), new: shown(b, unit: place.units.new), effects: effects))
        }

        // MARK: Helpers

        /// Two lists, or a list where the other version has none.
        static func areLists(_ a: TermTree?, _ b: TermTree?) -> Bool {
            switch (a, b) {
            case (.array?, .array?), (.array?, nil), (nil, .array?): return true
            default: return false
            }
        }

        /// The keys of two objects of one type, in the order the model
        /// declares them: the new object's, with the old one's others in
        /// their places.
        static func keys(_ x: [TermTree.Member], _ y: [TermTree.Member]) -> [String] {
            var keys = y.map(\.key)
            for (index, member) in x.enumerated() where !keys.contains(member.key) {
                let after = index == 0 ? nil : keys.firstIndex(of: x[index - 1].key)
                keys.insert(member.key, at: after.map { $0 + 1 } ?? 0)
            }
            return keys
        }

        /// The key of each element, or nil to match by position: when the
        /// list names no key, or an element has none, or two share one.
        static func matchKeys(_ elements: [TermTree], _ rule: ArrayRule) -> [String]? {
            guard !rule.keys.isEmpty else { return nil }
            var keys: [String] = []
            for element in elements {
                guard let key = rule.keys.lazy.compactMap({ element[$0]?.text }).first, !keys.contains(key) else { return nil }
                keys.append(key)
            }
            return keys
        }

        /// One line for a term added or removed whole.
        static func summary(_ tree: TermTree, omitting omitted: Set<String> = ["clause"]) -> String {
            switch tree {
            case .value(let text):
                return text
            case .array(let items):
                guard !items.isEmpty else { return "none" }
                return items.map { item in item.text ?? "(\(summary(item)))" }.joined(separator: "; ")
            case .object(let members):
                var parts: [String] = []
                for member in members where !omitted.contains(member.key) && member.value != .array([]) {
                    if member.key == "unit", tree["quantity"] != nil { continue }
                    var text = summary(member.value)
                    if case .object = member.value { text = "(\(text))" }
                    if member.key == "quantity", let unit = tree["unit"]?.text { text += " " + unit }
                    if text.count > 60 { text = text.prefix(59) + "…" }
                    parts.append("\(ContractDiff.words(member.key)) \(text)")
                }
                return parts.joined(separator: ", ")
            }
        }
    }
}
