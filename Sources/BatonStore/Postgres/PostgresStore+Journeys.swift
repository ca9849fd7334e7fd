import BatonCore
import Foundation
import PostgresNIO

extension PostgresStore: JourneyStore {
    public func leadJourneys(receivedFrom start: Date, before end: Date) async throws -> [LeadJourney] {
        try await read { db in
            var journeys: [LeadJourney] = []
            try await db.eachRecord(
                "SELECT ROW(\(JourneySQL.selection)) FROM lead_journey WHERE received_ms >= ? AND received_ms < ? ORDER BY id",
                [.integer(JourneySQL.milliseconds(start)), .integer(JourneySQL.milliseconds(end))]
            ) { journeys.append(try JourneySQL.journey($0)) }
            return journeys
        }
    }

    public func leadArrivals(receivedFrom start: Date, before end: Date) async throws -> [Int64] {
        try await read { db in
            var ids: [Int64] = []
            try await db.each(JourneySQL.arrivals, [.integer(JourneySQL.milliseconds(start)), .integer(JourneySQL.milliseconds(end))]) {
                ids.append(try $0.get("id"))
            }
            return ids
        }
    }

    public func rebuildJourneys() async throws -> Int {
        try await write { db in try await Self.rebuildJourneys(db) }
    }

    /// Replaces every journey with one folded from the event log, read a page of events at a time so that no
    /// statement outlasts the statement timeout however long the log is.
    @discardableResult
    static func rebuildJourneys(_ db: PostgresSQL) async throws -> Int {
        try await db.run("DELETE FROM lead_journey")
        var journeys: [Int64: LeadJourney] = [:]
        var after: Int64 = 0
        while true {
            var last: Int64?
            try await db.each(
                "SELECT * FROM event WHERE sequence > ? AND subject LIKE 'lead:%' ORDER BY sequence LIMIT \(rebuildPage)", [.integer(after)]
            ) { row in
                let event = try Self.event(row)
                last = event.sequence
                guard LeadJourney.folds(event.type), let id = LeadRecord.id(inSubject: event.subject) else { return }
                journeys[id, default: LeadJourney(leadID: id)].apply(event)
            }
            guard let last else { break }
            after = last
        }
        for statement in JourneySQL.upserts(journeys.values.sorted { $0.leadID < $1.leadID }) { try await db.run(statement) }
        return journeys.count
    }

    /// Events read per statement by `rebuildJourneys`.
    static let rebuildPage = 50_000

    /// Moves on the journeys of the leads `events` are about, inside the transaction that writes them.
    static func foldJourneys(_ events: [NewEvent], db: PostgresSQL) async throws {
        let touched = JourneySQL.touched(by: events)
        guard !touched.isEmpty else { return }
        var stored: [Int64: LeadJourney] = [:]
        for ids in touched.keys.sorted().chunks(of: 500) {
            try await db.eachRecord(
                "SELECT ROW(\(JourneySQL.selection)) FROM lead_journey WHERE id IN (\(SQLCondition.placeholders(ids.count)))", ids.map(SQLValue.integer)
            ) { row in
                let journey = try JourneySQL.journey(row)
                stored[journey.leadID] = journey
            }
        }
        for statement in JourneySQL.upserts(JourneySQL.fold(touched, into: stored)) { try await db.run(statement) }
    }
}

/// Journeys are read as one record per row (`SELECT ROW(…)`), not cell by cell.
extension PostgresRecord: JourneyCells {}
