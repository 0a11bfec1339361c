import Foundation

/// Finds the bundled `Fixtures/contracts` folder when no `--fixtures` is
/// given: under the current directory (`swift run` from the repository), then
/// beside or above the executable (`.build/debug/contractctl` is two levels
/// below the repository).
public enum FixtureLocator {
    public static let relativePath = "Fixtures/contracts"

    /// The folders tried, in order; the first, under the current
    /// directory, is named relative to it, as a user would type it.
    public static func candidates(currentDirectory: String, executable: String?) -> [String] {
        var result = [relativePath]
        if let executable {
            var folder = ((executable as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
            for _ in 0..<6 {
                result.append((folder as NSString).appendingPathComponent(relativePath))
                let parent = (folder as NSString).deletingLastPathComponent
                if parent == folder { break }
                folder = parent
            }
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// The first candidate that is a folder, or an error listing the ones tried.
    public static func locate(currentDirectory: String, executable: String?) throws(LoadError) -> String {
        let tried = candidates(currentDirectory: currentDirectory, executable: executable)
        for path in tried {
            let absolute = path.hasPrefix("/") ? path : (currentDirectory as NSString).appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue {
                return path
            }
        }
        throw LoadError(.noInput, file: relativePath, "the bundled fixtures were not found (tried \(tried.joined(separator: ", "))); give the folder with --fixtures DIR")
    }
}
