import BatonCore
import Foundation
import GRDB

extension SQLiteStore: AuditStore {
    public func createAudit(_ audit: Audit, events: @Sendable (Audit) -> [NewEvent]) async throws -> Audit {
        try await writer.write { db in
            let insert = try AuditSQL.insert(audit)
            guard let id = try Int64.fetchOne(db, sql: insert.sql, arguments: insert.sqliteArguments) else { throw AuditSQL.exists(audit) }
            var stored = audit
            stored.id = id
            try db.run(try AuditSQL.update(stored))
            try Self.insert(events(stored), into: db)
            return stored
        }
    }

    public func audit(id: Int64) async throws -> Audit? {
        try await writer.read { db in try String.fetchOne(db, sql: AuditSQL.one, arguments: [id]).map(AuditSQL.decode) }
    }

    public func audits() async throws -> [Audit] {
        try await writer.read { db in try String.fetchAll(db, sql: AuditSQL.all).map(AuditSQL.decode) }
    }

    public func changeAudit(id: Int64, _ body: @Sendable (inout Audit) throws -> [NewEvent]) async throws -> Audit {
        try await writer.write { db in
            guard var audit = try String.fetchOne(db, sql: AuditSQL.one, arguments: [id]).map(AuditSQL.decode) else { throw AuditSQL.notFound(id) }
            let events = try body(&audit)
            try db.run(try AuditSQL.update(audit))
            try Self.insert(events, into: db)
            return audit
        }
    }
}
