import BatonCore
import Foundation
import Testing

@Suite("Timestamps")
struct TimestampTests {
    /// Instants from 1900 to 2099, with and without fractions of a millisecond: edge cases, then 2,000 steps of an
    /// odd length (about 37 days and a fraction of a second), the same on every run.
    let instants: [Date] = [0, -0.0004, 951_782_400.999_9, 1_795_000_000.5, -2_000_000_000.25].map(Date.init(timeIntervalSince1970:))
        + (0..<2_000).map { Date(timeIntervalSince1970: -2_200_000_000 + Double($0) * 3_135_000.123_456_7) }

    @Test("ISO 8601 text matches Foundation's ISO 8601 style")
    func iso() {
        let style = Date.ISO8601FormatStyle().year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)
        for instant in instants { #expect(Timestamp.text(instant) == instant.formatted(style), "\(instant.timeIntervalSince1970)") }
    }

    @Test("SQL text matches the format GRDB stores dates in")
    func sql() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        for instant in instants { #expect(Timestamp.sqlText(instant) == formatter.string(from: instant), "\(instant.timeIntervalSince1970)") }
    }
}
