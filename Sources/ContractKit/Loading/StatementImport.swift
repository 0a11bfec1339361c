import Foundation

/// What `import` makes of one statement row: the payment it records, or
/// why it records none.
public struct ImportEntry: Sendable {
    public enum Outcome: String, Sendable, Equatable {
        /// A payment to record (or, after `--commit`, recorded).
        case record
        /// Its transaction is already in the ledger, or earlier in the statement.
        case duplicate
        /// No contract, or more than one, fits it: listed, never guessed.
        case unmatched
        /// Money in: not a payment to a supplier.
        case notPayment = "not a payment"
        /// The ledger's checks refuse the payment (an overpayment, a day
        /// before the contract).
        case refused
    }

    public var row: StatementRow
    public var outcome: Outcome
    public var contractID: String?
    public var alias: String?
    /// The instalment the reference names; nil: Reading 7 applies it.
    public var instalment: String?
    /// How the contract and the instalment were found, or why not.
    public var reasons: [String]
    /// The event, one line of JSON without the chain fields.
    public var event: String?
    /// The ledger line it was recorded on (after `--commit`), or the line
    /// that already holds it (a duplicate).
    public var ledgerLine: Int?
}

/// Matches statement rows to contracts and instalments and builds the
/// payment events, checked as `record` checks them, against the ledger and
/// the events before them in the statement.
public enum StatementImport {
    /// The entries for `rows`, read from the statement named `source` (for
    /// the events' notes), against `ledger` as it is. `nextLine` is the
    /// ledger line the first new event would take.
    public static func plan(_ rows: [StatementRow], source: String, contracts: ContractSet, ledger: Ledger, nextLine: Int) -> [ImportEntry] {
        var recorded: [String: Int] = [:]
        for event in ledger.events {
            if let transaction = event.transaction, recorded[transaction] == nil { recorded[transaction] = event.line }
        }
        var seen: [String: Int] = [:]
        var current = ledger
        var line = nextLine
        var entries: [ImportEntry] = []
        for row in rows {
            var entry = ImportEntry(row: row, outcome: .unmatched, reasons: [])
            defer { entries.append(entry) }
            guard row.outgoing else {
                entry.outcome = .notPayment
                entry.reasons = ["money in (the credit side): the statement is the buyer's account, and only money out of it pays a supplier"]
                continue
            }
            let what = row.bankID ? "transaction \(row.transaction)" : "the same row (no transaction id; its hash \(row.transaction.prefix(19))…)"
            if let at = recorded[row.transaction] {
                entry.outcome = .duplicate
                entry.ledgerLine = at
                entry.reasons = ["\(what) is already recorded on line \(at) of the ledger"]
                continue
            }
            if let first = seen[row.transaction] {
                entry.outcome = .duplicate
                entry.reasons = ["\(what) is also on line \(first) of this statement; only the first is imported"]
                continue
            }
            seen[row.transaction] = row.line
            let (found, reasons) = contract(for: row, in: contracts)
            entry.reasons = reasons
            guard let contract = found else { continue }
            entry.contractID = contract.id
            entry.alias = contract.alias
            let (instalment, instalmentReasons, ambiguous) = self.instalment(named: row.reference, in: contract)
            entry.reasons += instalmentReasons
            guard !ambiguous else { continue }
            entry.instalment = instalment
            let text = eventText(row, alias: contract.alias, instalment: instalment, source: source)
            do throws(LoadErrors) {
                let admitted = try LedgerWriter.admit(text, line: line, after: current, contracts: contracts)
                if instalment == nil { entry.reasons.append(readingSeven(admitted.event, contract: contract, before: current)) }
                entry.outcome = .record
                entry.event = admitted.compact
                current.append(admitted.event)
                line += 1
            } catch {
                entry.outcome = .refused
                entry.reasons += error.errors.map { [$0.location, $0.message.replacingOccurrences(of: "; nothing was recorded", with: "")].compactMap { $0 }.joined(separator: ": ") }
            }
        }
        return entries
    }

    /// The event a row records: a payment with its transaction and a note
    /// saying where it came from.
    static func eventText(_ row: StatementRow, alias: String, instalment: String?, source: String) -> String {
        var members: [JSONNode.Member] = [
            .init(key: "contract", value: .string(alias)), .init(key: "type", value: .string("payment")),
            .init(key: "day", value: .string(row.day.description)), .init(key: "amount", value: .string(row.amount.plain)),
        ]
        if let instalment { members.append(.init(key: "instalment", value: .string(instalment))) }
        members.append(.init(key: "transaction", value: .string(row.transaction)))
        let note = "imported from \(source) line \(row.line)" + (row.reference.isEmpty ? "" : ": \(row.reference)")
        members.append(.init(key: "note", value: .string(note)))
        return JSONNode.object(members).compactText
    }

    /// The contract whose supplier the row pays: by the counterparty's
    /// account among the supplier's bank accounts in the contract, else by
    /// its name (the supplier's name, or an account's name). Nil, with the
    /// reason, when none fits or more than one does.
    static func contract(for row: StatementRow, in set: ContractSet) -> (Contract?, [String]) {
        var reasons: [String] = []
        var byAccount: Contract?
        var byName: Contract?
        let account = BankStatement.accountDigits(row.account)
        if !account.isEmpty {
            let hits = set.contracts.compactMap { contract -> (Contract, BankAccount)? in
                contract.parties.supplier.bankAccounts.first { BankStatement.accountDigits($0.account ?? "") == account }.map { (contract, $0) }
            }
            if hits.count > 1 {
                return (nil, ["account \(row.account) is the supplier's on \(hits.count) contracts (\(hits.map(\.0.alias).joined(separator: ", "))); not guessed"])
            }
            if let (contract, bank) = hits.first {
                byAccount = contract
                reasons.append("account \(row.account) is the supplier's account on \(contract.alias) (\(bank.clause))")
            } else {
                reasons.append("account \(row.account) is no contract's supplier account")
            }
        }
        let name = normalisedName(row.counterparty)
        if !name.isEmpty {
            let hits = set.contracts.filter { contract in
                let supplier = contract.parties.supplier
                return normalisedName(supplier.name) == name || supplier.bankAccounts.contains { normalisedName($0.accountName ?? "") == name }
            }
            if hits.count > 1 && byAccount == nil {
                return (nil, reasons + ["\(row.counterparty) is the supplier on \(hits.count) contracts (\(hits.map(\.alias).joined(separator: ", "))); not guessed"])
            }
            if hits.count == 1 {
                byName = hits[0]
            } else if hits.isEmpty {
                reasons.append("\(row.counterparty) is no contract's supplier")
            }
        }
        switch (byAccount, byName) {
        case let (account?, name?) where account.id != name.id:
            return (nil, reasons + ["the account is \(account.alias)'s supplier's, the name \(name.alias)'s; not guessed"])
        case let (account?, _):
            if byName != nil { reasons.append("\(row.counterparty) is its supplier") }
            return (account, reasons)
        case let (nil, name?):
            return (name, reasons + ["\(row.counterparty) is the supplier on \(name.alias)"])
        case (nil, nil):
            if account.isEmpty && name.isEmpty { reasons.append("the row names no counterparty and no account") }
            return (nil, reasons + ["no contract's supplier has this account or name"])
        }
    }

    /// The instalment a reference names: its id on its own ("2"), "instalment
    /// 2", "#2", "第2期"/"第二笔", or the instalment's label. None named:
    /// Reading 7 applies the payment. Two named: unmatched.
    static func instalment(named reference: String, in contract: Contract) -> (id: String?, reasons: [String], ambiguous: Bool) {
        let text = reference.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return (nil, [], false) }
        let named = contract.instalments.filter { names(text, instalment: $0) }
        if named.count > 1 {
            return (nil, ["the reference \"\(reference)\" names instalments \(named.map(\.id).joined(separator: " and ")); not guessed"], true)
        }
        if let instalment = named.first {
            return (instalment.id, ["the reference \"\(reference)\" names instalment \(instalment.id) (\(instalment.clause))"], false)
        }
        return (nil, [], false)
    }

    static func names(_ reference: String, instalment: Instalment) -> Bool {
        if reference == instalment.id { return true }
        // A label of one letter ("a") names the instalment only on its own.
        if let label = instalment.label, !label.isEmpty, reference == label || (label.count >= 2 && reference.contains(label)) { return true }
        let lower = reference.lowercased()
        let id = instalment.id.lowercased()
        var spellings = ["instalment " + id, "installment " + id, "#" + id]
        if let number = Int(id), (1...10).contains(number) {
            let chinese = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][number - 1]
            for word in ["期", "笔", "次"] { spellings += ["第\(id)\(word)", "第\(chinese)\(word)"] }
        }
        for spelling in spellings {
            var search = lower.startIndex..<lower.endIndex
            while let range = lower.range(of: spelling, range: search) {
                // "instalment 1" is not "instalment 12".
                let next = range.upperBound < lower.endIndex ? lower[range.upperBound] : " "
                if !(next.isASCII && (next.isNumber || next.isLetter)) { return true }
                search = range.upperBound..<lower.endIndex
            }
        }
        return false
    }

    /// How Reading 7 applies a payment that names no instalment: what it
    /// pays of each, worked out as `payments` does, as of its day.
    static func readingSeven(_ payment: LedgerEvent, contract: Contract, before ledger: Ledger) -> String {
        let earlier = ledger.byContract[contract.id] ?? []
        let calendar = CalendarLoader.builtin
        let old = Payments.lines(for: contract, history: History(events: earlier), asOf: payment.day, calendar: calendar)
        let new = Payments.lines(for: contract, history: History(events: earlier + [payment]), asOf: payment.day, calendar: calendar)
        var parts: [String] = []
        for line in new {
            guard let previous = old.first(where: { $0.instalment == line.instalment }) else { continue }
            let charges = (Money.sum(line.chargesCovered.map(\.amount)) ?? .zero) - (Money.sum(previous.chargesCovered.map(\.amount)) ?? .zero)
            let principal = line.paid - previous.paid
            guard principal > .zero || charges > .zero else { continue }
            let due = line.dueDate.map { $0 <= payment.day ? "due \($0)" : "not yet due, due \($0)" } ?? "no due date yet"
            var part = "\(principal.grouped) to instalment \(line.instalment) (\(due))"
            if charges > .zero { part = "\(charges.grouped) of accrued interest on instalment \(line.instalment) first (Art. 561), then " + part }
            parts.append(part)
        }
        let applied = parts.isEmpty ? "" : ": " + parts.joined(separator: "; ")
        return "names no instalment: applied by Reading 7 (due before not yet due, earliest due first)" + applied
    }

    /// A name without its spaces, full-width parentheses as ASCII ones.
    static func normalisedName(_ name: String) -> String {
        String(name.filter { !$0.isWhitespace }.map { $0 == "（" ? "(" : ($0 == "）" ? ")" : $0) })
    }
}
