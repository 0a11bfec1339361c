/// The one place a ledger's assertions are turned into errors naming the
/// ledger file and line: the read commands, `record` and `verify` all call it.
extension LedgerLoader {
    /// The assertions of `ledger` that do not hold, in line order.
    public static func failedAssertions(in ledger: Ledger, contracts: ContractSet, calendar: WorkCalendar = CalendarLoader.builtin) -> [LoadError] {
        Assertions.failures(for: contracts.contracts, ledger: ledger, calendar: calendar).map { check in
            let error = LoadError(.badData, file: ledger.path ?? "the ledger", location: "line \(check.line)", check.message)
            return ledger.assumed?.place(error) ?? error
        }
    }
}
