import Dispatch

/// `map` over both cores, in order: the work is cut into chunks, each
/// written to its own slots of the result, so the result is the same as a
/// plain map's whatever the scheduling.
enum ParallelMap {
    /// The result slots: each chunk writes only its own indices.
    private final class Slots<R>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<R?>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: nil)
        }

        deinit {
            buffer.deinitialize()
            buffer.deallocate()
        }
    }

    /// With `step`, the work is a step of `progress` (`Progress`): each
    /// chunk done counts its items.
    static func map<T: Sendable, R: Sendable>(_ items: [T], chunk: Int = 2048, step: String? = nil, progress: Progress.Tracker = Progress.shared,
                                              _ transform: @escaping @Sendable (T) -> R) -> [R] {
        if let step { progress.begin(step, total: items.count) }
        guard items.count > chunk else {
            defer { if let step { progress.advance(step, by: items.count) } }
            return items.map(transform)
        }
        let slots = Slots<R>(count: items.count)
        let chunks = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { part in
            let range = (part * chunk)..<min(items.count, (part + 1) * chunk)
            for index in range { slots.buffer[index] = transform(items[index]) }
            if let step { progress.advance(step, by: range.count) }
        }
        return slots.buffer.compactMap { $0 }
    }
}
