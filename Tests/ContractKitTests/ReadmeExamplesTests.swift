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
        var inSession = false
        while index < lines.count {
            let line = lines[index]
            index += 1
            // A session's commands run in their session (see `sessions`).
            if line == "```session" { inSession = true }
            if inSession {
                if line == "```" { inSession = false }
                continue
            }
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

    /// The README's ```session blocks, all of them one session: shell
    /// commands ("$ " lines, any shell syntax) run in order in one shell, in
    /// a fresh folder holding a copy of Fixtures/, each followed by what it
    /// prints on stdout (up to a "..." line).
    struct Session {
        var commands: [(command: String, expected: [String])]
        var line: Int
    }

    static func sessions() throws -> [Session] {
        let text = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        var session = Session(commands: [], line: 0)
        var index = 0
        while index < lines.count {
            guard lines[index] == "```session" else { index += 1; continue }
            if session.line == 0 { session.line = index + 1 }
            index += 1
            var skipping = false
            while index < lines.count, lines[index] != "```" {
                let line = lines[index]
                if line.hasPrefix("$ ") {
                    session.commands.append((String(line.dropFirst(2)), []))
                    skipping = false
                } else if line == "..." {
                    skipping = true
                } else if !skipping, !session.commands.isEmpty {
                    session.commands[session.commands.count - 1].expected.append(line)
                }
                index += 1
            }
        }
        return session.commands.isEmpty ? [] : [session]
    }

    func testREADMESessionsPrintWhatTheREADMEShows() throws {
        let sessions = try Self.sessions()
        XCTAssertGreaterThanOrEqual(sessions.count, 1, "the README's walk-through was not found")
        for session in sessions {
            let folder = NSTemporaryDirectory() + "readme-session-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: packageRoot + "/Fixtures", toPath: folder + "/Fixtures")
            // One shell, so that exports carry over; a marker before each
            // command splits what each printed.
            let marker = "@@readme-session-\(UUID().uuidString)@@"
            let script = session.commands.map { "echo '\(marker)'\n\($0.command) 2>&1" }.joined(separator: "\n") + "\n"
            let bin = (Run.binary as NSString).deletingLastPathComponent
            let run = try Run(["/bin/sh", "-c", script], in: folder, shell: true,
                              environment: ["PATH": bin + ":/usr/bin:/bin", "COLUMNS": "80", "LC_ALL": "C.UTF-8"])
            let outputs = run.stdout.components(separatedBy: marker + "\n").dropFirst().map { $0.components(separatedBy: "\n") }
            XCTAssertEqual(outputs.count, session.commands.count, "README.md session at line \(session.line): \(run.stderr)")
            for (command, printed) in zip(session.commands, outputs) {
                XCTAssertEqual(Array(printed.prefix(command.expected.count)), command.expected,
                               "README.md session at line \(session.line): $ \(command.command)")
            }
        }
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
