import Foundation
import Synchronization

/// One local day of a business calendar: where it starts and ends as instants, and its working windows.
struct LocalDay: Sendable {
    /// Days since 1970-01-01 of the local date.
    let number: Int
    let start: Date
    /// The start of the next local day (23 or 25 hours later on a daylight-saving change).
    let end: Date
    /// Working windows in order; none on holidays and days off.
    let windows: [DateInterval]
}

/// The local days of one time zone and working week, each worked out once with Foundation's `Calendar` and then
/// remembered, so that deadline arithmetic walks an array instead of asking ICU for every step.
///
/// Deterministic: a day's entry depends only on the calendar and the date, so the memo never changes an answer.
final class LocalDays: Sendable {
    private let gregorian: Calendar
    /// Weekday (0 = Monday) → that day's hours.
    private let hours: [[WorkingDay]]
    /// Day numbers of holidays.
    private let holidays: Set<Int>
    private let memo = Mutex<[Int: LocalDay]>([:])
    /// Entries kept before the memo is emptied; about eleven years of days.
    private static let memoLimit = 4096

    init?(_ calendar: BusinessCalendar) {
        guard let zone = TimeZone(identifier: calendar.timeZone) else { return nil }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        self.gregorian = gregorian
        hours = Weekday.allCases.map { day in calendar.workingHours.filter { $0.day == day } }
        holidays = Set(calendar.holidays.compactMap { Self.dayNumber(isoDate: $0.date) })
    }

    /// The local day containing `instant`.
    func day(containing instant: Date) -> LocalDay {
        // Time-zone offsets stay within ±14 hours, so the local date is the UTC date or a neighbour.
        let utcDay = Int((instant.timeIntervalSince1970 / 86_400).rounded(.down))
        let utc = day(utcDay)
        if instant < utc.start { return day(utcDay - 1) }
        if instant >= utc.end { return day(utcDay + 1) }
        return utc
    }

    /// The local day with this number (days since 1970-01-01).
    func day(_ number: Int) -> LocalDay {
        if let known = memo.withLock({ $0[number] }) { return known }
        let made = make(number)
        memo.withLock { days in
            if days.count >= Self.memoLimit { days.removeAll(keepingCapacity: true) }
            days[number] = made
        }
        return made
    }

    /// The instant of a wall-clock time on a local day (Foundation resolves times skipped or repeated by DST).
    func instant(on day: LocalDay, hour: Int, minute: Int, second: Int) -> Date {
        gregorian.date(bySettingHour: hour, minute: minute, second: second, of: day.start) ?? day.start
    }

    private func make(_ number: Int) -> LocalDay {
        let start = startOfDay(number), end = startOfDay(number + 1)
        guard !holidays.contains(number) else { return LocalDay(number: number, start: start, end: end, windows: []) }
        let weekday = ((number + 3) % 7 + 7) % 7  // 1970-01-01 was a Thursday
        let windows = hours[weekday].compactMap { hours -> DateInterval? in
            let from = instant(on: start, end: end, minutes: hours.start.minutesAfterMidnight)
            let to = instant(on: start, end: end, minutes: hours.end.minutesAfterMidnight)
            return from < to ? DateInterval(start: from, end: to) : nil
        }.sorted { $0.start < $1.start }
        return LocalDay(number: number, start: start, end: end, windows: windows)
    }

    private func instant(on start: Date, end: Date, minutes: Int) -> Date {
        if minutes == 24 * 60 { return end }
        return gregorian.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: start) ?? start
    }

    private func startOfDay(_ number: Int) -> Date {
        let (year, month, day) = Self.civilDate(dayNumber: number)
        let noon = gregorian.date(from: DateComponents(year: year, month: month, day: day, hour: 12)) ?? Date(timeIntervalSince1970: Double(number) * 86_400)
        return gregorian.startOfDay(for: noon)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number (Howard Hinnant's `civil_from_days`).
    static func civilDate(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day number of "2026-12-24"; nil when the text is not such a date.
    static func dayNumber(isoDate text: String) -> Int? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return dayNumber(year: parts[0], month: parts[1], day: parts[2])
    }
}
