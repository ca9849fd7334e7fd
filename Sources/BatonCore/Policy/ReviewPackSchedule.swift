import Foundation

/// When the biweekly review pack (H7) is posted, and where: every `everyWeeks` weeks from `starting`, at `time` on
/// the named calendar's clock, to each Slack channel of `channels` (and the inboxes of admins, ops and sales
/// managers). The pack posted on a day covers the `everyWeeks` × 7 days before that day.
public struct ReviewPackSchedule: Sendable, Equatable, Codable {
    /// The day of the first pack, YYYY-MM-DD; its weekday is every pack's.
    public var starting: String
    public var everyWeeks: Int
    /// "HH:MM" on the calendar's clock.
    public var time: String
    public var calendar: String
    /// Slack channels, e.g. "#revenue-team".
    public var channels: [String]

    public init(starting: String, everyWeeks: Int = 2, time: String, calendar: String, channels: [String]) {
        self.starting = starting
        self.everyWeeks = everyWeeks
        self.time = time
        self.calendar = calendar
        self.channels = channels
    }

    /// The hour and minute of `time`, nil unless it is a time of day.
    public var hourAndMinute: (hour: Int, minute: Int)? {
        let parts = time.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return (hour, minute)
    }

    /// The latest pack time at or before `now` in `zone`; nil before the first one or when the schedule is unusable.
    public func latestSlot(atOrBefore now: Date, in zone: TimeZone) -> Date? {
        guard everyWeeks > 0, let first = slot(0, in: zone), first <= now else { return nil }
        // Near the answer by elapsed time, then step to the exact one (a DST change moves a slot by an hour).
        let period = Double(everyWeeks * 7 * 86_400)
        var index = max(Int((now.timeIntervalSince(first) / period).rounded(.down)) - 1, 0)
        while let next = slot(index + 1, in: zone), next <= now { index += 1 }
        return slot(index, in: zone)
    }

    /// The `index`th pack time: `starting` plus `index` × `everyWeeks` weeks, at `time` in `zone`.
    public func slot(_ index: Int, in zone: TimeZone) -> Date? {
        guard let (hour, minute) = hourAndMinute, let day = Timestamp.day(starting) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = calendar.dateComponents([.year, .month, .day], from: day)
        calendar.timeZone = zone
        guard let date = calendar.date(from: DateComponents(year: components.year, month: components.month, day: components.day, hour: hour, minute: minute)) else { return nil }
        return calendar.date(byAdding: .day, value: index * everyWeeks * 7, to: date)
    }

    /// The days a pack posted at `slot` covers: the `everyWeeks` × 7 whole days (UTC) before the slot's day.
    public func period(for slot: Date, in zone: TimeZone) -> (start: Date, end: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let local = calendar.dateComponents([.year, .month, .day], from: slot)
        calendar.timeZone = .gmt
        let end = calendar.date(from: local) ?? slot
        return (end.addingTimeInterval(-Double(everyWeeks * 7 * 86_400)), end)
    }
}
