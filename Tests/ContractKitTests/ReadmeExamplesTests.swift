import Foundation
import XCTest

/// Runs every `$ contractctl ...` example in README.md whose output the
/// README shows, and checks the tool prints exactly that (up to a "..."
/// line), so the documentation cannot drift from the program.
final class ReadmeExamplesTests: XCTestCase {
    struct Example {
        var arguments: [String]
        var expected: [String]
        var line: Int
    }

    static func examples() throws -> [Example] {
        let text = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        var examples: [Example] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.hasPrefix("$ contractctl ") else { continue }
            var expected: [String] = []
            while index < lines.count, !lines[index].hasPrefix("$ "), !lines[index].hasPrefix("```"), lines[index] != "..." {
                expected.append(lines[index])
                index += 1
            }
            // Only examples that show their output, and write no file.
            guard !expected.isEmpty, !line.contains(">") else { continue }
            let arguments = line.dropFirst("$ contractctl ".count).split(separator: " ").map(String.init)
            examples.append(Example(arguments: arguments, expected: expected, line: index))
        }
        return examples
    }

    func testREADMEExamplesPrintWhatTheREADMEShows() throws {
        let examples = try Self.examples()
        XCTAssertGreaterThanOrEqual(examples.count, 8, "the README's examples were not found")
        for example in examples {
            let run = try Run(example.arguments)
            let printed = run.stdout.components(separatedBy: "\n")
            XCTAssertEqual(Array(printed.prefix(example.expected.count)), example.expected,
                           "README.md near line \(example.line): contractctl \(example.arguments.joined(separator: " "))")
        }
    }
}
