/// One computed penalty: which rule, which events, the formula with its
/// numbers, and the amount. A cap appears as a line of its own that takes
/// the excess off, so every total adds up on the page.
public struct PenaltyLine: Sendable {
    public var contractID: String
    public var alias: String
    public var rule: String
    public var clause: String
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
    public var totals: [(alias: String, payer: PartyRole, amount: Money)] {
        var result: [(alias: String, payer: PartyRole, amount: Money)] = []
        for line in lines {
            if let index = result.firstIndex(where: { $0.alias == line.alias && $0.payer == line.payer }) {
                result[index].amount += line.amount
            } else {
                result.append((line.alias, line.payer, line.amount))
            }
        }
        return result
    }
}

public enum Penalties {
    public static func report(for contracts: [Contract], ledger: Ledger, asOf: CalendarDay, calendar: WorkCalendar) -> PenaltyReport {
        var report = PenaltyReport(lines: [], terminations: [])
        for contract in contracts {
            let history = History(contractID: contract.id, ledger: ledger, asOf: asOf)
            let part = self.report(for: contract, history: history, asOf: asOf, calendar: calendar)
            report.lines += part.lines
            report.terminations += part.terminations
        }
        return report
    }

    public static func report(for contract: Contract, history: History, asOf: CalendarDay, calendar: WorkCalendar) -> PenaltyReport {
        var context = Context(contract: history.applied(to: contract), history: history, asOf: asOf, calendar: calendar)
        for rule in contract.penalties {
            switch rule.kind {
            case .latePayment: context.latePayment(rule)
            case .lateService: context.lateService(rule)
            case .incident: context.incidents(rule)
            case .request: context.requests(rule)
            case .staffViolation: context.staff(rule)
            case .breach, .terminationWithoutCause: break
            }
        }
        context.breaches()
        return PenaltyReport(lines: context.lines, terminations: context.terminations)
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

        mutating func add(_ rule: PenaltyRule, payer: PartyRole, events: [String], formula: String, amount: Money, kind: String? = nil, cap: String? = nil, note: String? = nil) {
            lines.append(PenaltyLine(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: rule.clause, kind: kind ?? rule.kind.rawValue,
                                     payer: payer, events: events, formula: formula, amount: amount, cap: cap, note: note ?? rule.onlyIf.map { "only if \($0)" }))
        }

        func periodLength(_ rule: PenaltyRule) -> Int {
            if case .days(let n)? = rule.per?.period, n > 0 { return n }
            return 1
        }

        /// Applies a share-of-total cap to the lines a rule produced since `start`.
        mutating func applyCap(_ rule: PenaltyRule, from start: Int, payer: PartyRole) {
            guard let cap = rule.cap, let share = cap.share else { return }
            let limit = total.times(share)
            let counted = lines[start...].filter { cap.includesInterest == true || $0.kind != "interest" }
            let sum = counted.reduce(Money.zero) { $0 + $1.amount }
            guard sum > limit else { return }
            let what = cap.includesInterest == true ? "penalty and interest together" : "the penalty"
            add(rule, payer: payer, events: [], formula: "cap: \(share) x \(totalText) = \(limit.grouped); \(what) came to \(sum.grouped)",
                amount: limit - sum, kind: "cap", cap: "\(share) of the total (\(cap.clause ?? rule.clause))")
        }

        // MARK: the buyer pays late

        /// Per instalment: a rate of the total per (whole) period of delay
        /// until it is fully paid, or a rate of the amount overdue per day,
        /// each part of a payment by its own days late (Readings 1, 10).
        mutating func latePayment(_ rule: PenaltyRule) {
            guard let rate = rule.rate else { return }
            let payer: PartyRole = rule.payer == .supplier ? .supplier : .buyer
            let start = lines.count
            let result = accrued(rule, asOf: asOf)
            for item in result.items {
                add(rule, payer: payer, events: item.events, formula: item.formula, amount: item.penalty, note: item.covered)
                if let interest = rule.interest, let amount = item.interest {
                    add(rule, payer: payer, events: item.events, formula: item.interestFormula ?? "", amount: amount, kind: "interest",
                        note: "interest \(interest.rate) a day on the amount overdue (\(interest.clause))")
                }
            }
            _ = rate
            applyCap(rule, from: start, payer: payer)
            if let threshold = rule.termination {
                if let days = threshold.days {
                    let reached = result.daysLate >= days
                    let from = reached ? firstDay(from: result.firstDue, where: { accrued(rule, asOf: $0).daysLate >= days }) : nil
                    terminations.append(TerminationFlag(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: threshold.clause, party: threshold.party,
                                                        threshold: "\(days) days overdue in all", reached: reached, from: from,
                                                        progress: "\(result.daysLate) days overdue in all as of \(asOf)"))
                }
                if let share = threshold.share {
                    let limit = total.times(share)
                    let reached = result.penaltyTotal >= limit
                    let from = reached ? firstDay(from: result.firstDue, where: { accrued(rule, asOf: $0).penaltyTotal >= limit }) : nil
                    terminations.append(TerminationFlag(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: threshold.clause, party: threshold.party,
                                                        threshold: "penalties reach \(share) of the total, \(limit.grouped)", reached: reached, from: from,
                                                        progress: "penalties (without interest) \(result.penaltyTotal.grouped) as of \(asOf)"))
                }
            }
        }

        struct LateItem {
            var events: [String]
            var formula: String
            var penalty: Money
            var interest: Money?
            var interestFormula: String?
            /// What payments have already covered of it (Art. 561).
            var covered: String?
        }

        struct Accrued {
            var items: [LateItem] = []
            var daysLate = 0
            var penaltyTotal = Money.zero
            var firstDue: CalendarDay?
        }

        /// What the rule has accrued as of `day`, from the payments as of that day.
        func accrued(_ rule: PenaltyRule, asOf day: CalendarDay) -> Accrued {
            var result = Accrued()
            guard let rate = rule.rate else { return result }
            let events = History(events: history.events.filter { $0.day <= day })
            let payments = Payments.lines(for: contract, history: events, asOf: day, calendar: calendar)
            let n = periodLength(rule)
            for line in payments {
                guard let due = line.dueDate else { continue }
                result.firstDue = min(result.firstDue ?? due, due)
                var parts: [(amount: Money, days: Int, text: String)] = []
                for part in line.payments where part.day > due {
                    parts.append((part.amount, part.day.dayNumber - due.dayNumber, "\(part.amount.grouped) paid \(part.day)"))
                }
                if line.outstanding > .zero, day > due {
                    parts.append((line.outstanding, day.dayNumber - due.dayNumber, "\(line.outstanding.grouped) unpaid as of \(day)"))
                }
                guard !parts.isEmpty, let late = line.daysLate else { continue }
                result.daysLate += late
                let events = ["instalment \(line.instalment) (\(line.clause)) due \(due): " + parts.map { "\($0.text), \($0.days) days late" }.joined(separator: "; ")]
                var item: LateItem
                if rule.base == .overdueAmount {
                    let paidParts = line.payments.map { Allocation.Part(day: $0.day, amount: $0.amount) }
                    let sum = OverdueCharges.amountDays(due: due, paid: paidParts, unpaid: line.outstanding, on: day, periodDays: n)
                    let penalty = sum.times(rate)?.money ?? .zero
                    let terms = parts.map { "\($0.amount.grouped) x \($0.days / n) \(n == 1 ? "days" : "periods of \(n) days")" }.joined(separator: " + ")
                    item = LateItem(events: events, formula: "\(rate) x (\(terms)) = \(penalty.grouped)", penalty: penalty)
                    if rule.coveredBeforePrincipal == true, !line.chargesCovered.isEmpty {
                        item.covered = "payments covered \(line.chargesCovered.map { "\($0.amount.grouped) on \($0.day)" }.joined(separator: ", ")) of this and its interest before the principal (Civil Code Art. 561)"
                    }
                    if let interest = rule.interest {
                        let amount = sum.times(interest.rate)?.money ?? .zero
                        item.interest = amount
                        item.interestFormula = "\(interest.rate) x (\(terms)) = \(amount.grouped)"
                    }
                } else {
                    let periods = late / n
                    let penalty = Fraction(total).times(rate)?.times(Int128(periods))?.money ?? .zero
                    let span = "\(late) days late, \(due) to \(line.paidOn.map { "\($0), paid in full" } ?? "\(day), unpaid")"
                    let formula = n == 1
                        ? "\(rate) x \(totalText) x \(late) days (\(span)) = \(penalty.grouped)"
                        : "\(rate) x \(totalText) x \(periods) whole period\(periods == 1 ? "" : "s") of \(n) days (\(span); a part period counts nothing) = \(penalty.grouped)"
                    item = LateItem(events: events, formula: formula, penalty: penalty)
                }
                result.penaltyTotal += item.penalty
                result.items.append(item)
            }
            return result
        }

        /// The first day from `start` to the as-of day on which `reached` holds (it only grows).
        func firstDay(from start: CalendarDay?, where reached: (CalendarDay) -> Bool) -> CalendarDay? {
            guard let start, start <= asOf else { return nil }
            var low = start.dayNumber
            var high = asOf.dayNumber
            guard reached(asOf) else { return nil }
            while low < high {
                let middle = (low + high) / 2
                if reached(CalendarDay(dayNumber: middle)) { high = middle } else { low = middle + 1 }
            }
            return CalendarDay(dayNumber: low)
        }

        // MARK: the supplier serves late

        /// Per recorded delay: a rate of the total per (whole) period; a cap
        /// in days counts all delays together (Readings 10).
        mutating func lateService(_ rule: PenaltyRule) {
            guard let rate = rule.rate else { return }
            let payer: PartyRole = rule.payer == .buyer ? .buyer : .supplier
            let n = periodLength(rule)
            let start = lines.count
            var countedDays = 0
            var cumulative = Money.zero
            var reachedOn: CalendarDay?
            let limit = rule.termination?.share.map { total.times($0) }
            let delays = history.events.compactMap { event -> (LedgerEvent, CalendarDay, Int, DelayCause)? in
                if case .serviceDelay(let day, let days, let cause) = event.kind { return (event, day, days, cause) }
                return nil
            }
            for (event, day, days, cause) in delays {
                let label = "line \(event.line): \(days) days late from \(day)"
                guard cause == .supplier else {
                    add(rule, payer: payer, events: [label], formula: "not counted: caused by \(cause == .buyer ? "the buyer" : "force majeure")", amount: .zero,
                        note: rule.exclusions.isEmpty ? nil : "excluded: \(rule.exclusions.joined(separator: "; "))")
                    continue
                }
                var counted = days
                var capText = ""
                if let capDays = rule.cap?.days {
                    counted = max(0, min(days, capDays - countedDays))
                    countedDays += counted
                    if counted < days { capText = "; only \(counted) of the \(days) days count: \(capDays) days in all at most (\(rule.cap?.clause ?? rule.clause))" }
                }
                let periods = counted / n
                let amount = Fraction(total).times(rate)?.times(Int128(periods))?.money ?? .zero
                let formula = n == 1
                    ? "\(rate) x \(totalText) x \(counted) days\(capText) = \(amount.grouped)"
                    : "\(rate) x \(totalText) x \(periods) whole period\(periods == 1 ? "" : "s") of \(n) days (\(counted) days; a part period counts nothing)\(capText) = \(amount.grouped)"
                add(rule, payer: payer, events: [label], formula: formula, amount: amount,
                    note: rule.deductedFrom.map { "taken from \($0)" })
                cumulative += amount
                if let limit, reachedOn == nil, cumulative >= limit { reachedOn = day.adding(days: days) }
            }
            applyCap(rule, from: start, payer: payer)
            if let threshold = rule.termination, let share = threshold.share, let limit {
                terminations.append(TerminationFlag(contractID: contract.id, alias: contract.alias, rule: rule.id, clause: threshold.clause, party: threshold.party,
                                                    threshold: "penalties reach \(share) of the total, \(limit.grouped)", reached: reachedOn != nil, from: reachedOn,
                                                    progress: "penalties \(cumulative.grouped) as of \(asOf)"))
            }
        }

        // MARK: incidents

        /// Per incident of the rule's grade: a rate of its subsystem's fee,
        /// 1.5 times the previous one for each repeat in the contract year,
        /// and a surcharge when resolved late (Readings 6, 11).
        mutating func incidents(_ rule: PenaltyRule) {
            guard let rate = rule.rate, let grade = rule.grade else { return }
            let fees = Dictionary(contract.price.breakdowns.flatMap(\.lines).filter { $0.subsystem == true }.compactMap { line in line.id.map { ($0, line) } }, uniquingKeysWith: { a, _ in a })
            let incidents = history.events.compactMap { event -> (LedgerEvent, IncidentRecord)? in
                if case .incident(let record) = event.kind, record.grade == grade { return (event, record) }
                return nil
            }.sorted { $0.1.occurred < $1.1.occurred }
            let signing = ContractDates(contract, calendar: calendar).signing
            var countByYear: [Int: Int] = [:]
            for (event, record) in incidents {
                guard let fee = fees[record.subsystem] else { continue }
                let year = contractYear(of: record.occurred.shanghaiDay, signing: signing)
                countByYear[year, default: 0] += 1
                let n = countByYear[year, default: 1]
                var power: Int128 = 1
                var half: Int128 = 1
                for _ in 1..<max(n, 1) { power *= 3; half *= 2 }
                var exact = Fraction(fee.amount).times(rate)?.times(power, over: half)
                let first = Fraction(fee.amount).times(rate)?.money ?? .zero
                var formula = "\(rate) x \(fee.amount.grouped) (\(fee.name)) = \(first.grouped)"
                if n > 1 { formula += "; x 1.5^\(n - 1) for the \(ordinal(n)) \(grade) incident of contract year \(year + 1) = \(exact?.money?.grouped ?? "?")" }
                let end = record.resolved ?? Instant.endOfDay(asOf)
                let seconds = record.occurred.seconds(until: end)
                let limit = Int64(rule.resolveWithinHours ?? 0) * 3600
                let took = "\(hours(seconds))\(record.resolved == nil ? " and still open at the end of \(asOf)" : "")"
                if rule.resolveWithinHours != nil, seconds > limit {
                    if let add = rule.lateAddRate {
                        let extra = Fraction(fee.amount).times(add)
                        exact = extra.flatMap { exact?.plus($0) }
                        formula += "; resolved in \(took) > \(rule.resolveWithinHours ?? 0)h: + \(add) x \(fee.amount.grouped) = \(exact?.money?.grouped ?? "?")"
                    } else if let multiplier = rule.lateMultiplier {
                        exact = exact?.times(multiplier)
                        formula += "; resolved in \(took) > \(rule.resolveWithinHours ?? 0)h: x \(multiplier) = \(exact?.money?.grouped ?? "?")"
                    }
                } else {
                    formula += "; resolved in \(took), within \(rule.resolveWithinHours ?? 0)h"
                }
                let amount = exact?.money
                add(rule, payer: .supplier, events: ["line \(event.line): \(grade) incident on \(record.subsystem), \(record.occurred)"],
                    formula: formula, amount: amount ?? .zero, note: amount == nil ? "too large to compute exactly; not counted" : nil)
            }
        }

        func contractYear(of day: CalendarDay, signing: CalendarDay?) -> Int {
            guard let signing, day >= signing else { return 0 }
            var year = 0
            while signing.adding(months: 12 * (year + 1)) <= day, year < 1000 { year += 1 }
            return year
        }

        func hours(_ seconds: Int64) -> String {
            let minutes = seconds / 60
            return minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes / 60)h\(minutes % 60)m"
        }

        // MARK: requests and staff

        /// liyang attachment 1 §6(4): no first answer within the limit; not
        /// done by the agreed time (x the complaint multiplier); late and
        /// disruptive (replaces the late penalty). Readings 12.
        mutating func requests(_ rule: PenaltyRule) {
            guard let base = rule.amount, let event = rule.event else { return }
            let replacing = contract.penalties.first { $0.replaces == rule.id }
            for case let (ledgerEvent, record) in history.events.compactMap({ e -> (LedgerEvent, RequestRecord)? in
                if case .request(let r) = e.kind { return (e, r) }
                return nil
            }) {
                let label = "line \(ledgerEvent.line): \(record.kind) request received \(record.received)"
                let endOfDay = Instant.endOfDay(asOf)
                switch event {
                case "noFirstAnswer":
                    guard let hours = rule.limitsHours.first(where: { $0.kind == record.kind })?.hours else { continue }
                    let answered = record.firstAnswer ?? endOfDay
                    guard record.received.seconds(until: answered) > Int64(hours) * 3600 else { continue }
                    let when = record.firstAnswer.map { "first answer \($0), after \(self.hours(record.received.seconds(until: $0)))" } ?? "no first answer by the end of \(asOf)"
                    add(rule, payer: .supplier, events: [label], formula: "\(when) > \(hours)h: \(base.grouped)", amount: base)
                case "lateDone", "lateDisruptive":
                    guard let agreed = record.agreedDue else { continue }
                    let done = record.done ?? endOfDay
                    guard done > agreed else { continue }
                    let when = record.done.map { "done \($0)" } ?? "not done by the end of \(asOf)"
                    if event == "lateDisruptive" {
                        guard record.disruptive else { continue }
                        add(rule, payer: .supplier, events: [label], formula: "\(when), after the agreed \(agreed), disrupting the buyer's work: \(base.grouped)", amount: base,
                            note: rule.replaces.map { "replaces \($0) (Readings 12)" })
                    } else {
                        if record.disruptive, replacing != nil { continue }
                        if let level = record.complaint, let factor = rule.multipliers.first(where: { $0.level == level })?.factor, let amount = base.times(factor) {
                            add(rule, payer: .supplier, events: [label], formula: "\(when), after the agreed \(agreed); complaint to \(level): \(base.grouped) x \(factor) = \(amount.grouped)", amount: amount)
                        } else {
                            add(rule, payer: .supplier, events: [label], formula: "\(when), after the agreed \(agreed): \(base.grouped)", amount: base)
                        }
                    }
                default:
                    continue
                }
            }
        }

        mutating func staff(_ rule: PenaltyRule) {
            for event in history.events {
                guard case .staffViolation(let day, let violation, let amount) = event.kind, violation == rule.event else { continue }
                guard let value = amount ?? rule.amount else { continue }
                let range = rule.amountMin.map { "set within \($0.grouped)-\(rule.amountMax?.grouped ?? "")" }
                add(rule, payer: .supplier, events: ["line \(event.line): \(violation) on \(day)"], formula: range.map { "\(value.grouped), \($0)" } ?? value.grouped, amount: value)
            }
        }

        // MARK: breaches and termination without cause

        /// Each recorded breach counts once: a rule naming the clause applies
        /// (and replaces the general one it names); otherwise the general
        /// rule for the breaching party (Readings 13).
        mutating func breaches() {
            let rules = contract.penalties.filter { $0.kind == .breach }
            for event in history.events {
                switch event.kind {
                case .breach(let day, let clause, let party):
                    let fits = { (rule: PenaltyRule) in rule.payer == .either || rule.payer.rawValue == party.rawValue }
                    let specific = rules.first { fits($0) && $0.clauses.contains { clause.hasPrefix($0) } }
                    let general = rules.first { fits($0) && $0.clauses.isEmpty }
                    let label = "line \(event.line): breach of \(clause) by the \(party.rawValue) on \(day)"
                    guard let rule = specific ?? general, let rate = rule.rate else {
                        lines.append(PenaltyLine(contractID: contract.id, alias: contract.alias, rule: "-", clause: clause, kind: "breach", payer: party,
                                                 events: [label], formula: "no penalty rule covers \(clause)", amount: .zero, cap: nil, note: nil))
                        continue
                    }
                    let amount = total.times(rate)
                    var note = rule.onlyIf.map { "only if \($0)" }
                    if let replaced = rule.replaces, general != nil { note = [note, "replaces \(replaced), not added to it (Readings 13)"].compactMap { $0 }.joined(separator: "; ") }
                    add(rule, payer: party, events: [label], formula: "\(rate) x \(totalText) = \(amount.grouped)", amount: amount, note: note)
                case .notice(let day, .termination, let party, true):
                    guard let rule = contract.penalties.first(where: { $0.kind == .terminationWithoutCause && ($0.payer == .either || $0.payer.rawValue == party.rawValue) }),
                          let rate = rule.rate else { continue }
                    let amount = total.times(rate)
                    add(rule, payer: party, events: ["line \(event.line): termination without cause by the \(party.rawValue) on \(day)"],
                        formula: "\(rate) x \(totalText) = \(amount.grouped)", amount: amount)
                default:
                    continue
                }
            }
        }
    }
}
