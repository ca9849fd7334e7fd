import Foundation

/// Where a lead's path holds the delay (H1): for each step, how long leads waited to reach it from the step
/// before — the median and the slowest 10 % (90th percentile), in minutes.
public struct SeamReport: Sendable, Equatable {
    /// One seam between two steps.
    public struct Seam: Sendable, Equatable {
        public var from: String
        public var to: String
        public var wait: Spread
    }

    public var seams: [Seam]

    /// The steps of the lead path in order, and when a journey reached each.
    static let steps: [(label: String, reached: @Sendable (LeadJourney) -> Date?)] = [
        ("Form submitted", \.submittedAt),
        ("Received", \.receivedAt),
        ("Validated", { $0.validatedAt ?? $0.remediationAt }),
        ("Scored", \.scoredAt),
        ("Routed", \.routedAt),
        ("Owner notified", \.notifiedAt),
        ("First touch", \.touchedAt),
    ]

    public init(_ journeys: [LeadJourney]) {
        seams = zip(Self.steps, Self.steps.dropFirst()).map { from, to in
            Seam(from: from.label, to: to.label, wait: Spread(journeys.compactMap { LeadMetrics.minutes(from: from.reached($0), to: to.reached($0)) }))
        }
    }

    /// The seam whose slow tail is longest: where the delay is; nil when no lead went through any.
    public var slowest: Seam? { seams.filter { $0.wait.p90 != nil }.max { $0.wait.p90! < $1.wait.p90! } }
}
