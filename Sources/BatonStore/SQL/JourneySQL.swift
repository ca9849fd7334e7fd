import BatonCore
import Foundation

/// The `lead_journey` table both stores keep: one row per lead, its `LeadJourney` in plain columns (times as
/// milliseconds since 1970) so that a report over a quarter reads numbers, not JSON. Kept up to date as events are
/// written (`fold`), and rebuilt from the event log by `baton reports rebuild`.
enum JourneySQL {
    /// How one column holds one part of the journey.
    enum Part {
        case text(WritableKeyPath<LeadJourney, String?>)
        case time(WritableKeyPath<LeadJourney, Date?>)
        case number(WritableKeyPath<LeadJourney, Int?>)
        case count(WritableKeyPath<LeadJourney, Int>)
        case version(WritableKeyPath<LeadJourney, Int64?>)
        case amount(WritableKeyPath<LeadJourney, Double>)
        case flag(WritableKeyPath<LeadJourney, Bool?>)
        case list(WritableKeyPath<LeadJourney, [String]>)
    }

    /// Every column after `id`, in the order the migrations create them and `select` reads them.
    nonisolated(unsafe) static let parts: [(column: String, part: Part)] = [
        ("intake", .text(\.intake)), ("source", .text(\.source)), ("channel", .text(\.channel)), ("campaign", .text(\.campaign)),
        ("completeness", .number(\.completeness)), ("policy_version", .version(\.policyVersion)),
        ("submitted_ms", .time(\.submittedAt)), ("received_ms", .time(\.receivedAt)), ("validated_ms", .time(\.validatedAt)),
        ("remediation_ms", .time(\.remediationAt)), ("scored_ms", .time(\.scoredAt)), ("qualified_ms", .time(\.qualifiedAt)),
        ("nurture_ms", .time(\.nurtureAt)), ("tier", .text(\.tier)), ("rule", .text(\.rule)), ("routed_ms", .time(\.routedAt)),
        ("assigned_ms", .time(\.assignedAt)), ("owner", .text(\.owner)), ("response_due_ms", .time(\.responseDue)),
        ("reassignments", .count(\.reassignments)), ("notified_ms", .time(\.notifiedAt)), ("touched_ms", .time(\.touchedAt)),
        ("touched_by", .text(\.touchedBy)), ("touch_business_seconds", .number(\.touchBusinessSeconds)),
        ("touch_within_sla", .flag(\.touchWithinSLA)), ("breached_ms", .time(\.breachedAt)), ("accepted_ms", .time(\.acceptedAt)),
        ("rejected_ms", .time(\.rejectedAt)), ("rejection_reason", .text(\.rejectionReason)), ("disposition", .text(\.disposition)),
        ("disposition_ms", .time(\.dispositionAt)), ("opportunity_ms", .time(\.opportunityAt)), ("opportunities", .count(\.opportunities)),
        ("won_ms", .time(\.wonAt)), ("won", .count(\.won)), ("won_amount", .amount(\.wonAmount)), ("lost_ms", .time(\.lostAt)),
        ("deal_people", .list(\.dealPeople)), ("updated_ms", .time(\.updatedAt)),
    ]

    /// "id, intake, source, …": the columns `journey(_:)` reads, in order.
    static let selection = (["id"] + parts.map(\.column)).joined(separator: ", ")

    /// The ids of the leads that arrived in a range of milliseconds, in arrival order (ties by id).
    static let arrivals = "SELECT id FROM lead_journey WHERE received_ms >= ? AND received_ms < ? ORDER BY received_ms, id"

    /// The journey's columns and values, id first.
    static func row(_ journey: LeadJourney) -> [(String, SQLValue?)] {
        [("id", .integer(journey.leadID))] + parts.map { column, part in
            let value: SQLValue? = switch part {
            case .text(let path): journey[keyPath: path].map(SQLValue.text)
            case .time(let path): journey[keyPath: path].map { .integer(milliseconds($0)) }
            case .number(let path): journey[keyPath: path].map { .integer(Int64($0)) }
            case .count(let path): .integer(Int64(journey[keyPath: path]))
            case .version(let path): journey[keyPath: path].map(SQLValue.integer)
            case .amount(let path): .real(journey[keyPath: path])
            case .flag(let path): journey[keyPath: path].map { .integer($0 ? 1 : 0) }
            case .list(let path): .text(journey[keyPath: path].joined(separator: ","))
            }
            return (column, value)
        }
    }

    /// Writes journeys, replacing the rows of leads that have one; in chunks that stay under both databases' limit
    /// of bound values.
    static func upserts(_ journeys: [LeadJourney]) -> [SQLStatement] {
        journeys.chunks(of: 500).map { StoredRecord.insert("lead_journey", rows: $0.map(row), upsert: true) }
    }

    /// A journey from a row read with `selection`.
    static func journey(_ cells: some JourneyCells) throws -> LeadJourney {
        var journey = LeadJourney(leadID: try cells.integer(0) ?? 0)
        for (index, (_, part)) in parts.enumerated() {
            let column = index + 1
            switch part {
            case .text(let path): journey[keyPath: path] = try cells.text(column)
            case .time(let path): journey[keyPath: path] = try cells.integer(column).map(date)
            case .number(let path): journey[keyPath: path] = try cells.integer(column).map { Int($0) }
            case .count(let path): journey[keyPath: path] = Int(try cells.integer(column) ?? 0)
            case .version(let path): journey[keyPath: path] = try cells.integer(column)
            case .amount(let path): journey[keyPath: path] = try cells.real(column) ?? 0
            case .flag(let path): journey[keyPath: path] = try cells.integer(column).map { $0 != 0 }
            case .list(let path): journey[keyPath: path] = (try cells.text(column) ?? "").split(separator: ",").map(String.init)
            }
        }
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

/// A result row's cells by position, as each database reads them.
protocol JourneyCells {
    func text(_ index: Int) throws -> String?
    func integer(_ index: Int) throws -> Int64?
    func real(_ index: Int) throws -> Double?
}
