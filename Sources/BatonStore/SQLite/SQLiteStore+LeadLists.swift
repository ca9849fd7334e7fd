import BatonCore
import Foundation
import GRDB
import NIOCore

/// Lead lists: `LeadQuery` as SQL over `lead_list`, the narrow table `writeRow` keeps beside each lead.
extension SQLiteStore {
    /// One page: the ids from the narrow `lead_list` in the query's order, then those leads' JSON, so that sorting a
    /// deep page never carries the records along.
    public func leads(_ query: LeadQuery) async throws -> [LeadRecord] {
        try await writer.read { db in
            let condition = ListSQL.condition(query)
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM lead_list WHERE \(condition.sql) ORDER BY \(ListSQL.order(query)) LIMIT ? OFFSET ?",
                arguments: condition.statementArguments([query.limit, query.offset]))
            return try Self.records(db, ids: ids, as: LeadRecord.self)
        }
    }

    public func leads(ids: [Int64]) async throws -> [LeadRecord] {
        try await writer.read { db in try Self.records(db, ids: ids, as: LeadRecord.self) }
    }

    public func replayInputs(ids: [Int64]) async throws -> [Backtest.Input] {
        let stored = try await writer.read { db in try Self.replays(db, ids: ids) }
        return try StoredRecord.replayInputs(stored)
    }

    public func rebuildReplays() async throws -> Int {
        try await writer.write { db in try Self.rebuildReplays(db) }
    }

    /// Fills every lead's `replay` column from its record, a page of leads at a time.
    @discardableResult
    static func rebuildReplays(_ db: Database) throws -> Int {
        var (after, count): (Int64, Int) = (0, 0)
        while true {
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM lead WHERE id > ? ORDER BY id LIMIT \(StoredRecord.replayPage)", arguments: [after])
            guard let last = ids.last else { return count }
            for statement in StoredRecord.replayUpdates(try records(db, ids: ids, as: Backtest.Input.self)) { try db.run(statement) }
            (after, count) = (last, count + ids.count)
        }
    }

    /// The replay column of the leads with these ids, in the order given.
    private static func replays(_ db: Database, ids: [Int64]) throws -> [(id: Int64, bytes: ByteBuffer)] {
        var stored: [Int64: ByteBuffer] = [:]
        for chunk in ids.chunks(of: 500) {
            for row in try Row.fetchAll(db, sql: StoredRecord.replaySelection(ids: chunk.count), arguments: StatementArguments(Array(chunk))) {
                let id: Int64 = row["id"]
                guard let bytes: Data = row["replay"] else { throw StoredRecord.replayMissing(id) }
                stored[id] = ByteBuffer(bytes: bytes)
            }
        }
        return ids.compactMap { id in stored[id].map { (id, $0) } }
    }

    /// The leads with these ids, in the order given, read in chunks that stay under SQLite's bound-variable limit.
    private static func records<View: Decodable & Sendable>(_ db: Database, ids: [Int64], as view: View.Type) throws -> [View] {
        var texts: [Int64: String] = [:]
        for chunk in ids.chunks(of: 500) {
            for row in try Row.fetchAll(db, sql: "SELECT id, data FROM lead WHERE id IN (\(SQLCondition.placeholders(chunk.count)))", arguments: StatementArguments(Array(chunk))) {
                texts[row["id"]] = row["data"]
            }
        }
        return try StoredRecord.decodeAll(view, from: ids.compactMap { texts[$0] })
    }

    public func countLeads(_ query: LeadQuery) async throws -> Int {
        try await writer.read { db in
            let condition = ListSQL.condition(query)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lead_list WHERE \(condition.sql)", arguments: condition.statementArguments()) ?? 0
        }
    }

    public func leadCounts() async throws -> [LeadStatus: Int] {
        try await writer.read { db in
            var counts: [LeadStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM lead_list GROUP BY status") {
                if let status = LeadStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }
}
