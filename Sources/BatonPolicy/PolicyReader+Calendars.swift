import BatonCore
import Foundation
import Yams

extension PolicyReader {
    func readCalendar(_ node: Node, _ path: String) -> BusinessCalendar? {
        guard let map = element(node, path, kind: "calendar") else { return nil }
        defer { map.finish() }
        let id = map.string("id") ?? ""
        let name = map.string("name") ?? id
        let timeZone = map.string("time_zone") ?? "UTC"
        if TimeZone(identifier: timeZone) == nil {
            log.add(
                "time zone '\(timeZone)' of calendar '\(id)' is unknown; expected an IANA name such as Europe/Berlin or America/New_York",
                atPath: map.childPath("time_zone"))
        }
        let hours = map.mapping("working_hours", subject: "working hours of calendar '\(id)'", required: true)
            .map(readWorkingHours) ?? []
        let holidays = map.list("holidays") { node, path in readHoliday(node, path) }
        return BusinessCalendar(id: id, name: name, timeZone: timeZone, workingHours: hours, holidays: holidays)
    }

    /// Reads `mon-fri: "09:00-17:30"`, `sat: "10:00-14:00"`: keys are a day or a range of days.
    private func readWorkingHours(_ map: YAMLMappingReader) -> [WorkingDay] {
        map.acceptAllKeys()
        var days: [WorkingDay] = []
        for entry in map.pairs {
            let key = entry.key, value = entry.value
            let keyPath = map.childPath(key)
            log.sourceMap.record(keyPath, value.position)
            guard let range = Self.days(in: key) else {
                log.add("'\(key)' is not a day or range of days; expected mon…sun or a range such as mon-fri", atPath: keyPath)
                continue
            }
            guard let text = value.string, let (start, end) = Self.hours(in: text), start < end else {
                log.add(
                    "working hours for \(key) must be a range such as \"09:00-17:30\" with the end after the start, found '\(value.string ?? value.kindName)'",
                    atPath: keyPath)
                continue
            }
            days += range.map { WorkingDay(day: $0, start: start, end: end) }
        }
        return days.sorted { Weekday.allCases.firstIndex(of: $0.day)! < Weekday.allCases.firstIndex(of: $1.day)! }
    }

    private func readHoliday(_ node: Node, _ path: String) -> Holiday? {
        guard let map = YAMLMappingReader(node, path: path, subject: "holiday", log: log) else { return nil }
        defer { map.finish() }
        let date = map.string("date") ?? ""
        if !Self.isISODate(date) {
            log.add("holiday date '\(date)' must be written YYYY-MM-DD", atPath: map.childPath("date"))
        }
        return Holiday(date: date, name: map.string("name") ?? "")
    }

    static func days(in key: String) -> [Weekday]? {
        let ends = key.lowercased().split(separator: "-").map(String.init)
        let all = Weekday.allCases
        guard (1...2).contains(ends.count), let first = Weekday(rawValue: ends[0]).flatMap(all.firstIndex(of:)),
            let last = Weekday(rawValue: ends.last!).flatMap(all.firstIndex(of:)), first <= last
        else { return nil }
        return Array(all[first...last])
    }

    static func hours(in text: String) -> (ClockTime, ClockTime)? {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = ClockTime(parsing: parts[0]), let end = ClockTime(parsing: parts[1]) else {
            return nil
        }
        return (start, end)
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
