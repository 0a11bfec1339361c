import Foundation

/// A problem with an input file, located as precisely as the input allows:
/// a JSON path for data of the wrong shape, a line and column for a syntax error.
public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The input does not exist (sysexits 66).
        case noInput
        /// The input exists but is not valid (sysexits 65).
        case badData
        /// The input could not be read (sysexits 74).
        case io
    }

    public var kind: Kind
    public var file: String
    /// "$.instalments[1].share", or "line 3, column 15", or nil for the whole file.
    public var location: String?
    public var message: String

    public init(_ kind: Kind, file: String, location: String? = nil, _ message: String) {
        self.kind = kind
        self.file = file
        self.location = location
        self.message = message
    }

    /// "minhang.json: $.instalments[1].share: \"fifty\": expected a percentage such as \"50%\""
    public var description: String {
        [file, location, message].compactMap { $0 }.joined(separator: ": ")
    }

    /// The sysexits code for this kind of problem.
    public var exitCode: Int32 {
        switch kind {
        case .noInput: return 66
        case .badData: return 65
        case .io: return 74
        }
    }
}

/// Every problem found in one load, so one run reports them all.
public struct LoadErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [LoadError]

    public init(_ errors: [LoadError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }

    /// The most telling code: no input, then I/O, then bad data.
    public var exitCode: Int32 {
        if errors.contains(where: { $0.kind == .noInput }) { return 66 }
        if errors.contains(where: { $0.kind == .io }) { return 74 }
        return 65
    }
}

/// "$.instalments[1].share" from a coding path.
func jsonPath(_ path: [any CodingKey]) -> String {
    var text = "$"
    for key in path {
        // Array positions carry an int value and are named "Index N"; a
        // dictionary key that looks like a number ("2027") is still a key.
        if let index = key.intValue, key.stringValue != String(index) {
            text += "[\(index)]"
        } else {
            text += "." + key.stringValue
        }
    }
    return text
}
