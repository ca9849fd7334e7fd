import BatonCore
import Foundation

extension Date {
    /// The date as GRDB stores it ("2026-11-22 10:00:00.000", UTC), written without GRDB's `DateFormatter`: for the
    /// statements every lead runs. Reads back as a `Date` like any stored date.
    var sqlText: String { Timestamp.sqlText(self) }
}
