import ContractKit

/// `contractctl check`: the inner consistency of each contract's document.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "inner inconsistencies of the contracts (exit 1 when an error is found)"
    static let about = """
        Reports what the documents themselves get wrong, each finding with a
        severity, a code, the clause and a message. The fixtures record each
        document as written; check reports, it never corrects.

        codes:
          amount-words-mismatch     the amount in words (大写) does not read as the figure
          amount-words-unreadable   the amount in words is malformed
          total-mismatch            price lines, components or stated totals disagree
          schedule-sum              the instalments do not add up to the total
          schedule-short            the schedule pays for less than the service term
          date-inconsistent         signature dates vs signing date vs service term
          condition-after-deadline  an instalment falls due before its condition's window ends
          name-variant              a party is named differently somewhere in the document
          signature-undated         a signature's date line is blank (info)
          blank-term                a term left blank in the document (info)
          rule-applies-to-nothing   a rule whose list of cases is empty (info)

        exit status: 0 when no error is found (warnings and infos allowed), 1 when
        an error is found, 64 usage, 65 bad fixture, 66 no fixtures.
        """
    static let options = [Common.contract, Common.format(), Common.bom] + Common.sources

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        let input = try ReportInput(arguments)
        let findings = Checks.findings(for: input.contracts, calendar: input.calendar)
        let code: Int32 = findings.contains { $0.severity == .error } ? 1 : 0
        return input.render(table: { CheckReport.text(findings, checked: input.contracts, width: Common.terminalWidth()) },
                            json: { CheckReport.json(findings) },
                            csv: { CheckReport.csv(findings) }, exitCode: code)
    }
}
