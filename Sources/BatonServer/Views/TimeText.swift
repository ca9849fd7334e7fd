import BatonCore
import Foundation

/// How times are shown to one person: in their working calendar's time zone, with the zone named
/// ("Fri 15 Jan 2027, 09:05 CET"), so nobody has to guess whose clock a deadline is on.
struct TimeText {
    let zone: TimeZone
    private let formatter: DateFormatter

    init(zone: TimeZone) {
        self.zone = zone
        let formatter = DateFormatter()
        // The zone's name as people there write it: English of the Americas names "EST", of Europe "CET" and "BST";
        // elsewhere the offset ("GMT+5:30").
        formatter.locale = Locale(identifier: zone.identifier.hasPrefix("America/") || zone.identifier.hasPrefix("US/") ? "en_US" : "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = "EEE d MMM yyyy, HH:mm zzz"
        self.formatter = formatter
    }

    /// The zone of the person's calendar (their own, else their team's); UTC for someone without one.
    init(person: String?, policy: Policy) {
        let calendar = person.flatMap(policy.person).flatMap(policy.calendar(forPerson:))
        self.init(zone: calendar.flatMap { TimeZone(identifier: $0.timeZone) } ?? .gmt)
    }

    /// "Fri 15 Jan 2027, 09:05 CET".
    func text(_ date: Date) -> String { formatter.string(from: date) }

    /// A time for a template: `iso` for the `datetime` attribute and countdowns, `text` for people.
    func value(_ date: Date?) -> [String: String]? {
        date.map { ["iso": Timestamp.text($0), "text": text($0)] }
    }
}
