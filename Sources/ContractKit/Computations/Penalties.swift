/// One computed penalty: which rule, which events, its working as values,
/// and the amount. A cap appears as a line of its own that takes the excess
/// off, so every total adds up on the page. The sentences (the formula, the
/// events, the notes) are written by Rendering, in Chinese or English
/// (`PenaltyWording`), from the values here.
public struct PenaltyLine: Sendable {
    public var contractID: String
    public var alias: String
    public var rule: String
    public var clause: String
    /// The rule's kind, or "interest" or "cap" for the lines a rule adds.
    public var kind: String
    /// The party who pays.
    public var payer: PartyRole
    /// The events counted.
    public var events: [PenaltyEvent]
    /// How the amount was worked.
    public var working: PenaltyWorking
    public var amount: Money
    /// Set on the line a cap produced.
    public var cap: ShareCap?
    public var notes: [PenaltyNote] = []
    /// The ledger lines the figure counts.
    public var ledgerLines: [Int] = []
}

/// A figure that cannot be represented (an amount beyond the largest a
/// money value holds): an error naming the rule and the ledger lines.
public struct ComputationError: Error, Sendable, CustomStringConvertible {
    public var alias: String
    /// What `rule` names: a penalty rule ("rule"), or an instalment of the schedule ("instalment").
    public var kind: String = "rule"
    public var rule: String
    public var clause: String
    public var ledgerLines: [Int]
    public var reason: String

    public var description: String {
        let lines = ledgerLines.isEmpty ? "" : "; ledger line\(ledgerLines.count == 1 ? "" : "s") \(ledgerLines.map(String.init).joined(separator: ", "))"
        return "\(alias): \(kind) \(rule) (\(clause)): \(reason)\(lines)"
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
    /// The threshold and where the rule stands against it.
    public var measure: TerminationMeasure
    public var reached: Bool
    /// The first day it was reached.
    public var from: CalendarDay?
    /// The day the rule stands as of.
    public var asOf: CalendarDay
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
        // Worked out on both cores; the first contract in order that fails
        // is the one reported, as when they were worked out one by one.
        let parts = ParallelMap.map(contracts, chunk: 8, step: "computing penalties, by contract") { contract -> Result<PenaltyReport, ComputationError> in
            let history = History(contractID: contract.id, ledger: ledger, asOf: asOf)
            do throws(ComputationError) {
                return .success(try self.report(for: contract, history: history, asOf: asOf, calendar: calendar))
            } catch {
                return .failure(error)
            }
        }
        var done: [PenaltyReport] = []
        done.reserveCapacity(parts.count)
        for outcome in parts {
            switch outcome {
            case .success(let value): done.append(value)
            case .failure(let error): throw error
            }
        }
        // The lines are many (one per event at fault): copied once, into
        // room made for all of them, not regrown as each part is added.
        report.lines.reserveCapacity(done.reduce(0) { $0 + $1.lines.count })
        for part in done {
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
                    throw ComputationError(alias: contract.alias, rule: line.rule, clause: line.clause, ledgerLines: line.ledgerLines,
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

        /// `rate` of the contract total, with the clause that states the total.
        func ofTotal(_ rate: Percent) -> ShareOfTotal {
            ShareOfTotal(rate: rate, total: total, totalClause: contract.price.total.clause)
        }

        mutating func add(_ rule: any RuleTerms, payer: PartyRole, kind: PenaltyRule.Kind, events: [PenaltyEvent], working: PenaltyWorking, amount: Money,
                          ledgerLines: [Int], lineKind: String? = nil, cap: ShareCap? = nil, notes: [PenaltyNote] = []) {
            lines.append(PenaltyLine(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: rule.clause, kind: lineKind ?? kind.rawValue,
                                     payer: payer, events: events, working: working, amount: amount, cap: cap, notes: notes, ledgerLines: ledgerLines))
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
        /// excuses for any late service (Arts. 590, 592; Readings 16). The
        /// notes say which recorded causes excuse days, then which do not.
        func excused(from start: CalendarDay, to end: CalendarDay, instalment: String?, exclusions: [Exclusion], clause: String,
                     civilCode: Bool) -> (days: Int, notes: [PenaltyNote], lines: [Int]) {
            guard end > start else { return (0, [], []) }
            var causes = Set(exclusions.map(\.cause))
            if civilCode { causes.formUnion(DelayCause.allCases.filter { Context.civilCodeExcuse($0) != nil }) }
            var by: [PenaltyNote] = []
            var notExcused: [PenaltyNote] = []
            var lines: [Int] = []
            for event in history.events {
                guard case .excuse(let record) = event.kind, record.instalment == instalment,
                      record.from.dayNumber <= end.dayNumber, record.to.dayNumber > start.dayNumber else { continue }
                lines.append(event.line)
                if let exclusion = exclusions.first(where: { $0.cause == record.cause }) {
                    by.append(.excused(line: event.line, cause: record.cause, from: record.from, to: record.to, by: .clause(clause, text: exclusion.text)))
                } else if civilCode, let excuse = Context.civilCodeExcuse(record.cause) {
                    by.append(.excused(line: event.line, cause: record.cause, from: record.from, to: record.to, by: .civilCode(excuse)))
                } else {
                    notExcused.append(.notExcused(line: event.line, cause: record.cause, from: record.from, to: record.to, clause: clause))
                }
            }
            let days = ExcusedDays(history: history, instalment: instalment, causes: causes).count(after: start, through: end)
            return (days, by + notExcused, lines)
        }

        /// What the Civil Code excuses in a late service whatever the clause lists.
        static func civilCodeExcuse(_ cause: DelayCause) -> CivilCodeExcuse? {
            switch cause {
            case .forceMajeure: return .forceMajeure
            case .buyer, .budgetAllocation: return .otherParty
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
                add(rule, payer: rule.payer, kind: .latePayment, events: item.events, working: item.working, amount: item.penalty,
                    ledgerLines: item.ledgerLines, notes: item.notes)
                if let interest = item.interest {
                    add(rule, payer: rule.payer, kind: .latePayment, events: item.events, working: interest.working, amount: interest.amount,
                        ledgerLines: item.ledgerLines, lineKind: "interest", notes: interest.notes)
                }
            }
            try applyCap(rule, from: start, covered: result.interestCovered)
            guard let threshold = rule.termination else { return }
            if let days = threshold.days {
                let reached = result.daysLate >= days
                let from = reached ? try firstDay(from: result.firstDue, where: { day throws(ComputationError) in try accrued(rule, asOf: day).daysLate >= days }) : nil
                terminations.append(TerminationFlag(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: threshold.clause, party: threshold.party,
                                                    measure: .daysOverdue(limit: days, now: result.daysLate), reached: reached, from: from, asOf: asOf))
            }
            if let share = threshold.share {
                let limit = total.times(share)
                let reached = result.penaltyTotal >= limit
                let from = reached ? try firstDay(from: result.firstDue, where: { day throws(ComputationError) in try accrued(rule, asOf: day).penaltyTotal >= limit }) : nil
                terminations.append(TerminationFlag(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: threshold.clause, party: threshold.party,
                                                    measure: .penalties(share: share, limit: limit, now: result.penaltyTotal, interestExcluded: true),
                                                    reached: reached, from: from, asOf: asOf))
            }
        }

        struct LateItem {
            var events: [PenaltyEvent]
            var working: PenaltyWorking
            var penalty: Money
            var notes: [PenaltyNote]
            var ledgerLines: [Int]
            var interest: (working: PenaltyWorking, amount: Money, notes: [PenaltyNote])?
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
                var parts: [(amount: Money, end: CalendarDay, paid: Bool)] = []
                for part in line.payments where part.day > due {
                    parts.append((part.amount, part.day, true))
                }
                if line.outstanding > .zero, day > due {
                    parts.append((line.outstanding, day, false))
                }
                guard !parts.isEmpty, line.daysLate != nil else { continue }
                let end = line.paidOn ?? day
                let excuse = excused(from: due, to: end, instalment: line.instalment, exclusions: rule.exclusions, clause: rule.clause, civilCode: false)
                // Each part by its own days late, less the excused days inside them.
                let excusedDays = ExcusedDays(history: history, instalment: line.instalment, causes: Set(rule.exclusions.map(\.cause)))
                let counted = parts.map { part in
                    InstalmentDelay.Part(amount: part.amount, day: part.end, paid: part.paid,
                                         days: part.end.dayNumber - due.dayNumber - excusedDays.count(after: due, through: part.end))
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
                let event = PenaltyEvent.instalment(InstalmentDelay(instalment: line.instalment, clause: line.clause, due: due, parts: counted, excusedDays: excuse.days))
                // The payments counted (those naming the instalment, or none, on a day a part was paid) and the excuses.
                let paidDays = Set(counted.filter(\.paid).map(\.day))
                let paymentLines = events.events.compactMap { event -> Int? in
                    guard case .payment(let paidOn, _, let instalment) = event.kind, paidDays.contains(paidOn),
                          instalment == nil || instalment == line.instalment else { return nil }
                    return event.line
                }
                let ledgerLines = Array(Set(paymentLines + excuse.lines)).sorted()
                var notes = excuse.notes
                var item: LateItem
                switch rule.base {
                case .overdueAmount:
                    let penalty = try money(amountDays(n).times(rule.rate), rule, excuse.lines)
                    let terms = counted.map { OverdueParts.Part(amount: $0.amount, days: $0.days) }
                    item = LateItem(events: [event], working: .overdueParts(OverdueParts(rate: rule.rate, periodDays: n, parts: terms, excusedDays: excuse.days)),
                                    penalty: penalty, notes: [], ledgerLines: ledgerLines)
                    if let interest = rule.interest {
                        let amount = try money(amountDays(interest.per.days).times(interest.rate), rule, excuse.lines)
                        var interestNotes: [PenaltyNote] = [.interestTerms(rate: interest.rate, periodDays: interest.per.days, clause: interest.clause)]
                        if interest.paidBeforePrincipal, !line.chargesCovered.isEmpty {
                            let covered = try sum(line.chargesCovered.map(\.amount), rule, [])
                            result.interestCovered = try sum([result.interestCovered, covered], rule, [])
                            interestNotes.append(.coveredBeforePrincipal(line.chargesCovered))
                        }
                        let working = PenaltyWorking.interest(OverdueParts(rate: interest.rate, periodDays: interest.per.days, parts: terms, excusedDays: excuse.days))
                        item.interest = (working, amount, interestNotes)
                    }
                case .contractTotal:
                    let periods = max(0, late) / n
                    let penalty = try money(Fraction(total).times(rule.rate)?.times(Int128(periods)), rule, excuse.lines)
                    let working = LatePaymentOfTotal(share: ofTotal(rule.rate), periodDays: n, periods: periods, days: late, excusedDays: excuse.days,
                                                     due: due, until: end, paidInFull: line.paidOn != nil)
                    item = LateItem(events: [event], working: .latePayment(working), penalty: penalty, notes: [], ledgerLines: ledgerLines)
                    if rule.interest != nil { notes.append(.interestOnOverdueOnly) }
                }
                item.notes = notes
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
            let working = CapCut(share: ofTotal(cap.share), clause: cap.clause, limit: limit, counted: counted, penaltyCut: penaltyCut,
                                 interestCut: cap.includesInterest ? interestCut : nil)
            add(rule, payer: rule.payer, kind: .latePayment, events: [], working: .cap(working), amount: .zero - (penaltyCut + interestCut),
                ledgerLines: [], lineKind: "cap", cap: cap)
        }

        /// The first day from `start` to the as-of day on which `reached` holds (it only grows).
        func firstDay(from start: CalendarDay?, where reached: (CalendarDay) throws(ComputationError) -> Bool) throws(ComputationError) -> CalendarDay? {
            guard let start, start <= asOf else { return nil }
            var low = start.dayNumber
            var high = asOf.dayNumber
            guard try reached(asOf) else { return nil }
            while low < high {
                let middle = low + (high - low) / 2   // floors for days before 1970 too
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
            // In the order the delays began, not the order they were recorded:
            // the day cap and the termination threshold are reached on a date.
            let delays = history.events.compactMap { event -> (LedgerEvent, CalendarDay, Int, DelayCause)? in
                if case .serviceDelay(let day, let days, let cause) = event.kind { return (event, day, days, cause) }
                return nil
            }.sorted { ($0.1, $0.0.line) < ($1.1, $1.0.line) }
            for (event, day, days, cause) in delays {
                let counted = PenaltyEvent.serviceDelay(line: event.line, from: day, days: days, cause: cause)
                if cause != .supplier, let ground = rule.exclusions.first(where: { $0.cause == cause }).map({ ExcuseGround.clause(rule.clause, text: $0.text) })
                    ?? Context.civilCodeExcuse(cause).map(ExcuseGround.civilCode) {
                    add(rule, payer: rule.payer, kind: .lateService, events: [counted], working: .excusedDelay(cause: cause, days: days, by: ground),
                        amount: .zero, ledgerLines: [event.line])
                    continue
                }
                let excuse = excused(from: day, to: day.adding(days: days), instalment: nil, exclusions: rule.exclusions, clause: rule.clause, civilCode: true)
                let beforeCap = days - excuse.days
                var allowed = beforeCap
                var dayCap: LateServiceDelay.DayCap?
                if let capDays = rule.capDays {
                    allowed = max(0, min(beforeCap, capDays.days - countedDays))
                    countedDays += allowed
                    if allowed < beforeCap { dayCap = LateServiceDelay.DayCap(days: capDays.days, clause: capDays.clause, before: beforeCap) }
                }
                let periods = allowed / n
                let amount = try money(Fraction(total).times(rule.rate)?.times(Int128(periods)), rule, [event.line])
                let working = LateServiceDelay(share: ofTotal(rule.rate), periodDays: n, periods: periods, days: allowed, excusedDays: excuse.days, dayCap: dayCap)
                var notes = excuse.notes
                if let from = rule.deductedFrom { notes.append(.takenFrom(from)) }
                add(rule, payer: rule.payer, kind: .lateService, events: [counted], working: .lateService(working), amount: amount,
                    ledgerLines: [event.line] + excuse.lines, notes: notes)
                cumulative = try sum([cumulative, amount], rule, [event.line])
                if let limit, reachedOn == nil, cumulative >= limit { reachedOn = day.adding(days: days) }
            }
            if let cap = rule.cap {
                let limit = total.times(cap.share)
                let produced = try sum(lines[start...].map(\.amount), rule, [])
                if produced > limit {
                    let working = CapCut(share: ofTotal(cap.share), clause: cap.clause, limit: limit, counted: produced, penaltyCut: produced - limit, interestCut: nil)
                    add(rule, payer: rule.payer, kind: .lateService, events: [], working: .cap(working), amount: limit - produced, ledgerLines: [],
                        lineKind: "cap", cap: cap)
                }
            }
            if let threshold = rule.termination, let share = threshold.share, let limit {
                terminations.append(TerminationFlag(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: threshold.clause, party: threshold.party,
                                                    measure: .penalties(share: share, limit: limit, now: cumulative, interestExcluded: false),
                                                    reached: reachedOn != nil, from: reachedOn, asOf: asOf))
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
                guard let fee = fees[record.subsystem] else { continue }
                let counted = PenaltyEvent.incident(line: event.line, grade: rule.grade, subsystem: record.subsystem, subsystemName: fee.name, occurred: record.occurred)
                let year = Context.contractYear(of: record.occurred.shanghaiDay, signing: signing)
                guard let rate = rule.rate else {
                    let report = IncidentReport(grade: rule.grade, subsystem: record.subsystem, subsystemName: fee.name, contractYear: year)
                    add(rule, payer: rule.payer, kind: .incident, events: [counted], working: .reportOnly(report), amount: .zero, ledgerLines: [event.line])
                    continue
                }
                let n = (previous[year]?.count ?? 0) + 1
                let step: IncidentCharge.Step
                var amount: Money
                if let last = previous[year], let increase = rule.repeatIncrease {
                    amount = try money(Fraction(last.amount).times(Percent.hundred + increase), rule, [event.line])
                    step = .repeated(previous: last.amount, increase: increase)
                } else {
                    amount = fee.amount.times(rate)
                    step = n > 1 ? .unescalated : .first
                }
                previous[year] = (n, amount)
                let charge = amount
                let end = record.resolved ?? Instant.endOfDay(asOf)
                let seconds = record.occurred.seconds(until: end)
                let took = IncidentCharge.Duration(seconds: seconds, openAt: record.resolved == nil ? asOf : nil)
                var resolution = IncidentCharge.Resolution.unlimited
                if let limitHours = rule.resolveWithinHours, seconds > Int64(limitHours) * 3600 {
                    var surcharge = IncidentCharge.Surcharge.none
                    if let add = rule.lateAddRate {
                        let extra = fee.amount.times(add)
                        amount = try sum([amount, extra], rule, [event.line])
                        surcharge = .addRate(add, extra: extra)
                    } else if let multiplier = rule.lateMultiplier {
                        amount = try money(Fraction(amount).times(multiplier), rule, [event.line])
                        surcharge = .multiplier(multiplier)
                    }
                    resolution = .late(hours: limitHours, took: took, surcharge)
                } else if let limitHours = rule.resolveWithinHours {
                    resolution = .withinLimit(hours: limitHours, took: took)
                }
                let working = IncidentCharge(grade: rule.grade, subsystem: record.subsystem, subsystemName: fee.name, fee: fee.amount, rate: rate,
                                             contractYear: year, occurrence: n, step: step, charge: charge, resolution: resolution)
                add(rule, payer: rule.payer, kind: .incident, events: [counted], working: .incident(working), amount: amount, ledgerLines: [event.line])
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
                let counted = PenaltyEvent.request(line: event.line, kind: record.kind, received: record.received)
                switch rule.trigger {
                case .noFirstAnswer:
                    guard let hours = rule.limitsHours.first(where: { $0.kind == record.kind })?.hours else { continue }
                    let answered = record.firstAnswer ?? endOfDay
                    guard record.received.seconds(until: answered) > Int64(hours) * 3600 else { continue }
                    let working = FirstAnswer(requestKind: record.kind, received: record.received, firstAnswer: record.firstAnswer, asOf: asOf, limitHours: hours)
                    add(rule, payer: rule.payer, kind: .request, events: [counted], working: .noFirstAnswer(working), amount: rule.amount, ledgerLines: [event.line])
                case .lateDone, .lateDisruptive:
                    guard let agreed = record.agreedDue else { continue }
                    let done = record.done ?? endOfDay
                    guard done > agreed else { continue }
                    let lateness = RequestLateness(agreedDue: agreed, done: record.done, asOf: asOf, amount: rule.amount)
                    if rule.trigger == .lateDisruptive {
                        guard record.disruptive else { continue }
                        add(rule, payer: rule.payer, kind: .request, events: [counted], working: .requestDisruptive(lateness), amount: rule.amount,
                            ledgerLines: [event.line], notes: rule.replaces.map { [.replacesRequestRule($0)] } ?? [])
                    } else {
                        if record.disruptive, replacedBy { continue }
                        if let level = record.complaint, let factor = rule.multipliers.first(where: { $0.level == level })?.factor, let amount = rule.amount.times(factor) {
                            add(rule, payer: rule.payer, kind: .request, events: [counted], working: .requestComplaint(lateness, complaint: level, factor: factor),
                                amount: amount, ledgerLines: [event.line])
                        } else {
                            add(rule, payer: rule.payer, kind: .request, events: [counted], working: .requestLate(lateness), amount: rule.amount, ledgerLines: [event.line])
                        }
                    }
                }
            }
        }

        mutating func staff(_ rule: StaffRule) {
            for event in history.events {
                guard case .staffViolation(let day, let violation, let amount) = event.kind, violation == rule.violation else { continue }
                guard let value = amount ?? rule.amount else { continue }
                let working = StaffCharge(violation: violation, amount: value, min: rule.amountMin, max: rule.amountMax)
                add(rule, payer: rule.payer, kind: .staffViolation, events: [.staffViolation(line: event.line, violation: violation, day: day)],
                    working: .staffViolation(working), amount: value, ledgerLines: [event.line])
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
                    let counted = PenaltyEvent.breach(line: event.line, clause: clause, party: party, day: day)
                    let specific = rules.first { $0.0.payer.includes(party) && names($0.0, clause) }
                    let general = rules.first { $0.0.payer.includes(party) && $0.0.general == true }
                    guard let (rule, kind) = specific ?? general else {
                        lines.append(PenaltyLine(contractID: contract.id, alias: contract.alias, rule: "-", clause: clause, kind: "breach", payer: party,
                                                 events: [counted], working: .uncoveredBreach(clause: clause), amount: .zero, ledgerLines: [event.line]))
                        continue
                    }
                    price(rule, kind: kind, party: party, event: counted, line: event.line, replacing: specific != nil && general != nil && rule.replaces != nil)
                case .notice(let day, .termination, let party, true):
                    guard let (rule, kind) = rules.first(where: { $0.1 == .terminationWithoutCause && $0.0.payer.includes(party) }) else { continue }
                    price(rule, kind: kind, party: party, event: .terminationWithoutCause(line: event.line, party: party, day: day), line: event.line, replacing: false)
                default:
                    continue
                }
            }
        }

        mutating func price(_ rule: BreachRule, kind: PenaltyRule.Kind, party: PartyRole, event: PenaltyEvent, line: Int, replacing: Bool) {
            var notes = rule.onlyIf.map { [PenaltyNote.onlyIf($0)] } ?? []
            if replacing, let replaced = rule.replaces { notes.append(.replacesGeneralRule(replaced)) }
            add(rule, payer: party, kind: kind, events: [event], working: .breach(ofTotal(rule.rate)), amount: total.times(rule.rate),
                ledgerLines: [line], notes: notes)
        }

        /// "§9.1(2)" is within "§9.1"; "§9.10" is not.
        static func clause(_ clause: String, isWithin prefix: String) -> Bool {
            guard clause.hasPrefix(prefix) else { return false }
            guard let next = clause.dropFirst(prefix.count).first else { return true }
            return !(next.isNumber || next == ".")
        }
    }
}
