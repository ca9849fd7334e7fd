import BatonCore
import BatonPolicy
import BatonStore
import Foundation

/// The Handoff Health Scorecard (`baton reports scorecard`, and its page), read from the lead journeys, the work
/// items a period may have touched, and the policy versions.
public struct Scorecards: Sendable {
    let store: any BatonStorage

    public init(store: any BatonStorage) { self.store = store }

    /// Weeks a scorecard covers when no period is given: this one and the twelve before it (a quarter).
    public static let defaultWeeks = 13

    /// The longest period a scorecard shows, in weeks (ten years).
    public static let maximumWeeks = 520

    /// Why a period cannot be a scorecard, or nil.
    public static func problem(with period: ReportPeriod) -> String? {
        period.end.timeIntervalSince(period.start) > Double(maximumWeeks) * 7 * 86_400
            ? "A scorecard covers at most \(maximumWeeks) weeks (ten years); choose a later from or an earlier to." : nil
    }

    /// What in a segment the policy does not know: an unknown team or handoff, with the ids it takes.
    public static func problems(with filter: ScorecardFilter, policy: Policy) -> [String] {
        var problems: [String] = []
        if let team = filter.team, policy.team(team) == nil {
            problems.append("team '\(team)' is not in the policy; expected one of \(policy.teams.map(\.id).joined(separator: ", "))")
        }
        if let handoff = filter.handoff, policy.handoff(handoff) == nil {
            problems.append("handoff '\(handoff)' is not in the policy; expected one of \(policy.handoffs.map(\.id).joined(separator: ", "))")
        }
        return problems
    }

    /// The default period: from the Monday twelve weeks before this week's, to now.
    public static func defaultFrom(now: Date) -> String {
        String(Timestamp.text(Scorecard.week(of: now).addingTimeInterval(-Double(defaultWeeks - 1) * 7 * 86_400)).prefix(10))
    }

    public func scorecard(_ period: ReportPeriod, policy: Policy, filter: ScorecardFilter = ScorecardFilter(), now: Date) async throws -> Scorecard {
        try await scorecard(period, journeys: journeys(in: period), policy: policy, filter: filter, now: now)
    }

    /// The period's lead journeys, its two halves read side by side (a large team's quarter is the longest part of
    /// a scorecard, and on PostgreSQL decoding the rows is most of it) and kept apart: a scorecard does not depend on
    /// their order, and joining them would copy every journey.
    private func journeys(in period: ReportPeriod) async throws -> [[LeadJourney]] {
        let (start, end) = (period.start, period.end)
        // An open-ended period has no middle to split at.
        guard start < end, start > Date.distantPast, end < Date.distantFuture else { return [try await store.leadJourneys(receivedFrom: start, before: end)] }
        let middle = start.addingTimeInterval(end.timeIntervalSince(start) / 2)
        async let first = store.leadJourneys(receivedFrom: start, before: middle)
        async let second = store.leadJourneys(receivedFrom: middle, before: end)
        return try await [first, second]
    }

    /// The scorecard of `period` from its lead journeys, read already (in parts, in any order): the review pack reads
    /// each period's once for both its scorecard and its own sections.
    func scorecard(_ period: ReportPeriod, journeys: [[LeadJourney]], policy: Policy, filter: ScorecardFilter = ScorecardFilter(), now: Date) async throws -> Scorecard {
        async let items = itemsChanged(since: period.start)
        // A version is stored only when the text changed, so each one marks a change of the process.
        async let versions = store.policyVersions().map { Scorecard.VersionMark(id: $0.id, at: $0.loadedAt) }
        return try await Scorecard(
            journeys: journeys, items: items, policy: policy, benchmarks: policy.benchmarks, from: period.start, to: period.end,
            filter: filter, versions: versions, asOf: now)
    }

    /// Every item changed at or after `start`: only those can hold a step dated in the period.
    private func itemsChanged(since start: Date) async throws -> [WorkItem] {
        var query = WorkQuery(limit: 500)
        query.changedSince = start
        query.sort = .created
        var items: [WorkItem] = []
        while true {
            let page = try await store.workItems(query)
            items += page
            guard page.count == query.limit else { return items }
            query.offset += query.limit
        }
    }

    /// The scorecard as text and as CSV.
    public static func text(_ scorecard: Scorecard) -> String { ScorecardText(scorecard: scorecard).summary() }
    public static func csv(_ scorecard: Scorecard) -> String { ScorecardText(scorecard: scorecard).csv() }
    /// One figure as every page writes it: "87.5 %", "3.1", "no data".
    public static func text(_ figure: Figure) -> String { ScorecardText.value(figure) }

    /// The policy last stored (the one the server runs on), for the command line.
    public static func storedPolicy(_ store: any PolicyVersionStore) async throws -> Policy? {
        guard let latest = try await store.policyVersions().max(by: { $0.id < $1.id }) else { return nil }
        return try PolicyLoader.parse(latest.source, file: latest.file).policy
    }
}
