/// A contract's recorded events as of a day, sorted out by kind. Events
/// dated after the as-of day are left out: a report is for its day.
public struct History: Sendable {
    public var events: [LedgerEvent]

    public init(contractID: String, ledger: Ledger, asOf: CalendarDay?) {
        let own = ledger.byContract[contractID] ?? []
        events = asOf.map { day in own.filter { $0.day <= day } } ?? own
    }

    public init(events: [LedgerEvent]) { self.events = events }

    public var signatures: [PartyRole: CalendarDay] {
        var result: [PartyRole: CalendarDay] = [:]
        for event in events {
            guard case .signature(let party, let day) = event.kind, result[party] == nil else { continue }
            result[party] = day
        }
        return result
    }

    public var effectiveDay: CalendarDay? {
        for event in events {
            guard case .effective(let day) = event.kind else { continue }
            return day
        }
        return nil
    }

    /// The first acceptance of each stage.
    public func acceptance(_ stage: AcceptanceStage) -> CalendarDay? {
        for event in events {
            guard case .acceptance(let day, let recorded) = event.kind, recorded == stage else { continue }
            return day
        }
        return nil
    }

    /// The day each instalment's invoice was received: an invoice naming an
    /// instalment goes to it; one that names none goes to the first
    /// instalment, in schedule order, that waits on an invoice and has none.
    public func invoiceDays(for contract: Contract) -> [String: CalendarDay] {
        var result: [String: CalendarDay] = [:]
        let waiting = contract.instalments.filter { ($0.due.after + $0.due.requires).contains(.invoiceReceived) }.map(\.id)
        for event in events {
            guard case .invoice(let received, _, _, let named) = event.kind else { continue }
            if let named {
                if result[named] == nil { result[named] = received }
            } else if let next = waiting.first(where: { result[$0] == nil }) {
                result[next] = received
            }
        }
        return result
    }

    public struct Payment: Sendable {
        public var day: CalendarDay
        public var amount: Money
        public var instalment: String?
        public var line: Int
    }

    /// Payments in the order they were made (by day, then as recorded).
    public var payments: [Payment] {
        events.compactMap { event -> Payment? in
            guard case .payment(let day, let amount, let instalment) = event.kind else { return nil }
            return Payment(day: day, amount: amount, instalment: instalment, line: event.line)
        }.sorted { ($0.day, $0.line) < ($1.day, $1.line) }
    }

    /// Assessment results in force: a later record for the same period that
    /// says `supersede` replaces the earlier one (which stays in the ledger).
    public var assessments: [(record: AssessmentRecord, line: Int)] {
        var current: [(record: AssessmentRecord, line: Int)] = []
        for event in events {
            guard case .assessment(let record) = event.kind else { continue }
            current.removeAll { $0.record.from == record.from && $0.record.to == record.to }
            current.append((record, event.line))
        }
        return current.sorted { ($0.record.to, $0.record.from) < ($1.record.to, $1.record.from) }
    }

    /// The contract with signature dates the document leaves blank filled in
    /// from recorded signatures.
    public func applied(to contract: Contract) -> Contract {
        var contract = contract
        let recorded = signatures
        contract.signing.signatures = contract.signing.signatures.map { signature in
            var signature = signature
            if signature.date == nil { signature.date = recorded[signature.party] }
            return signature
        }
        for (party, day) in recorded where !contract.signing.signatures.contains(where: { $0.party == party }) {
            contract.signing.signatures.append(Signature(party: party, date: day, signatory: nil, clause: "ledger"))
        }
        if let day = effectiveDay {
            contract.signing.effective = Effectiveness(rule: .onDate, date: day, clause: contract.signing.effective.clause + " (recorded)")
        }
        return contract
    }
}
