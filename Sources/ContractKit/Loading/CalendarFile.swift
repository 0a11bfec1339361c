import Foundation

/// The calendar file format: the one `../shared/data/cn-calendar.json` uses,
/// and the one `--calendar FILE` takes to add or replace years.
struct CalendarFile: Codable {
    struct Entry: Codable, Sendable {
        var date: CalendarDay
        var name: String?
        var nameZh: String?
    }
    struct Year: Codable {
        @DefaultEmpty var holidays: [Entry]
        @DefaultEmpty var adjustedWorkdays: [Entry]
    }
    var years: [String: Year]
}

public enum CalendarLoader {
    /// The official calendar 2004-2026 that ships with contractctl.
    public static let builtin: WorkCalendar = {
        do {
            return try parse(Data(BuiltinCalendar.json.utf8), file: "built-in calendar")
        } catch {
            // The embedded text is checked by the tests; an empty calendar
            // here would only make every date provisional, never wrong.
            return WorkCalendar(years: [:])
        }
    }()

    /// Reads a calendar file; its years add to or replace the built-in ones.
    public static func load(path: String) throws(LoadError) -> WorkCalendar {
        let data = try JSONFile.read(URL(fileURLWithPath: path), displayName: path)
        return try parse(data, file: path)
    }

    public static func parse(_ data: Data, file: String) throws(LoadError) -> WorkCalendar {
        let raw = try JSONFile.load(CalendarFile.self, from: data, file: file)
        var years: [Int: WorkCalendar.Year] = [:]
        for (key, year) in raw.years.sorted(by: { $0.key < $1.key }) {
            guard let number = Int(key), key.count == 4 else {
                throw LoadError(.badData, file: file, location: "$.years.\(key)", "\"\(key)\": expected a four-digit year")
            }
            var result = WorkCalendar.Year()
            for (list, entries) in [("holidays", year.holidays), ("adjustedWorkdays", year.adjustedWorkdays)] {
                var listed: [Int: Int] = [:]   // day number -> first index in this list
                for (index, entry) in entries.enumerated() {
                    let location = "$.years.\(key).\(list)[\(index)].date"
                    guard entry.date.year == number else {
                        throw LoadError(.badData, file: file, location: location, "\(entry.date) is not in \(key)")
                    }
                    // A day listed twice is a copy-paste slip that may hide a
                    // day meant instead: say where, rather than pass it.
                    if let first = listed[entry.date.dayNumber] {
                        throw LoadError(.badData, file: file, location: location, "\(entry.date) is listed twice: it is already $.years.\(key).\(list)[\(first)]")
                    }
                    listed[entry.date.dayNumber] = index
                    let name = [entry.name, entry.nameZh].compactMap { $0 }.joined(separator: " ")
                    if list == "holidays" {
                        result.holidays[entry.date.dayNumber] = name
                    } else {
                        guard result.holidays[entry.date.dayNumber] == nil else {
                            throw LoadError(.badData, file: file, location: location, "\(entry.date) is listed both as a holiday and as an adjusted working day")
                        }
                        result.adjustedWorkdays[entry.date.dayNumber] = name
                    }
                }
            }
            years[number] = result
        }
        return WorkCalendar(years: years)
    }
}
