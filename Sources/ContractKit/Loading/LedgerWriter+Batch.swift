import Foundation

extension LedgerWriter {
    /// Appends several events in one write, under one lock, as `append`
    /// appends one: `events` is given the ledger as it is under the lock and
    /// the line the first new event takes, and returns the events to append
    /// (one JSON object each, without chain fields). Each is admitted after
    /// the ones before it; if any is refused, or the write or the seal's
    /// renewal fails, the ledger and its seal are left byte for byte as they
    /// were and nothing is recorded. No events: nothing is written (and a
    /// ledger that did not exist is not created).
    public static func appendAll(to path: String, contracts: ContractSet, key: [UInt8]? = nil,
                                 events: (Ledger, Int) -> [String]) throws(LoadErrors) -> [Recorded] {
        let ledger = try LockedLedger.open(path)
        defer { ledger.unlock() }
        do {
            let recorded = try appendAll(to: ledger, contracts: contracts, key: key, events: events)
            if recorded.isEmpty { ledger.removeCreated() }
            return recorded
        } catch {
            ledger.removeCreated()
            throw error
        }
    }

    static func appendAll(to ledger: LockedLedger, contracts: ContractSet, key: [UInt8]?, events: (Ledger, Int) -> [String]) throws(LoadErrors) -> [Recorded] {
        let path = ledger.path
        let bytes = try ledger.contents()
        guard let existing = String(validating: bytes, as: UTF8.self) else {
            throw LoadErrors([LoadError(.badData, file: path, "is not valid UTF-8 text; nothing was recorded")])
        }
        let lines = LedgerLines(existing)
        if let tail = lines.tail {
            throw LoadErrors([LedgerLoader.tornLine(path, line: tail.number), LoadError(.badData, file: path, "nothing was recorded, and the ledger was left as it is")])
        }
        var loaded: Ledger
        do {
            loaded = try LedgerLoader.parse(lines, file: path, contracts: contracts)
        } catch {
            throw LoadErrors(error.errors + [LoadError(.badData, file: path, "the ledger has the errors above; nothing was recorded")])
        }
        let oldSeal = try sealBeforeAppend(lines, ledger: ledger, key: key)
        let texts = events(loaded, lines.complete + 1)
        guard !texts.isEmpty else { return [] }
        var recorded: [Recorded] = []
        var written: [Substring] = []
        var head = lines.head
        for text in texts {
            let compact = try compactEvent(text)
            let admitted = try admit(compact, line: lines.complete + 1 + recorded.count, after: loaded, contracts: contracts)
            let line = LedgerChain.seal(admitted.compact, prev: head)
            head = LedgerChain.seal(of: Substring(line))?.hash ?? head
            loaded.events.append(admitted.event)
            written.append(Substring(line))
            recorded.append(Recorded(line: admitted.event.line, text: line, event: admitted.event))
        }
        let block = written.map { $0 + lines.lineEnd }.joined()
        guard let key else {
            try ledger.append(block, after: bytes.count)
            return recorded
        }
        // As `append`: the seal gains the new state as pending, the lines are
        // written, the seal keeps only the new state; a failure puts both
        // files back as they were.
        let before = lines.texts
        let now = LedgerSeal.State(key: key, lines: before.count, digest: LedgerSeal.digest(before))
        let next = LedgerSeal.State(key: key, lines: before.count + written.count, digest: LedgerSeal.digest(before + written))
        let sealPath = LedgerSeal.path(of: path)
        func restored() -> String {
            LedgerSeal.restore(oldSeal, besides: path) ? "the seal was put back as it was"
                : "the seal \(sealPath) could not be put back as it was, but it still vouches for the ledger as it is"
        }
        do {
            try LedgerSeal(current: now, pending: next).write(besides: path)
        } catch {
            throw LoadErrors(error.errors + [LoadError(.io, file: path, "the seal could not be renewed; nothing was recorded")])
        }
        do {
            try ledger.append(block, after: bytes.count)
        } catch {
            throw LoadErrors(error.errors + [LoadError(.io, file: sealPath, restored())])
        }
        do {
            try LedgerSeal(current: next).write(besides: path)
        } catch {
            throw LoadErrors(error.errors + [LoadError(.io, file: path, "the seal could not be renewed; " + ledger.rollBack(to: bytes.count) + "; " + restored())])
        }
        return recorded
    }
}
