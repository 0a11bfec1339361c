import ContractKit
import Foundation

/// The payments-heavy data set (`generate --payments`): N contracts as in
/// the mixed set, and M payment events spread over each contract's
/// instalments, each instalment paid in parts that add up to its amount
/// exactly (no part exceeds what is outstanding: Reading 9), on days inside
/// the instalment's window: after the invoice, acceptance or assessment its
/// terms wait on (recorded first) and before its due date, so nothing is
/// late and no charge accrues. The same payments as an hledger journal.
extension Generator {
    /// What one template's instalments wait on, and when each is paid.
    struct PaymentPlan {
        /// Events recorded before any payment (their day, their JSON body).
        var prerequisites: [(day: String, body: String)]
        /// Instalment id and the window its parts are paid in, first day to last.
        var windows: [(instalment: String, from: String, to: String)]
    }

    /// The plans follow each fixture's payment clause (see the fixtures'
    /// `instalments`); the days are those the mixed set and the example
    /// ledger use, so both sets describe the same contracts' year.
    static func plan(for template: String) -> PaymentPlan? {
        switch template {
        case "keping-2024":
            // §二.2: 492,000.00 in December 2024, 6,000.00 in 2025; no invoice term.
            return PaymentPlan(prerequisites: [],
                               windows: [("1", "2024-12-01", "2024-12-31"), ("2", "2025-01-01", "2025-12-31")])
        case "liyang-2024":
            // §四: 50% within 90 days of signing (2024-11-28), the rest within
            // 90 days of the term's end (one year from signing).
            return PaymentPlan(prerequisites: [],
                               windows: [("1", "2024-11-29", "2025-02-20"), ("2", "2025-12-01", "2026-02-20")])
        case "minhang-2026":
            // §4.2(2): the first 50% within 30 working days of signing and the
            // invoice; the rest by 2026-10-30 once invoiced and the quarterly
            // assessments to then average 80 or more (none deducted here).
            return PaymentPlan(prerequisites: [
                ("2026-06-15", "\"type\":\"invoice\",\"day\":\"2026-06-15\",\"instalment\":\"1\""),
                ("2026-06-30", "\"type\":\"assessment\",\"from\":\"2026-06-10\",\"to\":\"2026-06-30\",\"occurrences\":{\"workOrders\":{\"late\":0}}"),
                ("2026-09-30", "\"type\":\"assessment\",\"from\":\"2026-07-01\",\"to\":\"2026-09-30\",\"occurrences\":{\"workOrders\":{\"late\":0}}"),
                ("2026-10-12", "\"type\":\"invoice\",\"day\":\"2026-10-12\",\"instalment\":\"2\""),
            ], windows: [("1", "2026-06-16", "2026-07-20"), ("2", "2026-10-13", "2026-10-30")])
        case "qingpu-2026":
            // §5.2.1a: 70% within 10 working days of taking effect and the
            // invoice; §5.2.1b: the rest within 10 working days of the final
            // acceptance and its invoice.
            return PaymentPlan(prerequisites: [
                ("2026-02-03", "\"type\":\"effective\",\"day\":\"2026-02-03\""),
                ("2026-02-10", "\"type\":\"invoice\",\"day\":\"2026-02-10\",\"instalment\":\"1\""),
                ("2026-08-20", "\"type\":\"acceptance\",\"day\":\"2026-08-20\",\"stage\":\"initial\""),
                ("2026-09-15", "\"type\":\"acceptance\",\"day\":\"2026-09-15\",\"stage\":\"final\""),
                ("2026-09-16", "\"type\":\"invoice\",\"day\":\"2026-09-16\",\"instalment\":\"2\""),
            ], windows: [("1", "2026-02-11", "2026-02-24"), ("2", "2026-09-17", "2026-09-29")])
        case "weinan-2026":
            // §三.1, §三.3: 50% within 7 working days of signing (2026-05-26),
            // the rest six months after, each once invoiced.
            return PaymentPlan(prerequisites: [
                ("2026-05-28", "\"type\":\"invoice\",\"day\":\"2026-05-28\",\"instalment\":\"1\""),
                ("2026-11-01", "\"type\":\"invoice\",\"day\":\"2026-11-01\",\"instalment\":\"2\""),
            ], windows: [("1", "2026-05-28", "2026-06-04"), ("2", "2026-11-02", "2026-11-20")])
        default:
            return nil
        }
    }

    /// The instalments' amounts as the terms make them: a stated amount, a
    /// share of the total (rounded as the library rounds it), or the remainder.
    static func instalmentAmounts(_ members: [JSONNode.Member], total: Money?) -> [String: Money] {
        guard case .array(let instalments)? = members.first(where: { $0.key == "instalments" })?.value else { return [:] }
        var amounts: [String: Money] = [:]
        var remainderID: String?
        for node in instalments {
            guard case .string(let id)? = node["id"] else { continue }
            if case .string(let amount)? = node["amount"], let money = try? Money(parsing: amount) {
                amounts[id] = money
            } else if case .string(let share)? = node["share"], let percent = try? Percent(parsing: share), let total {
                amounts[id] = total.times(percent)
            } else if case .bool(true)? = node["remainder"] {
                remainderID = id
            }
        }
        if let remainderID, let total, let rest = Money.sum(amounts.values).flatMap({ total.minus($0) }) { amounts[remainderID] = rest }
        return amounts
    }

    /// Writes DIR/contracts/*.json, DIR/ledger.jsonl (the prerequisites and
    /// `total` payments) and DIR/payments.journal (the same payments).
    mutating func writePayments(contracts count: Int, payments total: Int, to folder: String, templates: [String: JSONNode]) throws -> (payments: Int, bytes: Int) {
        let contractsFolder = folder + "/contracts"
        try FileManager.default.createDirectory(atPath: contractsFolder, withIntermediateDirectories: true)
        let aliases = templates.keys.sorted()
        var events: [Event] = []
        events.reserveCapacity(total + count * 5)
        var payments: [(day: CalendarDay, alias: String, amount: String)] = []
        payments.reserveCapacity(total)
        for index in 0..<count {
            guard let made = try contract(index, aliases: aliases, templates: templates, into: contractsFolder),
                  let plan = Generator.plan(for: made.template) else { continue }
            let amounts = Generator.instalmentAmounts(made.members, total: made.total)
            for (day, body) in plan.prerequisites {
                events.append(Event(day: Generator.day(day), text: "{\"contract\":\"\(made.alias)\",\(body)}"))
            }
            // This contract's share of the payments, the first ones taking
            // the remainder, dealt round the instalments.
            let mine = total / count + (index < total % count ? 1 : 0)
            for (slot, window) in plan.windows.enumerated() {
                guard let amount = amounts[window.instalment], amount > .zero else { continue }
                let dealt = mine / plan.windows.count + (slot < mine % plan.windows.count ? 1 : 0)
                let parts = split(amount, into: Int(min(Int64(dealt), amount.fen)))
                let from = Generator.day(window.from), span = Generator.day(window.to).dayNumber - from.dayNumber
                for (at, part) in parts.enumerated() {
                    let day = from.adding(days: parts.count > 1 ? at * span / (parts.count - 1) : 0)
                    events.append(Event(day: day, text: "{\"contract\":\"\(made.alias)\",\"type\":\"payment\",\"day\":\"\(day)\",\"instalment\":\"\(window.instalment)\",\"amount\":\"\(part.plain)\"}"))
                    payments.append((day, made.alias, part.plain))
                }
            }
        }
        // The journal in the ledger's order (by day), as a bank would list them.
        var journal = ""
        journal.reserveCapacity(payments.count * 110)
        for payment in payments.enumerated().sorted(by: { ($0.element.day, $0.offset) < ($1.element.day, $1.offset) }).map(\.element) {
            journal += Generator.journalEntry(day: payment.day, alias: payment.alias, amount: payment.amount)
        }
        return (payments.count, try Generator.writeLedger(events, journal: journal, to: folder))
    }

    /// `amount` in `count` parts of at least 0.01 that add up to it exactly:
    /// even cuts, each moved by up to a quarter of a part.
    mutating func split(_ amount: Money, into count: Int) -> [Money] {
        guard count > 1 else { return count == 1 ? [amount] : [] }
        let whole = amount.fen, n = Int64(count)
        let jitter = whole / n / 4
        var cuts: [Int64] = [0]
        for at in 1..<n {
            let move = jitter > 0 ? Int64(int(0...Int(2 * jitter))) - jitter : 0
            cuts.append(at * whole / n + move)
        }
        cuts.append(whole)
        return zip(cuts, cuts.dropFirst()).map { Money(fen: $1 - $0) }
    }
}
