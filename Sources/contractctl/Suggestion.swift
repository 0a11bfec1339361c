/// "did you mean" for a misspelt command, option, contract or event type:
/// the nearest few candidates by edit distance, never the whole list.
enum Suggestion {
    /// The candidates near `word`, nearest first, at most `limit`. Near: an
    /// edit distance (insertions, deletions, substitutions, and a swap of two
    /// neighbours counting one) of at most a third of the word's length, at
    /// least 2; or a candidate that starts with the word (`minhang`).
    static func nearest(_ word: String, among candidates: [String], limit: Int = 3) -> [String] {
        let typed = word.lowercased()
        let allowed = max(2, typed.count / 3)
        var scored: [(String, Int)] = []
        for candidate in Set(candidates) {
            let lower = candidate.lowercased()
            if lower == typed { continue }
            let distance = typed.count >= 3 && lower.hasPrefix(typed) ? 1 : editDistance(typed, lower)
            if distance <= allowed { scored.append((candidate, distance)) }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    /// "; did you mean 'payments'?", or "" when nothing is near.
    static func didYouMean(_ word: String, among candidates: [String]) -> String {
        let near = nearest(word, among: candidates)
        switch near.count {
        case 0: return ""
        case 1: return "; did you mean '\(near[0])'?"
        default: return "; did you mean " + near.dropLast().map { "'\($0)'" }.joined(separator: ", ") + " or '\(near[near.count - 1])'?"
        }
    }

    /// Optimal string alignment distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
