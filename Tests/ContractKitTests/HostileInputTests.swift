import Foundation
import Testing
@testable import ContractKit

/// The hostile-input corpus: Tests/ContractKitTests/Hostile/{fixtures,ledgers},
/// each file with the exact message it must produce in expected.tsv.
@Suite("Hostile input: every file of the corpus gets its exact error, and nothing crashes")
struct HostileInputTests {
    static let folder = packageRoot + "/Tests/ContractKitTests/Hostile"

    static let expected: [String: String] = {
        let text = (try? String(contentsOfFile: folder + "/expected.tsv", encoding: .utf8)) ?? ""
        var table: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if parts.count == 2 { table[parts[0]] = parts[1] }
        }
        return table
    }()

    static var files: [String] {
        ["fixtures", "ledgers"].flatMap { sub in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + sub)) ?? []).sorted().map { sub + "/" + $0 }
        }
    }

    @Test("every file has an expectation, and every expectation a file")
    func complete() {
        #expect(Set(Self.files) == Set(Self.expected.keys))
        #expect(Self.files.count >= 35)
    }

    @Test(arguments: files)
    func load(_ file: String) throws {
        let path = Self.folder + "/" + file
        let name = (file as NSString).lastPathComponent
        var outcome = "ok"
        if file.hasPrefix("fixtures/") {
            do {
                _ = try ContractLoader.loadFile(URL(fileURLWithPath: path), displayName: name)
            } catch {
                outcome = error.errors.map(\.description).joined(separator: "|")
            }
        } else {
            do {
                _ = try LedgerLoader.load(path: path, contracts: Fixture.set)
            } catch {
                outcome = error.errors.map(\.description).joined(separator: "|").replacingOccurrences(of: Self.folder + "/ledgers/", with: "")
            }
        }
        #expect(outcome == Self.expected[file])
    }

    /// A 100 MB string in a fixture and in a ledger line, through the built
    /// binary under a 2 GB address-space limit: it must finish, in linear
    /// memory, with a result or a clear error.
    @Test("100 MB strings load within a 2 GB memory limit", arguments: ["fixture", "ledger"])
    func hugeString(_ kind: String) throws {
        let folder = NSTemporaryDirectory() + "huge-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let huge = String(repeating: "长", count: 100_000_000 / 3)
        var arguments: [String]
        if kind == "fixture" {
            var text = try String(contentsOfFile: packageRoot + "/Fixtures/examples/minimal-contract.json", encoding: .utf8)
            text = text.replacingOccurrences(of: "An example operations contract (not a real document)", with: huge)
            try text.write(toFile: folder + "/huge.json", atomically: false, encoding: .utf8)
            arguments = ["payments", "--fixtures", folder, "--as-of", "2026-11-21", "--format", "csv"]
        } else {
            let line = #"{"contract":"liyang-2024","type":"payment","day":"2025-03-10","amount":"490000.00","note":""# + huge + "\"}\n"
            try line.write(toFile: folder + "/huge.jsonl", atomically: false, encoding: .utf8)
            arguments = ["payments", "--ledger", folder + "/huge.jsonl", "--contract", "liyang-2024", "--as-of", "2026-11-21", "--format", "csv"]
        }
        let run = try Run(["/bin/sh", "-c", "ulimit -v 2000000; exec \"$0\" \"$@\"", Run.binary] + arguments, shell: true)
        #expect(run.code == 0, "\(run.stderr.prefix(300))")
        #expect(run.stdout.contains("liyang-2024") || run.stdout.contains("example-2026"))
    }
}
