import Foundation
import GRDB

extension SQLiteStore: HookDeliveryStore {
    public func anyDeliverySeen(source: String, ids: [String]) async throws -> Bool {
        guard !ids.isEmpty else { return false }
        return try await writer.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM hook_delivery WHERE source = ? AND id IN (\(ids.map { _ in "?" }.joined(separator: ","))))",
                arguments: StatementArguments([source] + ids)) ?? false
        }
    }

    public func rememberDeliveries(source: String, ids: [String], at: Date) async throws {
        try await writer.write { db in
            for id in ids {
                try db.execute(sql: "INSERT OR IGNORE INTO hook_delivery (source, id, received_at) VALUES (?, ?, ?)", arguments: [source, id, at.sqlText])
            }
        }
    }
}
