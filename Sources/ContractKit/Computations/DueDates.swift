/// Works out an instalment's due date from its rule and the known days.
struct DueDates {
    var dueDate: CalendarDay?
    var earliestDueDate: CalendarDay?
    var provisional: Bool
    var rule: String
    /// The events the due date depends on, with the day recorded (nil: not recorded).
    var events: [(anchor: Anchor, day: CalendarDay?)]

    /// `events`: days the ledger has recorded for event anchors.
    static func compute(_ due: DueRule, dates: ContractDates, calendar: WorkCalendar, events: [Anchor: CalendarDay] = [:]) -> DueDates {
        var parts: [String] = []
        var provisional = false
        var waitingOn: [String] = []
        var eventStates: [(anchor: Anchor, day: CalendarDay?)] = []
        for anchor in due.after + due.requires where anchor.isEvent && !eventStates.contains(where: { $0.anchor == anchor }) {
            eventStates.append((anchor, events[anchor]))
        }
        var unknowable = false

        // The first possible day of an event not yet recorded: an invoice can
        // be received on the signing or effective day at the earliest
        // (Readings 8); an acceptance has no first possible day in the terms.
        let knownStart = due.after.compactMap { dates.day(of: $0) }.max() ?? dates.effective ?? dates.signing
        func resolve(_ anchor: Anchor) -> (day: CalendarDay?, estimated: Bool, text: String) {
            if let day = anchor.isEvent ? events[anchor] : dates.day(of: anchor) {
                return (day, false, "\(anchor.words) (\(day))")
            }
            guard anchor.isEvent else {
                unknowable = true
                return (nil, false, "\(anchor.words) (not stated in the document)")
            }
            waitingOn.append(anchor.words)
            if anchor == .invoiceReceived, let first = knownStart {
                return (first, true, "\(anchor.words) (not recorded; earliest \(first))")
            }
            unknowable = true
            return (nil, true, "\(anchor.words) (not recorded; no first possible day in the terms)")
        }

        var estimated = false
        var day: CalendarDay?
        if let within = due.within {
            let anchors = due.after.map(resolve)
            estimated = anchors.contains { $0.estimated && $0.day != nil }
            let starts = anchors.compactMap(\.day)
            let startText = anchors.count == 1 ? anchors[0].text : "the later of " + anchors.map(\.text).joined(separator: " and ")
            if starts.count == anchors.count, let start = starts.max() {
                let end = calendar.end(of: within.period, after: start, rollOver: due.rollOver ?? true)
                provisional = provisional || end.provisional
                day = end.day
                parts.append("within \(within.period.description) after \(startText): \(end.rule)")
            } else {
                parts.append("within \(within.period.description) after \(startText)")
            }
        }
        if let fixed = due.onOrBefore {
            if due.within == nil {
                day = fixed
            } else if let computed = day {
                day = min(computed, fixed)
            }
            parts.append("on or before \(fixed), a fixed date that does not move")
        }
        if let first = due.notBefore {
            parts.append("not before \(first)")
        }
        for anchor in due.requires {
            let event = resolve(anchor)
            if event.estimated { estimated = true }
            if let current = day, let eventDay = event.day, eventDay > current {
                day = eventDay
                parts.append("not before \(event.text), which must precede payment")
            } else {
                parts.append("after \(event.text), which must precede payment")
            }
        }
        if let reading = due.reading { parts.append("reading: \(reading)") }

        let known = !unknowable && !estimated && waitingOn.isEmpty
        return DueDates(
            dueDate: known ? day : nil,
            earliestDueDate: unknowable ? nil : day,
            provisional: provisional,
            rule: parts.joined(separator: "; "),
            events: eventStates
        )
    }
}
