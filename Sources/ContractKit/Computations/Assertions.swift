/// An assertion of the ledger checked against the books: the figure it
/// states and the figure the computations give as of its day.
public struct AssertionCheck: Sendable {
    /// The ledger line of the assertion.
    public var line: Int
    public var contractID: String
    public var alias: String
    public var record: AssertionRecord
    /// The figure as of the assertion's day; nil when it cannot be worked out.
    public var computed: Money?
    /// Why the figure cannot be worked out (a total too large to represent).
    public var problem: String?

    public var holds: Bool { computed == record.amount }

    /// What the figure is: "paid to date on instalment 2 of minhang-2026".
    public var subject: String {
        let whose = record.instalment.map { "instalment \($0) of \(alias)" } ?? alias
        switch record.figure {
        case .paid: return "paid to date on \(whose)"
        case .outstanding: return "outstanding on \(whose)"
        case .penalties: return "penalties the \(record.payer?.rawValue ?? "supplier") pays under \(alias)"
        }
    }

    /// The finding in words, both figures as money strings, e.g. "the
    /// assertion of 2026-07-20 does not hold: paid to date on instalment 1 of
    /// minhang-2026 is asserted as 4,000,000.00, and the books show 4,149,000.00
    /// (149,000.00 more)".
    public var message: String {
        let asserted = "the assertion of \(record.day) does not hold: \(subject) is asserted as \(record.amount.grouped)"
        guard let computed else {
            return "\(asserted), and the books' figure cannot be worked out: \(problem ?? "no figure")"
        }
        let gap: String
        if computed > record.amount, let more = computed.minus(record.amount) {
            gap = " (\(more.grouped) more)"
        } else if let less = record.amount.minus(computed) {
            gap = " (\(less.grouped) less)"
        } else {
            gap = ""
        }
        return "\(asserted), and the books show \(computed.grouped)\(gap), counting every event dated on or before \(record.day)"
    }
}

/// Assertions: figures the books must show at the end of a day, checked the
/// way beancount checks a balance assertion, but at the end of the day
/// rather than its start: the figure is the one a report `--as-of` that day
/// prints, from every event of the contract dated on or before it, wherever
/// in the file it is recorded (a payment recorded later but dated earlier
/// counts). Assertions themselves count in no figure.
public enum Assertions {
    /// The assertions of `ledger` for `contracts` that do not hold, in line order.
    public static func failures(for contracts: [Contract], ledger: Ledger, calendar: WorkCalendar) -> [AssertionCheck] {
        ParallelMap.map(contracts, chunk: 8, step: "checking assertions, by contract") { contract in
            check(contract, events: ledger.byContract[contract.id] ?? [], calendar: calendar).filter { !$0.holds }
        }.flatMap { $0 }.sorted { $0.line < $1.line }
    }

    /// Every assertion among one contract's `events`, checked against those
    /// events. The books are worked out once per day asserted, however many
    /// assertions share it.
    public static func check(_ contract: Contract, events: [LedgerEvent], calendar: WorkCalendar) -> [AssertionCheck] {
        var books: [CalendarDay: Books] = [:]
        return events.compactMap { event -> AssertionCheck? in
            guard case .assertion(let record) = event.kind else { return nil }
            var day = books[record.day] ?? Books(contract: contract, history: History(events: events.filter { $0.day <= record.day }), asOf: record.day, calendar: calendar)
            var check = AssertionCheck(line: event.line, contractID: contract.id, alias: contract.alias, record: record)
            do throws(ComputationError) {
                check.computed = try day.figure(record)
            } catch {
                check.problem = error.description
            }
            books[record.day] = day
            return check
        }
    }

    /// The figure `record` asserts, as the computations give it from `history`
    /// as of the record's day.
    public static func figure(_ record: AssertionRecord, contract: Contract, history: History, calendar: WorkCalendar) throws(ComputationError) -> Money {
        var books = Books(contract: contract, history: history, asOf: record.day, calendar: calendar)
        return try books.figure(record)
    }

    /// One contract's books as of a day: the schedule and the penalties,
    /// each worked out the first time an assertion asks for it.
    struct Books {
        let contract: Contract
        let history: History
        let asOf: CalendarDay
        let calendar: WorkCalendar
        var payments: [PaymentLine]?
        var penalties: Result<PenaltyReport, ComputationError>?

        init(contract: Contract, history: History, asOf: CalendarDay, calendar: WorkCalendar) {
            self.contract = contract
            self.history = history
            self.asOf = asOf
            self.calendar = calendar
        }

        mutating func figure(_ record: AssertionRecord) throws(ComputationError) -> Money {
            func failure(_ reason: String) -> ComputationError {
                ComputationError(alias: contract.alias, kind: "assertion", rule: record.figure.rawValue,
                                 clause: record.instalment.map { "instalment \($0)" } ?? "the contract", ledgerLines: [], reason: reason)
            }
            switch record.figure {
            case .paid, .outstanding:
                let all = payments ?? Payments.lines(for: contract, history: history, asOf: asOf, calendar: calendar)
                payments = all
                var lines = all
                if let instalment = record.instalment {
                    lines = lines.filter { $0.instalment == instalment }
                    guard !lines.isEmpty else { throw failure("\(contract.alias) has no instalment \(instalment)") }
                }
                let amounts = lines.map { record.figure == .paid ? $0.paid : $0.outstanding }
                guard let total = Money.sum(amounts) else { throw failure("the total is too large to represent") }
                return total
            case .penalties:
                if penalties == nil {
                    do throws(ComputationError) {
                        penalties = .success(try Penalties.report(for: contract, history: history, asOf: asOf, calendar: calendar))
                    } catch {
                        penalties = .failure(error)
                    }
                }
                guard case .success(let report)? = penalties else {
                    if case .failure(let error)? = penalties { throw error }
                    throw failure("the penalties cannot be worked out")
                }
                let payer = record.payer ?? .supplier
                return report.totals.first { $0.payer == payer }?.amount ?? .zero
            }
        }
    }
}
