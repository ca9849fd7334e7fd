/// One figure of the scorecard: a metric over a set of observations (a period, a week, a group), with its headline
/// value in the metric's unit, and nil when nothing was observed, so an empty week reads "no data", not 0.
public struct Figure: Sendable, Equatable {
    public var metric: ScorecardMetric
    /// For a share: how many are 1, of how many.
    public var share: Share
    /// For a median or a mean: the values' spread.
    public var spread: Spread

    public init(_ metric: ScorecardMetric, _ observations: [Observation]) {
        self.metric = metric
        share = Share(observations.count(where: \.isHit), of: observations.count)
        spread = metric.aggregate == .share ? Spread([]) : Spread(observations.map(\.value))
    }

    /// How many observations the figure is made of.
    public var count: Int { share.total }

    /// The figure in its unit: a percentage, a median or a mean.
    public var value: Double? {
        switch metric.aggregate {
        case .share: share.percent
        case .median: spread.median
        case .mean: spread.mean
        }
    }
}
