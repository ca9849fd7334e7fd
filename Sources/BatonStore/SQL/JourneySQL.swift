import BatonCore
import Foundation

/// The `lead_journey` table both stores keep: one row per lead, its `LeadJourney` in plain columns (times as
/// milliseconds since 1970) so that a report over a quarter reads numbers, not JSON. Kept up to date as events are
/// written (`fold`), and rebuilt from the event log by `baton reports rebuild`.
enum JourneySQL {
    /// Every column after `id`, in the order the migrations create them and `selection` reads them, each with the
    /// part of the journey it holds, handed to `columns` in place: one list that names the columns, writes a row and
    /// reads one, with no key path or table to look up per cell.
    static func visit(_ journey: inout LeadJourney, _ columns: inout some JourneyColumns) throws {
        try columns.text("intake", &journey.intake)
        try columns.text("source", &journey.source)
        try columns.text("channel", &journey.channel)
        try columns.text("campaign", &journey.campaign)
        try columns.number("completeness", &journey.completeness)
        try columns.version("policy_version", &journey.policyVersion)
        try columns.time("submitted_ms", &journey.submittedAt)
        try columns.time("received_ms", &journey.receivedAt)
        try columns.time("validated_ms", &journey.validatedAt)
        try columns.time("remediation_ms", &journey.remediationAt)
        try columns.time("scored_ms", &journey.scoredAt)
        try columns.time("qualified_ms", &journey.qualifiedAt)
        try columns.time("nurture_ms", &journey.nurtureAt)
        try columns.text("tier", &journey.tier)
        try columns.text("rule", &journey.rule)
        try columns.time("routed_ms", &journey.routedAt)
        try columns.time("assigned_ms", &journey.assignedAt)
        try columns.text("owner", &journey.owner)
        try columns.time("response_due_ms", &journey.responseDue)
        try columns.count("reassignments", &journey.reassignments)
        try columns.time("notified_ms", &journey.notifiedAt)
        try columns.time("touched_ms", &journey.touchedAt)
        try columns.text("touched_by", &journey.touchedBy)
        try columns.number("touch_business_seconds", &journey.touchBusinessSeconds)
        try columns.flag("touch_within_sla", &journey.touchWithinSLA)
        try columns.time("breached_ms", &journey.breachedAt)
        try columns.time("accepted_ms", &journey.acceptedAt)
        try columns.time("rejected_ms", &journey.rejectedAt)
        try columns.text("rejection_reason", &journey.rejectionReason)
        try columns.text("disposition", &journey.disposition)
        try columns.time("disposition_ms", &journey.dispositionAt)
        try columns.time("opportunity_ms", &journey.opportunityAt)
        try columns.count("opportunities", &journey.opportunities)
        try columns.time("won_ms", &journey.wonAt)
        try columns.count("won", &journey.won)
        try columns.amount("won_amount", &journey.wonAmount)
        try columns.time("lost_ms", &journey.lostAt)
        try columns.list("deal_people", &journey.dealPeople)
        try columns.time("updated_ms", &journey.updatedAt)
    }

    /// Every column after `id` with the kind of value it holds, in order.
    static let columns: [(name: String, kind: ColumnKind)] = {
        var names = ColumnNames()
        var journey = LeadJourney(leadID: 0)
        try? visit(&journey, &names)
        return names.columns
    }()

    /// "id, intake, source, …": the columns `journey(_:)` reads, in order.
    static let selection = (["id"] + columns.map(\.name)).joined(separator: ", ")

    /// The ids of the leads that arrived in a range of milliseconds, in arrival order (ties by id).
    static let arrivals = "SELECT id FROM lead_journey WHERE received_ms >= ? AND received_ms < ? ORDER BY received_ms, id"

    /// The journey's columns and values, id first.
    static func row(_ journey: LeadJourney) -> [(String, SQLValue?)] {
        var writer = RowWriter(values: [("id", .integer(journey.leadID))])
        var journey = journey
        try? visit(&journey, &writer)
        return writer.values
    }

    /// Writes journeys, replacing the rows of leads that have one; in chunks that stay under both databases' limit
    /// of bound values.
    static func upserts(_ journeys: [LeadJourney]) -> [SQLStatement] {
        journeys.chunks(of: 500).map { StoredRecord.insert("lead_journey", rows: $0.map(row), upsert: true) }
    }

    /// A journey from a row read with `selection`.
    static func journey(_ cells: some JourneyCells) throws -> LeadJourney {
        var journey = LeadJourney(leadID: try cells.integer(0) ?? 0)
        var reader = CellReader(cells: cells)
        try visit(&journey, &reader)
        return journey
    }

    /// The leads `events` are about, with the events that change their journeys, in order.
    static func touched(by events: [NewEvent]) -> [Int64: [NewEvent]] {
        var touched: [Int64: [NewEvent]] = [:]
        for event in events where LeadJourney.folds(event.type) {
            guard let id = LeadRecord.id(inSubject: event.subject) else { continue }
            touched[id, default: []].append(event)
        }
        return touched
    }

    /// `stored` journeys (absent for a new lead) moved on by `events`.
    static func fold(_ events: [Int64: [NewEvent]], into stored: [Int64: LeadJourney]) -> [LeadJourney] {
        events.sorted { $0.key < $1.key }.map { id, events in
            var journey = stored[id] ?? LeadJourney(leadID: id)
            for event in events { journey.apply(event) }
            return journey
        }
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
