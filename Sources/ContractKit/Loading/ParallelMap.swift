import Dispatch

/// `map` over both cores, in order: the work is cut into chunks, each
/// written to its own slots of the result, so the result is the same as a
/// plain map's whatever the scheduling.
enum ParallelMap {
    /// The result's storage, which each chunk initializes at its own
    /// indices only.
    private struct Slots<R>: @unchecked Sendable {
        let base: UnsafeMutablePointer<R>
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
        let chunks = (items.count + chunk - 1) / chunk
        // Written in place into the array returned: a million results are
        // not held twice (as optionals, then copied out).
        return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            // More than `chunk` items: the buffer has storage.
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { part in
                let range = (part * chunk)..<min(items.count, (part + 1) * chunk)
                for index in range { (slots.base + index).initialize(to: transform(items[index])) }
                if let step { progress.advance(step, by: range.count) }
            }
            initialized = items.count
        }
    }

    /// The text `make` gives for each of `items`, made on both cores,
    /// `together` at a time, and appended to `text` in order: the same text
    /// as appending them one after the other, with only those few held
    /// besides it (a report of 170 MB is not held twice). Room for the
    /// rest is guessed after the first round and made half as large again:
    /// grown by doubling, a 170 MB report was copied into fresh memory at
    /// every step, and room never written to is never touched.
    static func append<T: Sendable>(_ items: [T], to text: inout String, together: Int, _ make: @escaping @Sendable (T) -> String) {
        var start = 0
        while start < items.count {
            let end = min(items.count, start + together)
            let before = text.utf8.count
            for part in map(Array(items[start..<end]), chunk: 1, make) { text += part }
            if start == 0, end < items.count { text.reserveCapacity(before + (text.utf8.count - before) / end * items.count * 3 / 2) }
            start = end
        }
    }
}
