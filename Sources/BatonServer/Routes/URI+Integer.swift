import Hummingbird
import HummingbirdCore

extension URI {
    /// A whole-number query parameter within `range`, `fallback` when absent; anything else is a 400 naming the
    /// parameter and what it takes.
    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        let values = queryParameters[values: Substring(name)]
        guard let text = values.last.map(String.init), !text.isEmpty else { return fallback }
        guard values.count == 1, let number = Int(text), range.contains(number) else {
            throw AppError.badRequest("Unknown \(name).", details: ["\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound)"])
        }
        return number
    }
}
