/// A dated obligation: a payment, a guarantee to lodge or that expires, a
/// notice to give, a term or an assessment window that ends.
public struct DeadlineItem: Sendable {
    public var day: CalendarDay
    public var contractID: String
    public var alias: String
    /// instalment, guarantee-lodging, guarantee-expiry, window-close, term-end, notice
    public var kind: String
    public var title: String
    public var clause: String
    /// The day is the earliest possible one: it waits on an event not yet recorded.
    public var estimated: Bool
    public var provisional: Bool
    public var amount: Money?
    /// What the ledger records of it being done ("paid 2026-07-20").
    public var done: String?
    /// For a duty: how a `dutyDone` event names it ("duty-roster.2026-10").
    public var duty: String? = nil
    /// A duty past its day that the ledger does not record as done.
    public var missed: Bool = false
    /// Stable across runs, for calendar files.
    public var uid: String
    /// For a notice: who gives it, how long before which day at the latest,
    /// and the notice recorded, so a report can word it in its own language.
    public var notice: NoticeTerms? = nil

    public struct NoticeTerms: Sendable {
        public var party: PartyRole?
        public var atLeast: Period
        public var before: CalendarDay
        public var given: (kind: NoticeKind, day: CalendarDay)?
    }
}

extension DeadlineItem {
    /// The order deadlines are listed in: by day, then the contract's
    /// alias, the kind and the uid. The fields are compared where they lie;
    /// a tuple of them copied four strings for each comparison.
    static func inOrder(_ a: DeadlineItem, _ b: DeadlineItem) -> Bool {
        if a.day != b.day { return a.day < b.day }
        if a.alias != b.alias { return a.alias < b.alias }
        if a.kind != b.kind { return a.kind < b.kind }
        return a.uid < b.uid
    }
}

public enum Deadlines {
    /// Every dated obligation of the contracts, sorted by day.
    public static func all(for contracts: [Contract], ledger: Ledger, asOf: CalendarDay, calendar: WorkCalendar) -> [DeadlineItem] {
        // Each contract's obligations are its own: worked out on both cores.
        ParallelMap.map(contracts, chunk: 8, step: "computing deadlines, by contract") { items(of: $0, ledger: ledger, asOf: asOf, calendar: calendar) }
            .flatMap { $0 }
            .sorted(by: DeadlineItem.inOrder)
    }

    static func items(of original: Contract, ledger: Ledger, asOf: CalendarDay, calendar: WorkCalendar) -> [DeadlineItem] {
        var items: [DeadlineItem] = []
        do {
            let history = History(contractID: original.id, ledger: ledger, asOf: asOf)
            let contract = history.applied(to: original)
            func item(_ day: CalendarDay, _ kind: String, _ key: String, _ title: String, _ clause: String,
                      estimated: Bool = false, provisional: Bool = false, amount: Money? = nil, done: String? = nil,
                      notice: DeadlineItem.NoticeTerms? = nil) {
                var entry = DeadlineItem(day: day, contractID: contract.id, alias: contract.alias, kind: kind, title: title, clause: clause,
                                         estimated: estimated, provisional: provisional, amount: amount, done: done,
                                         uid: "\(contract.alias).\(kind).\(key)@contractctl", notice: notice)
                if kind == "duty" {
                    // Done when the ledger records it (by the as-of day); missed
                    // when its day is past and it does not.
                    entry.duty = key
                    if let doneOn = dutiesDone[key] {
                        let late = doneOn.dayNumber - day.dayNumber
                        entry.done = "done \(doneOn)" + (late > 0 ? " (\(late) day\(late == 1 ? "" : "s") late)" : "")
                    } else {
                        entry.missed = day < asOf
                    }
                }
                items.append(entry)
            }
            var dutiesDone: [String: CalendarDay] = [:]
            for event in history.events {
                guard case .dutyDone(let day, let duty) = event.kind, dutiesDone[duty] == nil else { continue }
                dutiesDone[duty] = day
            }
            let lines = Payments.lines(for: contract, history: history, asOf: asOf, calendar: calendar)
            for line in lines {
                guard let day = line.dueDate ?? line.earliestDueDate else { continue }
                item(day, "instalment", line.instalment, "\(contract.alias) instalment \(line.instalment): \(line.amount.grouped) due\(line.dueDate == nil ? " (earliest)" : "")",
                     line.clause, estimated: line.dueDate == nil, provisional: line.provisional, amount: line.amount,
                     done: line.paidOn.map { "paid \($0)" })
            }
            for status in Guarantees.statuses(for: contract, history: history, asOf: asOf, calendar: calendar) {
                if let day = status.lodgeBy {
                    item(day, "guarantee-lodging", status.id, "\(contract.alias): lodge the \(status.name ?? status.id) guarantee, \(status.amount.grouped), with instalment \(status.lodgedWith ?? "")",
                         status.clause, estimated: lines.first { $0.instalment == status.lodgedWith }?.dueDate == nil, amount: status.amount,
                         done: status.lodgedOn.map { "lodged \($0)" })
                }
                if let day = status.validUntil {
                    item(day, "guarantee-expiry", status.id, "\(contract.alias): the \(status.name ?? status.id) guarantee expires; released if the average reaches the threshold, else \(status.deductible?.grouped ?? "a deduction") may be kept",
                         status.clause, amount: status.amount, done: status.endedOn.map { "\(status.state.rawValue) \($0)" })
                }
            }
            for window in contract.assessment?.windows ?? [] {
                item(window.periodsEndingTo, "window-close", window.id, "\(contract.alias): the assessment window \(window.label) closes (average >= \(window.atLeast) decides)", window.clause)
            }
            let dates = ContractDates(contract, calendar: calendar)
            if let end = dates.termEnd {
                item(end.day, "term-end", "term", "\(contract.alias): the service term ends", contract.term.clause, provisional: end.provisional)
            }
            // Notices due a set time before a day: the last day to give them.
            var noticeDays: Set<Int> = []
            for obligation in contract.obligations {
                guard let before = obligation.before, let period = obligation.atLeast?.period else { continue }
                guard let anchor = dates.day(of: before) else { continue }
                let (last, provisional) = lastDay(period, before: anchor, calendar: calendar)
                noticeDays.insert(last.dayNumber)
                let given = givenNotice(history, party: obligation.party.role, kinds: [.nonRenewal, .renewalReminder])
                item(last, "notice", obligation.id, "\(contract.alias): \(obligation.description)\(obligation.party.either), by this day (at least \(period.description) before \(anchor))",
                     obligation.clause, provisional: provisional, done: given.map { "\($0.kind.rawValue) notice given \($0.day)" },
                     notice: .init(party: obligation.party.role, atLeast: period, before: anchor, given: given))
            }
            // Duties due a set time after a day (a handover after the term ends).
            for obligation in contract.obligations {
                guard let after = obligation.after, let period = obligation.within?.period else { continue }
                guard let anchor = dates.day(of: after) else { continue }
                let due = calendar.end(of: period, after: anchor)
                item(due.day, "duty", obligation.id, "\(contract.alias): \(obligation.description)\(obligation.party.either), by this day (within \(period.description) after \(anchor))",
                     obligation.clause, provisional: due.provisional || (after == .anchor(.termEnd) && dates.termEnd?.provisional == true))
            }
            // Duties that last a set time after a day (confidentiality for a
            // year after the term): the last day they bind.
            for obligation in contract.obligations {
                guard let after = obligation.after, let period = obligation.lasts?.period else { continue }
                guard let anchor = dates.day(of: after) else { continue }
                // A time a duty binds is not a time to act in: its last day is
                // not moved off a rest day (docs/readings.md, Reading 19).
                let last = calendar.end(of: period, after: anchor, rollOver: false)
                item(last.day, "duty-ends", obligation.id, "\(contract.alias): \(obligation.description)\(obligation.party.either), binding to this day (\(period.description) after \(anchor))",
                     obligation.clause, provisional: after == .anchor(.termEnd) && dates.termEnd?.provisional == true)
            }
            // Recurring duties: one occurrence in each calendar month or quarter, or contract year, the term covers.
            if let start = dates.termStart, let end = dates.termEnd {
                for obligation in contract.obligations {
                    guard let every = obligation.every else { continue }
                    for (label, day) in occurrences(every, byDayOfMonth: obligation.byDayOfMonth, from: start, to: end.day) {
                        item(day, "duty", "\(obligation.id).\(label)", "\(contract.alias): \(obligation.description) (\(label))", obligation.clause,
                             provisional: end.provisional)
                    }
                }
            }
            if let renewal = contract.renewal, let period = renewal.noticeAtLeast?.period, let end = dates.termEnd?.day {
                let (last, provisional) = lastDay(period, before: end, calendar: calendar)
                if !noticeDays.contains(last.dayNumber) {
                    let given = givenNotice(history, party: nil, kinds: [.nonRenewal])
                    item(last, "notice", "renewal", "\(contract.alias): last day for notice of non-renewal (at least \(period.description) before \(end))",
                         renewal.clause, provisional: provisional, done: given.map { "\($0.kind.rawValue) notice given \($0.day)" },
                         notice: .init(party: nil, atLeast: period, before: end, given: given))
                }
            }
        }
        return items
    }

    /// The occurrences of a recurring duty within a term: for each calendar
    /// month (or quarter) that the term covers, the day it is due by, which is
    /// `byDayOfMonth` of the month (of the quarter's last month), or the
    /// period's last day. A day before the term starts is not an occurrence; a
    /// period's last day after the term ends is brought back to the term's
    /// last day, and a stated day of the month after it is not an occurrence.
    static func occurrences(_ every: Recurrence, byDayOfMonth: Int?, from start: CalendarDay, to end: CalendarDay) -> [(label: String, day: CalendarDay)] {
        if every == .yearly { return contractYears(from: start, to: end) }
        let months = every == .monthly ? 1 : 3
        var result: [(String, CalendarDay)] = []
        // The first day of the month (quarter) the term starts in.
        let firstMonth = every == .monthly ? start.month : (start.month - 1) / 3 * 3 + 1
        guard var period = CalendarDay(year: start.year, month: firstMonth, day: 1) else { return [] }
        while period <= end {
            let lastMonth = period.adding(months: months - 1)
            let label = switch every {
            case .monthly: String(period.description.prefix(7))
            case .quarterly, .yearly: "\(period.year)Q\((period.month - 1) / 3 + 1)"
            }
            let due: CalendarDay?
            if let byDay = byDayOfMonth {
                let day = CalendarDay(year: lastMonth.year, month: lastMonth.month, day: min(byDay, CalendarDay.daysIn(month: lastMonth.month, year: lastMonth.year)))
                due = day.flatMap { $0 > end ? nil : $0 }
            } else {
                due = min(lastMonth.endOfMonth, end)
            }
            if let due, due >= start { result.append((label, due)) }
            period = period.adding(months: months)
        }
        return result
    }

    /// A yearly duty ("每年"): once in each contract year of the term, by
    /// that year's last day. Counted like the term (Arts. 201-202): the
    /// N-th year ends on the N-th anniversary of the day the term counts
    /// from, and the last year is cut at the term's end.
    static func contractYears(from start: CalendarDay, to end: CalendarDay) -> [(label: String, day: CalendarDay)] {
        var result: [(String, CalendarDay)] = []
        var number = 1
        while true {
            let last = start.adding(months: 12 * number)
            result.append(("year \(number)", min(last, end)))
            if last >= end { return result }
            number += 1
        }
    }

    /// "At least N before D": the last day it can be done, counted on the
    /// calendar in use; provisional when working days are counted through a
    /// year that calendar does not cover (only weekends are rest days there).
    static func lastDay(_ period: Period, before day: CalendarDay, calendar: WorkCalendar) -> (day: CalendarDay, provisional: Bool) {
        switch period {
        case .days(let n): return (day.adding(days: -n), false)
        case .months(let n): return (day.adding(months: -n), false)
        case .years(let n): return (day.adding(months: -12 * n), false)
        case .workingDays(let n):
            var result = day
            var remaining = n
            var provisional = false
            while remaining > 0 {
                result = result.adding(days: -1)
                let (kind, covered) = calendar.kind(of: result)
                if !covered { provisional = true }
                if kind.isWorkday { remaining -= 1 }
            }
            return (result, provisional)
        }
    }

    static func givenNotice(_ history: History, party: PartyRole?, kinds: [NoticeKind]) -> (kind: NoticeKind, day: CalendarDay)? {
        for event in history.events {
            guard case .notice(let day, let kind, let who, _) = event.kind, kinds.contains(kind) && (party == nil || party == who || kind == .nonRenewal) else { continue }
            return (kind, day)
        }
        return nil
    }
}
