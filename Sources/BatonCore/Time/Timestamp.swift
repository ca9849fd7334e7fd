import Foundation

/// Instants as text in UTC with milliseconds: "2026-11-22T10:00:00.000Z" as events and the API write them.
///
/// Written by hand with civil-date arithmetic: every lead writes several, and Foundation's formatters go through
/// ICU each time. Each form cuts off the fraction exactly as the formatter it replaces did, so old and new text agree.
public enum Timestamp {
    /// ISO 8601: "2026-11-22T10:00:00.000Z", milliseconds cut off as Foundation's ISO 8601 style does it: the
    /// fraction is split off on Foundation's own epoch (2001).
    public static func text(_ date: Date) -> String {
        let reference = date.timeIntervalSinceReferenceDate, whole = reference.rounded(.down)
        let milliseconds = (Int(whole) + 978_307_200) * 1000 + Int(((reference - whole) * 1000).rounded(.down))
        return text(milliseconds: milliseconds, separator: "T", suffix: "Z")
    }

    /// "2026-11-22 10:00:00.000": SQLite's date-time text as GRDB stores dates, milliseconds rounded as its
    /// `DateFormatter` does.
    public static func sqlText(_ date: Date) -> String {
        text(milliseconds: Int((date.timeIntervalSince1970 * 1000).rounded()), separator: " ", suffix: "")
    }

    /// Midnight UTC starting the day "2026-11-23"; nil when the text is not such a date.
    public static func day(_ isoDate: String) -> Date? {
        LocalDays.dayNumber(isoDate: isoDate).map { Date(timeIntervalSince1970: Double($0) * 86_400) }
    }

    /// Reads back what `text` writes ("2026-11-22T10:00:00.000Z"); nil for any other form.
    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[10] == UInt8(ascii: "T"), bytes[23] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millisecond = number(20..<23),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = LocalDays.dayNumber(year: year, month: month, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second - 978_307_200
        // Ten microseconds in, more than a Double's rounding error here, so that `text` (which cuts the fraction off)
        // writes back the same digits.
        return Date(timeIntervalSinceReferenceDate: Double(seconds) + Double(millisecond) / 1000 + 0.000_01)
    }

    private static func text(milliseconds: Int, separator: String, suffix: String) -> String {
        let (days, dayMilliseconds) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (dayNumber, inDay) = dayMilliseconds < 0 ? (days - 1, dayMilliseconds + 86_400_000) : (days, dayMilliseconds)
        let (year, month, day) = LocalDays.civilDate(dayNumber: dayNumber)
        var text = ""
        text.reserveCapacity(24)
        append(year, width: 4, to: &text)
        text += "-"
        append(month, width: 2, to: &text)
        text += "-"
        append(day, width: 2, to: &text)
        text += separator
        append(inDay / 3_600_000, width: 2, to: &text)
        text += ":"
        append(inDay / 60_000 % 60, width: 2, to: &text)
        text += ":"
        append(inDay / 1000 % 60, width: 2, to: &text)
        text += "."
        append(inDay % 1000, width: 3, to: &text)
        return text + suffix
    }

    private static func append(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
    }
}
