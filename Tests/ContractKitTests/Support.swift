import Foundation

/// The package root, for fixtures and golden files (`swift test` also runs
/// from there, but the tests do not rely on it).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

let fixturesFolder = packageRoot + "/Fixtures/contracts"
