import Foundation
import Testing
@testable import ContractKit

/// record under fire: killed at random moments, and eight at once.
@Suite("Fault injection: a killed or concurrent record never loses or tears an event", .serialized)
struct FaultInjectionTests {
    static func event(_ tag: String, day: Int) -> [String] {
        ["record", "staffViolation", "--contract", "liyang-2024", "--violation", "lateForDuty",
         "--day", "2025-0\(1 + day % 9)-1\(day % 9)", "--note", tag]
    }

    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Run.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func notes(in path: String) throws -> [String] {
        let ledger = try LedgerLoader.load(path: path, contracts: Fixture.set)
        return ledger.events.compactMap(\.note)
    }

    @Test("SIGKILL at random points, 40 times: verify passes and every reported event is there")
    func killed() throws {
        let path = NSTemporaryDirectory() + "kill-\(UUID().uuidString).jsonl"
        var reported: [String] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<40 {
            let tag = "kill-\(round)"
            let process = try Self.start(Self.event(tag, day: round) + ["--ledger", path])
            usleep(UInt32.random(in: 0...60_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .exit && process.terminationStatus == 0 { reported.append(tag) }
            // A kill can only leave the old ledger or the old ledger plus the whole line.
            if FileManager.default.fileExists(atPath: path) {
                let verification = try LedgerLoader.verify(path: path, contracts: Fixture.set)
                #expect(verification.whole, "round \(round): \(String(describing: verification.chainBreak)) \(verification.problems)")
            }
        }
        let recorded = FileManager.default.fileExists(atPath: path) ? try Self.notes(in: path) : []
        #expect(Set(reported).isSubset(of: Set(recorded)), "reported but missing: \(Set(reported).subtracting(recorded))")
        #expect(recorded.count == Set(recorded).count)
    }

    @Test("eight record processes at once on one ledger: each event lands exactly once, chained")
    func concurrent() throws {
        let path = NSTemporaryDirectory() + "concurrent-\(UUID().uuidString).jsonl"
        for batch in 0..<3 {
            let processes = try (0..<8).map { try Self.start(Self.event("batch\(batch)-\($0)", day: $0) + ["--ledger", path]) }
            for process in processes { process.waitUntilExit() }
            #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        }
        let notes = try Self.notes(in: path)
        #expect(notes.count == 24)
        #expect(Set(notes) == Set((0..<3).flatMap { batch in (0..<8).map { "batch\(batch)-\($0)" } }))
        #expect(try LedgerLoader.verify(path: path, contracts: Fixture.set).whole)
    }
}
