import Foundation
import Testing
@testable import ContractKit

/// What the document states, recorded apart from what the fixture reads into
/// it (docs/readings.md, Reading 21): keping-2024's title is only 「合同」 and
/// no clause says when it takes effect. Every expected value is worked out
/// from the seed 003_798606f6da3f1fa3.txt.
@Suite("a title or a date of effect the document does not state (Reading 21)")
struct StatedByReadingTests {
    static let seed = "/work/shared/seeds/003_798606f6da3f1fa3.txt"

    @Test("keping: the title is the document's own 「合同」 (line 3); the name the displays use is the project its preamble names (line 11)")
    func kepingTitle() throws {
        let contract = try #require(Fixture.contract("keping-2024"))
        #expect(contract.title == "合同")
        let name = try #require(contract.name)
        #expect(name.text == "新疆维吾尔自治区定点服务“全疆一张网”（第二期）项目")
        #expect(name.clause == "合同首部 前言")
        #expect(name.reading == "Reading 21")
        #expect(contract.label == name.text)
        // The other fixtures' documents print a title of their own: no name.
        for alias in ["minhang-2026", "qingpu-2026", "liyang-2024", "weinan-2026"] {
            let other = try #require(Fixture.contract(alias))
            #expect(other.name == nil && other.label == other.title, "\(alias)")
        }
    }

    @Test("the seed says what the fixture records: line 3 is 「合同」, line 11 names the project, 「柯坪县人民医院医疗云服务合同」 appears nowhere",
          .enabled(if: FileManager.default.fileExists(atPath: seed), "the seed documents are not on this machine"))
    func kepingSeed() throws {
        let text = try String(contentsOfFile: Self.seed, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        try #require(lines.count > 10, "the seed has \(lines.count) lines")
        #expect(lines[2] == "合同")
        #expect(lines[10].contains("新疆维吾尔自治区定点服务“全疆一张网”（第二期）项目-中国联合网络通信有限公司阿克苏地区分公司"))
        #expect(!text.contains("医疗云服务合同"))
        // No clause on effect: 「生效」 appears nowhere; 「效力」 only for the
        // attachments (§1.1, §12.4 「具有同等法律效力」).
        #expect(!text.contains("生效"))
        #expect(lines.filter { $0.contains("效力") }.allSatisfy { $0.contains("同等法律效力") })
    }

    @Test("keping: no clause states when it takes effect; allSigned is a reading, and with both 签订日期 lines blank no effective day follows")
    func kepingEffective() throws {
        let contract = try #require(Fixture.contract("keping-2024"))
        let effective = contract.signing.effective
        #expect(effective.rule == .allSigned && effective.stated == false && !effective.isStated)
        #expect(effective.reading == "Reading 21")
        #expect(contract.signing.effectiveDay == nil)
    }

    @Test("check: keping's name and its date of effect are info findings resting on Reading 21; no other fixture has either")
    func kepingFindings() throws {
        let findings = try DocumentChecksTests.findings("keping-2024")
        let name = findings.filter { $0.code == "name-by-reading" }
        #expect(name.map(\.clause) == ["合同首部 前言"])
        #expect(name.first?.severity == .info)
        #expect(name.first?.message.contains("the document's title is only “合同”") == true)
        #expect(name.first?.message.contains("新疆维吾尔自治区定点服务“全疆一张网”（第二期）项目, by Reading 21") == true)
        let effective = findings.filter { $0.code == "effective-by-reading" }
        #expect(effective.map(\.clause) == ["签字页"])
        #expect(effective.first?.severity == .info)
        #expect(effective.first?.message.contains("states no rule on when it takes effect") == true)
        #expect(effective.first?.message.contains("when the last party has signed (Reading 21)") == true)
        #expect(effective.first?.message.contains("no signature is dated, so the effective day is unknown") == true)
        for alias in ["minhang-2026", "qingpu-2026", "liyang-2024", "weinan-2026"] {
            let codes = try DocumentChecksTests.findings(alias).map(\.code)
            #expect(!codes.contains("name-by-reading") && !codes.contains("effective-by-reading"), "\(alias)")
        }
    }

    @Test("check: a read rule with dated signatures gives the effective day the reading yields, the last signature")
    func datedSignatures() throws {
        var contract = try #require(Fixture.contract("keping-2024"))
        contract.signing.signatures[0].date = CalendarDay(year: 2024, month: 1, day: 3)
        contract.signing.signatures[1].date = CalendarDay(year: 2024, month: 1, day: 5)
        let findings = Checks.findings(for: contract, calendar: CalendarLoader.builtin)
        let effective = try #require(findings.first { $0.code == "effective-by-reading" })
        #expect(effective.message.hasSuffix("the effective day is 2024-01-05"))
    }

    @Test("the loader refuses stated: false without a reading, and a reading with a stated rule")
    func refused() throws {
        let original = try FixtureJSON.node("keping-2024")
        let reading = FixtureJSON.steps("$.signing.effective.reading")
        let stated = FixtureJSON.steps("$.signing.effective.stated")
        let withoutReading = FixtureJSON.replacing(original, at: FixtureJSON.steps("$.signing.effective"),
                                                   with: .object([.init(key: "rule", value: .string("allSigned")), .init(key: "clause", value: .string("签字页")),
                                                                  .init(key: "stated", value: .bool(false))]))
        #expect(FixtureJSON.value(original, at: reading) == .string("Reading 21"))
        do {
            _ = try FixtureJSON.contract(withoutReading)
            Issue.record("stated: false without a reading was accepted")
        } catch let errors as LoadErrors {
            #expect(errors.description.contains("$.signing.effective"))
            #expect(errors.description.contains("\"stated\": false needs \"reading\""))
        }
        do {
            _ = try FixtureJSON.contract(FixtureJSON.replacing(original, at: stated, with: .bool(true)))
            Issue.record("a reading with a stated rule was accepted")
        } catch let errors as LoadErrors {
            #expect(errors.description.contains("$.signing.effective.reading"))
        }
    }

    @Test("diff shows the name and the effective rule's reading (a flipped stated flag is refused at load: the reading needs stated: false)")
    func diffShows() throws {
        let original = try FixtureJSON.node("keping-2024")
        let old = try FixtureJSON.contract(original)
        func change(_ path: String, _ to: JSONNode) throws -> [TermChange] {
            ContractDiff.changes(from: old, to: try FixtureJSON.contract(FixtureJSON.replacing(original, at: FixtureJSON.steps(path), with: to)))
        }
        let name = try change("$.name.text", .string("柯坪县人民医院医疗云服务合同"))
        #expect(name.count == 1 && name.first?.area == "identity" && name.first?.clause == "合同首部 前言")
        #expect(name.first?.new == "柯坪县人民医院医疗云服务合同")
        let reading = try change("$.signing.effective.reading", .string("Reading 20"))
        #expect(reading.count == 1 && reading.first?.area == "signing" && reading.first?.clause == "签字页")
        #expect(reading.first?.old == "Reading 21" && reading.first?.new == "Reading 20")
    }

    @Test("the Chinese report's timeline names keping by the recorded name, not the bare title")
    func reportLabel() throws {
        let contract = try #require(Fixture.contract("keping-2024"))
        #expect(contract.label != "合同")
        let run = try Run(["report", "--contract", "keping-2024", "--as-of", "2026-11-21", "--lang", "zh"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains(">新疆维吾尔自治区定点服务“全疆一张网”（第二期）项目<"))
    }
}
