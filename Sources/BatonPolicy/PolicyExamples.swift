import BatonCore
import Foundation

/// Runs the sales-ready definition's examples and counterexamples like unit tests (H2, X1): each example lead
/// goes through validation, readiness and scoring, and its verdict is compared with the one the policy expects.
public struct PolicyExamples: Sendable {
    /// One example's outcome, with the criteria that decided it.
    public struct Result: Sendable, Equatable {
        public let example: ScoringExample
        public let verdict: LeadVerdict
        public var passed: Bool { verdict == example.expect }
        /// The deciding reason, e.g. "fit 25 is below the ICP minimum of 30".
        public let because: String
        /// The criteria that gave points, e.g. "mid-market +20 (company_size 50–5000)".
        public let criteria: [String]
    }

    public let policy: Policy

    public init(policy: Policy) { self.policy = policy }

    /// Judges every example as of `now`; activities are dated their `days_ago` before it.
    public func run(at now: Date) -> [Result] {
        let pipeline = LeadPipeline(policy: policy)
        return (policy.leads?.scoring?.examples ?? []).map { example in
            let submission = LeadSubmission(
                source: "policy_test", fields: example.fields,
                activities: example.activities.map {
                    LeadActivity(kind: $0.kind, at: now.addingTimeInterval(-$0.daysAgo * 86_400), minutes: $0.minutes)
                })
            let (decision, _) = pipeline.decide(submission, at: now, state: RoutingState())
            return Result(
                example: example, verdict: decision.score.verdict, because: decision.because,
                criteria: decision.score.lines.map { "\($0.criterion) +\($0.points.compactText) (\($0.because))" })
        }
    }
}
