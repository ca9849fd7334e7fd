import Foundation

/// One thing a scorecard figure counts: a brief accepted or returned, a clock met or missed, a lead touched after
/// so many minutes. Every figure is an aggregate of observations, so every figure can list the items behind it.
public struct Observation: Sendable, Equatable {
    /// What is observed: a lead or a work item.
    public enum Subject: Sendable, Hashable {
        case lead(Int64)
        case work(Int64)
    }

    public var metric: ScorecardMetric
    public var subject: Subject
    /// When it counts: the date that places it in a period and a week (the metric's definition says which).
    public var at: Date
    /// 1 or 0 for a share (met or not), else the amount (minutes, hours, rounds).
    public var value: Double
    /// The part of the figure it belongs to: a stage for cycle time, a kind of clock for SLA compliance.
    public var group: String?
    /// Why it is what it is: the failure modes of a return, the reason of a rejection, the gate bypassed.
    public var reasons: [String]

    public init(_ metric: ScorecardMetric, _ subject: Subject, at: Date, value: Double, group: String? = nil, reasons: [String] = []) {
        self.metric = metric
        self.subject = subject
        self.at = at
        self.value = value
        self.group = group
        self.reasons = reasons
    }

    /// An observation of a share: `hit` is 1, else 0.
    public init(_ metric: ScorecardMetric, _ subject: Subject, at: Date, hit: Bool, group: String? = nil, reasons: [String] = []) {
        self.init(metric, subject, at: at, value: hit ? 1 : 0, group: group, reasons: reasons)
    }

    public var isHit: Bool { value == 1 }
}
