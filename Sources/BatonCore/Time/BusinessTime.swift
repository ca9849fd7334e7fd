import Foundation

/// Business-time arithmetic on a `BusinessCalendar`: deadlines that pause outside working hours, on weekends
/// and holidays, and stay right across daylight-saving changes.
///
/// Minutes and hours count real elapsed seconds inside working windows (a window on the day clocks go back is
/// an hour longer). Days count working days: "1 business day" from Friday 15:00 is Monday 15:00 local time,
/// whatever the UTC offset did in between. Pure: the caller passes every instant in.
public struct BusinessTime: Sendable {
    public let calendar: BusinessCalendar
    private let gregorian: Calendar
    private let holidays: Set<String>

    /// Fails when the calendar's time zone is unknown (the policy check prevents that).
    public init?(_ calendar: BusinessCalendar) {
        guard let zone = TimeZone(identifier: calendar.timeZone) else { return nil }
        self.calendar = calendar
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        self.gregorian = gregorian
        holidays = Set(calendar.holidays.map(\.date))
    }

    /// The longest search for working time, in days; a calendar with no working hours at all never meets a deadline.
    static let searchLimit = 3660

    /// The instant `duration` of business time after `start`.
    public func deadline(from start: Date, adding duration: BusinessDuration) -> Date? {
        switch duration.unit {
        case .minutes: deadline(from: start, addingSeconds: TimeInterval(duration.amount * 60))
        case .hours: deadline(from: start, addingSeconds: TimeInterval(duration.amount * 3600))
        case .days: deadline(from: start, addingWorkingDays: duration.amount)
        }
    }

    /// The instant `seconds` of working time after `start`.
    public func deadline(from start: Date, addingSeconds seconds: TimeInterval) -> Date? {
        var remaining = seconds
        var day = gregorian.startOfDay(for: start)
        for _ in 0..<Self.searchLimit {
            for window in windows(on: day) {
                let from = max(start, window.start)
                guard from < window.end else { continue }
                let available = window.end.timeIntervalSince(from)
                if remaining <= available { return from.addingTimeInterval(remaining) }
                remaining -= available
            }
            day = nextDay(after: day)
        }
        return nil
    }

    /// The same local time `days` working days later; a start outside working hours counts from the next opening.
    public func deadline(from start: Date, addingWorkingDays days: Int) -> Date? {
        guard let opening = nextOpen(atOrAfter: start) else { return nil }
        let offset = opening.timeIntervalSince(gregorian.startOfDay(for: opening))
        var day = gregorian.startOfDay(for: opening)
        var counted = 0
        for _ in 0..<Self.searchLimit where counted < days {
            day = nextDay(after: day)
            if !windows(on: day).isEmpty { counted += 1 }
        }
        guard counted == days, let last = windows(on: day).last else { return nil }
        let wallClock = gregorian.date(
            bySettingHour: Int(offset) / 3600, minute: Int(offset) % 3600 / 60, second: Int(offset) % 60, of: day) ?? day
        return min(wallClock, last.end)
    }

    /// Working seconds between two instants: how long an SLA clock has run.
    public func workingSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard start < end else { return 0 }
        var total: TimeInterval = 0
        var day = gregorian.startOfDay(for: start)
        while day < end {
            for window in windows(on: day) {
                let from = max(start, window.start), to = min(end, window.end)
                if from < to { total += to.timeIntervalSince(from) }
            }
            day = nextDay(after: day)
        }
        return total
    }

    /// True when `instant` falls inside working hours.
    public func isOpen(at instant: Date) -> Bool {
        windows(on: gregorian.startOfDay(for: instant)).contains { $0.start <= instant && instant < $0.end }
    }

    /// `instant` itself when open, else the start of the next working window.
    public func nextOpen(atOrAfter instant: Date) -> Date? {
        var day = gregorian.startOfDay(for: instant)
        for _ in 0..<Self.searchLimit {
            if let window = windows(on: day).first(where: { instant < $0.end }) { return max(instant, window.start) }
            day = nextDay(after: day)
        }
        return nil
    }

    /// The working windows of the local day starting at `day`, as instants; none on holidays.
    func windows(on day: Date) -> [DateInterval] {
        let parts = gregorian.dateComponents([.year, .month, .day, .weekday], from: day)
        guard let year = parts.year, let month = parts.month, let date = parts.day, let weekday = parts.weekday else { return [] }
        if holidays.contains(Self.isoDate(year, month, date)) { return [] }
        let name = Self.weekdays[(weekday + 5) % 7]  // Foundation: 1 = Sunday
        return calendar.workingHours.filter { $0.day == name }.compactMap { hours in
            guard let start = instant(on: day, at: hours.start), let end = instant(on: day, at: hours.end), start < end else { return nil }
            return DateInterval(start: start, end: end)
        }.sorted { $0.start < $1.start }
    }

    private func instant(on day: Date, at time: ClockTime) -> Date? {
        if time.minutesAfterMidnight == 24 * 60 { return nextDay(after: day) }
        return gregorian.date(bySettingHour: time.minutesAfterMidnight / 60, minute: time.minutesAfterMidnight % 60, second: 0, of: day)
    }

    private func nextDay(after day: Date) -> Date {
        gregorian.date(byAdding: .day, value: 1, to: day).map { gregorian.startOfDay(for: $0) } ?? day.addingTimeInterval(86_400)
    }

    private static let weekdays: [Weekday] = [.mon, .tue, .wed, .thu, .fri, .sat, .sun]

    private static func isoDate(_ year: Int, _ month: Int, _ day: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }
}
