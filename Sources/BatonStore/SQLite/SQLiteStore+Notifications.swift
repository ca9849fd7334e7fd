import BatonCore
import Foundation
import GRDB

extension SQLiteStore: NotificationStore {
    public func dueDeliveries(topic: String, at now: Date, limit: Int) async throws -> [PendingDelivery] {
        try await writer.read { db in
            try Self.deliveries(
                db, where: "o.topic = ? AND o.delivered_at IS NULL AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)",
                arguments: [topic, now], limit: limit)
        }
    }

    public func claimDeliveries(topic: String, at now: Date, limit: Int, by claimant: Claimant) async throws -> [PendingDelivery] {
        try await writer.write { db in
            let claim = DeliverySQL.claim(topic: topic, at: now, limit: limit, by: claimant, skipLocked: false)
            let ids = try Int64.fetchAll(db, sql: claim.sql, arguments: claim.sqliteArguments)
            guard !ids.isEmpty else { return [] }
            return try Self.deliveries(db, where: "o.id IN (\(SQLCondition.placeholders(ids.count)))", arguments: StatementArguments(ids), limit: ids.count)
        }
    }

    public func beginDelivery(_ messageID: Int64, destination: String, by claimant: Claimant, at now: Date) async throws -> Bool {
        try await writer.write { db in
            let begin = DeliverySQL.begin(messageID, destination: destination, by: claimant, at: now)
            return try Row.fetchOne(db, sql: begin.sql, arguments: begin.sqliteArguments) != nil
        }
    }

    public func abandonDelivery(_ messageID: Int64, destination: String) async throws {
        try await writer.write { db in try db.run(DeliverySQL.abandon(messageID, destination: destination)) }
    }

    public func deliverToInbox(_ event: Event, recipients: [String], text: String, at now: Date) async throws {
        try await writer.write { db in
            for recipient in recipients {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO inbox (recipient, event_sequence, subject, text, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [recipient, event.sequence, event.subject, text, now])
            }
        }
    }

    public func markDelivered(_ messageID: Int64, at now: Date, events: [NewEvent]) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ? AND delivered_at IS NULL", arguments: [now, messageID])
            guard db.changesCount == 1 else { return }
            try Self.insert(events, into: db)
        }
    }

    public func markFailed(_ messageID: Int64, error: String, retryAt: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: DeliverySQL.failed, arguments: [error, retryAt.sqlText, messageID])
        }
    }

    public func settleOutbox(topic: String, createdBefore cutoff: Date) async throws -> Int {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE outbox SET delivered_at = created_at WHERE topic = ? AND delivered_at IS NULL AND created_at < ?",
                arguments: [topic, cutoff.sqlText])
            return db.changesCount
        }
    }

    public func failingDeliveries(limit: Int) async throws -> [PendingDelivery] {
        try await writer.read { db in
            try Self.deliveries(db, where: "o.delivered_at IS NULL AND o.attempts > 0", arguments: [], limit: limit)
        }
    }

    public func inbox(for person: String, limit: Int) async throws -> [InboxItem] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM inbox WHERE recipient = ? ORDER BY id DESC LIMIT ?", arguments: [person, limit]).map { row in
                InboxItem(
                    id: row["id"], recipient: row["recipient"], eventSequence: row["event_sequence"], subject: row["subject"], text: row["text"],
                    createdAt: row["created_at"], readAt: row["read_at"])
            }
        }
    }

    public func markInboxRead(ids: [Int64], at now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE inbox SET read_at = ? WHERE read_at IS NULL AND id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments([now.sqlText as any DatabaseValueConvertible] + ids.map { $0 as any DatabaseValueConvertible }))
        }
    }

    private static func deliveries(_ db: Database, where condition: String, arguments: StatementArguments, limit: Int) throws -> [PendingDelivery] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT o.id AS o_id, o.topic, o.event_sequence, o.created_at AS o_created_at, o.delivered_at, o.attempts, o.last_error, e.*
                FROM outbox o JOIN event e ON e.sequence = o.event_sequence
                WHERE \(condition) ORDER BY o.id LIMIT ?
                """,
            arguments: arguments + [limit]
        ).map { row in
            PendingDelivery(
                message: OutboxMessage(
                    id: row["o_id"], topic: row["topic"], eventSequence: row["event_sequence"], createdAt: row["o_created_at"],
                    deliveredAt: row["delivered_at"], attempts: row["attempts"]),
                event: event(row), lastError: row["last_error"])
        }
    }
}
