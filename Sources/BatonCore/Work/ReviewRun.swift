import Foundation

/// One review stage (E1) as an item runs it: its reviewers, how their decisions combine, and its rounds.
public struct ReviewStageRun: Sendable, Equatable, Codable {
    public var stage: String
    public var name: String
    public var reviewers: [String]
    public var rule: ReviewRule
    /// The reviewer who decides alone under `.primary`.
    public var primary: String?
    public var status: ReviewStatus
    public var rounds: [ReviewRound]

    public init(stage: String, name: String, reviewers: [String], rule: ReviewRule, primary: String?) {
        self.stage = stage
        self.name = name
        self.reviewers = reviewers
        self.rule = rule
        self.primary = primary
        status = .waiting
        rounds = []
    }

    /// The round under way or last closed.
    public var round: ReviewRound? { rounds.last }

    /// The clock of a round's time box (E5).
    public func clock(round number: Int) -> String { "review:\(stage):\(number)" }
}

/// Where a review stage stands.
public enum ReviewStatus: String, Sendable, Equatable, Codable, CaseIterable {
    case waiting
    case open
    /// Approved with edits; the creator confirms the edits are done.
    case edits
    /// Rejected; the creator reworks and resubmits, which opens the next round.
    case rework
    case approved

    public var label: String {
        switch self {
        case .waiting: "Waiting"
        case .open: "In review"
        case .edits: "Approved with edits — edits to confirm"
        case .rework: "Needs rework"
        case .approved: "Approved"
        }
    }
}

/// One round of a review stage: the decisions taken in it and its result.
public struct ReviewRound: Sendable, Equatable, Codable {
    public var number: Int
    public var openedAt: Date
    /// The end of the stage's time box (E5).
    public var due: Date?
    public var decisions: [ReviewDecision]
    public var result: ReviewVerdict?
    /// Why the round ended as it did: the rule and the decisions it combined.
    public var resultBecause: String?
    public var closedAt: Date?
    /// Edits asked for by an approval with edits, confirmed by the creator before the item moves on.
    public var edits: [String]
    public var editsConfirmedBy: String?
    public var editsConfirmedAt: Date?

    public init(number: Int, openedAt: Date, due: Date?) {
        self.number = number
        self.openedAt = openedAt
        self.due = due
        decisions = []
        edits = []
    }

    /// Decisions not revoked.
    public var standing: [ReviewDecision] { decisions.filter { $0.revokedAt == nil } }
}

/// A reviewer's decision (E2).
public struct ReviewDecision: Sendable, Equatable, Codable {
    public var reviewer: String
    public var verdict: ReviewVerdict
    /// Failure modes the decision names (A3); required on a rejection.
    public var reasons: [String]
    /// The reviewer's comments; the group's are shown together once the round has its result (E3).
    public var note: String
    /// The edits an approval with edits asks for.
    public var edits: [String]
    /// The checklist items the reviewer ticked (E4).
    public var checked: [String]
    public var at: Date
    public var revokedAt: Date?

    public init(reviewer: String, verdict: ReviewVerdict, reasons: [String], note: String, edits: [String], checked: [String], at: Date) {
        self.reviewer = reviewer
        self.verdict = verdict
        self.reasons = reasons
        self.note = note
        self.edits = edits
        self.checked = checked
        self.at = at
    }
}

/// Approve, Approve with edits, or Reject.
public enum ReviewVerdict: String, Sendable, Equatable, Codable, CaseIterable {
    case approve
    case approveWithEdits = "approve_with_edits"
    case reject

    public var label: String {
        switch self {
        case .approve: "Approve"
        case .approveWithEdits: "Approve with edits"
        case .reject: "Reject"
        }
    }
}

/// How several reviewers' decisions make one result (E2), the one rule for every stage:
/// any rejection → rework; else any approval with edits → approved with edits; else approved.
public enum ReviewOutcome {
    public static func combine(_ verdicts: [ReviewVerdict]) -> ReviewVerdict? {
        guard !verdicts.isEmpty else { return nil }
        if verdicts.contains(.reject) { return .reject }
        if verdicts.contains(.approveWithEdits) { return .approveWithEdits }
        return .approve
    }

    /// The result of a round under the stage's rule, once it has one, with the reason in words.
    public static func result(of stage: ReviewStageRun, round: ReviewRound) -> (ReviewVerdict, String)? {
        let standing = round.standing
        switch stage.rule {
        case .any:
            guard let first = standing.first else { return nil }
            return (first.verdict, "one decision is enough: \(first.reviewer) decided \(first.verdict.label.lowercased())")
        case .primary:
            guard let primary = stage.primary, let decision = standing.last(where: { $0.reviewer == primary }) else { return nil }
            return (decision.verdict, "the primary reviewer \(primary) decided \(decision.verdict.label.lowercased())")
        case .all:
            let deciders = Set(standing.map(\.reviewer))
            guard Set(stage.reviewers).isSubset(of: deciders), let verdict = combine(standing.map(\.verdict)) else { return nil }
            let parts = standing.map { "\($0.reviewer): \($0.verdict.label.lowercased())" }.joined(separator: ", ")
            return (verdict, "all reviewers decided (\(parts)); any reject means rework, else any edits mean approve with edits")
        }
    }
}
