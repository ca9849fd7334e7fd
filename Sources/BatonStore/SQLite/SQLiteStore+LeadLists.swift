import BatonCore
import Foundation
import GRDB

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
            guard !ids.isEmpty else { return [] }
            var records: [Int64: LeadRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, data FROM lead WHERE id IN (\(SQLCondition.placeholders(ids.count)))", arguments: StatementArguments(ids)) {
                records[row["id"]] = try Self.decode(row["data"])
            }
            return ids.compactMap { records[$0] }
        }
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
