/// The words of the report for a state, a severity or a notice: the
/// Chinese page uses Chinese words only, the English page the program's own
/// (the words `payments`, `guarantees` and `check` print).
extension HTMLReport {
    func statusWord(_ status: PaymentLine.Status) -> String {
        guard language == .zh else { return status.rawValue }
        switch status {
        case .paid: return "已付"
        case .overdue: return "逾期"
        case .partlyPaid: return "部分已付"
        case .open: return "未到期"
        case .waiting: return "待事件"
        case .conditional: return "有条件"
        case .conditionNotMet: return "条件未满足"
        }
    }

    func guaranteeWord(_ state: GuaranteeStatus.State) -> String {
        guard language == .zh else { return state.rawValue }
        switch state {
        case .notLodged: return "未提交"
        case .lodged: return "已提交"
        case .lapses: return "到期失效"
        case .deductible: return "可扣除"
        case .undecided: return "未决"
        case .released: return "已退还"
        case .deducted: return "已扣除"
        case .notTaken: return "未收取"
        }
    }

    func windowWord(_ state: WindowAverage.State) -> String {
        guard language == .zh else { return state.rawValue }
        switch state {
        case .met: return "达到"
        case .notMet: return "未达到"
        case .undetermined: return "未定"
        }
    }

    func severityWord(_ severity: Finding.Severity) -> String {
        guard language == .zh else { return severity.rawValue }
        switch severity {
        case .error: return "错误"
        case .warning: return "警告"
        case .info: return "提示"
        }
    }

    /// A finding's code as the Chinese page names it; the English page keeps
    /// the code `check` prints.
    func codeWord(_ code: String) -> String {
        guard language == .zh else { return code }
        let words = [
            "amount-words-mismatch": "大写与小写金额不符", "amount-words-unreadable": "大写金额无法识别",
            "total-mismatch": "合计金额不符", "schedule-sum": "分期合计不符", "schedule-short": "价格表期限不足",
            "date-inconsistent": "日期矛盾", "condition-after-deadline": "条件晚于付款期限", "name-variant": "名称不一致",
            "signature-undated": "签字未注明日期", "blank-term": "条款留空", "rule-applies-to-nothing": "规则无适用情形",
            "schedule-missing": "缺少付款安排",
        ]
        return words[code] ?? "其他问题"
    }

    func periodWord(_ period: Period) -> String {
        guard language == .zh else { return period.description }
        switch period {
        case .days(let n): return "\(n) 天"
        case .workingDays(let n): return "\(n) 个工作日"
        case .months(let n): return "\(n) 个月"
        case .years(let n): return "\(n) 年"
        }
    }

    func noticeKindWord(_ kind: NoticeKind) -> String {
        guard language == .zh else { return kind.rawValue }
        switch kind {
        case .nonRenewal: return "不续约通知"
        case .termination: return "解除合同通知"
        case .renewalReminder: return "续约提醒"
        }
    }

    /// A notice's last day in words; English keeps the deadline's own title.
    func noticeTitle(_ item: DeadlineItem) -> String {
        guard language == .zh, let notice = item.notice else { return item.title }
        let who = notice.party.map { PenaltyWording(language).party($0) } ?? "任一方"
        return "\(who)通知的最后一天（\(notice.before) 前至少 \(periodWord(notice.atLeast))）"
    }

    /// What the ledger records of a notice: "renewalReminder notice given 2025-09-20".
    func noticeDone(_ item: DeadlineItem) -> String {
        guard language == .zh, let notice = item.notice else { return item.done ?? "" }
        guard let given = notice.given else { return "" }
        return "已于 \(given.day) 发出\(noticeKindWord(given.kind))"
    }
}
