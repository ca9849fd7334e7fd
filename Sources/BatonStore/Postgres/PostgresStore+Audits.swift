import BatonCore
import Foundation

extension PostgresStore: AuditStore {
    public func createAudit(_ audit: Audit, events: @Sendable (Audit) -> [NewEvent]) async throws -> Audit {
        // The closure runs before `write` returns: it only crosses into the lease-timeout task group.
        try await withoutActuallyEscaping(events) { events in try await write { db in
            guard let row = try await db.rows(try AuditSQL.insert(audit)).first else { throw AuditSQL.exists(audit) }
            var stored = audit
            stored.id = try row.get("id")
            try await db.run(try AuditSQL.update(stored))
            try await Self.insert(events(stored), into: db)
            return stored
        } }
    }

    public func audit(id: Int64) async throws -> Audit? {
        try await read { db in try await db.value(AuditSQL.one, [.integer(id)], as: String.self).map(AuditSQL.decode) }
    }

    public func audits() async throws -> [Audit] {
        try await read { db in try await db.rows(AuditSQL.all).map { try AuditSQL.decode(try $0.get("data")) } }
    }

    public func changeAudit(id: Int64, _ body: @Sendable (inout Audit) throws -> [NewEvent]) async throws -> Audit {
        try await withoutActuallyEscaping(body) { body in try await write { db in
            guard var audit = try await db.value(AuditSQL.one + " FOR UPDATE", [.integer(id)], as: String.self).map(AuditSQL.decode) else {
                throw AuditSQL.notFound(id)
            }
            let events = try body(&audit)
            try await db.run(try AuditSQL.update(audit))
            try await Self.insert(events, into: db)
            return audit
        } }
    }
}
