import BatonCore
import Foundation
import GRDB

extension SQLiteStore: JourneyStore {
    public func leadJourneys(receivedFrom start: Date, before end: Date) async throws -> [LeadJourney] {
        try await writer.read { db in
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(JourneySQL.selection) FROM lead_journey WHERE received_ms >= ? AND received_ms < ? ORDER BY id",
                arguments: [JourneySQL.milliseconds(start), JourneySQL.milliseconds(end)])
            var journeys: [LeadJourney] = []
            while let row = try rows.next() { journeys.append(try JourneySQL.journey(row)) }
            return journeys
        }
    }

    public func leadArrivals(receivedFrom start: Date, before end: Date) async throws -> [Int64] {
        try await writer.read { db in
            try Int64.fetchAll(db, sql: JourneySQL.arrivals, arguments: [JourneySQL.milliseconds(start), JourneySQL.milliseconds(end)])
        }
    }

    public func rebuildJourneys() async throws -> Int {
        try await writer.write { db in try Self.rebuildJourneys(db) }
    }

    /// Replaces every journey with one folded from the event log.
    @discardableResult
    static func rebuildJourneys(_ db: Database) throws -> Int {
        try db.execute(sql: "DELETE FROM lead_journey")
        var journeys: [Int64: LeadJourney] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM event WHERE subject LIKE 'lead:%' ORDER BY sequence")
        while let row = try rows.next() {
            let event = Self.event(row)
            guard LeadJourney.folds(event.type), let id = LeadRecord.id(inSubject: event.subject) else { continue }
            journeys[id, default: LeadJourney(leadID: id)].apply(event)
        }
        for statement in JourneySQL.upserts(journeys.values.sorted { $0.leadID < $1.leadID }) { try db.run(statement) }
        return journeys.count
    }

    /// Moves on the journeys of the leads `events` are about, inside the transaction that writes them.
    static func foldJourneys(_ events: [NewEvent], db: Database) throws {
        let touched = JourneySQL.touched(by: events)
        guard !touched.isEmpty else { return }
        var stored: [Int64: LeadJourney] = [:]
        for ids in Array(touched.keys).chunks(of: 500) {
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(JourneySQL.selection) FROM lead_journey WHERE id IN (\(SQLCondition.placeholders(ids.count)))",
                arguments: StatementArguments(Array(ids)))
            for row in rows {
                let journey = try JourneySQL.journey(row)
                stored[journey.leadID] = journey
            }
        }
        for statement in JourneySQL.upserts(JourneySQL.fold(touched, into: stored)) { try db.run(statement) }
    }
}

extension Row: JourneyCells {
    func text(_ index: Int) throws -> String? { self[index] }
    func integer(_ index: Int) throws -> Int64? { self[index] }
    func real(_ index: Int) throws -> Double? { self[index] }
}
