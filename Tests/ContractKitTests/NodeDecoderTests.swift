import Foundation
import Testing
@testable import ContractKit

/// The tree decoder must read a fixture exactly as `JSONDecoder` reads its
/// bytes, and must refuse (so that `JSONDecoder` decides) wherever it could
/// read a value differently.
@Suite("Contracts decode from the parsed tree as JSONDecoder reads them")
struct NodeDecoderTests {
    static let fixtureNames = ["keping-2024", "liyang-2024", "minhang-2026", "qingpu-2026", "weinan-2026"]

    /// Both decodings, written back with sorted keys, byte for byte.
    @Test("each bundled contract decodes to the same terms both ways", arguments: fixtureNames)
    func sameTerms(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturesFolder + "/\(name).json"))
        let node = try JSONParser.parse(Array(data))
        let fromTree = try JSONNodeDecoder.decode(Contract.self, from: node)
        let fromBytes = try JSONDecoder().decode(Contract.self, from: data)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(fromTree) == encoder.encode(fromBytes))
    }

    struct Sample: Codable, Equatable {
        var count: Int
        var label: String?
        @DefaultEmpty var tags: [String]
        var nested: [[Int]]?
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var json: String
        /// nil: the tree decoder refuses, and `JSONDecoder` decides.
        var expected: String?
        var testDescription: String { json }
    }

    @Test("what the tree decoder reads, and what it leaves to JSONDecoder", arguments: [
        Case(json: #"{"count": 3}"#, expected: "3||"),
        Case(json: #"{"count": -3, "label": null, "tags": null}"#, expected: "-3||"),
        Case(json: #"{"count": 0, "label": "a", "tags": ["x", "y"], "nested": [[1], []]}"#, expected: "0|a|x,y"),
        // An integer with a fraction or an exponent: JSONDecoder's own reading applies.
        Case(json: #"{"count": 1.0}"#, expected: nil),
        Case(json: #"{"count": 1e2}"#, expected: nil),
        Case(json: #"{"count": 99999999999999999999}"#, expected: nil),
        Case(json: #"{"count": "3"}"#, expected: nil),
        Case(json: #"{"label": "a"}"#, expected: nil),
        Case(json: #"{"count": 3, "tags": "x"}"#, expected: nil),
        Case(json: #"[1]"#, expected: nil),
    ])
    func reads(_ c: Case) throws {
        let node = try JSONParser.parse(Array(c.json.utf8))
        let decoded = try? JSONNodeDecoder.decode(Sample.self, from: node)
        #expect(decoded.map { "\($0.count)|\($0.label ?? "")|\($0.tags.joined(separator: ","))" } == c.expected)
        if let decoded {
            #expect(try JSONDecoder().decode(Sample.self, from: Data(c.json.utf8)) == decoded)
        }
    }

    @Test("a refused tree falls back to JSONDecoder's message")
    func fallbackMessage() throws {
        let json = #"{"count": 3, "tags": "x"}"#
        let data = Data(json.utf8)
        let node = try JSONParser.parse(Array(data))
        #expect(throws: LoadError.self) { try JSONFile.decodeTree(Sample.self, from: node, data: data, file: "s.json") }
        do {
            _ = try JSONFile.decodeTree(Sample.self, from: node, data: data, file: "s.json")
        } catch {
            #expect(error.description == "s.json: $.tags: expected an array, found a string")
        }
    }
}
