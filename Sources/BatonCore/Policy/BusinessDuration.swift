import Foundation

/// A length of business time: minutes, hours or days counted on a business calendar.
///
/// Written in policy files as `30m`, `4h` or `2d`; a day is one working day of the calendar, not 24 hours.
public struct BusinessDuration: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// The unit a duration was written in; kept so that it is shown back the same way.
    public enum Unit: String, Sendable, Codable {
        case minutes = "m"
        case hours = "h"
        case days = "d"
    }

    public var amount: Int
    public var unit: Unit

    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// Parses `30m`, `4h`, `2d` (also `30 minutes`, `4 hours`, `2 days`, `1 business day`).
    public init?(parsing text: String) {
        let lowered = text.lowercased().replacingOccurrences(of: "business", with: "")
        let digits = lowered.prefix { $0.isNumber }
        let rest = lowered.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let amount = Int(digits), amount >= 0 else { return nil }
        switch rest {
        case "m", "min", "mins", "minute", "minutes": self.init(amount, .minutes)
        case "h", "hr", "hrs", "hour", "hours": self.init(amount, .hours)
        case "d", "day", "days": self.init(amount, .days)
        default: return nil
        }
    }

    /// The compact form used in policy files: "4h".
    public var compact: String { "\(amount)\(unit.rawValue)" }

    /// The form people read: "2 business days", "5 business minutes".
    public var description: String {
        let noun: String
        switch unit {
        case .minutes: noun = amount == 1 ? "minute" : "minutes"
        case .hours: noun = amount == 1 ? "hour" : "hours"
        case .days: noun = amount == 1 ? "day" : "days"
        }
        return "\(amount) business \(noun)"
    }
}
