import Foundation
import Testing
@testable import ContractKit

/// The progress line a long command shows on a terminal (README:
/// "Performance"): the step it is in, how many of its items are done, the
/// seconds so far, never wider than the terminal.
@Suite("The progress line")
struct ProgressTests {
    @Test("a step is named with its items done and the seconds so far, digits grouped by thousands")
    func line() {
        let step = Progress.Step(name: "reading ledger lines", done: 420_000, total: 1_000_000)
        #expect(Progress.line(step, seconds: 3, width: 80) == "contractctl: reading ledger lines, 420,000 of 1,000,000 (3 s)")
        #expect(Progress.line(Progress.Step(name: "checking contracts", done: 0, total: 1), seconds: 12, width: 80) == "contractctl: checking contracts (12 s)")
        #expect(Progress.grouped(999) == "999")
        #expect(Progress.grouped(1000) == "1,000")
        #expect(Progress.grouped(12_345_678) == "12,345,678")
    }

    @Test("the line is cut one short of the terminal's width, so that it never wraps")
    func width() {
        let step = Progress.Step(name: "reading ledger lines", done: 420_000, total: 1_000_000)
        let line = Progress.line(step, seconds: 3, width: 40)
        #expect(line.count == 39)
        #expect(line == String("contractctl: reading ledger lines, 420,000 of 1,000,000 (3 s)".prefix(39)))
    }

    @Test("work spread over both cores counts every item of its step once")
    func counted() {
        let items = Array(0..<10_000)
        let progress = Progress.Tracker()
        let doubled = ParallelMap.map(items, chunk: 64, step: "a test step", progress: progress) { $0 * 2 }
        #expect(doubled == items.map { $0 * 2 })
        #expect(progress.step == Progress.Step(name: "a test step", done: 10_000, total: 10_000))
        // A count for a step that is no longer the current one is left out.
        progress.begin("the next step", total: 5)
        progress.advance("a test step", by: 3)
        #expect(progress.step == Progress.Step(name: "the next step", done: 0, total: 5))
    }
}
