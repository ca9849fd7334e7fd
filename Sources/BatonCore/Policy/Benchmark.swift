/// A diagnostic range for one scorecard figure (G3), e.g. lead → MQL 10–15 %: a figure outside it is flagged as a
/// signal to look at, not treated as a target. Bounds are in the figure's unit (percent, minutes, rounds, hours).
public struct Benchmark: Sendable, Equatable, Codable, Identifiable {
    public var metric: ScorecardMetric
    public var min: Double?
    public var max: Double?
    /// Where the range comes from, shown beside the flag.
    public var source: String?

    public init(metric: ScorecardMetric, min: Double?, max: Double?, source: String? = nil) {
        self.metric = metric
        self.min = min
        self.max = max
        self.source = source
    }

    public var id: String { metric.rawValue }

    /// Where a value stands against the range.
    public enum Reading: String, Sendable, Equatable {
        case below, within, above
    }

    public func reading(_ value: Double) -> Reading {
        if let min, value < min { return .below }
        if let max, value > max { return .above }
        return .within
    }

    /// The range in words: "10–15", "at least 90", "at most 5".
    public var range: String {
        switch (min, max) {
        case let (low?, high?): "\(low.compactText)–\(high.compactText)"
        case let (low?, nil): "at least \(low.compactText)"
        case let (nil, high?): "at most \(high.compactText)"
        case (nil, nil): "any"
        }
    }
}
