import BatonCore
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, through GRDB.
///
/// Every mutating method runs in one transaction that also appends its events (and their outbox messages),
/// so the log never misses a change and never records one that did not happen.
public final class SQLiteStore: Sendable {
    let writer: any DatabaseWriter
    /// The database file.
    public let path: String

    /// Opens (creating if needed) the database at `path` and migrates it to the latest schema.
    public init(path: String) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        writer = try DatabasePool(path: path, configuration: configuration)
        try SQLiteMigrations.migrator.migrate(writer)
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try SQLiteMigrations.migrator.appliedMigrations(db) }
    }

    /// The journal mode in force ("wal").
    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Appends events and their outbox messages inside the caller's transaction.
    @discardableResult
    static func insert(_ events: [NewEvent], into db: Database) throws -> [Event] {
        guard !events.isEmpty else { return [] }
        let insertEvent = try db.cachedStatement(sql: "INSERT INTO event (type, subject, actor, at, policy_version, payload) VALUES (?, ?, ?, ?, ?, ?)")
        let insertOutbox = try db.cachedStatement(sql: "INSERT INTO outbox (topic, event_sequence, created_at) VALUES (?, ?, ?)")
        try foldJourneys(events, db: db)
        return try events.map { event in
            let payload = event.payloadJSON
            try insertEvent.execute(arguments: [event.type, event.subject, event.actor, event.at.sqlText, event.policyVersion, payload])
            let sequence = db.lastInsertedRowID
            for topic in event.announce {
                try insertOutbox.execute(arguments: [topic, sequence, event.at.sqlText])
            }
            return Event(
                sequence: sequence, type: event.type, subject: event.subject, actor: event.actor, at: event.at,
                policyVersion: event.policyVersion, payload: payload)
        }
    }
}

extension SQLiteStore: StoreHealth {
    public func readiness() async throws -> String {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
        return "SQLite \(path)"
    }
}

extension SQLiteStore: EventStore {
    public func append(_ events: [NewEvent]) async throws -> [Event] {
        try await writer.write { db in try Self.insert(events, into: db) }
    }

    public func appendOnce(_ events: [NewEvent], key: String, at now: Date) async throws -> Bool {
        try await writer.write { db in
            let once = DeliverySQL.once(key, at: now)
            guard try Row.fetchOne(db, sql: once.sql, arguments: once.sqliteArguments) != nil else { return false }
            try Self.insert(events, into: db)
            return true
        }
    }

    public func events(after sequence: Int64, limit: Int) async throws -> [Event] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM event WHERE sequence > ? ORDER BY sequence LIMIT ?", arguments: [sequence, limit])
                .map(Self.event)
        }
    }

    public func pendingOutbox(topic: String, limit: Int) async throws -> [OutboxMessage] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM outbox WHERE topic = ? AND delivered_at IS NULL ORDER BY id LIMIT ?",
                arguments: [topic, limit]
            ).map { row in
                OutboxMessage(
                    id: row["id"], topic: row["topic"], eventSequence: row["event_sequence"], createdAt: row["created_at"],
                    deliveredAt: row["delivered_at"], attempts: row["attempts"])
            }
        }
    }
}

extension SQLiteStore: PolicyVersionStore {
    public func recordPolicyVersion(source: String, hash: String, file: String, actor: String, at: Date) async throws
        -> (version: PolicyVersion, isNew: Bool)
    {
        try await writer.write { db in
            if let latest = try Self.policyVersions(db, limit: 1).first, latest.hash == hash { return (latest, false) }
            try db.execute(
                sql: "INSERT INTO policy_version (hash, source, file, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?)",
                arguments: [hash, source, file, at, actor])
            let version = PolicyVersion(id: db.lastInsertedRowID, hash: hash, source: source, loadedAt: at, loadedBy: actor, file: file)
            try Self.insert(
                [
                    NewEvent(
                        type: "policy.version_recorded", subject: "policy:\(version.id)", actor: actor, at: at,
                        policyVersion: version.id, payload: ["hash": hash, "file": file], announce: ["policy"])
                ], into: db)
            return (version, true)
        }
    }

    public func policyVersions() async throws -> [PolicyVersion] {
        try await writer.read { db in try Self.policyVersions(db, limit: -1) }
    }

    public func policyVersion(id: Int64) async throws -> PolicyVersion? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM policy_version WHERE id = ?", arguments: [id]).map(Self.policyVersion)
        }
    }

    private static func policyVersions(_ db: Database, limit: Int) throws -> [PolicyVersion] {
        try Row.fetchAll(db, sql: "SELECT * FROM policy_version ORDER BY id DESC LIMIT ?", arguments: [limit]).map(policyVersion)
    }

    private static func policyVersion(_ row: Row) -> PolicyVersion {
        PolicyVersion(
            id: row["id"], hash: row["hash"], source: row["source"], loadedAt: row["loaded_at"], loadedBy: row["loaded_by"],
            file: row["file"])
    }
}
