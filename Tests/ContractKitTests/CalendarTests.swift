import Foundation
import Testing
@testable import ContractKit

@Suite("Civil Code date rules on the official calendar")
struct CalendarTests {
    let calendar = CalendarLoader.builtin

    struct Case: CustomTestStringConvertible, Sendable {
        var start: String
        var period: Period
        var expected: String
        var provisional: Bool = false
        var rule: String
        var testDescription: String { "\(period.description) after \(start) = \(expected): \(rule)" }
    }

    @Test(arguments: [
        Case(start: "2024-11-28", period: .days(90), expected: "2025-02-26", rule: "Art. 201, the first day not counted (liyang §四 instalment 1)"),
        Case(start: "2025-11-28", period: .days(90), expected: "2026-02-26", rule: "Art. 201 (liyang §四 instalment 2, after the term's end)"),
        Case(start: "2026-05-26", period: .months(6), expected: "2026-11-26", rule: "Art. 202, the corresponding day (weinan §三.1 半年后)"),
        Case(start: "2026-01-31", period: .months(1), expected: "2026-02-28", rule: "Art. 202, no 31st in February: the month's last day"),
        Case(start: "2024-01-31", period: .months(1), expected: "2024-02-29", rule: "Art. 202 in a leap year"),
        Case(start: "2024-11-28", period: .years(1), expected: "2025-11-28", rule: "Art. 202 for a year (liyang §二 term)"),
        Case(start: "2025-09-01", period: .days(30), expected: "2025-10-09", rule: "Art. 203: 2025-10-01 is National Day, the holiday runs to 10-08"),
        Case(start: "2026-11-21", period: .days(7), expected: "2026-11-30", rule: "Art. 203: ends on Saturday 2026-11-28, moves to Monday"),
        Case(start: "2026-09-28", period: .workingDays(10), expected: "2026-10-16", rule: "working days skip National Day 10-01..07; Saturday 10-10 is an adjusted working day"),
        Case(start: "2024-09-30", period: .workingDays(5), expected: "2024-10-12", rule: "the 5th working day is Saturday 2024-10-12, an adjusted working day"),
        Case(start: "2026-02-03", period: .workingDays(10), expected: "2026-02-24", rule: "Saturday 02-14 works, Spring Festival 02-15..23 rests (qingpu §5.2.1a)"),
        Case(start: "2026-06-09", period: .workingDays(30), expected: "2026-07-22", rule: "skips the Dragon Boat holiday 06-19 (minhang §4.2(2) instalment 1)"),
        Case(start: "2026-05-26", period: .workingDays(7), expected: "2026-06-04", rule: "weinan §三.1 instalment 1"),
        Case(start: "2026-06-09", period: .workingDays(0), expected: "2026-06-09", rule: "zero working days is the day itself"),
        Case(start: "2026-12-25", period: .workingDays(10), expected: "2027-01-08", provisional: true, rule: "2027 is not in the calendar: weekends only, marked provisional"),
        Case(start: "2026-12-31", period: .days(1), expected: "2027-01-01", provisional: true, rule: "an end in an uncovered year is provisional"),
        Case(start: "2026-12-01", period: .days(30), expected: "2026-12-31", rule: "an end inside a covered year is not provisional"),
    ])
    func periods(_ c: Case) throws {
        let start = try #require(CalendarDay(parsing: c.start))
        let result = calendar.end(of: c.period, after: start)
        #expect(result.day.description == c.expected)
        #expect(result.provisional == c.provisional)
        #expect(result.rule.contains("provisional") == c.provisional)
    }

    @Test("a user's calendar for 2027 removes the provisional mark and moves the deadline")
    func userCalendar() throws {
        let text = #"{"years": {"2027": {"holidays": [{"date": "2027-01-01", "name": "New Year's Day"}], "adjustedWorkdays": []}}}"#
        let extra = try CalendarLoader.parse(Data(text.utf8), file: "2027.json")
        let merged = calendar.overridden(by: extra)
        let start = try #require(CalendarDay(parsing: "2026-12-25"))
        let result = merged.end(of: .workingDays(10), after: start)
        #expect(result.day.description == "2027-01-11")
        #expect(!result.provisional)
        #expect(merged.covers(year: 2026) && merged.covers(year: 2027))
    }

    @Test("day kinds: holiday, adjusted working day, weekend, uncovered year")
    func dayKinds() throws {
        func kind(_ text: String) throws -> (WorkCalendar.DayKind, Bool) {
            try calendar.kind(of: #require(CalendarDay(parsing: text)))
        }
        #expect(try kind("2026-10-01").0 == .holiday("National Day 国庆节"))
        #expect(try kind("2026-10-10").0 == .adjustedWorkday("National Day 国庆节"))
        #expect(try kind("2026-11-21").0 == .weekend)
        #expect(try kind("2026-11-20").0 == .workday)
        #expect(try kind("2027-01-01") == (.workday, false))
    }

    @Test("the embedded calendar is the one in Fixtures/calendar")
    func embeddedMatchesFile() throws {
        let file = try CalendarLoader.load(path: packageRoot + "/Fixtures/calendar/cn-calendar.json")
        #expect(file.years == calendar.years)
        #expect(calendar.coveredYearsText == "2004-2026")
    }

    @Test("calendar files: a date outside its year, or both holiday and working day, is refused")
    func badCalendar() {
        let wrongYear = #"{"years": {"2027": {"holidays": [{"date": "2026-01-01"}]}}}"#
        #expect(throws: LoadError.self) { try CalendarLoader.parse(Data(wrongYear.utf8), file: "c.json") }
        let both = #"{"years": {"2027": {"holidays": [{"date": "2027-01-01"}], "adjustedWorkdays": [{"date": "2027-01-01"}]}}}"#
        #expect(throws: LoadError.self) { try CalendarLoader.parse(Data(both.utf8), file: "c.json") }
    }

    @Test(arguments: ["2026-02-30", "2026-6-9", "2026-13-01", "26-06-09", "2026-06-09T00:00", "２０２６-06-09", ""])
    func strictDates(_ text: String) {
        #expect(CalendarDay(parsing: text) == nil)
    }

    @Test("day numbers agree with the calendar around leap years and weekdays")
    func dayNumbers() throws {
        #expect(CalendarDay(parsing: "1970-01-01")?.dayNumber == 0)
        #expect(CalendarDay(parsing: "1970-01-01")?.weekday == 4)
        #expect(CalendarDay(parsing: "2026-11-21")?.weekday == 6)
        #expect(CalendarDay(parsing: "2000-02-29") != nil)
        #expect(CalendarDay(parsing: "1900-02-29") == nil)
        // Round trip every day from 2000 to 2030 through text.
        var day = try #require(CalendarDay(parsing: "2000-01-01"))
        let end = try #require(CalendarDay(parsing: "2030-12-31"))
        while day <= end {
            #expect(CalendarDay(parsing: day.description) == day)
            day = day.adding(days: 1)
        }
    }
}
