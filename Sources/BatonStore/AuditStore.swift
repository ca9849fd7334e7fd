import BatonCore
import Foundation

/// Audits (G4, G5), each kept whole with its entries; one per kind and period.
public protocol AuditStore: Sendable {
    /// Stores a new audit with the events that record it, giving it its id; throws `StoreError` "exists" when the
    /// kind and period already have one.
    func createAudit(_ audit: Audit, events: @Sendable (Audit) -> [NewEvent]) async throws -> Audit
    func audit(id: Int64) async throws -> Audit?
    /// Every audit, newest period first.
    func audits() async throws -> [Audit]
    /// Changes one audit with `body`, which throws to refuse (nothing is written) or returns the events to append;
    /// throws `StoreError` "not_found" for an unknown id.
    func changeAudit(id: Int64, _ body: @Sendable (inout Audit) throws -> [NewEvent]) async throws -> Audit
}

/// Audits as SQL both databases read.
enum AuditSQL {
    static func insert(_ audit: Audit) throws -> SQLStatement {
        SQLStatement(
            sql: "INSERT INTO audit (kind, period, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, period) DO NOTHING RETURNING id",
            arguments: [.text(audit.kind.rawValue), .text(audit.period), .text(try StoredRecord.encode(audit)), .date(audit.createdAt), .date(audit.updatedAt)])
    }

    static func update(_ audit: Audit) throws -> SQLStatement {
        SQLStatement(sql: "UPDATE audit SET data = ?, updated_at = ? WHERE id = ?", arguments: [.text(try StoredRecord.encode(audit)), .date(audit.updatedAt), .integer(audit.id)])
    }

    static let one = "SELECT data FROM audit WHERE id = ?"
    static let all = "SELECT data FROM audit ORDER BY period DESC, id DESC"

    static func decode(_ data: String) throws -> Audit { try StoredRecord.decode(Audit.self, from: data) }

    static func exists(_ audit: Audit) -> StoreError {
        StoreError(code: "exists", message: "there is already a \(audit.kind.label.lowercased()) for \(audit.period)")
    }

    static func notFound(_ id: Int64) -> StoreError { StoreError(code: "not_found", message: "there is no audit \(id)") }
}
