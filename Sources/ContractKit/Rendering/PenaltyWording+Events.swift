/// The events a line counts, its notes, its cap and the termination
/// thresholds, in Chinese or English; and the Chinese for the ledger's names.
extension PenaltyWording {
    /// One event a line counts: "line 12: 2 days late from 2025-06-02",
    /// "台账第12行：自 2025-06-02 起延误 2 天".
    public func event(_ event: PenaltyEvent) -> String {
        switch event {
        case .instalment(let delay):
            let parts = delay.parts.map { part in
                zh ? (part.paid ? "\(yuan(part.amount))于 \(part.day) 支付，逾期 \(part.days) 天" : "\(yuan(part.amount))截至 \(part.day) 未付，逾期 \(part.days) 天")
                    : (part.paid ? "\(part.amount.grouped) paid \(part.day), \(part.days) days late" : "\(part.amount.grouped) unpaid as of \(part.day), \(part.days) days late")
            }
            if zh { return "\(instalment(delay.instalment))（\(delay.clause)）应付日 \(delay.due)：" + parts.joined(separator: "；") + excusedDays(delay.excusedDays) }
            return "instalment \(delay.instalment) (\(delay.clause)) due \(delay.due): " + parts.joined(separator: "; ") + excusedDays(delay.excusedDays)
        case .serviceDelay(let line, let from, let days, _):
            return zh ? "台账第\(line)行：自 \(from) 起延误 \(days) 天" : "line \(line): \(days) days late from \(from)"
        case .incident(let line, let grade, let subsystem, let name, let occurred):
            return zh ? "台账第\(line)行：\(name)（\(subsystem)）\(self.grade(grade))，发生于 \(time(occurred))"
                : "line \(line): \(grade) incident on \(subsystem), \(occurred)"
        case .request(let line, let kind, let received):
            return zh ? "台账第\(line)行：\(requestKind(kind))，\(time(received)) 提出" : "line \(line): \(kind) request received \(received)"
        case .staffViolation(let line, let violation, let day):
            return zh ? "台账第\(line)行：\(day) \(self.violation(violation))" : "line \(line): \(violation) on \(day)"
        case .breach(let line, let clause, let party, let day):
            return zh ? "台账第\(line)行：\(self.party(party))于 \(day) 违反 \(clause)" : "line \(line): breach of \(clause) by the \(party.rawValue) on \(day)"
        case .terminationWithoutCause(let line, let party, let day):
            return zh ? "台账第\(line)行：\(self.party(party))于 \(day) 无故解除合同" : "line \(line): termination without cause by the \(party.rawValue) on \(day)"
        }
    }

    /// The events of a line, joined.
    public func events(_ line: PenaltyLine) -> String {
        line.events.map(event).joined(separator: zh ? "；" : "; ")
    }

    /// One note beside a figure.
    public func note(_ note: PenaltyNote) -> String {
        switch note {
        case .excused(let line, let cause, let from, let to, let ground):
            return zh ? "台账第\(line)行：\(from) 至 \(to) 因\(self.cause(cause))，\(excuse(ground))"
                : "line \(line): \(cause.rawValue) \(from) to \(to), \(excuse(ground))"
        case .notExcused(let line, let cause, let from, let to, let clause):
            return zh ? "台账第\(line)行记载 \(from) 至 \(to) 因\(self.cause(cause))，但 \(clause) 未约定此项除外，该期间照计"
                : "line \(line) records \(cause.rawValue) \(from) to \(to), but \(clause) lists no such exclusion; those days count"
        case .interestTerms(let rate, let days, let clause):
            return zh ? "利息按逾期金额每\(days == 1 ? "日" : " \(days) 日") \(rate) 计收（\(clause)）"
                : "interest \(rate) per \(days == 1 ? "day" : "\(days) days") on the amount overdue (\(clause))"
        case .coveredBeforePrincipal(let payments):
            return zh ? "付款先抵充利息、再抵本金（《民法典》第561条）：" + payments.map { "\($0.day) 抵充 \(yuan($0.amount))" }.joined(separator: "，")
                : "payments covered \(payments.map { "\($0.amount.grouped) on \($0.day)" }.joined(separator: ", ")) of it before the principal (Civil Code Art. 561)"
        case .interestOnOverdueOnly:
            return zh ? "利息仅按逾期金额计收" : "interest is charged on the amount overdue only"
        case .replacesRequestRule(let rule):
            return zh ? "取代 \(rule)（见 docs/readings.md 解读 12）" : "replaces \(rule) (docs/readings.md, Reading 12)"
        case .replacesGeneralRule(let rule):
            return zh ? "取代 \(rule)，不与之叠加（见 docs/readings.md 解读 13）" : "replaces \(rule), not added to it (docs/readings.md, Reading 13)"
        case .onlyIf(let condition):
            return zh ? "仅在以下情形适用：\(condition)" : "only if \(condition)"
        case .takenFrom(let source):
            return zh ? "扣款来源：\(source)" : "taken from \(source)"
        }
    }

    /// The notes of a line, joined, or nil when it has none.
    public func notes(_ line: PenaltyLine) -> String? {
        line.notes.isEmpty ? nil : line.notes.map(note).joined(separator: zh ? "；" : "; ")
    }

    /// The cap a cap line applies: "5% of the total (§7.3)".
    public func cap(_ cap: ShareCap) -> String {
        zh ? "合同总额的 \(cap.share)（\(cap.clause)）" : "\(cap.share) of the total (\(cap.clause))"
    }

    // MARK: termination thresholds

    public func threshold(_ flag: TerminationFlag) -> String {
        switch flag.measure {
        case .daysOverdue(let limit, _):
            return zh ? "累计逾期 \(limit) 天" : "\(limit) days overdue in all"
        case .penalties(let share, let limit, _, _):
            return zh ? "违约金达到合同总额的 \(share)，即 \(yuan(limit))" : "penalties reach \(share) of the total, \(limit.grouped)"
        }
    }

    /// Where the rule stands as of the flag's day.
    public func progress(_ flag: TerminationFlag) -> String {
        switch flag.measure {
        case .daysOverdue(_, let now):
            return zh ? "截至 \(flag.asOf) 累计逾期 \(now) 天" : "\(now) days overdue in all as of \(flag.asOf)"
        case .penalties(_, _, let now, let interestExcluded):
            return zh ? "截至 \(flag.asOf) 违约金\(interestExcluded ? "（不含利息）" : " ")\(yuan(now))"
                : "penalties\(interestExcluded ? " (without interest)" : "") \(now.grouped) as of \(flag.asOf)"
        }
    }

    /// "yes, from 2026-10-05" or "no".
    public func reached(_ flag: TerminationFlag) -> String {
        guard flag.reached else { return zh ? "否" : "no" }
        return zh ? "是，自 \(flag.from?.description ?? "?") 起" : "yes, from \(flag.from?.description ?? "?")"
    }

    // MARK: names

    /// 甲方 (the buyer) or 乙方 (the supplier); in English the role's name.
    public func party(_ role: PartyRole) -> String {
        guard zh else { return role.rawValue }
        switch role {
        case .buyer: return "甲方"
        case .supplier: return "乙方"
        }
    }

    func cause(_ cause: DelayCause) -> String {
        switch cause {
        case .supplier: return "乙方原因"
        case .buyer: return "甲方原因"
        case .forceMajeure: return "不可抗力"
        case .budgetAllocation: return "甲方财政拨款"
        }
    }

    /// Why days do not count: the clause's exclusion in its words, or the Civil Code.
    func excuse(_ ground: ExcuseGround) -> String {
        switch ground {
        case .clause(let clause, let text):
            return zh ? "\(clause) 约定除外（“\(text)”）" : "excluded by \(clause) (\"\(text)\")"
        case .civilCode(let excuse):
            let why = excuse == .forceMajeure ? (zh ? "不可抗力" : "force majeure") : (zh ? "对方原因" : "caused by the other party")
            return zh ? "依《民法典》第\(excuse.article)条（\(why)）免责" : "excused by Civil Code Art. \(excuse.article) (\(why))"
        }
    }

    /// "第2期" for a numbered instalment, "付款 advance" for a named one.
    func instalment(_ id: String) -> String {
        !id.isEmpty && id.allSatisfy(\.isASCII) && id.allSatisfy(\.isNumber) ? "第\(id)期" : "付款 \(id)"
    }

    // The ledger's names for incident grades, request kinds, complaint
    // levels and staff violations are the contract file's, not a closed
    // set: these are the Chinese of the names the bundled contracts use
    // (liyang-2024 附件1 §5, §6(4), §7), and any other name is written as is.

    func grade(_ grade: String) -> String {
        switch grade {
        case "specialMajor": return "特别重大安全事件"
        case "major": return "重大安全事件"
        case "fairlyMajor": return "较重大安全事件"
        case "general": return "一般安全事件"
        default: return "\(grade) 级安全事件"
        }
    }

    func requestKind(_ kind: String) -> String {
        switch kind {
        case "ordinary": return "普通需求"
        case "complex": return "复杂需求"
        default: return "\(kind) 需求"
        }
    }

    func complaint(_ level: String) -> String {
        switch level {
        case "cityGovernment": return "被投诉到市委市政府部门"
        case "healthBureau": return "被投诉到卫生健康局领导处"
        default: return "被投诉（\(level)）"
        }
    }

    func violation(_ violation: String) -> String {
        switch violation {
        case "leftWithoutNotice": return "驻场工程师工作日离开现场未备案"
        case "lateForDuty": return "值班人员上班迟到"
        case "noHolidayAnswer": return "节假日值班人员对紧急问题没有回复"
        default: return violation
        }
    }
}
