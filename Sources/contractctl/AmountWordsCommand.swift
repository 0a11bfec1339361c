import ContractKit

/// `contractctl amount-words`: an amount in Chinese financial numerals, and back.
enum AmountWordsCommand: Command {
    static let name = "amount-words"
    static let summary = "write an amount in Chinese financial numerals (大写), or read one back"
    static let synopsis = ["AMOUNT", "--parse TEXT"]
    static let about = """
        Writes AMOUNT (yuan, at most two decimals, e.g. 178000.00) as a payment
        voucher writes it: 壹拾柒万捌仟元整. Zeros follow the People's Bank rules:
        one 零 for each run of zeros between two non-zero digits, 整 when there
        is no 分.

        With --parse, reads TEXT back and prints the amount (178000.00). Accepts
        the variants the seeds use (拾柒万 without a leading 壹, 圆 for 元, 正 for 整,
        a 人民币 prefix, a gap with or without 零); refuses malformed text with
        exit 65.
        """
    static let options = [Arguments.Option("parse", value: "TEXT", help: "read TEXT back into an amount")]

    static func run(_ arguments: Arguments) throws(CommandFailure) -> CommandResult {
        if let text = arguments.value("parse") {
            guard arguments.positionals.isEmpty else {
                throw CommandFailure(usage: "give either AMOUNT or --parse TEXT, not both")
            }
            do {
                return CommandResult(output: try ChineseAmount.parse(text).plain + "\n")
            } catch {
                throw CommandFailure("\"\(text)\": \(error.description)", exitCode: 65)
            }
        }
        guard arguments.positionals.count == 1 else {
            throw CommandFailure(usage: arguments.positionals.isEmpty ? "missing AMOUNT" : "expected one AMOUNT, got \(arguments.positionals.count)")
        }
        let text = arguments.positionals[0]
        let money: Money
        do {
            money = try Money(parsing: text)
        } catch {
            throw CommandFailure(usage: error.description)
        }
        guard let words = ChineseAmount.words(money) else {
            throw CommandFailure(usage: "\"\(text)\": amounts of a trillion yuan (万亿) or more are not written")
        }
        return CommandResult(output: words + "\n")
    }
}
