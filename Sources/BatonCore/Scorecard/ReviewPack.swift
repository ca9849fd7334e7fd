import Foundation

/// The biweekly review pack (H7, H8): exactly three sections, each this period beside the one before it.
///
/// 1. SLA performance: every SLA clock of both kinds, by kind, and speed to lead by response tier;
/// 2. disposition and rejection trends: how the leads that arrived were answered, with a suggested change to the
///    definition wherever rejections point at one (H8);
/// 3. the definition changes made since the last pack: each policy version loaded in the period, as a readable diff.
public struct ReviewPack: Sendable {
    public var start: Date
    /// The first instant after the period.
    public var end: Date
    /// The start of the period before, as long as this one.
    public var previousStart: Date
    public var sla: [Line]
    public var acceptance: Line
    public var dispositions: [Count]
    public var rejections: [Count]
    public var suggestions: [Suggestion]
    public var changes: [DefinitionChange]

    /// One figure now and in the period before.
    public struct Line: Sendable {
        public var label: String
        public var now: Figure
        public var before: Figure

        /// The change in the figure's unit (points for a share); nil unless both periods have data.
        public var change: Double? {
            guard let now = now.value, let before = before.value else { return nil }
            return now - before
        }
    }

    /// How many leads had one disposition or rejection reason, now and before.
    public struct Count: Sendable, Equatable {
        public var label: String
        public var now: Int
        public var before: Int
    }

    /// A change to the definition the rejections suggest, with the figures that suggest it.
    public struct Suggestion: Sendable, Equatable {
        public var reason: String
        public var text: String
        public var because: String
    }

    /// A policy version loaded in the period and what it changed, in words.
    public struct DefinitionChange: Sendable, Equatable {
        public var version: Int64
        public var at: Date
        public var by: String
        public var lines: [String]

        public init(version: Int64, at: Date, by: String, lines: [String]) {
            self.version = version
            self.at = at
            self.by = by
            self.lines = lines
        }
    }

    /// A reason is worth a suggestion when it is at least this share of the period's rejections (and at least
    /// `minimumRejections` of them), or grew by at least `minimumRise` points over the period before.
    public static let minimumShare = 20.0
    public static let minimumRejections = 3
    public static let minimumRise = 10.0

    /// `current` and `previous` are scorecards of this period and the one before; the journeys are those of the
    /// leads that arrived in each.
    public init(
        current: Scorecard, previous: Scorecard, journeys: [LeadJourney], previousJourneys: [LeadJourney], policy: Policy, changes: [DefinitionChange]
    ) {
        start = current.start
        end = current.end
        previousStart = previous.start
        func line(_ metric: ScorecardMetric, label: String? = nil) -> Line {
            Line(label: label ?? metric.label, now: current.row(metric)?.figure ?? Figure(metric, []), before: previous.row(metric)?.figure ?? Figure(metric, []))
        }
        func parts(_ metric: ScorecardMetric, prefix: String) -> [Line] {
            let now = current.row(metric)?.parts ?? [], before = previous.row(metric)?.parts ?? []
            let labels = Array(Set(now.map(\.label) + before.map(\.label))).sorted()
            return labels.map { label in
                Line(label: "\(prefix): \(label)", now: now.first { $0.label == label }?.figure ?? Figure(metric, []),
                     before: before.first { $0.label == label }?.figure ?? Figure(metric, []))
            }
        }
        sla = [line(.slaCompliance, label: "SLA compliance, every clock")] + parts(.slaCompliance, prefix: "SLA compliance")
            + [line(.speedToLead, label: "Speed to lead, business minutes (median)")] + parts(.speedToLead, prefix: "Speed to lead, business minutes")
        acceptance = line(.leadAcceptance)
        let known = policy.leads?.dispositions ?? []
        dispositions = Self.counts(journeys.compactMap(\.disposition), previousJourneys.compactMap(\.disposition), order: known)
        let rejected = journeys.filter { $0.rejectedAt != nil }.map { $0.rejectionReason ?? "(no reason)" }
        let rejectedBefore = previousJourneys.filter { $0.rejectedAt != nil }.map { $0.rejectionReason ?? "(no reason)" }
        rejections = Self.counts(rejected, rejectedBefore, order: policy.leads?.rejectionReasons ?? [])
        suggestions = Self.suggestions(rejections, total: rejected.count, totalBefore: rejectedBefore.count, policy: policy)
        self.changes = changes
    }

    /// Whether the period has anything to review.
    public var isEmpty: Bool {
        sla.allSatisfy { $0.now.count == 0 } && acceptance.now.count == 0 && dispositions.allSatisfy { $0.now == 0 } && changes.isEmpty
    }

    /// Counts of each label now and before: the policy's order first, then others by count.
    static func counts(_ now: [String], _ before: [String], order: [String]) -> [Count] {
        let nowCounts = Dictionary(now.map { ($0, 1) }, uniquingKeysWith: +), beforeCounts = Dictionary(before.map { ($0, 1) }, uniquingKeysWith: +)
        let others = Set(nowCounts.keys).union(beforeCounts.keys).subtracting(order).sorted { (nowCounts[$0] ?? 0, $1) > (nowCounts[$1] ?? 0, $0) }
        return (order + others).map { Count(label: $0, now: nowCounts[$0] ?? 0, before: beforeCounts[$0] ?? 0) }
            .filter { $0.now > 0 || $0.before > 0 }
    }

    static func suggestions(_ rejections: [Count], total: Int, totalBefore: Int, policy: Policy) -> [Suggestion] {
        rejections.compactMap { count in
            let share = total == 0 ? 0 : Double(count.now) / Double(total) * 100
            let shareBefore = totalBefore == 0 ? 0 : Double(count.before) / Double(totalBefore) * 100
            let frequent = count.now >= minimumRejections && share >= minimumShare
            let rising = count.now >= minimumRejections && totalBefore > 0 && share - shareBefore >= minimumRise
            guard frequent || rising else { return nil }
            let because = "\(count.now) of \(total) rejections (\(Self.percent(share))), "
                + (totalBefore == 0 ? "none the period before" : "\(count.before) of \(totalBefore) (\(Self.percent(shareBefore))) the period before")
            return Suggestion(reason: count.label, text: DefinitionFeedback.suggestion(for: count.label, policy: policy), because: because)
        }
    }

    static func percent(_ value: Double) -> String { String(format: "%.0f %%", value) }
}

/// What a frequent rejection reason suggests changing in the sales-ready definition (H8), naming the part of the
/// policy to change and, where the policy has one, its value now.
public enum DefinitionFeedback {
    public static func suggestion(for reason: String, policy: Policy) -> String {
        let scoring = policy.leads?.scoring
        switch reason {
        case "not_icp":
            return "Tighten the fit side of the definition: raise leads.scoring.minimum_fit"
                + (scoring.map { " (now \($0.minimumFit.compactText))" } ?? "") + " or add the firmographics sales rejects on to leads.scoring.fit."
        case "student_or_job_seeker":
            return "Keep students and job seekers out of sales-ready: add a fit rule on job title in leads.scoring.fit, and a counterexample in leads.scoring.examples."
        case "duplicate":
            return "Catch duplicates before routing: check the duplicate keys and window, and whether one source sends the same person twice."
        case "existing_customer":
            return "Send existing customers to their account owner rather than the SDR queue: add a routing rule ahead of the pools in leads.routing_rules."
        case "bad_data":
            return "Stop bad records at the boundary: make the fields sales needs required in leads.fields, so they go to remediation instead of sales."
        case "no_budget":
            return "Add a budget signal to the definition, or raise leads.scoring.sales_ready" + (scoring.map { " (now \($0.salesReady.compactText))" } ?? "") + " so weaker intent goes to nurture."
        case "competitor":
            return "Screen out competitors before routing: a fit rule on company domain in leads.scoring.fit."
        default:
            return "Review the definition against the '\(reason)' rejections: open the leads behind them from the scorecard's lead acceptance."
        }
    }
}
