import Synchronization

/// What a long command is doing, for the progress line the command line
/// shows on a terminal once a command has taken a second: the step the
/// work is in and how many of its items are done. The loaders and the
/// computations name their steps (through `ParallelMap`); nothing here
/// writes anything, and a command's output does not depend on it.
public enum Progress {
    public struct Step: Sendable, Equatable {
        public var name: String
        public var done: Int
        public var total: Int

        public init(name: String, done: Int, total: Int) {
            self.name = name
            self.done = done
            self.total = total
        }
    }

    /// The steps of one piece of work; the command line watches `shared`.
    public final class Tracker: Sendable {
        private let current = Mutex<Step?>(nil)

        public init() {}

        /// The step under way, if any has begun.
        public var step: Step? { current.withLock { $0 } }

        /// A new step of `total` items, none done yet.
        public func begin(_ name: String, total: Int) {
            current.withLock { $0 = Step(name: name, done: 0, total: total) }
        }

        /// `count` more items of the step named `name` are done (a step
        /// begun since is left alone).
        public func advance(_ name: String, by count: Int) {
            current.withLock { step in
                guard step?.name == name, let done = step?.done, let total = step?.total else { return }
                step?.done = min(total, done + count)
            }
        }
    }

    /// What this process is doing.
    public static let shared = Tracker()
}

extension Progress {
    /// The progress line for `step` after `seconds`, at most `width - 1`
    /// characters (a line as wide as the terminal would wrap):
    /// "contractctl: reading ledger lines, 420,000 of 1,000,000 (3 s)".
    public static func line(_ step: Step, seconds: Int, width: Int) -> String {
        var text = "contractctl: \(step.name)"
        if step.total > 1 { text += ", \(grouped(step.done)) of \(grouped(step.total))" }
        text += " (\(seconds) s)"
        return String(text.prefix(max(0, width - 1)))
    }

    /// 1000000 -> "1,000,000".
    static func grouped(_ number: Int) -> String {
        var digits = Array(String(number.magnitude))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return (number < 0 ? "-" : "") + String(digits)
    }
}
