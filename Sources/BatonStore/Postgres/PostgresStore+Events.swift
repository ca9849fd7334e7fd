import BatonCore
import Foundation

extension PostgresStore: EventStore {
    public func append(_ events: [NewEvent]) async throws -> [Event] {
        try await write { db in try await Self.insert(events, into: db) }
    }

    public func appendOnce(_ events: [NewEvent], key: String, at now: Date) async throws -> Bool {
        try await write { db in
            guard try await !db.rows(DeliverySQL.once(key, at: now)).isEmpty else { return false }
            try await Self.insert(events, into: db)
            return true
        }
    }

    public func events(after sequence: Int64, limit: Int) async throws -> [Event] {
        try await read { db in
            try await db.rows("SELECT * FROM event WHERE sequence > ? ORDER BY sequence LIMIT ?", [.integer(sequence), .integer(Int64(limit))]).map(Self.event)
        }
    }

    public func pendingOutbox(topic: String, limit: Int) async throws -> [OutboxMessage] {
        try await read { db in
            try await db.rows("SELECT * FROM outbox WHERE topic = ? AND delivered_at IS NULL ORDER BY id LIMIT ?", [.text(topic), .integer(Int64(limit))])
                .map(Self.outboxMessage)
        }
    }

    static func outboxMessage(_ row: PostgresSQL.Row) throws -> OutboxMessage {
        OutboxMessage(
            id: try row.get("id"), topic: try row.get("topic"), eventSequence: try row.get("event_sequence"), createdAt: try row.get("created_at"),
            deliveredAt: try row.get("delivered_at"), attempts: Int(try row.get("attempts", as: Int32.self)))
    }
}

extension PostgresStore: PolicyVersionStore {
    public func recordPolicyVersion(source: String, hash: String, file: String, actor: String, at: Date) async throws
        -> (version: PolicyVersion, isNew: Bool)
    {
        try await write { db in
            // Two instances loading the same new policy at once record it once.
            try await db.run("LOCK TABLE policy_version IN SHARE ROW EXCLUSIVE MODE")
            if let latest = try await db.rows("SELECT * FROM policy_version ORDER BY id DESC LIMIT 1").first.map(Self.policyVersion), latest.hash == hash {
                return (latest, false)
            }
            let id: Int64 = try await db.value(
                "INSERT INTO policy_version (hash, source, file, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?) RETURNING id",
                [.text(hash), .text(source), .text(file), .date(at), .text(actor)])!
            let version = PolicyVersion(id: id, hash: hash, source: source, loadedAt: at, loadedBy: actor, file: file)
            try await Self.insert(
                [
                    NewEvent(
                        type: "policy.version_recorded", subject: "policy:\(id)", actor: actor, at: at, policyVersion: id,
                        payload: ["hash": hash, "file": file], announce: ["policy"])
                ], into: db)
            return (version, true)
        }
    }

    public func policyVersions() async throws -> [PolicyVersion] {
        try await read { db in try await db.rows("SELECT * FROM policy_version ORDER BY id DESC").map(Self.policyVersion) }
    }

    public func policyVersion(id: Int64) async throws -> PolicyVersion? {
        try await read { db in try await db.rows("SELECT * FROM policy_version WHERE id = ?", [.integer(id)]).first.map(Self.policyVersion) }
    }

    private static func policyVersion(_ row: PostgresSQL.Row) throws -> PolicyVersion {
        PolicyVersion(
            id: try row.get("id"), hash: try row.get("hash"), source: try row.get("source"), loadedAt: try row.get("loaded_at"),
            loadedBy: try row.get("loaded_by"), file: try row.get("file"))
    }
}

extension PostgresStore: HookDeliveryStore {
    public func anyDeliverySeen(source: String, ids: [String]) async throws -> Bool {
        guard !ids.isEmpty else { return false }
        return try await read { db in
            try await db.value(
                "SELECT 1 FROM hook_delivery WHERE source = ? AND id IN (\(SQLCondition.placeholders(ids.count))) LIMIT 1",
                [.text(source)] + ids.map(SQLValue.text), as: Int32.self) != nil
        }
    }

    public func rememberDeliveries(source: String, ids: [String], at: Date) async throws {
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return }
        try await write { db in
            try await db.run(
                "INSERT INTO hook_delivery (source, id, received_at) VALUES \(unique.map { _ in "(?, ?, ?)" }.joined(separator: ", ")) ON CONFLICT DO NOTHING",
                unique.flatMap { [.text(source), .text($0), .date(at)] as [SQLValue?] })
        }
    }
}

extension PostgresStore: StoreHealth {
    public func readiness() async throws -> String {
        _ = try await read { db in try await db.rows("SELECT 1") }
        return "PostgreSQL \(url.host):\(url.port)/\(url.database)"
    }
}
