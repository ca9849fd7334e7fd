import BatonCore
import Foundation

/// The days a report covers, as a person gives them: `from` and `to` are ISO dates (UTC), both included. Without
/// `from` a report starts at the beginning of the record; without `to` it ends with today.
public struct ReportPeriod: Sendable, Equatable {
    public var start: Date
    /// The first instant after the period.
    public var end: Date

    /// The period from `start` up to (not including) `end`.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public init(from: String?, to: String?, now: Date) throws(Problem) {
        start = try from.map { text throws(Problem) in try Self.day(text, name: "from") } ?? Date(timeIntervalSince1970: 0)
        end = try (to.map { text throws(Problem) in try Self.day(text, name: "to") } ?? Self.startOfDay(now)).addingTimeInterval(86_400)
        guard start < end else { throw Problem(description: "The period is empty: from \(from ?? "the beginning") is not before to \(to ?? "now").") }
    }

    /// Midnight UTC of the day `date` falls on.
    static func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    private static func day(_ text: String, name: String) throws(Problem) -> Date {
        guard let day = Timestamp.day(text) else {
            throw Problem(description: "\(name) \"\(text)\" is not a date; expected YYYY-MM-DD, e.g. 2026-11-01.")
        }
        return day
    }

    /// A period that cannot be used, in words.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }
}
