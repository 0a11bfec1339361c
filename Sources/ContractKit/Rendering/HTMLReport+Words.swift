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
            "reference-absent": "引用的附件或条款缺失", "item-repeated": "清单项目重复", "item-unit-differs": "同一服务计量单位不同",
            "item-path-gap": "清单分类层级缺失", "guarantee-ends-early": "保函先于服务期到期", "year-disagrees": "年份与服务期不符",
            "amount-unstated": "未约定金额", "term-undefined": "用语未定义", "signature-label-wrong": "签字栏标注有误",
            "term-end-ambiguous": "服务期终止日不确定", "score-items-overlap": "考核扣分项重叠", "text-stray": "多余文字",
            "clause-misnumbered": "条款编号有误", "terms-overlap": "条款内容重叠", "terms-conflict": "条款相互矛盾",
            "period-unanchored": "期限起算日不明", "party-reversed": "签署方向相反",
            "name-by-reading": "合同名称系解读", "effective-by-reading": "生效规则系解读",
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

extension HTMLReport {
    /// A penalty rule as the Chinese page names it: its kind in words (an
    /// incident's grade), for the rule ids are the fixture's own names. The
    /// English page keeps the id the `penalties` command prints.
    func ruleWord(alias: String, rule id: String) -> String {
        guard language == .zh else { return id }
        guard let rule = contracts.first(where: { $0.alias == alias })?.penalties.first(where: { $0.id == id }) else { return "违约金" }
        switch rule {
        case .latePayment: return "逾期付款"
        case .lateService: return "逾期服务"
        case .incident(let terms): return PenaltyWording(language).grade(terms.grade)
        case .request: return "服务需求"
        case .staffViolation: return "人员违规"
        case .breach: return "违约"
        case .terminationWithoutCause: return "无故解除合同"
        }
    }

    /// A period's score in words: the sheet's category names on the Chinese
    /// page, the ids `scores` prints on the English one.
    func arithmeticWords(_ score: PeriodScore) -> String {
        guard language == .zh else { return score.arithmetic }
        var text = "\(score.base)"
        for category in score.categories where category.lost > 0 {
            let detail = category.counted.map { "\($0.count) × \($0.each)" }.joined(separator: " + ")
            let sum = category.counted.reduce(0) { $0 + $1.count * $1.each }
            text += " − \(category.lost)（\(category.name)：\(detail)\(category.capped ? " = \(sum)，以 \(category.points) 分为限" : "")）"
        }
        for item in score.additional where item.count > 0 {
            let times = item.counted == item.count ? "\(item.count) × \(item.each)" : "记录 \(item.count) 次，每期只计一次"
            let name = item.description.split(whereSeparator: { $0 == "," || $0 == "，" }).first.map(String.init) ?? item.description
            text += " \(item.total < 0 ? "−" : "+") \(item.total.magnitude)（\(name)：\(times)）"
        }
        text += " = \(score.raw)"
        if score.raw != score.total { text += "，取 \(score.total)" }
        return text
    }
}
