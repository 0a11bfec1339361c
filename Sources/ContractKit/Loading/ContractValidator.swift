import Foundation

/// Checks a decoded contract for terms that cannot be computed with:
/// shapes JSON Schema cannot express, and references between terms.
/// (Inconsistencies of the document itself are `check`'s business, not errors.)
enum ContractValidator {
    struct Problem: Equatable {
        var path: String
        var message: String
    }

    static func problems(in contract: Contract) -> [Problem] {
        var problems: [Problem] = []
        func problem(_ path: String, _ message: String) { problems.append(Problem(path: path, message: message)) }

        if contract.formatVersion != 1 {
            problem("$.formatVersion", "\(contract.formatVersion): this version of contractctl reads format 1")
        }
        if contract.id.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problem("$.id", "the document number is empty") }
        if contract.alias.isEmpty || !contract.alias.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            problem("$.alias", "\"\(contract.alias)\": expected lower-case letters, digits and hyphens, such as \"minhang-2026\"")
        }
        if contract.currency != "CNY" { problem("$.currency", "\"\(contract.currency)\": only CNY is supported") }

        if contract.term.end == nil && contract.term.length == nil {
            problem("$.term", "give the term's \"end\" or its \"length\"")
        }
        if contract.term.end != nil && contract.term.length != nil {
            problem("$.term", "give the term's \"end\" or its \"length\", not both")
        }

        let windows = Set(contract.assessment?.windows.map(\.id) ?? [])
        var remainders = 0
        var instalmentIDs = Set<String>()
        for (index, instalment) in contract.instalments.enumerated() {
            let path = "$.instalments[\(index)]"
            if !instalmentIDs.insert(instalment.id).inserted {
                problem("\(path).id", "\"\(instalment.id)\" is used by another instalment")
            }
            let ways = [instalment.share != nil, instalment.amount != nil, instalment.remainder == true].filter { $0 }.count
            if ways != 1 {
                problem(path, "give exactly one of \"share\", \"amount\" or \"remainder\": true")
            }
            if instalment.remainder == true { remainders += 1 }
            let due = instalment.due
            if due.within != nil && due.after.isEmpty {
                problem("\(path).due", "\"within\" needs \"after\": the anchors the period counts from")
            }
            if due.within == nil && !due.after.isEmpty {
                problem("\(path).due", "\"after\" needs \"within\": how long after the anchors the payment is due")
            }
            if due.within == nil && due.onOrBefore == nil {
                problem("\(path).due", "give \"after\" with \"within\", or \"onOrBefore\", so the due date can be worked out")
            }
            if let from = due.notBefore, let to = due.onOrBefore, from > to {
                problem("\(path).due.notBefore", "\(from) is after onOrBefore \(to)")
            }
            for (c, condition) in instalment.conditions.enumerated() {
                let conditionPath = "\(path).conditions[\(c)]"
                switch condition.kind {
                case .assessmentAverage:
                    guard let window = condition.window else {
                        problem(conditionPath, "an assessmentAverage condition needs \"window\"")
                        continue
                    }
                    if !windows.contains(window) {
                        problem("\(conditionPath).window", "\"\(window)\": no assessment window has this id")
                    }
                }
            }
        }
        if remainders > 1 { problem("$.instalments", "only one instalment can be the remainder") }

        for (index, guarantee) in contract.guarantees.enumerated() {
            let path = "$.guarantees[\(index)]"
            if (guarantee.share == nil) == (guarantee.amount == nil) {
                problem(path, "give exactly one of \"share\" or \"amount\"")
            }
            if let lodged = guarantee.lodgedWith, !instalmentIDs.contains(lodged) {
                problem("\(path).lodgedWith", "\"\(lodged)\": no instalment has this id")
            }
            if let window = guarantee.release?.window, !windows.contains(window) {
                problem("\(path).release.window", "\"\(window)\": no assessment window has this id")
            }
        }

        if let sheet = contract.assessment {
            if sheet.minimum >= sheet.maximum {
                problem("$.assessment", "minimum \(sheet.minimum) must be below maximum \(sheet.maximum)")
            }
            for (c, category) in sheet.categories.enumerated() {
                if category.points <= 0 { problem("$.assessment.categories[\(c)].points", "\(category.points): a category's points must be positive") }
                for (d, deduction) in category.deductions.enumerated() where deduction.points <= 0 {
                    problem("$.assessment.categories[\(c)].deductions[\(d)].points", "\(deduction.points): a deduction is written as the positive number of points lost")
                }
            }
        }

        let subsystems = Set(contract.price.breakdowns.flatMap(\.lines).filter { $0.subsystem == true }.compactMap(\.id))
        for (index, rule) in contract.penalties.enumerated() {
            let path = "$.penalties[\(index)]"
            if rule.base == .subsystemFee && subsystems.isEmpty {
                problem("\(path).base", "subsystemFee needs price lines marked \"subsystem\": true with an \"id\"")
            }
            if rule.rate != nil && rule.base == nil {
                problem(path, "a \"rate\" needs a \"base\" to be a rate of")
            }
        }
        return problems
    }
}
