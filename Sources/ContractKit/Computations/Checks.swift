/// A finding of `check`: an inner inconsistency of a contract's document.
public struct Finding: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, info

        var rank: Int { self == .error ? 0 : (self == .warning ? 1 : 2) }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var contractID: String
    public var alias: String
    public var severity: Severity
    public var code: String
    public var clause: String
    public var message: String
}

/// The consistency checks. Each reads only the terms; none changes them:
/// the fixtures record the documents as written, and this reports.
public enum Checks {
    public static func findings(for contracts: [Contract], calendar: WorkCalendar) -> [Finding] {
        ParallelMap.map(contracts, chunk: 8, step: "checking contracts") { findings(for: $0, calendar: calendar) }.flatMap { $0 }
    }

    public static func findings(for contract: Contract, calendar: WorkCalendar) -> [Finding] {
        var findings: [Finding] = []
        func add(_ severity: Finding.Severity, _ code: String, _ clause: String, _ message: String) {
            findings.append(Finding(contractID: contract.id, alias: contract.alias, severity: severity, code: code, clause: clause, message: message))
        }
        amountWords(contract, add)
        totals(contract, add)
        schedule(contract, calendar: calendar, add)
        dates(contract, calendar: calendar, add)
        conditionWindows(contract, add)
        document(contract, calendar: calendar, add)
        for (role, party) in [("buyer", contract.parties.buyer), ("supplier", contract.parties.supplier)] {
            for variant in party.nameVariants {
                let quote = variant.text.map { " (\"\($0)\")" } ?? ""
                if let expected = variant.expected {
                    add(.warning, "name-variant", variant.clause, "\"\(variant.name)\" here\(quote), where the contract names the \(role) \"\(party.name)\" (\"\(expected)\")")
                } else {
                    add(.warning, "name-variant", variant.clause, "the \(role) is named \"\(variant.name)\" here\(quote), but \"\(party.name)\" in the contract")
                }
            }
        }
        readings(contract, add)
        for signature in contract.signing.signatures where signature.date == nil {
            add(.info, "signature-undated", signature.clause, "the \(signature.party.rawValue)'s signature date line is blank")
        }
        for blank in contract.blanks {
            add(.info, "blank-term", blank.clause, blank.description + (blank.consequence.map { "; \($0)" } ?? ""))
        }
        for obligation in contract.obligations where obligation.cases?.isEmpty == true {
            add(.info, "rule-applies-to-nothing", obligation.clause, "\(obligation.description): the list of cases it applies to is empty (\"[/]\"), so it is recorded and applied to nothing")
        }
        return findings.sorted { $0.severity < $1.severity }
    }

    typealias Add = (Finding.Severity, String, String, String) -> Void

    /// A name or a date-of-effect rule the document does not state, which
    /// the fixture supplies by a reading: what the tool shows and counts
    /// rests on the reading, not on a clause.
    static func readings(_ contract: Contract, _ add: Add) {
        if let name = contract.name {
            add(.info, "name-by-reading", name.clause,
                "the document's title is only “\(contract.title)”; displays use the name \(name.clause) gives, \(name.text), by \(name.reading), not a title the document states")
        }
        let signing = contract.signing
        let effective = signing.effective
        guard !effective.isStated else { return }
        let day = signing.effectiveDay.map { "the effective day is \($0)" } ?? "no signature is dated, so the effective day is unknown"
        add(.info, "effective-by-reading", effective.clause,
            "the document states no rule on when it takes effect; the tool reads it as \(effective.rule.words) (\(effective.reading ?? "a reading")), so the effective day rests on that reading, not on a clause: \(day)")
    }

    /// 大写 against the figure, wherever the document gives both.
    static func amountWords(_ contract: Contract, _ add: Add) {
        var stated: [(StatedAmount, String)] = [(contract.price.total, "the contract total")]
        for breakdown in contract.price.breakdowns {
            if let total = breakdown.statedTotal { stated.append((total, "the total of \(breakdown.name)")) }
            for line in breakdown.lines {
                if let words = line.words {
                    stated.append((StatedAmount(amount: line.amount, words: words, clause: breakdown.clause), line.name))
                }
            }
        }
        for instalment in contract.instalments {
            if let amount = instalment.statedAmount { stated.append((amount, "instalment \(instalment.id)")) }
        }
        for (amount, what) in stated {
            guard let words = amount.words else { continue }
            do {
                let parsed = try ChineseAmount.parse(words)
                if parsed != amount.amount {
                    add(.error, "amount-words-mismatch", amount.clause, "\(what): the amount in words \(words) reads \(parsed.grouped), but the figure is \(amount.amount.grouped)")
                }
            } catch {
                add(.error, "amount-words-unreadable", amount.clause, "\(what): the amount in words \"\(words)\" cannot be read: \(error.description)")
            }
        }
    }

    /// Price lines against their totals, and every stated total against the total.
    static func totals(_ contract: Contract, _ add: Add) {
        let total = contract.price.total
        for breakdown in contract.price.breakdowns {
            for line in breakdown.lines {
                if let quantity = line.quantity, let unitPrice = line.unitPrice {
                    guard let product = unitPrice.times(quantity) else {
                        add(.error, "total-mismatch", breakdown.clause, "\(line.name): \(quantity) x \(unitPrice.grouped) is too large to be the line's amount \(line.amount.grouped)")
                        continue
                    }
                    if product != line.amount {
                        add(.error, "total-mismatch", breakdown.clause, "\(line.name): \(quantity) x \(unitPrice.grouped) = \(product.grouped), but the line says \(line.amount.grouped)")
                    }
                }
            }
            let target = breakdown.statedTotal ?? total
            if let sum = Money.sum(breakdown.lines.map(\.amount)) {
                if sum != target.amount {
                    add(.error, "total-mismatch", breakdown.clause, "the lines of \(breakdown.name) add up to \(sum.grouped), but \(target.clause) states \(target.amount.grouped)")
                }
            } else {
                add(.error, "total-mismatch", breakdown.clause, "the lines of \(breakdown.name) add up to more than can be represented, but \(target.clause) states \(target.amount.grouped)")
            }
            if let own = breakdown.statedTotal, own.amount != total.amount {
                add(.error, "total-mismatch", own.clause, "\(breakdown.name) totals \(own.amount.grouped), but \(total.clause) states the total as \(total.amount.grouped); percentages of the total use \(total.amount.grouped) (\(total.clause))")
            }
        }
    }

    /// The instalments against the total, and the period they pay for
    /// against the service term.
    static func schedule(_ contract: Contract, calendar: WorkCalendar, _ add: Add) {
        guard !contract.instalments.isEmpty else {
            add(.info, "schedule-missing", contract.price.total.clause, "the contract has no payment schedule")
            return
        }
        let total = contract.price.total.amount
        let amounts = InstalmentAmounts.compute(contract).map(\.amount)
        let sum = Money.sum(amounts)
        let sumText = sum?.grouped ?? "more than can be represented"
        let clauses = Set(contract.instalments.map(\.clause)).sorted().joined(separator: ", ")
        if sum != total {
            add(.error, "schedule-sum", clauses, "the instalments add up to \(sumText), but the total is \(total.grouped)")
        }
        if amounts.contains(where: { $0.fen < 0 }) {
            add(.error, "schedule-sum", clauses, "an instalment comes out negative: the other instalments exceed the total")
        }
        let dates = ContractDates(contract, calendar: calendar)
        if let covers = contract.price.covers?.period, let start = dates.termStart, let end = dates.termEnd?.day {
            let paidThrough = calendar.end(of: covers, after: start.adding(days: -1), rollOver: false).day
            if paidThrough < end {
                add(.warning, "schedule-short", contract.price.total.clause,
                    "the price (\(total.grouped)) and the schedule (\(sumText)) pay for \(covers.description) of service, to \(paidThrough), but the service term runs \(start) to \(end) (\(contract.term.clause)); no payment is scheduled for the rest")
            }
        }
    }

    /// Signature dates against the signing date and the service term: one
    /// finding per signature date, with every reason it is inconsistent.
    static func dates(_ contract: Contract, calendar: WorkCalendar, _ add: Add) {
        let signing = contract.signing
        let term = ContractDates(contract, calendar: calendar)
        if let start = term.termStart, let end = term.termEnd?.day, end < start {
            add(.error, "date-inconsistent", contract.term.clause, "the service term ends \(end), before it starts \(start)")
        }
        var byDate: [CalendarDay: [Signature]] = [:]
        for signature in signing.signatures {
            if let day = signature.date { byDate[day, default: []].append(signature) }
        }
        for (day, signatures) in byDate.sorted(by: { $0.key < $1.key }) {
            var reasons: [String] = []
            if let stated = signing.date, stated != day {
                let years = abs(day.dayNumber - stated.dayNumber) / 365
                let gap = years >= 1 ? "\(years) year\(years == 1 ? "" : "s") \(day < stated ? "before" : "after")" : (day < stated ? "before" : "after")
                reasons.append("\(gap) the signing date the contract states, \(stated) (\(signing.clause ?? "signing date"))")
            }
            if let start = term.termStart, day.adding(months: 12) < start {
                reasons.append("more than a year before the service term starts, \(start) (\(contract.term.clause))")
            }
            if let end = term.termEnd?.day, day > end {
                reasons.append("after the service term ends, \(end) (\(contract.term.clause))")
            }
            guard !reasons.isEmpty else { continue }
            let who = signatures.map(\.party.rawValue).joined(separator: " and ")
            let clauses = signatures.map(\.clause).joined(separator: ", ")
            let noun = signatures.count == 1 ? "signature is" : "signatures are"
            add(.error, "date-inconsistent", clauses, "the \(who) \(noun) dated \(day): " + reasons.joined(separator: ", and "))
        }
    }

    /// An instalment due before the end of the window that conditions it.
    static func conditionWindows(_ contract: Contract, _ add: Add) {
        for instalment in contract.instalments {
            guard let deadline = instalment.due.onOrBefore else { continue }
            for condition in instalment.conditions where condition.kind == .assessmentAverage {
                guard let window = contract.assessment?.windows.first(where: { $0.id == condition.window }) else { continue }
                let end = window.statedEnd ?? window.periodsEndingTo
                if end > deadline {
                    add(.warning, "condition-after-deadline", condition.clause, "instalment \(instalment.id) is due on or before \(deadline), but its condition takes the assessments \(window.label), which runs to \(end); the tool counts the periods ending on or before \(window.periodsEndingTo)")
                }
            }
        }
    }
}

extension Money {
    /// This amount times an exact quantity, rounded once, half up, to the
    /// fen; nil when the product does not fit in 64-bit fen.
    public func times(_ quantity: Quantity) -> Money? {
        let numerator = Int128(fen) * Int128(quantity.value.significand)
        return Int64(exactly: divideRoundingHalfUp(numerator, powerOfTen(quantity.value.scale))).map(Money.init(fen:))
    }
}
