/// The language a report's sentences are written in: Chinese, for the
/// finance officers who read the contracts, or English.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}
