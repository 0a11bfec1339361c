import Foundation

/// The contracts of a fixtures folder, loaded and validated together.
public struct ContractSet: Sendable {
    public var contracts: [Contract] {
        didSet {
            index = ContractSet.index(contracts)
            boxes = contracts.map(Box.init)
            // Changed: no longer what the folder holds.
            source = nil
            files = []
        }
    }
    /// The contracts again, each behind a reference: reading a contract
    /// through its box lends it to a function without copying its every
    /// field, which a lookup per ledger line would otherwise do.
    private var boxes: [Box]

    public final class Box: Sendable {
        public let contract: Contract
        /// The rules a ledger line is checked against, gathered once.
        let terms: EventTerms.Index

        init(_ contract: Contract) {
            self.contract = contract
            terms = EventTerms.Index(contract)
        }
    }
    /// The folder they were read from.
    public var folder: String
    /// Document number or alias -> position in `contracts`.
    private var index: [String: Int]
    /// The fixture files as they were before they were read, and each
    /// contract's file name (in `contracts`' order): what the ledger cache
    /// keys on. Nil and empty for a set not read from a folder.
    public internal(set) var source: FolderStamp?
    public internal(set) var files: [String] = []

    public init(contracts: [Contract], folder: String) {
        self.contracts = contracts
        self.folder = folder
        self.index = ContractSet.index(contracts)
        self.boxes = contracts.map(Box.init)
    }

    static func index(_ contracts: [Contract]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, contract) in contracts.enumerated() {
            if index[contract.id] == nil { index[contract.id] = position }
            if index[contract.alias] == nil { index[contract.alias] = position }
        }
        return index
    }

    /// The contract with this document number or alias.
    public func find(_ key: String) -> Contract? {
        index[key].map { contracts[$0] }
    }

    /// The place in `contracts` of the contract with this number or alias.
    func position(of key: String) -> Int? { index[key] }

    /// The contract with this number or alias, behind its reference.
    public func box(_ key: String) -> Box? {
        index[key].map { boxes[$0] }
    }
}

public enum ContractLoader {
    /// Loads every `*.json` file of `folder`, sorted by file name. Collects
    /// every problem of every file before throwing, so one run reports all.
    public static func load(folder: String) throws(LoadErrors) -> ContractSet {
        let url = URL(fileURLWithPath: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw LoadErrors([LoadError(.noInput, file: folder, "no such folder (give the contract fixtures with --fixtures DIR)")])
        }
        guard isDirectory.boolValue else {
            throw LoadErrors([LoadError(.badData, file: folder, "is a file, expected a folder of contract fixtures")])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw LoadErrors([LoadError(.io, file: folder, "cannot be listed: \(error.localizedDescription)")])
        }
        guard !names.isEmpty else {
            throw LoadErrors([LoadError(.noInput, file: folder, "holds no contract fixtures (*.json)")])
        }
        let source = FolderStamp.take(folder: folder, names: names)
        var contracts: [Contract] = []
        var files: [String] = []
        var errors: [LoadError] = []
        // Each file is decoded on its own, on both cores, in name order.
        let loaded = ParallelMap.map(names, chunk: 64, step: "reading contract files") { name -> (String, Result<Contract, LoadErrors>) in
            let display = (folder as NSString).appendingPathComponent(name)
            do throws(LoadErrors) {
                return (display, .success(try loadFile(url.appendingPathComponent(name), displayName: display)))
            } catch {
                return (display, .failure(error))
            }
        }
        for (display, outcome) in loaded {
            switch outcome {
            case .success(let contract):
                contracts.append(contract)
                files.append(display)
            case .failure(let failure):
                errors += failure.errors
            }
        }
        errors += duplicates(contracts, files: files)
        guard errors.isEmpty else { throw LoadErrors(errors) }
        var set = ContractSet(contracts: contracts, folder: folder)
        set.source = source
        set.files = files.map { ($0 as NSString).lastPathComponent }
        return set
    }

    /// Loads and validates one fixture file.
    public static func loadFile(_ url: URL, displayName: String) throws(LoadErrors) -> Contract {
        do {
            let data = try JSONFile.read(url, displayName: displayName)
            return try decode(data, file: displayName)
        } catch let error as LoadError {
            throw LoadErrors([error])
        } catch let error as LoadErrors {
            throw error
        } catch {
            throw LoadErrors([LoadError(.badData, file: displayName, "\(error)")])
        }
    }

    /// The published fixture schema, embedded (Schema/contract.schema.json).
    static let schema: SchemaValidator? = (try? JSONParser.parse(Array(BuiltinSchema.json.utf8))).map(SchemaValidator.init)

    /// The paths of a fixture's documentary values (see the schema's
    /// `x-documentary`): shown by `diff`, read by no computation.
    public static func documentaryPaths(in node: JSONNode) -> [String] {
        schema?.documentaryPaths(in: node) ?? []
    }

    /// Parses, checks against the schema, decodes and validates fixture
    /// text. Syntax errors stop at the first; structural and semantic
    /// problems are all collected.
    public static func decode(_ data: Data, file: String) throws(LoadErrors) -> Contract {
        let node: JSONNode
        do {
            node = try JSONFile.parse(data, file: file)
        } catch {
            throw LoadErrors([error])
        }
        if let schema {
            let problems = schema.problems(in: node).map { LoadError(.badData, file: file, location: $0.path, $0.message) }
            guard problems.isEmpty else { throw LoadErrors(problems) }
        }
        let contract: Contract
        do {
            contract = try JSONFile.decodeTree(Contract.self, from: node, data: data, file: file)
        } catch {
            throw LoadErrors([error])
        }
        let problems = ContractValidator.problems(in: contract).map {
            LoadError(.badData, file: file, location: $0.path, $0.message)
        }
        guard problems.isEmpty else { throw LoadErrors(problems) }
        if !DateHorizon.cannotReach(node), let finding = DateHorizon.beyond([contract], ledger: .empty) {
            throw LoadErrors([LoadError(.badData, file: file, DateHorizon.message(finding, from: "the terms"))])
        }
        return contract
    }

    static func duplicates(_ contracts: [Contract], files: [String]) -> [LoadError] {
        var errors: [LoadError] = []
        var seen: [String: (file: String, contract: Int)] = [:]   // id or alias -> where first
        for (position, (contract, file)) in zip(contracts, files).enumerated() {
            for (key, path) in [(contract.id, "$.id"), (contract.alias, "$.alias")] {
                if let other = seen[key] {
                    // An id equal to the contract's own alias names it twice, not two contracts.
                    guard other.contract != position else { continue }
                    errors.append(LoadError(.badData, file: file, location: path, "\"\(key)\" is already used by \(other.file); each contract needs its own id and alias"))
                } else {
                    seen[key] = (file, position)
                }
            }
        }
        return errors
    }
}
