import ContractKit

/// `contractctl events`: the register of what was recorded.
enum EventsCommand: Command {
    static let name = "events"
    static let summary = "the register: every recorded event, its line, day, contract, type and figures"
    static let about = """
        Lists the events of the ledger in the order they were recorded, one
        row per line of the file: the line number (the one verify, record and
        every error message use), the day the event is dated, the contract,
        the type, the amount and instalment it carries, its other figures by
        their ledger keys, and its note. Nothing is computed: this is what the
        other commands compute from. Narrow it with --contract, --type and a
        period (the day an event is dated: an assessment's last day, an
        incident's or a request's first moment in Asia/Shanghai).

        The table fits the terminal: COLUMNS when it is set, else 80
        columns; the figures and the note fold onto further lines.
        """
    static let options = [
        Common.contract,
        Arguments.Option("type", value: "TYPE", repeatable: true, choices: EventTypes.names,
            help: "only events of this type (repeatable): " + EventTypes.names.joined(separator: ", ")),
    ] + PeriodOptions.options + [Common.format(), Common.bom, Common.fixtures, Common.ledger, Assume.option]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        let types = Set(arguments.all("type"))
        for type in types where !EventTypes.names.contains(type) {
            throw CommandFailure(usage: "--type '\(type)': not an event type" + Suggestion.didYouMean(type, among: EventTypes.names))
        }
        let range = try PeriodOptions.given(arguments)
        let input = try ReportInput(arguments)
        let entries = Register.entries(for: input.contracts, ledger: input.ledger, types: types, range: range)
        return input.render(table: { RegisterReport.table(entries, ledger: input.ledger.path, width: Common.terminalWidth()) },
                            json: { RegisterReport.json(entries) },
                            csv: { RegisterReport.csv(entries) })
    }
}
