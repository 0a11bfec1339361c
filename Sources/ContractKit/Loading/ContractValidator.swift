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
        // An id is printed in tables, CSV, ICS and messages, and typed on the
        // command line: a NUL, a line end or another control character in it
        // would break them (a document number scanned with its line break).
        var identifiers = [("$.id", contract.id)]
        identifiers += contract.instalments.enumerated().map { ("$.instalments[\($0.offset)].id", $0.element.id) }
        identifiers += contract.guarantees.enumerated().map { ("$.guarantees[\($0.offset)].id", $0.element.id) }
        identifiers += contract.penalties.enumerated().map { ("$.penalties[\($0.offset)].id", $0.element.id) }
        for (path, id) in identifiers where id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problem(path, "\(JSONValue.quote(id)): contains a control character (a NUL, a line end, a tab); an id is one line of printable text")
        }
        if contract.alias.isEmpty || !contract.alias.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            problem("$.alias", "\"\(contract.alias)\": expected lower-case letters, digits and hyphens, such as \"minhang-2026\"")
        }
        if contract.currency != "CNY" { problem("$.currency", "\"\(contract.currency)\": only CNY is supported") }

        let effective = contract.signing.effective
        if !effective.isStated, effective.reading == nil {
            problem("$.signing.effective", "\"stated\": false needs \"reading\": the reading the rule rests on (e.g. \"Reading 21\")")
        }
        if effective.isStated, effective.reading != nil {
            problem("$.signing.effective.reading", "a reading is given only with \"stated\": false, where the document states no rule on when it takes effect")
        }
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
                    if condition.atLeast == nil {
                        problem(conditionPath, "an assessmentAverage condition needs \"atLeast\": the average its clause requires")
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
            if let release = guarantee.release, release.window != nil, release.atLeast == nil {
                problem("\(path).release", "a release decided by a window needs \"atLeast\": the average its clause requires")
            }
        }

        for (index, waiver) in contract.guaranteesNotTaken.enumerated() {
            let path = "$.guaranteesNotTaken[\(index)].kind"
            if let taken = contract.guarantees.first(where: { $0.kind == waiver.kind }) {
                problem(path, "\"\(waiver.kind.rawValue)\": said not to be taken (\(waiver.clause)), yet guarantee \"\(taken.id)\" is of this kind (\(taken.clause))")
            }
            if contract.guaranteesNotTaken[..<index].contains(where: { $0.kind == waiver.kind }) {
                problem(path, "\"\(waiver.kind.rawValue)\": already listed as not taken")
            }
        }

        for (index, reference) in contract.crossReferences.enumerated() where (reference.attachment == nil) == (reference.guarantee == nil) {
            problem("$.crossReferences[\(index)]", "a cross-reference names exactly one of attachment and guarantee (\(reference.clause))")
        }

        for (index, obligation) in contract.obligations.enumerated() where obligation.lasts != nil && obligation.after == nil {
            problem("$.obligations[\(index)].lasts", "a duty that lasts a time needs the day it counts from, after (\(obligation.clause))")
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

        problems += penaltyProblems(contract)
        return problems
    }

    /// Terms of a rule the engine could not honour as written: parts of a
    /// kind that contradict each other or name what does not exist.
    static func penaltyProblems(_ contract: Contract) -> [Problem] {
        var problems: [Problem] = []
        func problem(_ path: String, _ message: String) { problems.append(Problem(path: path, message: message)) }
        let subsystems = Set(contract.price.breakdowns.flatMap(\.lines).filter { $0.subsystem == true }.compactMap(\.id))
        var ids: Set<String> = []
        var grades: Set<String> = []
        var violations: Set<String> = []
        for (index, rule) in contract.penalties.enumerated() {
            let path = "$.penalties[\(index)]"
            if !ids.insert(rule.id).inserted { problem("\(path).id", "\"\(rule.id)\" is used by another rule") }
            switch rule {
            case .latePayment(let r):
                if r.interest != nil, r.base != .overdueAmount {
                    problem("\(path).interest", "interest is charged on the amount overdue; give \"base\": \"overdueAmount\"")
                }
                if let cap = r.cap, cap.includesInterest, r.interest == nil {
                    problem("\(path).cap.includesInterest", "true, but the rule charges no interest")
                }
                if let threshold = r.termination, threshold.share == nil, threshold.days == nil {
                    problem("\(path).termination", "give \"share\" or \"days\": when the party may terminate")
                }
            case .lateService(let r):
                if let cap = r.cap, cap.includesInterest {
                    problem("\(path).cap.includesInterest", "true, but a late-service rule charges no interest")
                }
                if let threshold = r.termination, threshold.share == nil, threshold.days == nil {
                    problem("\(path).termination", "give \"share\" or \"days\": when the party may terminate")
                }
                if let threshold = r.termination, threshold.days != nil {
                    problem("\(path).termination.days", "a days threshold is computed for late payment only; late service counts its penalties' share")
                }
            case .incident(let r):
                if subsystems.isEmpty { problem(path, "an incident rule prices a share of a subsystem's fee: mark price lines \"subsystem\": true with an \"id\"") }
                if !grades.insert(r.grade).inserted { problem("\(path).grade", "\"\(r.grade)\" has another rule") }
                if r.rate == nil {
                    for (key, present) in [("repeatIncrease", r.repeatIncrease != nil), ("lateAddRate", r.lateAddRate != nil), ("lateMultiplier", r.lateMultiplier != nil)] where present {
                        problem("\(path).\(key)", "a report-only grade (no \"rate\") has no amount to escalate or surcharge")
                    }
                }
                if r.lateAddRate != nil, r.lateMultiplier != nil {
                    problem(path, "give \"lateAddRate\" or \"lateMultiplier\", not both")
                }
                if (r.lateAddRate != nil || r.lateMultiplier != nil), r.resolveWithinHours == nil {
                    problem(path, "a lateness surcharge needs \"resolveWithinHours\"")
                }
            case .request(let r):
                switch r.trigger {
                case .noFirstAnswer:
                    if r.limitsHours.isEmpty { problem("\(path).limitsHours", "noFirstAnswer needs the limit in hours for each kind of request") }
                case .lateDone, .lateDisruptive:
                    if !r.limitsHours.isEmpty { problem("\(path).limitsHours", "only a noFirstAnswer rule has first-answer limits") }
                }
                if r.trigger != .lateDone, !r.multipliers.isEmpty { problem("\(path).multipliers", "complaint multipliers apply to a lateDone rule only (docs/readings.md, Reading 12)") }
                if let replaced = r.replaces {
                    let target = contract.penalties.first { $0.id == replaced }
                    if r.trigger != .lateDisruptive { problem("\(path).replaces", "only a lateDisruptive rule replaces another") }
                    if case .request(let other)? = target, other.trigger == .lateDone {} else {
                        problem("\(path).replaces", "\"\(replaced)\": no lateDone request rule has this id")
                    }
                }
            case .staffViolation(let r):
                if !violations.insert(r.violation).inserted { problem("\(path).violation", "\"\(r.violation)\" has another rule") }
                switch (r.amount, r.amountMin, r.amountMax) {
                case (.some, nil, nil): break
                case (nil, .some(let low), .some(let high)):
                    if low > high { problem("\(path).amountMin", "\(low.grouped) is above amountMax \(high.grouped)") }
                default: problem(path, "give \"amount\", or \"amountMin\" with \"amountMax\"")
                }
            case .breach(let r), .terminationWithoutCause(let r):
                if r.general == true {
                    if case .terminationWithoutCause = rule { problem("\(path).general", "a termination without cause is not a breach rule") }
                    if !r.clauses.isEmpty { problem("\(path).general", "a general rule prices any breach; it lists no \"clauses\"") }
                    if contract.penalties.prefix(index).contains(where: { if case .breach(let other) = $0 { return other.general == true && other.payer.overlaps(r.payer) }; return false }) {
                        problem("\(path).general", "another general rule already prices a breach by the \(r.payer.rawValue)")
                    }
                }
                if let replaced = r.replaces {
                    if case .breach(let other)? = contract.penalties.first(where: { $0.id == replaced }), other.general == true {} else {
                        problem("\(path).replaces", "\"\(replaced)\": no general breach rule (\"general\": true) has this id")
                    }
                }
            }
        }
        return problems
    }
}
