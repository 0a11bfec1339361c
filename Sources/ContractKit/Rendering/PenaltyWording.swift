/// The sentences of the penalties report, written from the values the
/// computation keeps, in Chinese or English: the formula of each line here,
/// its events, notes, cap and termination thresholds in
/// `PenaltyWording+Events.swift`.
///
/// English keeps the terminal's compact form ("1% x 8,298,000.00 (§4.1) x 1
/// whole period of 10 days ..."); Chinese is written for a finance officer:
/// amounts in 元, 第N次, 逾期N天, 违约金, 利息, 上限. Amounts keep their
/// thousands separators (1,234.00) in both.
public struct PenaltyWording: Sendable {
    public var language: Language

    public init(_ language: Language) { self.language = language }

    var zh: Bool { language == .zh }

    /// The line's working as a sentence, ending in the amount it comes to.
    public func formula(_ line: PenaltyLine) -> String {
        switch line.working {
        case .latePayment(let working): return latePayment(working, amount: line.amount)
        case .overdueParts(let working): return overdueParts(working, interest: false, amount: line.amount)
        case .interest(let working): return overdueParts(working, interest: true, amount: line.amount)
        case .cap(let working): return cap(working)
        case .lateService(let working): return lateService(working, amount: line.amount)
        case .excusedDelay(let cause, _, let ground):
            return zh ? "不计：因\(self.cause(cause))延误，\(excuse(ground))" : "not counted: caused by \(cause.rawValue), \(excuse(ground))"
        case .incident(let working): return incident(working, amount: line.amount)
        case .reportOnly(let report):
            return zh ? "仅需报告：\(grade(report.grade))不罚款（\(line.clause)）" : "report only: \(report.grade) incidents cost nothing (\(line.clause))"
        case .noFirstAnswer(let working): return noFirstAnswer(working, amount: line.amount)
        case .requestLate(let lateness):
            return zh ? "\(requestDone(lateness))：\(yuan(line.amount))" : "\(requestDone(lateness)): \(yuan(line.amount))"
        case .requestComplaint(let lateness, let level, let factor):
            return zh ? "\(requestDone(lateness))；\(complaint(level))：\(yuan(lateness.amount)) × \(factor) = \(yuan(line.amount))"
                : "\(requestDone(lateness)); complaint to \(level): \(yuan(lateness.amount)) x \(factor) = \(yuan(line.amount))"
        case .requestDisruptive(let lateness):
            return zh ? "\(requestDone(lateness))，且影响甲方业务开展：\(yuan(line.amount))"
                : "\(requestDone(lateness)), disrupting the buyer's work: \(yuan(line.amount))"
        case .staffViolation(let charge): return staff(charge)
        case .breach(let share):
            return zh ? "\(share.rate) × \(total(share))= \(yuan(line.amount))" : "\(share.rate) x \(total(share)) = \(line.amount.grouped)"
        case .uncoveredBreach(let clause): return zh ? "违反 \(clause) 无对应的违约金规则" : "no penalty rule covers \(clause)"
        }
    }

    // MARK: late payment and late service

    func latePayment(_ working: LatePaymentOfTotal, amount: Money) -> String {
        let n = working.periodDays
        if zh {
            let span = "逾期 \(working.days) 天，\(working.due) 至 \(working.until)，\(working.paidInFull ? "已付清" : "尚未付清")\(excusedDays(working.excusedDays))"
            return n == 1
                ? "\(working.share.rate) × \(total(working.share))× \(working.days) 天（\(span)）= \(yuan(amount))"
                : "\(working.share.rate) × \(total(working.share))× \(working.periods) 个完整的 \(n) 日周期（\(span)；不足 \(n) 日的部分不计）= \(yuan(amount))"
        }
        let span = "\(working.days) days late, \(working.due) to \(working.until), \(working.paidInFull ? "paid in full" : "unpaid")\(excusedDays(working.excusedDays))"
        return n == 1
            ? "\(working.share.rate) x \(total(working.share)) x \(working.days) days (\(span)) = \(amount.grouped)"
            : "\(working.share.rate) x \(total(working.share)) x \(working.periods) whole period\(working.periods == 1 ? "" : "s") of \(n) days (\(span); a part period counts nothing) = \(amount.grouped)"
    }

    func overdueParts(_ working: OverdueParts, interest: Bool, amount: Money) -> String {
        let n = working.periodDays
        let terms = working.parts.map { part in
            zh ? "\(yuan(part.amount)) × \(part.days / n) \(n == 1 ? "天" : "个 \(n) 日周期")"
                : "\(part.amount.grouped) x \(part.days / n) \(n == 1 ? "days" : "periods of \(n) days")"
        }.joined(separator: " + ")
        return zh ? "\(interest ? "利息 " : "")\(working.rate) × (\(terms)) = \(yuan(amount))" : "\(working.rate) x (\(terms)) = \(amount.grouped)"
    }

    func cap(_ working: CapCut) -> String {
        let limit = zh ? "\(working.share.rate) × \(total(working.share))= \(yuan(working.limit))"
            : "\(working.share.rate) x \(total(working.share)) = \(working.limit.grouped)"
        if zh {
            let counted = working.interestCut == nil ? "违约金合计 \(yuan(working.counted))" : "违约金与利息合计 \(yuan(working.counted))"
            return "上限：\(limit)；\(counted)，核减违约金 \(yuan(working.penaltyCut))" + (working.interestCut.map { "，核减未付利息 \(yuan($0))" } ?? "")
        }
        let what = working.interestCut == nil ? "the penalty" : "penalty and interest together"
        return "cap: \(limit); \(what) came to \(working.counted.grouped): the penalty cut by \(working.penaltyCut.grouped)"
            + (working.interestCut.map { ", interest not yet paid cut by \($0.grouped)" } ?? "")
    }

    func lateService(_ working: LateServiceDelay, amount: Money) -> String {
        let n = working.periodDays
        let excused = excusedDays(working.excusedDays)
        if zh {
            let cap = working.dayCap.map { "；累计以 \($0.days) 天为限（\($0.clause)），\($0.before) 天中仅计 \(working.days) 天" } ?? ""
            return n == 1
                ? "\(working.share.rate) × \(total(working.share))× \(working.days) 天\(excused)\(cap) = \(yuan(amount))"
                : "\(working.share.rate) × \(total(working.share))× \(working.periods) 个完整的 \(n) 日周期（\(working.days) 天\(excused)；不足 \(n) 日的部分不计）\(cap.isEmpty ? "" : cap + " ")= \(yuan(amount))"
        }
        let cap = working.dayCap.map { "; only \(working.days) of the \($0.before) days count: \($0.days) days in all at most (\($0.clause))" } ?? ""
        return n == 1
            ? "\(working.share.rate) x \(total(working.share)) x \(working.days) days\(excused)\(cap) = \(amount.grouped)"
            : "\(working.share.rate) x \(total(working.share)) x \(working.periods) whole period\(working.periods == 1 ? "" : "s") of \(n) days (\(working.days) days\(excused); a part period counts nothing)\(cap) = \(amount.grouped)"
    }

    /// "; 15 days excused", "；其中 15 天免责", or nothing.
    func excusedDays(_ days: Int) -> String {
        guard days > 0 else { return "" }
        return zh ? "；其中 \(days) 天免责" : "; \(days) day\(days == 1 ? "" : "s") excused"
    }

    // MARK: incidents

    func incident(_ working: IncidentCharge, amount: Money) -> String {
        var text: String
        switch working.step {
        case .first, .unescalated:
            text = zh ? "\(working.rate) × \(yuan(working.fee))（\(working.subsystemName)）= \(yuan(working.charge))"
                : "\(working.rate) x \(working.fee.grouped) (\(working.subsystemName)) = \(working.charge.grouped)"
            if working.step == .unescalated {
                text += zh ? "（第\(working.contractYear)个合同年度第\(working.occurrence)次；规则未约定递增）"
                    : " (the \(ordinal(working.occurrence)) of contract year \(working.contractYear); the rule states no increase for repeats)"
            }
        case .repeated(let previous, let increase):
            text = zh ? "第\(working.contractYear)个合同年度第\(working.occurrence)次\(grade(working.grade))：前次 \(yuan(previous))递增 \(increase) = \(yuan(working.charge))"
                : "the \(ordinal(working.occurrence)) \(working.grade) incident of contract year \(working.contractYear): the previous \(previous.grouped) + \(increase) = \(working.charge.grouped)"
        }
        switch working.resolution {
        case .unlimited:
            break
        case .withinLimit(let hours, let took):
            text += zh ? "；\(resolved(took))，未超过 \(hours) 小时" : "; resolved in \(resolved(took)), within \(hours)h"
        case .late(let hours, let took, let surcharge):
            text += zh ? "；\(resolved(took))，超过 \(hours) 小时" : "; resolved in \(resolved(took)) > \(hours)h"
            switch surcharge {
            case .addRate(let rate, _):
                text += zh ? "：另加 \(rate) × \(yuan(working.fee))，合计 \(yuan(amount))" : ": + \(rate) x \(working.fee.grouped) = \(amount.grouped)"
            case .multiplier(let factor):
                text += zh ? "：按 \(factor) 倍处罚，计 \(yuan(amount))" : ": x \(factor) = \(amount.grouped)"
            case .none:
                text += zh ? "（规则未约定加罚）" : " (the rule states no surcharge)"
            }
        }
        return text
    }

    /// "2h and still open at the end of 2025-03-05"; "截至 2025-03-05 日终仍未处置完毕，已历时 4小时".
    func resolved(_ took: IncidentCharge.Duration) -> String {
        let length = hours(took.seconds)
        if zh { return took.openAt.map { "截至 \($0) 日终仍未处置完毕，已历时 \(length)" } ?? "处置用时 \(length)" }
        return length + (took.openAt.map { " and still open at the end of \($0)" } ?? "")
    }

    /// Whole minutes as "1h30m" or "1小时30分".
    func hours(_ seconds: Int64) -> String {
        let minutes = seconds / 60
        if zh { return minutes % 60 == 0 ? "\(minutes / 60)小时" : "\(minutes / 60)小时\(minutes % 60)分" }
        return minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes / 60)h\(minutes % 60)m"
    }

    // MARK: requests and staff

    func noFirstAnswer(_ working: FirstAnswer, amount: Money) -> String {
        if zh {
            let when = working.firstAnswer.map { "\(time($0)) 首次答复，历时 \(hours(working.received.seconds(until: $0)))" } ?? "截至 \(working.asOf) 日终未作首次答复"
            return "\(when)，超过 \(working.limitHours) 小时：\(yuan(amount))"
        }
        let when = working.firstAnswer.map { "first answer \($0), after \(hours(working.received.seconds(until: $0)))" } ?? "no first answer by the end of \(working.asOf)"
        return "\(when) > \(working.limitHours)h: \(amount.grouped)"
    }

    /// When the request was done, against the agreed time.
    func requestDone(_ lateness: RequestLateness) -> String {
        if zh {
            let when = lateness.done.map { "\(time($0)) 完成" } ?? "截至 \(lateness.asOf) 日终未完成"
            return "\(when)，晚于约定的 \(time(lateness.agreedDue))"
        }
        let when = lateness.done.map { "done \($0)" } ?? "not done by the end of \(lateness.asOf)"
        return "\(when), after the agreed \(lateness.agreedDue)"
    }

    func staff(_ charge: StaffCharge) -> String {
        guard let min = charge.min else { return yuan(charge.amount) }
        if zh { return "\(yuan(charge.amount))（在 \(min.grouped)-\(charge.max?.grouped ?? "") 元之间确定）" }
        return "\(charge.amount.grouped), set within \(min.grouped)-\(charge.max?.grouped ?? "")"
    }

    // MARK: shared pieces

    /// An amount: "1,234.00", or "1,234.00 元" in Chinese.
    func yuan(_ amount: Money) -> String { zh ? "\(amount.grouped) 元" : amount.grouped }


    /// The contract total with the clause that states it. In Chinese it
    /// ends in a full-width parenthesis, which needs no space after it.
    func total(_ share: ShareOfTotal) -> String {
        zh ? "合同总额 \(share.total.grouped) 元（\(share.totalClause)）" : "\(share.total.grouped) (\(share.totalClause))"
    }

    /// An instant as the ledger's ISO form, or in Chinese as Shanghai's
    /// wall-clock "2025-05-07 15:00" (seconds only when there are any).
    func time(_ instant: Instant) -> String {
        let text = instant.description
        guard zh else { return text }
        let clock = text.dropFirst(11).prefix(8)
        return "\(text.prefix(10)) \(clock.hasSuffix(":00") ? String(clock.prefix(5)) : String(clock))"
    }
}
