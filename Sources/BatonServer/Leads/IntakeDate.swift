import Foundation

/// Reads the times sources send: ISO 8601 (with or without fractional seconds), epoch milliseconds (HubSpot), and
/// the `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DD` that CRM exports write (read as UTC).
enum IntakeDate {
    /// The times Baton takes: from 1900 to 2199. Anything else is a mistake in the source, and could not be stored
    /// and read back as a date.
    static let plausible = Date(timeIntervalSince1970: -2_208_988_800)...Date(timeIntervalSince1970: 7_258_118_400)

    static func parse(_ value: JSONValue) -> Date? {
        if let number = value.number { return plausibly(Date(timeIntervalSince1970: number / 1000)) }
        return value.string.flatMap(parse)
    }

    static func parse(_ raw: String) -> Date? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if let millis = Double(text), !text.contains("-") { return plausibly(Date(timeIntervalSince1970: millis / 1000)) }
        if let date = try? Date(text, strategy: .iso8601) { return plausibly(date) }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return plausibly(date) }
        return plausibly(exportFormats.lazy.compactMap { try? Date(text, strategy: $0) }.first)
    }

    /// The date when it lies in `plausible`. NaN is refused first: every comparison with it is false, so a range's
    /// `contains` (which asks "not below the lower bound and not above the upper") would let it through.
    private static func plausibly(_ date: Date?) -> Date? {
        date.flatMap { $0.timeIntervalSince1970.isFinite && plausible.contains($0) ? $0 : nil }
    }

    /// The example shown when a time cannot be read.
    static let expected = "an ISO 8601 time between 1900 and 2199, such as 2026-11-23T09:30:00Z"

    private static let exportFormats: [Date.ParseStrategy] = {
        let day: Date.FormatString = "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)"
        let minutes: Date.FormatString = "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)"
        let seconds: Date.FormatString = "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)"
        return [seconds, minutes, day].map { Date.ParseStrategy(format: $0, locale: Locale(identifier: "en_US_POSIX"), timeZone: .gmt) }
    }()
}
