import ContractKit
import Dispatch
import Foundation
import Synchronization

/// The progress line: when standard error is a terminal and a command has
/// run for a second, it shows the step the work is in (`Progress`),
/// rewritten in place four times a second, and is erased before the
/// command's output is written. CONTRACTCTL_PROGRESS=off turns it off.
final class ProgressLine: Sendable {
    static let delay = 1.0
    static let interval = 0.25

    private let started = DispatchTime.now()
    private let stopped = Mutex(false)
    private let shown = Mutex(false)
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private let width: Int

    private init(width: Int) {
        self.width = width
    }

    /// Starts the line, or returns nil where there is no terminal to show it on.
    static func start() -> ProgressLine? {
        let environment = ProcessInfo.processInfo.environment
        guard isatty(STDERR_FILENO) == 1, environment["CONTRACTCTL_PROGRESS"] != "off", environment["TERM"] != "dumb" else { return nil }
        let line = ProgressLine(width: Common.terminalWidth())
        DispatchQueue.global().async { line.run() }
        return line
    }

    private func run() {
        defer { done.signal() }
        var last = ""
        while wake.wait(timeout: .now() + Self.interval) == .timedOut {
            if stopped.withLock({ $0 }) { return }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            guard seconds >= Self.delay, let step = Progress.shared.step else { continue }
            let text = Progress.line(step, seconds: Int(seconds), width: width)
            guard text != last else { continue }
            last = text
            shown.withLock { $0 = true }
            write("\r" + text + "\u{1B}[K")
        }
    }

    /// Stops the line and erases it, if it was shown, before anything else
    /// is written to the terminal.
    func stop() {
        stopped.withLock { $0 = true }
        wake.signal()
        done.wait()
        if shown.withLock({ $0 }) { write("\r\u{1B}[K") }
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
