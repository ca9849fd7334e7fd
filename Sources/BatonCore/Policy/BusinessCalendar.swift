/// A business calendar (D3): the time zone, the working hours of each weekday, and the holidays.
///
/// SLA clocks run only inside working hours; this value only describes them.
public struct BusinessCalendar: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// An IANA time zone identifier such as "Europe/Berlin".
    public var timeZone: String
    public var workingHours: [WorkingDay]
    public var holidays: [Holiday]

    public init(id: String, name: String, timeZone: String, workingHours: [WorkingDay], holidays: [Holiday]) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.workingHours = workingHours
        self.holidays = holidays
    }
}

/// Days of the week, Monday first, named as in policy files ("mon").
public enum Weekday: String, Sendable, Equatable, Codable, CaseIterable {
    case mon, tue, wed, thu, fri, sat, sun
}

/// The hours worked on one weekday, as minutes after midnight, e.g. 09:00–17:30.
public struct WorkingDay: Sendable, Equatable, Codable {
    public var day: Weekday
    public var start: ClockTime
    public var end: ClockTime

    public init(day: Weekday, start: ClockTime, end: ClockTime) {
        self.day = day
        self.start = start
        self.end = end
    }
}

/// A wall-clock time of day, "09:00".
public struct ClockTime: Sendable, Equatable, Comparable, Codable, CustomStringConvertible {
    public var minutesAfterMidnight: Int

    public init(hour: Int, minute: Int) { minutesAfterMidnight = hour * 60 + minute }

    /// Parses "HH:MM" (24-hour clock; "24:00" allowed as the end of a day).
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 24 * 60
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var description: String {
        let hour = minutesAfterMidnight / 60, minute = minutesAfterMidnight % 60
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { lhs.minutesAfterMidnight < rhs.minutesAfterMidnight }
}

/// A day off on a calendar, as an ISO date "2026-12-25".
public struct Holiday: Sendable, Equatable, Codable {
    public var date: String
    public var name: String

    public init(date: String, name: String) {
        self.date = date
        self.name = name
    }
}
