import Foundation
import Testing
@testable import ContractKit

/// The page in a real browser: headless Chromium (Debian's `chromium`,
/// installed by .ci/run when absent with poppler-utils) takes a screenshot
/// of each language and prints it to PDF on A4, and poppler reads page 1 of
/// the PDF back: its text, and its pixels for the overdue red. Without
/// Chromium (or poppler, for the PDF) the tests are skipped, and the test
/// run says so.
@Suite("The HTML report in a real browser")
struct ReportBrowserTests {
    static func tool(_ names: [String]) -> String? {
        names.flatMap { ["/usr/bin/\($0)", "/usr/local/bin/\($0)"] }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let chromium = tool(["chromium", "chromium-browser"])
    static let pdftotext = tool(["pdftotext"])
    static let pdftoppm = tool(["pdftoppm"])
    static let pdfinfo = tool(["pdfinfo"])

    static func run(_ command: [String]) throws -> Run { try Run(command, shell: true) }

    static func chrome(_ arguments: [String], page: String) throws -> Run {
        try run([chromium ?? "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-pdf-header-footer",
                 "--enable-logging=stderr", "--v=0"] + arguments + ["file://\(page)"])
    }

    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "report-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    // Skipped, visibly, where Chromium is not installed: .ci/run installs it.
    @Test("each language renders, is not blank, and logs no console error", .enabled(if: chromium != nil, "chromium is not installed"),
          arguments: [HTMLReport.Language.zh, .en])
    func renders(_ language: HTMLReport.Language) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ReportTests.report(language).write(toFile: folder + "/report.html", atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><html><body></body></html>".write(toFile: folder + "/blank.html", atomically: true, encoding: .utf8)
        let report = try Self.chrome(["--window-size=1200,2400", "--screenshot=\(folder)/report.png"], page: folder + "/report.html")
        let blank = try Self.chrome(["--window-size=1200,2400", "--screenshot=\(folder)/blank.png"], page: folder + "/blank.html")
        #expect(report.code == 0 && blank.code == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/report.png"))
        let empty = try Data(contentsOf: URL(fileURLWithPath: folder + "/blank.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // A white page compresses to almost nothing; charts, text and tables do not.
        #expect(png.count > empty.count * 4, "report \(png.count) bytes, blank page \(empty.count)")
        let console = report.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "\(console)")
        // What the browser built: the Chinese page's statuses in Chinese, the English page's in English.
        let dom = try Self.chrome(["--dump-dom"], page: folder + "/report.html").stdout
        #expect(dom.contains(language == .zh ? "<td>逾期</td>" : "<td>overdue</td>"))
        #expect(!dom.contains(language == .zh ? "<td>overdue</td>" : "<td>逾期</td>"))
    }

    /// Printed on A4, page 1 holds the title, the summary and the start of
    /// the timelines, with liyang's overdue instalments drawn in red; no
    /// date is split over two lines.
    @Test("printed on A4: page 1 has the summary and the overdue red", .enabled(if: chromium != nil, "chromium is not installed"),
          .enabled(if: pdftotext != nil && pdftoppm != nil && pdfinfo != nil, "poppler-utils (pdftotext, pdftoppm, pdfinfo) is not installed"),
          arguments: [HTMLReport.Language.zh, .en])
    func printed(_ language: HTMLReport.Language) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ReportTests.report(language).write(toFile: folder + "/report.html", atomically: true, encoding: .utf8)
        let pdf = folder + "/report.pdf"
        #expect(try Self.chrome(["--print-to-pdf=\(pdf)"], page: folder + "/report.html").code == 0)
        let info = try Self.run([Self.pdfinfo ?? "pdfinfo", pdf]).stdout
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
        let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") } ?? ""
        // A4 is 210 x 297 mm, 595 x 842 points.
        #expect(size.contains("(A4)"), "\(size)")
        #expect((3...12).contains(pages), "\(pages) pages")
        let first = try Self.run([Self.pdftotext ?? "pdftotext", "-f", "1", "-l", "1", "-layout", pdf, "-"]).stdout
        let expected = language == .zh ? ["合同履约报告", "摘要", "4,288,000.00", "时间线"] : ["Contract report", "Summary", "4,288,000.00", "Timelines"]
        for text in expected { #expect(first.contains(text), "page 1 lacks \(text):\n\(first.prefix(600))") }
        // No date cut in two: a year and month at the end of a line, its day on the next.
        let all = try Self.run([Self.pdftotext ?? "pdftotext", "-layout", pdf, "-"]).stdout
        #expect(all.range(of: #"\d{4}-\d{2}-\s*\n"#, options: .regularExpression) == nil)
        // Page 1 as pixels (PPM: a text header, then RGB bytes): liyang's overdue circles and
        // the summary's overdue figure are drawn in #c0392b.
        _ = try Self.run([Self.pdftoppm ?? "pdftoppm", "-f", "1", "-l", "1", "-r", "50", pdf, folder + "/page"])
        let ppm = try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("page") && $0.hasSuffix(".ppm") }
        let pixels = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + (ppm ?? "missing.ppm")))
        // Measured at 50 dpi: 83 such pixels; 52 with the summary's figure in black, 43 with the
        // circles in blue. More than 65 needs both.
        let red = Self.count(pixels, near: (0xc0, 0x39, 0x2b))
        #expect(red > 65, "\(red) pixels of the overdue red on page 1")
    }

    /// The pixels of a binary PPM (P6, 8 bits) within 24 of a colour on each channel.
    static func count(_ ppm: Data, near colour: (Int, Int, Int)) -> Int {
        let bytes = [UInt8](ppm)
        // The header: "P6", width, height, maximum, each followed by whitespace.
        var fields = 0, index = 0
        while fields < 4, index < bytes.count {
            while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x0A { index += 1 }
            fields += 1
            index += 1
        }
        var count = 0
        var pixel = index
        while pixel + 2 < bytes.count {
            if abs(Int(bytes[pixel]) - colour.0) < 24, abs(Int(bytes[pixel + 1]) - colour.1) < 24, abs(Int(bytes[pixel + 2]) - colour.2) < 24 { count += 1 }
            pixel += 3
        }
        return count
    }
}
