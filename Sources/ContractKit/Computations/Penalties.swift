/// One computed penalty: which rule, which events, its working as values,
/// the formula in words, and the amount. A cap appears as a line of its own
/// that takes the excess off, so every total adds up on the page.
public struct PenaltyLine: Sendable {
    public var contractID: String
    public var alias: String
    public var rule: String
    public var clause: String
    /// The rule's kind, or "interest" or "cap" for the lines a rule adds.
    public var kind: String
    /// The party who pays.
    public var payer: PartyRole
    /// The events counted: "line 23: payment of 300,000.00 on 2026-03-20".
    public var events: [String]
    public var formula: String
    public var amount: Money
    /// Set on the line a cap produced.
    public var cap: String?
    public var note: String?
    /// The working as values: what the formula says, for a machine.
    public var working = Working()
}

/// The inputs of one figure, as values: the rate and its base, the periods
/// and days counted, the days excused and why, the ledger lines counted.
public struct Working: Sendable, Equatable {
    public var rate: Percent?
    public var base: Money?
    /// Where the base comes from: "§三", "subsystem ecg", "amount overdue".
    public var baseClause: String?
    public var periodDays: Int?
    public var periods: Int?
    /// Days late counted (after exclusions and day caps).
    public var days: Int?
    /// Days late that a recorded cause excused, and the clauses that excuse them.
    public var excusedDays: Int?
    public var excusedBy: [String] = []
    /// For an incident: which of its grade in the contract year (1 = first), and the year.
    public var occurrence: Int?
    public var contractYear: Int?
    /// A multiplier applied (lateness, complaint, escalation).
    public var factor: String?
    /// The ledger lines the figure counts.
    public var ledgerLines: [Int] = []
}

/// A figure that cannot be represented (an amount beyond the largest a
/// money value holds): an error naming the rule and the ledger lines.
public struct ComputationError: Error, Sendable, CustomStringConvertible {
    public var alias: String
    public var rule: String
    public var clause: String
    public var ledgerLines: [Int]
    public var reason: String

    public var description: String {
        let lines = ledgerLines.isEmpty ? "" : "; ledger line\(ledgerLines.count == 1 ? "" : "s") \(ledgerLines.map(String.init).joined(separator: ", "))"
        return "\(alias): rule \(rule) (\(clause)): \(reason)\(lines)"
    }
}

/// A threshold at which a party may terminate, and whether it is reached.
public struct TerminationFlag: Sendable {
    public var contractID: String
    public var alias: String
    public var rule: String
    public var clause: String
    /// The party who may terminate.
    public var party: PartyRole
    public var threshold: String
    public var reached: Bool
    public var from: CalendarDay?
    public var progress: String
}

public struct PenaltyReport: Sendable {
    public var lines: [PenaltyLine]
    public var terminations: [TerminationFlag]
    /// Totals by contract and payer, in the order the contracts come.
    public var totals: [(alias: String, payer: PartyRole, amount: Money)]
}

public enum Penalties {
    public static func report(for contracts: [Contract], ledger: Ledger, asOf: CalendarDay, calendar: WorkCalendar) throws(ComputationError) -> PenaltyReport {
        var report = PenaltyReport(lines: [], terminations: [], totals: [])
        for contract in contracts {
            let history = History(contractID: contract.id, ledger: ledger, asOf: asOf)
            let part = try self.report(for: contract, history: history, asOf: asOf, calendar: calendar)
            report.lines += part.lines
            report.terminations += part.terminations
            report.totals += part.totals
        }
        return report
    }

    public static func report(for contract: Contract, history: History, asOf: CalendarDay, calendar: WorkCalendar) throws(ComputationError) -> PenaltyReport {
        var context = Context(contract: history.applied(to: contract), history: history, asOf: asOf, calendar: calendar)
        for rule in contract.penalties {
            switch rule {
            case .latePayment(let terms): try context.latePayment(terms)
            case .lateService(let terms): try context.lateService(terms)
            case .incident(let terms): try context.incidents(terms)
            case .request(let terms): context.requests(terms)
            case .staffViolation(let terms): context.staff(terms)
            case .breach, .terminationWithoutCause: break
            }
        }
        context.breaches()
        var totals: [(alias: String, payer: PartyRole, amount: Money)] = []
        for line in context.lines {
            if let index = totals.firstIndex(where: { $0.payer == line.payer }) {
                guard let sum = totals[index].amount.plus(line.amount) else {
                    throw ComputationError(alias: contract.alias, rule: line.rule, clause: line.clause, ledgerLines: line.working.ledgerLines,
                                           reason: "the \(line.payer.rawValue)'s total of penalties is too large to represent")
                }
                totals[index].amount = sum
            } else {
                totals.append((contract.alias, line.payer, line.amount))
            }
        }
        return PenaltyReport(lines: context.lines, terminations: context.terminations, totals: totals)
    }

    /// The state one contract's rules are computed in.
    struct Context {
        let contract: Contract
        let history: History
        let asOf: CalendarDay
        let calendar: WorkCalendar
        var lines: [PenaltyLine] = []
        var terminations: [TerminationFlag] = []

        init(contract: Contract, history: History, asOf: CalendarDay, calendar: WorkCalendar) {
            self.contract = contract
            self.history = history
            self.asOf = asOf
            self.calendar = calendar
        }

        var total: Money { contract.price.total.amount }
        var totalText: String { "\(total.grouped) (\(contract.price.total.clause))" }

        mutating func add(_ rule: any RuleTerms, payer: PartyRole, kind: PenaltyRule.Kind, events: [String], formula: String, amount: Money,
                          working: Working, lineKind: String? = nil, cap: String? = nil, note: String? = nil) {
            lines.append(PenaltyLine(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: rule.clause, kind: lineKind ?? kind.rawValue,
                                     payer: payer, events: events, formula: formula, amount: amount, cap: cap, note: note, working: working))
        }

        func failure(_ rule: any RuleTerms, _ lines: [Int], _ reason: String) -> ComputationError {
            ComputationError(alias: contract.alias, rule: rule.id, clause: rule.clause, ledgerLines: lines, reason: reason)
        }

        /// A figure rounded to the fen, or an error naming the rule and lines.
        func money(_ exact: Fraction?, _ rule: any RuleTerms, _ lines: [Int]) throws(ComputationError) -> Money {
            // A quarter of Int64's range: a rule's figure leaves room for the
            // sums (penalty and interest, cap, totals) made of it.
            guard let value = exact?.money, value.fen.magnitude <= UInt64(Int64.max / 4) else {
                throw failure(rule, lines, "the amount is too large to represent exactly")
            }
            return value
        }

        func sum(_ values: [Money], _ rule: any RuleTerms, _ lines: [Int]) throws(ComputationError) -> Money {
            var result = Money.zero
            for value in values {
                guard let next = result.plus(value) else { throw failure(rule, lines, "the sum is too large to represent") }
                result = next
            }
            return result
        }

        // MARK: excused days

        /// The days of (start, end] that a recorded cause excuses, by a rule
        /// that lists `exclusions`; `civilCode` adds the causes the Civil Code
        /// excuses for any late service (Arts. 590, 592; Readings 16).
        func excused(from start: CalendarDay, to end: CalendarDay, instalment: String?, exclusions: [Exclusion], clause: String,
                     civilCode: Bool) -> (days: Int, by: [String], notExcused: [String], lines: [Int]) {
            guard end > start else { return (0, [], [], []) }
            var causes = Set(exclusions.map(\.cause))
            if civilCode { causes.formUnion(DelayCause.allCases.filter { Context.civilCodeExcuse($0) != nil }) }
            var by: [String] = []
            var notExcused: [String] = []
            var lines: [Int] = []
            for event in history.events {
                guard case .excuse(let record) = event.kind, record.instalment == instalment,
                      record.from.dayNumber <= end.dayNumber, record.to.dayNumber > start.dayNumber else { continue }
                lines.append(event.line)
                if let exclusion = exclusions.first(where: { $0.cause == record.cause }) {
                    by.append("line \(event.line): \(record.cause.rawValue) \(record.from) to \(record.to), excluded by \(clause) (\"\(exclusion.text)\")")
                } else if civilCode, let article = Context.civilCodeExcuse(record.cause) {
                    by.append("line \(event.line): \(record.cause.rawValue) \(record.from) to \(record.to), excused by \(article)")
                } else {
                    notExcused.append("line \(event.line) records \(record.cause.rawValue) \(record.from) to \(record.to), but \(clause) lists no such exclusion; those days count")
                }
            }
            let days = ExcusedDays(history: history, instalment: instalment, causes: causes).count(after: start, through: end)
            return (days, by, notExcused, lines)
        }

        /// What the Civil Code excuses in a late service whatever the clause lists.
        static func civilCodeExcuse(_ cause: DelayCause) -> String? {
            switch cause {
            case .forceMajeure: return "Civil Code Art. 590 (force majeure)"
            case .buyer, .budgetAllocation: return "Civil Code Art. 592 (caused by the other party)"
            case .supplier: return nil
            }
        }

        // MARK: the buyer pays late

        /// Per instalment with a due date (an instalment whose condition is
        /// unmet or undetermined has none: Readings 15): a rate of the total
        /// per whole period of delay until it is paid in full, or a rate of
        /// the amount overdue, each part by its own days late (Readings 1, 10),
        /// less the days a listed cause excuses (Readings 16).
        mutating func latePayment(_ rule: LatePaymentRule) throws(ComputationError) {
            let start = lines.count
            let result = try accrued(rule, asOf: asOf)
            for item in result.items {
                add(rule, payer: rule.payer, kind: .latePayment, events: item.events, formula: item.formula, amount: item.penalty, working: item.working, note: item.note)
                if let interest = rule.interest, let amount = item.interest {
                    var working = item.working
                    working.rate = interest.rate
                    working.periodDays = interest.per.days
                    add(rule, payer: rule.payer, kind: .latePayment, events: item.events, formula: item.interestFormula ?? "", amount: amount, working: working,
                        lineKind: "interest", note: item.interestNote)
                }
            }
            try applyCap(rule, from: start, covered: result.interestCovered)
            guard let threshold = rule.termination else { return }
            if let days = threshold.days {
                let reached = result.daysLate >= days
                let from = reached ? try firstDay(from: result.firstDue, where: { day throws(ComputationError) in try accrued(rule, asOf: day).daysLate >= days }) : nil
                terminations.append(TerminationFlag(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: threshold.clause, party: threshold.party,
                                                    threshold: "\(days) days overdue in all", reached: reached, from: from,
                                                    progress: "\(result.daysLate) days overdue in all as of \(asOf)"))
            }
            if let share = threshold.share {
                let limit = total.times(share)
                let reached = result.penaltyTotal >= limit
                let from = reached ? try firstDay(from: result.firstDue, where: { day throws(ComputationError) in try accrued(rule, asOf: day).penaltyTotal >= limit }) : nil
                terminations.append(TerminationFlag(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: threshold.clause, party: threshold.party,
                                                    threshold: "penalties reach \(share) of the total, \(limit.grouped)", reached: reached, from: from,
                                                    progress: "penalties (without interest) \(result.penaltyTotal.grouped) as of \(asOf)"))
            }
        }

        struct LateItem {
            var events: [String]
            var formula: String
            var penalty: Money
            var working: Working
            var note: String?
            var interest: Money?
            var interestFormula: String?
            var interestNote: String?
        }

        struct Accrued {
            var items: [LateItem] = []
            var daysLate = 0
            var penaltyTotal = Money.zero
            var interestCovered = Money.zero
            var firstDue: CalendarDay?
        }

        /// What the rule has accrued as of `day`, from the payments as of that day.
        func accrued(_ rule: LatePaymentRule, asOf day: CalendarDay) throws(ComputationError) -> Accrued {
            var result = Accrued()
            let events = History(events: history.events.filter { $0.day <= day })
            let payments = Payments.lines(for: contract, history: events, asOf: day, calendar: calendar)
            let n = rule.per.days
            for line in payments {
                guard let due = line.dueDate else { continue }
                result.firstDue = min(result.firstDue ?? due, due)
                var parts: [(amount: Money, end: CalendarDay, text: String)] = []
                for part in line.payments where part.day > due {
                    parts.append((part.amount, part.day, "\(part.amount.grouped) paid \(part.day)"))
                }
                if line.outstanding > .zero, day > due {
                    parts.append((line.outstanding, day, "\(line.outstanding.grouped) unpaid as of \(day)"))
                }
                guard !parts.isEmpty, line.daysLate != nil else { continue }
                let end = line.paidOn ?? day
                let excuse = excused(from: due, to: end, instalment: line.instalment, exclusions: rule.exclusions, clause: rule.clause, civilCode: false)
                var working = Working(rate: rule.rate, periodDays: n, excusedDays: excuse.days, excusedBy: excuse.by, ledgerLines: excuse.lines)
                // Each part by its own days late, less the excused days inside them.
                let excusedDays = ExcusedDays(history: history, instalment: line.instalment, causes: Set(rule.exclusions.map(\.cause)))
                let counted = parts.map { part in
                    (amount: part.amount, days: part.end.dayNumber - due.dayNumber - excusedDays.count(after: due, through: part.end), text: part.text)
                }
                let paidParts = line.payments.map { Allocation.Part(day: $0.day, amount: $0.amount) }
                func amountDays(_ periodDays: Int) throws(ComputationError) -> Fraction {
                    guard let sum = OverdueCharges.amountDays(due: due, paid: paidParts, unpaid: line.outstanding, on: day, periodDays: periodDays, excused: excusedDays) else {
                        throw failure(rule, excuse.lines, "the amount overdue times the days late is too large to represent")
                    }
                    return sum
                }
                let late = end.dayNumber - due.dayNumber - excuse.days
                result.daysLate += late
                let excusedText = excuse.days > 0 ? "; \(excuse.days) day\(excuse.days == 1 ? "" : "s") excused" : ""
                let eventText = "instalment \(line.instalment) (\(line.clause)) due \(due): " + counted.map { "\($0.text), \($0.days) days late" }.joined(separator: "; ") + excusedText
                var notes = excuse.by + excuse.notExcused
                var item: LateItem
                switch rule.base {
                case .overdueAmount:
                    let terms = counted.map { "\($0.amount.grouped) x \($0.days / n) \(n == 1 ? "days" : "periods of \(n) days")" }.joined(separator: " + ")
                    let penalty = try money(amountDays(n).times(rule.rate), rule, excuse.lines)
                    working.baseClause = "the amount overdue"
                    working.days = counted.map(\.days).reduce(0, +)
                    item = LateItem(events: [eventText], formula: "\(rule.rate) x (\(terms)) = \(penalty.grouped)", penalty: penalty, working: working)
                    if let interest = rule.interest {
                        let amount = try money(amountDays(interest.per.days).times(interest.rate), rule, excuse.lines)
                        let interestTerms = counted.map { "\($0.amount.grouped) x \($0.days / interest.per.days) \(interest.per.days == 1 ? "days" : "periods of \(interest.per.days) days")" }.joined(separator: " + ")
                        item.interest = amount
                        item.interestFormula = "\(interest.rate) x (\(interestTerms)) = \(amount.grouped)"
                        var interestNotes = ["interest \(interest.rate) per \(interest.per.days == 1 ? "day" : "\(interest.per.days) days") on the amount overdue (\(interest.clause))"]
                        if interest.paidBeforePrincipal, !line.chargesCovered.isEmpty {
                            let covered = try sum(line.chargesCovered.map(\.amount), rule, [])
                            result.interestCovered = try sum([result.interestCovered, covered], rule, [])
                            interestNotes.append("payments covered \(line.chargesCovered.map { "\($0.amount.grouped) on \($0.day)" }.joined(separator: ", ")) of it before the principal (Civil Code Art. 561)")
                        }
                        item.interestNote = interestNotes.joined(separator: "; ")
                    }
                case .contractTotal:
                    let periods = max(0, late) / n
                    let penalty = try money(Fraction(total).times(rule.rate)?.times(Int128(periods)), rule, excuse.lines)
                    working.base = total
                    working.baseClause = contract.price.total.clause
                    working.periods = periods
                    working.days = late
                    let span = "\(late) days late, \(due) to \(line.paidOn.map { "\($0), paid in full" } ?? "\(day), unpaid")\(excusedText)"
                    let formula = n == 1
                        ? "\(rule.rate) x \(totalText) x \(late) days (\(span)) = \(penalty.grouped)"
                        : "\(rule.rate) x \(totalText) x \(periods) whole period\(periods == 1 ? "" : "s") of \(n) days (\(span); a part period counts nothing) = \(penalty.grouped)"
                    item = LateItem(events: [eventText], formula: formula, penalty: penalty, working: working)
                    if rule.interest != nil { notes.append("interest is charged on the amount overdue only") }
                }
                item.note = notes.isEmpty ? nil : notes.joined(separator: "; ")
                result.penaltyTotal = try sum([result.penaltyTotal, item.penalty], rule, excuse.lines)
                result.items.append(item)
            }
            return result
        }

        /// A share-of-total cap on what the rule produced since `start`. With
        /// interest counted, the cap cuts the penalty first, then interest not
        /// yet paid; interest a payment has covered is never taken back (Readings 7).
        mutating func applyCap(_ rule: LatePaymentRule, from start: Int, covered: Money) throws(ComputationError) {
            guard let cap = rule.cap else { return }
            let limit = total.times(cap.share)
            let penalty = try sum(lines[start...].filter { $0.kind != "interest" }.map(\.amount), rule, [])
            let interest = try sum(lines[start...].filter { $0.kind == "interest" }.map(\.amount), rule, [])
            let counted = cap.includesInterest ? try sum([penalty, interest], rule, []) : penalty
            guard counted > limit, let excess = counted.minus(limit) else { return }
            let penaltyCut = min(excess, penalty)
            let interestCut = min(excess - penaltyCut, max(.zero, interest - covered))
            let what = cap.includesInterest ? "penalty and interest together" : "the penalty"
            var formula = "cap: \(cap.share) x \(totalText) = \(limit.grouped); \(what) came to \(counted.grouped): the penalty cut by \(penaltyCut.grouped)"
            if cap.includesInterest { formula += ", interest not yet paid cut by \(interestCut.grouped)" }
            let working = Working(rate: cap.share, base: total, baseClause: contract.price.total.clause)
            add(rule, payer: rule.payer, kind: .latePayment, events: [], formula: formula, amount: .zero - (penaltyCut + interestCut), working: working,
                lineKind: "cap", cap: "\(cap.share) of the total (\(cap.clause))")
        }

        /// The first day from `start` to the as-of day on which `reached` holds (it only grows).
        func firstDay(from start: CalendarDay?, where reached: (CalendarDay) throws(ComputationError) -> Bool) throws(ComputationError) -> CalendarDay? {
            guard let start, start <= asOf else { return nil }
            var low = start.dayNumber
            var high = asOf.dayNumber
            guard try reached(asOf) else { return nil }
            while low < high {
                let middle = (low + high) / 2
                if try reached(CalendarDay(dayNumber: middle)) { high = middle } else { low = middle + 1 }
            }
            return CalendarDay(dayNumber: low)
        }

        // MARK: the supplier serves late

        /// Per recorded delay: a rate of the total per whole period, less the
        /// days a cause excuses (the clause's exclusions, and the Civil Code's
        /// for force majeure and the other party's delay); a cap in days
        /// counts all delays together (Readings 10, 16).
        mutating func lateService(_ rule: LateServiceRule) throws(ComputationError) {
            let n = rule.per.days
            let start = lines.count
            var countedDays = 0
            var cumulative = Money.zero
            var reachedOn: CalendarDay?
            let limit = rule.termination?.share.map { total.times($0) }
            for event in history.events {
                guard case .serviceDelay(let day, let days, let cause) = event.kind else { continue }
                let label = "line \(event.line): \(days) days late from \(day)"
                var working = Working(rate: rule.rate, base: total, baseClause: contract.price.total.clause, periodDays: n, ledgerLines: [event.line])
                if cause != .supplier {
                    let excuse = rule.exclusions.first(where: { $0.cause == cause }).map { "excluded by \(rule.clause) (\"\($0.text)\")" }
                        ?? Context.civilCodeExcuse(cause).map { "excused by \($0)" } ?? ""
                    working.days = 0
                    working.excusedDays = days
                    working.excusedBy = [excuse]
                    add(rule, payer: rule.payer, kind: .lateService, events: [label], formula: "not counted: caused by \(cause.rawValue), \(excuse)", amount: .zero, working: working)
                    continue
                }
                let excuse = excused(from: day, to: day.adding(days: days), instalment: nil, exclusions: rule.exclusions, clause: rule.clause, civilCode: true)
                var counted = days - excuse.days
                var notes = excuse.by + excuse.notExcused
                var capText = ""
                if let capDays = rule.capDays {
                    let allowed = max(0, min(counted, capDays.days - countedDays))
                    countedDays += allowed
                    if allowed < counted { capText = "; only \(allowed) of the \(counted) days count: \(capDays.days) days in all at most (\(capDays.clause))" }
                    counted = allowed
                }
                let periods = counted / n
                let amount = try money(Fraction(total).times(rule.rate)?.times(Int128(periods)), rule, [event.line])
                working.days = counted
                working.periods = periods
                working.excusedDays = excuse.days
                working.excusedBy = excuse.by
                working.ledgerLines += excuse.lines
                let excusedText = excuse.days > 0 ? "; \(excuse.days) day\(excuse.days == 1 ? "" : "s") excused" : ""
                let formula = n == 1
                    ? "\(rule.rate) x \(totalText) x \(counted) days\(excusedText)\(capText) = \(amount.grouped)"
                    : "\(rule.rate) x \(totalText) x \(periods) whole period\(periods == 1 ? "" : "s") of \(n) days (\(counted) days\(excusedText); a part period counts nothing)\(capText) = \(amount.grouped)"
                if let from = rule.deductedFrom { notes.append("taken from \(from)") }
                add(rule, payer: rule.payer, kind: .lateService, events: [label], formula: formula, amount: amount, working: working,
                    note: notes.isEmpty ? nil : notes.joined(separator: "; "))
                cumulative = try sum([cumulative, amount], rule, [event.line])
                if let limit, reachedOn == nil, cumulative >= limit { reachedOn = day.adding(days: days) }
            }
            if let cap = rule.cap {
                let limit = total.times(cap.share)
                let produced = try sum(lines[start...].map(\.amount), rule, [])
                if produced > limit {
                    add(rule, payer: rule.payer, kind: .lateService, events: [], formula: "cap: \(cap.share) x \(totalText) = \(limit.grouped); the penalty came to \(produced.grouped)",
                        amount: limit - produced, working: Working(rate: cap.share, base: total, baseClause: contract.price.total.clause), lineKind: "cap",
                        cap: "\(cap.share) of the total (\(cap.clause))")
                }
            }
            if let threshold = rule.termination, let share = threshold.share, let limit {
                terminations.append(TerminationFlag(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: threshold.clause, party: threshold.party,
                                                    threshold: "penalties reach \(share) of the total, \(limit.grouped)", reached: reachedOn != nil, from: reachedOn,
                                                    progress: "penalties \(cumulative.grouped) as of \(asOf)"))
            }
        }

        // MARK: incidents

        /// Per incident of the rule's grade: the first in a contract year
        /// costs the rate of its own subsystem's fee; each repeat costs the
        /// previous incident's amount (before any lateness surcharge) plus
        /// `repeatIncrease`, whatever subsystem it hit, each rounded to the fen
        /// when made; resolved late, the rate's surcharge or multiplier
        /// (Readings 6, 11). A grade without a rate is report-only.
        mutating func incidents(_ rule: IncidentRule) throws(ComputationError) {
            let fees = Dictionary(contract.price.breakdowns.flatMap(\.lines).filter { $0.subsystem == true }.compactMap { line in line.id.map { ($0, line) } }, uniquingKeysWith: { a, _ in a })
            let incidents = history.events.compactMap { event -> (LedgerEvent, IncidentRecord)? in
                if case .incident(let record) = event.kind, record.grade == rule.grade { return (event, record) }
                return nil
            }.sorted { ($0.1.occurred, $0.0.line) < ($1.1.occurred, $1.0.line) }
            let signing = ContractDates(contract, calendar: calendar).signing
            var previous: [Int: (count: Int, amount: Money)] = [:]
            for (event, record) in incidents {
                let label = "line \(event.line): \(rule.grade) incident on \(record.subsystem), \(record.occurred)"
                guard let fee = fees[record.subsystem] else { continue }
                let year = Context.contractYear(of: record.occurred.shanghaiDay, signing: signing)
                var working = Working(base: fee.amount, baseClause: "subsystem \(record.subsystem) (\(fee.name))", contractYear: year, ledgerLines: [event.line])
                guard let rate = rule.rate else {
                    add(rule, payer: rule.payer, kind: .incident, events: [label], formula: "report only: \(rule.grade) incidents cost nothing (\(rule.clause))", amount: .zero, working: working)
                    continue
                }
                working.rate = rate
                let n = (previous[year]?.count ?? 0) + 1
                working.occurrence = n
                var formula: String
                var amount: Money
                if let last = previous[year], let increase = rule.repeatIncrease {
                    amount = try money(Fraction(last.amount).times(Percent.hundred + increase), rule, [event.line])
                    formula = "the \(ordinal(n)) \(rule.grade) incident of contract year \(year): the previous \(last.amount.grouped) + \(increase) = \(amount.grouped)"
                    working.factor = "+\(increase)"
                } else {
                    amount = fee.amount.times(rate)
                    formula = "\(rate) x \(fee.amount.grouped) (\(fee.name)) = \(amount.grouped)"
                    if n > 1 { formula += " (the \(ordinal(n)) of contract year \(year); the rule states no increase for repeats)" }
                }
                previous[year] = (n, amount)
                let end = record.resolved ?? Instant.endOfDay(asOf)
                let seconds = record.occurred.seconds(until: end)
                let took = "\(hours(seconds))\(record.resolved == nil ? " and still open at the end of \(asOf)" : "")"
                if let limitHours = rule.resolveWithinHours, seconds > Int64(limitHours) * 3600 {
                    if let add = rule.lateAddRate {
                        let extra = fee.amount.times(add)
                        amount = try sum([amount, extra], rule, [event.line])
                        formula += "; resolved in \(took) > \(limitHours)h: + \(add) x \(fee.amount.grouped) = \(amount.grouped)"
                        working.factor = [working.factor, "+\(add) of the fee"].compactMap { $0 }.joined(separator: "; ")
                    } else if let multiplier = rule.lateMultiplier {
                        amount = try money(Fraction(amount).times(multiplier), rule, [event.line])
                        formula += "; resolved in \(took) > \(limitHours)h: x \(multiplier) = \(amount.grouped)"
                        working.factor = [working.factor, "x\(multiplier)"].compactMap { $0 }.joined(separator: "; ")
                    } else {
                        formula += "; resolved in \(took) > \(limitHours)h (the rule states no surcharge)"
                    }
                } else if let limitHours = rule.resolveWithinHours {
                    formula += "; resolved in \(took), within \(limitHours)h"
                }
                add(rule, payer: rule.payer, kind: .incident, events: [label], formula: formula, amount: amount, working: working)
            }
        }

        /// The contract year of `day`, 1-based: year 1 runs from the day after
        /// signing to the first anniversary inclusive (Civil Code Arts. 201-202;
        /// Readings 11).
        static func contractYear(of day: CalendarDay, signing: CalendarDay?) -> Int {
            guard let signing, day > signing else { return 1 }
            var year = max(1, (day.dayNumber - signing.dayNumber) / 366)
            while year > 1, signing.adding(months: 12 * (year - 1)) >= day { year -= 1 }
            while signing.adding(months: 12 * year) < day { year += 1 }
            return year
        }

        func hours(_ seconds: Int64) -> String {
            let minutes = seconds / 60
            return minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes / 60)h\(minutes % 60)m"
        }

        // MARK: requests and staff

        /// A request rule's trigger: no first answer within the limit for its
        /// kind; not done by the agreed time (x the complaint multiplier); late
        /// and disruptive, which replaces the rule it names (Readings 12).
        mutating func requests(_ rule: RequestRule) {
            let replacedBy = contract.penalties.contains { other in
                if case .request(let r) = other, r.replaces == rule.id, r.trigger == .lateDisruptive { return true }
                return false
            }
            let endOfDay = Instant.endOfDay(asOf)
            for event in history.events {
                guard case .request(let record) = event.kind else { continue }
                let label = "line \(event.line): \(record.kind) request received \(record.received)"
                var working = Working(ledgerLines: [event.line])
                switch rule.trigger {
                case .noFirstAnswer:
                    guard let hours = rule.limitsHours.first(where: { $0.kind == record.kind })?.hours else { continue }
                    let answered = record.firstAnswer ?? endOfDay
                    guard record.received.seconds(until: answered) > Int64(hours) * 3600 else { continue }
                    let when = record.firstAnswer.map { "first answer \($0), after \(self.hours(record.received.seconds(until: $0)))" } ?? "no first answer by the end of \(asOf)"
                    add(rule, payer: rule.payer, kind: .request, events: [label], formula: "\(when) > \(hours)h: \(rule.amount.grouped)", amount: rule.amount, working: working)
                case .lateDone, .lateDisruptive:
                    guard let agreed = record.agreedDue else { continue }
                    let done = record.done ?? endOfDay
                    guard done > agreed else { continue }
                    let when = record.done.map { "done \($0)" } ?? "not done by the end of \(asOf)"
                    if rule.trigger == .lateDisruptive {
                        guard record.disruptive else { continue }
                        add(rule, payer: rule.payer, kind: .request, events: [label], formula: "\(when), after the agreed \(agreed), disrupting the buyer's work: \(rule.amount.grouped)",
                            amount: rule.amount, working: working, note: rule.replaces.map { "replaces \($0) (docs/readings.md, Reading 12)" })
                    } else {
                        if record.disruptive, replacedBy { continue }
                        if let level = record.complaint, let factor = rule.multipliers.first(where: { $0.level == level })?.factor, let amount = rule.amount.times(factor) {
                            working.factor = "x\(factor)"
                            add(rule, payer: rule.payer, kind: .request, events: [label],
                                formula: "\(when), after the agreed \(agreed); complaint to \(level): \(rule.amount.grouped) x \(factor) = \(amount.grouped)", amount: amount, working: working)
                        } else {
                            add(rule, payer: rule.payer, kind: .request, events: [label], formula: "\(when), after the agreed \(agreed): \(rule.amount.grouped)", amount: rule.amount, working: working)
                        }
                    }
                }
            }
        }

        mutating func staff(_ rule: StaffRule) {
            for event in history.events {
                guard case .staffViolation(let day, let violation, let amount) = event.kind, violation == rule.violation else { continue }
                guard let value = amount ?? rule.amount else { continue }
                let range = rule.amountMin.map { "set within \($0.grouped)-\(rule.amountMax?.grouped ?? "")" }
                add(rule, payer: rule.payer, kind: .staffViolation, events: ["line \(event.line): \(violation) on \(day)"],
                    formula: range.map { "\(value.grouped), \($0)" } ?? value.grouped, amount: value, working: Working(ledgerLines: [event.line]))
            }
        }

        // MARK: breaches and termination without cause

        /// Each recorded breach counts once: the rule whose own clause or
        /// listed clauses name the breached clause (and replaces the general
        /// one it names); otherwise the general rule for the breaching party
        /// (Readings 13). A termination without cause, recorded as a notice or
        /// as a breach of its clause, is priced by its rule.
        mutating func breaches() {
            let rules = contract.penalties.compactMap { rule -> (BreachRule, PenaltyRule.Kind)? in
                switch rule {
                case .breach(let r): return (r, .breach)
                case .terminationWithoutCause(let r): return (r, .terminationWithoutCause)
                default: return nil
                }
            }
            func names(_ rule: BreachRule, _ clause: String) -> Bool {
                ([rule.clause] + rule.clauses).contains { Context.clause(clause, isWithin: $0) }
            }
            for event in history.events {
                switch event.kind {
                case .breach(let day, let clause, let party):
                    let label = "line \(event.line): breach of \(clause) by the \(party.rawValue) on \(day)"
                    let specific = rules.first { $0.0.payer.includes(party) && names($0.0, clause) }
                    let general = rules.first { $0.0.payer.includes(party) && $0.0.general == true }
                    guard let (rule, kind) = specific ?? general else {
                        lines.append(PenaltyLine(contractID: contract.id, alias: contract.alias, rule: "-", clause: clause, kind: "breach", payer: party,
                                                 events: [label], formula: "no penalty rule covers \(clause)", amount: .zero, cap: nil, note: nil,
                                                 working: Working(ledgerLines: [event.line])))
                        continue
                    }
                    price(rule, kind: kind, party: party, label: label, line: event.line, replacing: specific != nil && general != nil && rule.replaces != nil)
                case .notice(let day, .termination, let party, true):
                    guard let (rule, kind) = rules.first(where: { $0.1 == .terminationWithoutCause && $0.0.payer.includes(party) }) else { continue }
                    price(rule, kind: kind, party: party, label: "line \(event.line): termination without cause by the \(party.rawValue) on \(day)", line: event.line, replacing: false)
                default:
                    continue
                }
            }
        }

        mutating func price(_ rule: BreachRule, kind: PenaltyRule.Kind, party: PartyRole, label: String, line: Int, replacing: Bool) {
            let amount = total.times(rule.rate)
            var notes = rule.onlyIf.map { ["only if \($0)"] } ?? []
            if replacing, let replaced = rule.replaces { notes.append("replaces \(replaced), not added to it (docs/readings.md, Reading 13)") }
            add(rule, payer: party, kind: kind, events: [label], formula: "\(rule.rate) x \(totalText) = \(amount.grouped)", amount: amount,
                working: Working(rate: rule.rate, base: total, baseClause: contract.price.total.clause, ledgerLines: [line]),
                note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        }

        /// "§9.1(2)" is within "§9.1"; "§9.10" is not.
        static func clause(_ clause: String, isWithin prefix: String) -> Bool {
            guard clause.hasPrefix(prefix) else { return false }
            guard let next = clause.dropFirst(prefix.count).first else { return true }
            return !(next.isNumber || next == ".")
        }
    }
}
