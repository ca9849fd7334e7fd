import Foundation

/// A share: `count` of `total`, e.g. 12 accepted of 20 decided. Its percentage is nil when there is nothing to
/// divide by, so a report says "no data" instead of showing 0 % as a fact.
public struct Share: Sendable, Equatable, Codable {
    public var count: Int
    public var total: Int

    public init(_ count: Int, of total: Int) {
        self.count = count
        self.total = total
    }

    /// 0–100, or nil when `total` is 0.
    public var percent: Double? { total == 0 ? nil : Double(count) / Double(total) * 100 }
}

/// How long a set of waits took: the median and the slow tail (90th percentile), nil when there are none.
///
/// The median is the middle value, or the mean of the two middle values of an even count. The 90th percentile is
/// the nearest-rank one: the value at position ⌈0.9 × n⌉ of the values sorted ascending (1-based), so it is always a
/// wait that happened.
public struct Spread: Sendable, Equatable, Codable {
    public var count: Int
    public var median: Double?
    public var p90: Double?
    public var mean: Double?

    public init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        guard !sorted.isEmpty else { return }
        let middle = sorted.count / 2
        median = sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
        p90 = Self.nearestRank(sorted, 90)
        mean = sorted.reduce(0, +) / Double(sorted.count)
    }

    /// The `percentile`th value of `sorted` by nearest rank.
    public static func nearestRank(_ sorted: [Double], _ percentile: Int) -> Double? {
        guard !sorted.isEmpty else { return nil }
        // ⌈p × n / 100⌉ in whole numbers: 0.9 × 10 in floating point is 9.000000000000002, whose ceiling is 10.
        let rank = (percentile * sorted.count + 99) / 100
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

/// A label and how many times it occurred: a rejection reason, a failure mode, a sales person.
public struct Tally: Sendable, Equatable, Codable {
    public var label: String
    public var count: Int

    public init(_ label: String, _ count: Int) {
        self.label = label
        self.count = count
    }

    /// Occurrences of each label, most frequent first, ties by label.
    public static func of(_ labels: [String]) -> [Tally] {
        Dictionary(labels.map { ($0, 1) }, uniquingKeysWith: +).map { Tally($0.key, $0.value) }
            .sorted { ($0.count, $1.label) > ($1.count, $0.label) }
    }
}
