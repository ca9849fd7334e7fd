import Foundation

/// The lead KPIs (G2, H1, H3, H5, H8), each with one definition, over the journeys of the leads that arrived in a
/// period (the cohort). Outcomes count whenever they arrived. `docs/metrics.md` gives every formula.
public struct LeadMetrics: Sendable, Equatable {
    /// Leads that arrived in the period.
    public var leads: Int
    /// Leads that became sales-ready (MQL) of all leads.
    public var leadToMQL: Share
    /// Leads sales accepted of the leads sales decided (accepted + rejected).
    public var acceptance: Share
    /// Rejections by reason code, most frequent first (ties by code).
    public var rejectionReasons: [Tally]
    /// Arrival → first touch in the toucher's business minutes and in wall-clock minutes, over touched leads.
    public var speedToLeadBusiness: Spread
    public var speedToLeadWall: Spread
    /// Leads given to an owner whose response deadline has passed (as of the report) without a first touch, of all
    /// leads given to an owner whose deadline has passed or who were touched.
    public var neverTouched: Share
    /// First touches by the response deadline, of leads given to an owner whose deadline has passed or who were
    /// touched.
    public var responseSLA: Share
    /// Arrival → the owner notified (system delay) and notified → first touch (human delay), in minutes.
    public var systemDelay: Spread
    public var humanDelay: Spread
    /// Accepted (SQL) of MQLs, and accepted leads with an opportunity of accepted leads.
    public var mqlToSQL: Share
    public var sqlToOpportunity: Share
    /// Leads with a won deal of all leads.
    public var conversion: Share
    /// Mean context completeness (percent) of the MQLs, nil without MQLs (H5).
    public var contextCompleteness: Double?

    public init(_ journeys: [LeadJourney], asOf now: Date) {
        leads = journeys.count
        let mqls = journeys.filter { $0.qualifiedAt != nil }
        let accepted = journeys.filter { $0.acceptedAt != nil }
        let rejected = journeys.filter { $0.rejectedAt != nil }
        leadToMQL = Share(mqls.count, of: leads)
        acceptance = Share(accepted.count, of: accepted.count + rejected.count)
        rejectionReasons = Tally.of(rejected.map { $0.rejectionReason ?? "(no reason)" })
        let touched = journeys.filter { $0.touchedAt != nil }
        speedToLeadWall = Spread(touched.compactMap { Self.minutes(from: $0.receivedAt, to: $0.touchedAt) })
        speedToLeadBusiness = Spread(touched.compactMap { $0.touchBusinessSeconds.map { Double($0) / 60 } })
        let due = journeys.filter { $0.responseIsDue(asOf: now) }
        neverTouched = Share(due.filter { $0.touchedAt == nil }.count, of: due.count)
        responseSLA = Share(due.filter(\.metResponseDeadline).count, of: due.count)
        systemDelay = Spread(journeys.compactMap { Self.minutes(from: $0.receivedAt, to: $0.notifiedAt) })
        humanDelay = Spread(journeys.compactMap { Self.minutes(from: $0.notifiedAt, to: $0.touchedAt) })
        mqlToSQL = Share(mqls.filter { $0.acceptedAt != nil }.count, of: mqls.count)
        sqlToOpportunity = Share(accepted.filter { $0.opportunities > 0 }.count, of: accepted.count)
        conversion = Share(journeys.filter { $0.won > 0 }.count, of: leads)
        let completeness = mqls.compactMap(\.completeness)
        contextCompleteness = completeness.isEmpty ? nil : Double(completeness.reduce(0, +)) / Double(completeness.count)
    }

    /// Minutes from one step to the next; nil unless both happened (a step recorded before the one it follows
    /// counts as no wait).
    static func minutes(from start: Date?, to end: Date?) -> Double? {
        guard let start, let end else { return nil }
        return max(end.timeIntervalSince(start), 0) / 60
    }
}
