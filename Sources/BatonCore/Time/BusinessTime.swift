import Foundation

/// Business-time arithmetic on a `BusinessCalendar`: deadlines that pause outside working hours, on weekends
/// and holidays, and stay right across daylight-saving changes.
///
/// Minutes and hours count real elapsed seconds inside working windows (a window on the day clocks go back is
/// an hour longer). Days count working days: "1 business day" from Friday 15:00 is Monday 15:00 local time,
/// whatever the UTC offset did in between. Pure: the caller passes every instant in. Each local day is worked out
/// once and remembered (`LocalDays`); copies of a `BusinessTime` share that memo.
public struct BusinessTime: Sendable {
    public let calendar: BusinessCalendar
    private let days: LocalDays

    /// Fails when the calendar's time zone is unknown (the policy check prevents that).
    public init?(_ calendar: BusinessCalendar) {
        guard let days = LocalDays(calendar) else { return nil }
        self.calendar = calendar
        self.days = days
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
        let first = days.day(containing: start).number
        for number in first..<(first + Self.searchLimit) {
            for window in days.day(number).windows {
                let from = max(start, window.start)
                guard from < window.end else { continue }
                let available = window.end.timeIntervalSince(from)
                if remaining <= available { return from.addingTimeInterval(remaining) }
                remaining -= available
            }
        }
        return nil
    }

    /// The same local time `days` working days later; a start outside working hours counts from the next opening.
    public func deadline(from start: Date, addingWorkingDays count: Int) -> Date? {
        guard let opening = nextOpen(atOrAfter: start) else { return nil }
        let openingDay = days.day(containing: opening)
        let offset = Int(opening.timeIntervalSince(openingDay.start))
        var day = openingDay
        var counted = 0
        for number in (openingDay.number + 1)..<(openingDay.number + 1 + Self.searchLimit) where counted < count {
            day = days.day(number)
            if !day.windows.isEmpty { counted += 1 }
        }
        guard counted == count, let last = day.windows.last else { return nil }
        let wallClock = days.instant(on: day, hour: offset / 3600, minute: offset % 3600 / 60, second: offset % 60)
        return min(wallClock, last.end)
    }

    /// Working seconds between two instants: how long an SLA clock has run.
    public func workingSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard start < end else { return 0 }
        var total: TimeInterval = 0
        var day = days.day(containing: start)
        while day.start < end {
            for window in day.windows {
                let from = max(start, window.start), to = min(end, window.end)
                if from < to { total += to.timeIntervalSince(from) }
            }
            day = days.day(day.number + 1)
        }
        return total
    }

    /// True when `instant` falls inside working hours.
    public func isOpen(at instant: Date) -> Bool {
        days.day(containing: instant).windows.contains { $0.start <= instant && instant < $0.end }
    }

    /// `instant` itself when open, else the start of the next working window.
    public func nextOpen(atOrAfter instant: Date) -> Date? {
        let first = days.day(containing: instant).number
        for number in first..<(first + Self.searchLimit) {
            if let window = days.day(number).windows.first(where: { instant < $0.end }) { return max(instant, window.start) }
        }
        return nil
    }

    /// The same local time `count` working days before `end`: planning back from a deadline (D7).
    public func start(before end: Date, workingDays count: Int) -> Date? {
        let endDay = days.day(containing: end)
        let offset = Int(end.timeIntervalSince(endDay.start))
        var day = endDay
        var counted = 0
        var number = endDay.number - 1
        while counted < count, number > endDay.number - Self.searchLimit {
            day = days.day(number)
            if !day.windows.isEmpty { counted += 1 }
            number -= 1
        }
        guard counted == count else { return nil }
        guard count > 0, let first = day.windows.first else { return end }
        return max(days.instant(on: day, hour: offset / 3600, minute: offset % 3600 / 60, second: offset % 60), first.start)
    }

    /// The close of business on a local date written YYYY-MM-DD, or on the last working day before it when it is a
    /// day off: when work due "on" that date is late.
    public func closeOfBusiness(onISODate text: String) -> Date? {
        guard let number = LocalDays.dayNumber(isoDate: text) else { return nil }
        for candidate in stride(from: number, to: number - Self.searchLimit, by: -1) {
            if let last = days.day(candidate).windows.last { return last.end }
        }
        return nil
    }

    /// The opening of the first working window on a local date written YYYY-MM-DD (or of the next working day).
    public func opening(onISODate text: String) -> Date? {
        guard let number = LocalDays.dayNumber(isoDate: text) else { return nil }
        return nextOpen(atOrAfter: days.day(number).start)
    }
}
