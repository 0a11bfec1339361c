/// Turns a ledger line into a typed event, checking it against the terms:
/// the instalment, guarantee, grade, subsystem or violation it names must
/// exist, and its days and times must be in order.
enum EventTerms {
    /// The contract is taken behind its box and its fields read through it:
    /// passed as a value, it was copied for every ledger line (a retain and
    /// a release of each of its fields).
    static func kind(of line: EventLine, type: String, contract box: ContractSet.Box) throws(EventProblems) -> LedgerEvent.Kind {
        var problems: [String] = []
        func require<T>(_ value: T?, _ key: String) -> T? {
            if value == nil { problems.append("$.\(key): missing") }
            return value
        }
        func checkInstalment(_ id: String?) {
            if let id, !box.contract.instalments.contains(where: { $0.id == id }) {
                problems.append("$.instalment: \"\(id)\": \(box.contract.alias) has no such instalment; it has \(box.contract.instalments.map(\.id).joined(separator: ", "))")
            }
        }
        var result: LedgerEvent.Kind?
        switch type {
        case "signature":
            if let party = require(line.party, "party"), let day = require(line.day, "day") {
                if let stated = box.contract.signing.signatures.first(where: { $0.party == party })?.date, stated != day {
                    problems.append("$.day: the contract records the \(party.rawValue)'s signature as \(stated), not \(day)")
                }
                result = .signature(party: party, day: day)
            }
        case "effective":
            if let day = require(line.day, "day") { result = .effective(day: day) }
        case "invoice":
            checkInstalment(line.instalment)
            if let day = require(line.day, "day") {
                if let issued = line.issued, issued > day {
                    problems.append("$.issued: \(issued) is after the day the invoice was received, \(day)")
                }
                result = .invoice(received: day, issued: line.issued, amount: line.amount, instalment: line.instalment)
            }
        case "payment":
            checkInstalment(line.instalment)
            if let day = require(line.day, "day"), let amount = require(line.amount, "amount") {
                if amount == .zero { problems.append("$.amount: a payment must be more than 0.00") }
                result = .payment(day: day, amount: amount, instalment: line.instalment)
            }
        case "acceptance":
            if let day = require(line.day, "day"), let stage = require(line.stage, "stage") {
                result = .acceptance(day: day, stage: stage)
            }
        case "assessment":
            guard let sheet = box.contract.assessment else {
                throw EventProblems(messages: ["$.type: \(box.contract.alias) has no assessment sheet"])
            }
            if let from = require(line.from, "from"), let to = require(line.to, "to") {
                if from > to {
                    problems.append("$.from: the period starts \(from), after it ends \(to)")
                } else if !sheet.frequency.samePeriod(from, to) {
                    problems.append("$.to: the period \(from) to \(to) runs past one calendar \(sheet.frequency.noun); the sheet is scored \(sheet.frequency.rawValue) (\(sheet.clause))")
                }
                for (category, deductions) in line.occurrences ?? [:] {
                    guard let known = sheet.categories.first(where: { $0.id == category }) else {
                        problems.append("$.occurrences.\(category): no such category; the sheet has \(sheet.categories.map(\.id).joined(separator: ", "))")
                        continue
                    }
                    for (deduction, count) in deductions {
                        if !known.deductions.contains(where: { $0.id == deduction }) {
                            problems.append("$.occurrences.\(category).\(deduction): no such deduction; \(category) has \(known.deductions.map(\.id).joined(separator: ", "))")
                        }
                        if count < 0 { problems.append("$.occurrences.\(category).\(deduction): \(count): a count cannot be negative") }
                    }
                }
                for (item, count) in line.additional ?? [:] {
                    if !sheet.additionalItems.contains(where: { $0.id == item }) {
                        problems.append("$.additional.\(item): no such additional item; the sheet has \(sheet.additionalItems.map(\.id).joined(separator: ", "))")
                    }
                    if count < 0 { problems.append("$.additional.\(item): \(count): a count cannot be negative") }
                }
                result = .assessment(AssessmentRecord(from: from, to: to, occurrences: line.occurrences ?? [:], additional: line.additional ?? [:], supersede: line.supersede ?? false))
            }
        case "guarantee":
            if let day = require(line.day, "day"), let id = require(line.guarantee, "guarantee"), let action = require(line.action, "action") {
                if !box.contract.guarantees.contains(where: { $0.id == id }) {
                    let has = box.contract.guarantees.isEmpty ? "it has no guarantee" : "it has \(box.contract.guarantees.map(\.id).joined(separator: ", "))"
                    let notTaken = box.contract.guaranteesNotTaken.map { "; \($0.kind.rawValue) is not taken (\($0.clause): \($0.text))" }.joined()
                    problems.append("$.guarantee: \"\(id)\": \(box.contract.alias) has no such guarantee; \(has)\(notTaken)")
                }
                result = .guarantee(day: day, guarantee: id, action: action, amount: line.amount)
            }
        case "incident":
            let rules = box.terms.incidentRules
            let subsystems = box.terms.subsystems
            if let grade = require(line.grade, "grade"), let subsystem = require(line.subsystem, "subsystem"), let occurred = require(line.occurred, "occurred") {
                if !rules.contains(where: { $0.grade == grade }) {
                    problems.append("$.grade: \"\(grade)\": \(box.contract.alias) has no incident rule for it; grades: \(rules.map(\.grade).joined(separator: ", "))")
                }
                if !subsystems.contains(subsystem) {
                    problems.append("$.subsystem: \"\(subsystem)\": not a subsystem with a fee; subsystems: \(subsystems.joined(separator: ", "))")
                }
                if let resolved = line.resolved, resolved < occurred {
                    problems.append("$.resolved: \(resolved) is before the incident occurred, \(occurred)")
                }
                result = .incident(IncidentRecord(grade: grade, subsystem: subsystem, occurred: occurred, resolved: line.resolved))
            }
        case "request":
            let limits = box.terms.requestKinds
            let levels = box.terms.complaintLevels
            if let kind = require(line.kind, "kind"), let received = require(line.received, "received") {
                if !limits.isEmpty, !limits.contains(kind) {
                    problems.append("$.kind: \"\(kind)\": expected one of \(Set(limits).sorted().joined(separator: ", "))")
                }
                if let complaint = line.complaint, !levels.contains(complaint) {
                    problems.append("$.complaint: \"\(complaint)\": expected one of \(Set(levels).sorted().joined(separator: ", "))")
                }
                for (key, value) in [("firstAnswer", line.firstAnswer), ("done", line.done), ("agreedDue", line.agreedDue)] {
                    if let value, value < received { problems.append("$.\(key): \(value) is before the request was received, \(received)") }
                }
                result = .request(RequestRecord(kind: kind, received: received, firstAnswer: line.firstAnswer, agreedDue: line.agreedDue, done: line.done, complaint: line.complaint, disruptive: line.disruptive ?? false))
            }
        case "staffViolation":
            let rules = box.terms.staffRules
            if let day = require(line.day, "day"), let violation = require(line.violation, "violation") {
                if let rule = rules.first(where: { $0.violation == violation }) {
                    if let low = rule.amountMin, let high = rule.amountMax {
                        if let amount = line.amount {
                            if amount < low || amount > high { problems.append("$.amount: \(amount.grouped) is outside \(low.grouped)-\(high.grouped) (\(rule.clause))") }
                        } else {
                            problems.append("$.amount: missing; \(rule.clause) sets \(low.grouped)-\(high.grouped) case by case, so record the amount set")
                        }
                    } else if let amount = line.amount, amount != rule.amount {
                        problems.append("$.amount: \(amount.grouped): \(rule.clause) fixes \(rule.amount?.grouped ?? "no amount")")
                    }
                } else {
                    problems.append("$.violation: \"\(violation)\": \(box.contract.alias) has no such staff rule; rules: \(rules.map(\.violation).joined(separator: ", "))")
                }
                result = .staffViolation(day: day, violation: violation, amount: line.amount)
            }
        case "serviceDelay":
            if let day = require(line.day, "day"), let days = require(line.days, "days") {
                if days < 1 || days > 36_500 { problems.append("$.days: \(days): expected 1 to 36500") }
                result = .serviceDelay(day: day, days: days, cause: line.cause ?? .supplier)
            }
        case "breach":
            if let day = require(line.day, "day"), let clause = require(line.clause, "clause"), let party = require(line.party, "party") {
                result = .breach(day: day, clause: clause, party: party)
            }
        case "notice":
            if let day = require(line.day, "day"), let kindText = require(line.kind, "kind"), let party = require(line.party, "party") {
                if let kind = NoticeKind(rawValue: kindText) {
                    result = .notice(day: day, kind: kind, party: party, withoutCause: line.withoutCause ?? false)
                } else {
                    problems.append("$.kind: \"\(kindText)\": expected nonRenewal, termination or renewalReminder")
                }
            }
        case "excuse":
            checkInstalment(line.instalment)
            if let cause = require(line.cause, "cause"), let from = require(line.from, "from"), let to = require(line.to, "to") {
                if from > to { problems.append("$.from: the stretch starts \(from), after it ends \(to)") }
                result = .excuse(ExcuseRecord(cause: cause, from: from, to: to, instalment: line.instalment))
            }
        case "dutyDone":
            if let day = require(line.day, "day"), let duty = require(line.duty, "duty") {
                if let problem = DutyKey.problem(duty, in: box.contract) {
                    problems.append("$.duty: \"\(duty)\": \(problem)")
                } else {
                    result = .dutyDone(day: day, duty: duty)
                }
            }
        case "void":
            if let day = require(line.day, "day"), let target = require(line.line, "line"), let hash = require(line.lineHash, "lineHash"),
               let reason = require(line.reason, "reason") {
                if target < 1 { problems.append("$.line: \(target): expected the number of an earlier line, 1 or more") }
                if hash.count != 64 || !hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) {
                    problems.append("$.lineHash: expected the voided line's hash, 64 lowercase hexadecimal digits (verify and record print it)")
                }
                if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("$.reason: say why the line is voided") }
                result = .void(day: day, line: target, hash: hash, reason: reason)
            }
        case "assert":
            checkInstalment(line.instalment)
            if let day = require(line.day, "day"), let figure = require(line.figure, "figure"), let amount = require(line.amount, "amount") {
                switch figure {
                case .paid, .outstanding:
                    if line.party != nil { problems.append("$.party: \(figure.rawValue) is the contract's or an instalment's figure; only a penalties assertion names the party who pays") }
                case .penalties:
                    if line.party == nil { problems.append("$.party: missing; a penalties assertion names the party who pays: buyer or supplier") }
                    if line.instalment != nil { problems.append("$.instalment: penalties are asserted for the whole contract, by the party who pays, not for an instalment") }
                }
                result = .assertion(AssertionRecord(day: day, figure: figure, instalment: line.instalment, payer: line.party, amount: amount))
            }
        default:
            problems.append("$.type: \"\(type)\": unknown event type")
        }
        guard problems.isEmpty, let result else { throw EventProblems(messages: problems.isEmpty ? ["cannot be read"] : problems) }
        return result
    }
}

extension EventTerms {
    /// What checking a line reads of its contract's rules, gathered once
    /// per contract (in its box) instead of for every line of the ledger.
    struct Index: Sendable {
        var incidentRules: [IncidentRule] = []
        /// The price lines that are subsystems with a fee, by id.
        var subsystems: [String] = []
        /// The request kinds the request rules time, and the complaint levels they weigh.
        var requestKinds: [String] = []
        var complaintLevels: [String] = []
        var staffRules: [StaffRule] = []

        init(_ contract: Contract) {
            var requestRules: [RequestRule] = []
            for rule in contract.penalties {
                switch rule {
                case .incident(let rule): incidentRules.append(rule)
                case .request(let rule): requestRules.append(rule)
                case .staffViolation(let rule): staffRules.append(rule)
                default: break
                }
            }
            subsystems = contract.price.breakdowns.flatMap(\.lines).filter { $0.subsystem == true }.compactMap(\.id)
            requestKinds = requestRules.flatMap(\.limitsHours).map(\.kind)
            complaintLevels = requestRules.flatMap(\.multipliers).map(\.level)
        }
    }
}
