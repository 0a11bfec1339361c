import ContractKit
import Foundation

/// `contractctl report`: one self-contained HTML page.
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "one self-contained HTML page: timelines, cash flow, scores, penalties, findings"
    static let about = """
        Writes one HTML page with everything inline (no scripts, no network;
        it prints on A4): a summary (what falls due this quarter, what is
        overdue, conditional or awaiting an event, the net penalties, the
        findings by severity), a timeline per contract over month ticks (the
        service term, each instalment's due day drawn by status, guarantee
        validity, assessment windows, notice days, and the as-of day), cash
        flow by quarter (paid, overdue, not yet due, conditional; a quarter
        with nothing due is a gap), assessment scores against the 80-point
        line, penalties by rule and party, and the check findings, most
        severe first.
        Every figure has its clause on hover and is also in a table below its
        chart, for printing and for screen readers.
        """
    static let options = [
        Arguments.Option("out", value: "FILE", completion: .file, help: "write the page to FILE (default: standard output): a regular file is replaced whole, only once the page is written; a link is followed; a device or pipe is written into; an input of report is refused"),
        Arguments.Option("lang", value: "zh|en", default: "zh", choices: ["zh", "en"],
            help: "labels and sentences (the penalties' formulas) in Chinese or English"),
        Common.contract, Common.asOf("the day the report is for"),
    ] + Common.sources

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        guard let language = HTMLReport.Language(rawValue: arguments.valueOrDefault("lang") ?? "zh") else {
            throw CommandFailure(usage: "--lang '\(arguments.value("lang") ?? "")': use zh or en")
        }
        let input = try ReportInput(arguments)
        let out = arguments.value("out")
        if let out, let input = OutputFile.clash(out, inputs: [input.fixtures, input.ledger.path, arguments.value("calendar")].compactMap { $0 }) {
            throw CommandFailure(usage: "--out '\(out)' is \(input), which report reads; give another file")
        }
        let html: String
        do {
            html = try HTMLReport(contracts: input.contracts, ledger: input.ledger, asOf: input.asOf, calendar: input.calendar, language: language).rendered()
        } catch {
            throw CommandFailure(error)
        }
        guard let path = out else { return input.result(output: html) }
        do {
            try OutputFile.write(html, to: path)
        } catch {
            throw CommandFailure(loadErrors: error.errors)
        }
        return input.result(output: "wrote \(path)\n")
    }
}
