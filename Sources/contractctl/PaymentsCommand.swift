import ContractKit

/// `contractctl payments`: every instalment, its amount, due date, conditions and status.
enum PaymentsCommand: Command {
    static let name = "payments"
    static let summary = "every payment instalment: amount, due date, conditions, status"
    static let about = """
        Lists each instalment of each contract with its amount (worked from the
        price clause), its due date worked out to the official calendar (Civil
        Code Arts. 201-203), the conditions it waits on, its status as of a day,
        and the clause it comes from.

        A due date that waits on an event not yet recorded (an invoice, an
        acceptance) is shown as its earliest possible day (≥ DAY in the table,
        earliestDueDate in JSON), or as not known when the terms give no first
        possible day. Recorded invoices and acceptances fix due dates; recorded
        payments are applied to the instalment they name, or else to those
        already due, earliest first, then to those not yet due (Civil Code
        Art. 560). Only events dated on or before the as-of day count.

        Statuses: paid; overdue (the due day has passed, not paid in full);
        partly paid; open (due on a day not yet passed); waiting (on an event
        not yet recorded); conditional (a condition such as an assessment
        average is undetermined); condition not met.
        """
    static let options = Common.reportOptions(asOf: "the day the statuses are for")

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        let input = try ReportInput(arguments)
        let lines = Payments.lines(for: input.contracts, ledger: input.ledger, asOf: input.asOf, calendar: input.calendar)
        return input.render(table: { PaymentsReport.table(lines, asOf: input.asOf, width: Common.terminalWidth()) },
                            json: { PaymentsReport.json(lines, asOf: input.asOf) },
                            csv: { PaymentsReport.csv(lines) })
    }
}
