/// The working of a penalty line as JSON values: `kind` names the sentence,
/// then the values it uses, under keys that do not change (README, "penalties").
/// Amounts and rates are strings ("8298000.00", "0.5%"), days and counts
/// numbers, days `YYYY-MM-DD`, moments ISO 8601 in Shanghai time.
extension PenaltyWorking {
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("kind", .string(name))]
        switch self {
        case .latePayment(let w):
            members += share(w.share) + [("periodDays", int(w.periodDays)), ("periods", int(w.periods)), ("days", int(w.days)),
                                         ("excusedDays", int(w.excusedDays)), ("due", day(w.due)), ("until", day(w.until)), ("paidInFull", .bool(w.paidInFull))]
        case .overdueParts(let w), .interest(let w):
            members += [("rate", .string(w.rate.description)), ("periodDays", int(w.periodDays)),
                        ("parts", .array(w.parts.map { .object([("amount", money($0.amount)), ("days", int($0.days)), ("periods", int($0.days / w.periodDays))]) })),
                        ("excusedDays", int(w.excusedDays))]
        case .cap(let w):
            members += share(w.share) + [("capClause", .string(w.clause)), ("limit", money(w.limit)), ("counted", money(w.counted)),
                                         ("includesInterest", .bool(w.interestCut != nil)), ("penaltyCut", money(w.penaltyCut)),
                                         ("interestCut", w.interestCut.map(money) ?? .null)]
        case .lateService(let w):
            members += share(w.share) + [("periodDays", int(w.periodDays)), ("periods", int(w.periods)), ("days", int(w.days)), ("excusedDays", int(w.excusedDays)),
                                         ("dayCap", w.dayCap.map { .object([("days", int($0.days)), ("clause", .string($0.clause)), ("before", int($0.before))]) } ?? .null)]
        case .excusedDelay(let cause, let days, let ground):
            members += [("cause", .string(cause.rawValue)), ("days", int(days)), ("excusedBy", ground.json)]
        case .incident(let w):
            members += [("grade", .string(w.grade)), ("subsystem", .string(w.subsystem)), ("subsystemName", .string(w.subsystemName)),
                        ("rate", .string(w.rate.description)), ("base", money(w.fee)), ("contractYear", int(w.contractYear)), ("occurrence", int(w.occurrence))]
            switch w.step {
            case .first: members += [("step", .string("first")), ("previous", .null), ("increase", .null)]
            case .repeated(let previous, let increase): members += [("step", .string("repeat")), ("previous", money(previous)), ("increase", .string(increase.description))]
            case .unescalated: members += [("step", .string("repeatWithoutIncrease")), ("previous", .null), ("increase", .null)]
            }
            members.append(("charge", money(w.charge)))
            switch w.resolution {
            case .unlimited:
                members += [("resolveWithinHours", .null), ("tookSeconds", .null), ("openAt", .null), ("late", .bool(false)), ("surcharge", .null)]
            case .withinLimit(let hours, let took):
                members += [("resolveWithinHours", int(hours)), ("tookSeconds", .number(String(took.seconds))), ("openAt", took.openAt.map(day) ?? .null),
                            ("late", .bool(false)), ("surcharge", .null)]
            case .late(let hours, let took, let surcharge):
                let value: JSONValue
                switch surcharge {
                case .addRate(let rate, let extra): value = .object([("kind", .string("addRate")), ("rate", .string(rate.description)), ("amount", money(extra))])
                case .multiplier(let factor): value = .object([("kind", .string("multiplier")), ("factor", .string(factor.description))])
                case .none: value = .object([("kind", .string("none"))])
                }
                members += [("resolveWithinHours", int(hours)), ("tookSeconds", .number(String(took.seconds))), ("openAt", took.openAt.map(day) ?? .null),
                            ("late", .bool(true)), ("surcharge", value)]
            }
        case .reportOnly(let w):
            members += [("grade", .string(w.grade)), ("subsystem", .string(w.subsystem)), ("subsystemName", .string(w.subsystemName)), ("contractYear", int(w.contractYear))]
        case .noFirstAnswer(let w):
            members += [("requestKind", .string(w.requestKind)), ("received", instant(w.received)), ("firstAnswer", w.firstAnswer.map(instant) ?? .null),
                        ("asOf", day(w.asOf)), ("limitHours", int(w.limitHours))]
        case .requestLate(let w), .requestDisruptive(let w):
            members += lateness(w)
        case .requestComplaint(let w, let level, let factor):
            members += lateness(w) + [("complaint", .string(level)), ("factor", .string(factor.description))]
        case .staffViolation(let w):
            members += [("violation", .string(w.violation)), ("amount", money(w.amount)), ("min", w.min.map(money) ?? .null), ("max", w.max.map(money) ?? .null)]
        case .breach(let w):
            members += share(w)
        case .uncoveredBreach(let clause):
            members.append(("breachedClause", .string(clause)))
        }
        return .object(members)
    }

    func share(_ share: ShareOfTotal) -> [(String, JSONValue)] {
        [("rate", .string(share.rate.description)), ("base", money(share.total)), ("baseClause", .string(share.totalClause))]
    }

    func lateness(_ w: RequestLateness) -> [(String, JSONValue)] {
        [("agreedDue", instant(w.agreedDue)), ("done", w.done.map(instant) ?? .null), ("asOf", day(w.asOf)), ("amountPerRequest", money(w.amount))]
    }
}

extension ExcuseGround {
    var json: JSONValue {
        switch self {
        case .clause(let clause, let text): return .object([("clause", .string(clause)), ("text", .string(text))])
        case .civilCode(let excuse): return .object([("civilCodeArticle", int(excuse.article))])
        }
    }
}

extension PenaltyEvent {
    public var json: JSONValue {
        switch self {
        case .instalment(let delay):
            return .object([("type", .string("instalment")), ("instalment", .string(delay.instalment)), ("clause", .string(delay.clause)), ("due", day(delay.due)),
                            ("parts", .array(delay.parts.map { .object([("amount", money($0.amount)), ("day", day($0.day)), ("paid", .bool($0.paid)), ("days", int($0.days))]) })),
                            ("excusedDays", int(delay.excusedDays))])
        case .serviceDelay(let line, let from, let days, let cause):
            return .object([("type", .string("serviceDelay")), ("line", int(line)), ("from", day(from)), ("days", int(days)), ("cause", .string(cause.rawValue))])
        case .incident(let line, let grade, let subsystem, let name, let occurred):
            return .object([("type", .string("incident")), ("line", int(line)), ("grade", .string(grade)), ("subsystem", .string(subsystem)),
                            ("subsystemName", .string(name)), ("occurred", instant(occurred))])
        case .request(let line, let kind, let received):
            return .object([("type", .string("request")), ("line", int(line)), ("requestKind", .string(kind)), ("received", instant(received))])
        case .staffViolation(let line, let violation, let on):
            return .object([("type", .string("staffViolation")), ("line", int(line)), ("violation", .string(violation)), ("day", day(on))])
        case .breach(let line, let clause, let party, let on):
            return .object([("type", .string("breach")), ("line", int(line)), ("clause", .string(clause)), ("party", .string(party.rawValue)), ("day", day(on))])
        case .terminationWithoutCause(let line, let party, let on):
            return .object([("type", .string("terminationWithoutCause")), ("line", int(line)), ("party", .string(party.rawValue)), ("day", day(on))])
        }
    }
}

extension PenaltyNote {
    public var json: JSONValue {
        switch self {
        case .excused(let line, let cause, let from, let to, let ground):
            return .object([("type", .string("excused")), ("line", int(line)), ("cause", .string(cause.rawValue)), ("from", day(from)), ("to", day(to)),
                            ("excusedBy", ground.json)])
        case .notExcused(let line, let cause, let from, let to, let clause):
            return .object([("type", .string("notExcused")), ("line", int(line)), ("cause", .string(cause.rawValue)), ("from", day(from)), ("to", day(to)),
                            ("clause", .string(clause))])
        case .interestTerms(let rate, let days, let clause):
            return .object([("type", .string("interestTerms")), ("rate", .string(rate.description)), ("periodDays", int(days)), ("clause", .string(clause))])
        case .coveredBeforePrincipal(let payments):
            return .object([("type", .string("coveredBeforePrincipal")),
                            ("payments", .array(payments.map { .object([("day", day($0.day)), ("amount", money($0.amount))]) }))])
        case .interestOnOverdueOnly:
            return .object([("type", .string("interestOnOverdueOnly"))])
        case .replacesRequestRule(let rule):
            return .object([("type", .string("replacesRequestRule")), ("rule", .string(rule))])
        case .replacesGeneralRule(let rule):
            return .object([("type", .string("replacesGeneralRule")), ("rule", .string(rule))])
        case .onlyIf(let text):
            return .object([("type", .string("onlyIf")), ("text", .string(text))])
        case .takenFrom(let text):
            return .object([("type", .string("takenFrom")), ("text", .string(text))])
        }
    }
}

extension TerminationMeasure {
    public var json: JSONValue {
        switch self {
        case .daysOverdue(let limit, let now):
            return .object([("kind", .string("daysOverdue")), ("limit", int(limit)), ("now", int(now))])
        case .penalties(let share, let limit, let now, let interestExcluded):
            return .object([("kind", .string("penalties")), ("share", .string(share.description)), ("limit", money(limit)), ("now", money(now)),
                            ("interestExcluded", .bool(interestExcluded))])
        }
    }
}

private func int(_ value: Int) -> JSONValue { .number(String(value)) }
private func money(_ value: Money) -> JSONValue { .string(value.plain) }
private func day(_ value: CalendarDay) -> JSONValue { .string(value.description) }
private func instant(_ value: Instant) -> JSONValue { .string(value.description) }
