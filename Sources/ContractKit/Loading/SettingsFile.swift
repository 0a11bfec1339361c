import Foundation

/// `contractctl.json`: where a project keeps its fixtures and its ledger,
/// so that a command run in the folder (or below it) needs no options.
///
///     {"fixtures": "contracts", "ledger": "books/2026.jsonl"}
///
/// Both keys are optional; a relative path is taken from the file's folder.
/// Any other key, or a value that is not a string, is refused with its path.
public struct SettingsFile: Sendable, Equatable {
    public static let name = "contractctl.json"

    /// Where the file was found.
    public var path: String
    public var fixtures: String?
    public var ledger: String?

    /// The nearest `contractctl.json` in `directory` or a folder above it.
    public static func find(from directory: String) -> String? {
        var folder = (directory as NSString).standardizingPath
        while true {
            let candidate = (folder as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue { return candidate }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { return nil }
            folder = parent
        }
    }

    public static func load(_ path: String) throws(LoadError) -> SettingsFile {
        let node = try JSONFile.parse(try JSONFile.read(URL(fileURLWithPath: path), displayName: path), file: path)
        guard case .object(let members) = node else {
            throw LoadError(.badData, file: path, location: "$", "expected an object with \"fixtures\" and \"ledger\", found \(node.kindName)")
        }
        var settings = SettingsFile(path: path)
        let folder = (path as NSString).deletingLastPathComponent
        for member in members {
            guard member.key == "fixtures" || member.key == "ledger" else {
                throw LoadError(.badData, file: path, location: "$.\(member.key)", "unknown key; contractctl.json takes fixtures, ledger")
            }
            guard case .string(let text) = member.value, !text.isEmpty else {
                throw LoadError(.badData, file: path, location: "$.\(member.key)", "expected a path (a non-empty string), found \(member.value.kindName)")
            }
            let resolved = text.hasPrefix("/") ? text : (folder as NSString).appendingPathComponent(text)
            if member.key == "fixtures" { settings.fixtures = resolved } else { settings.ledger = resolved }
        }
        return settings
    }
}
