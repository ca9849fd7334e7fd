import BatonCore
import Foundation

extension PostgresStore: NotificationStore {
    public func dueDeliveries(topic: String, at now: Date, limit: Int) async throws -> [PendingDelivery] {
        try await read { db in
            try await Self.deliveries(
                db, where: "o.topic = ? AND o.delivered_at IS NULL AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)",
                arguments: [.text(topic), .date(now)], limit: limit)
        }
    }

    public func claimDeliveries(topic: String, at now: Date, limit: Int, by claimant: Claimant) async throws -> [PendingDelivery] {
        try await write { db in
            let ids: [Int64] = try await db.rows(DeliverySQL.claim(topic: topic, at: now, limit: limit, by: claimant, skipLocked: true)).map { try $0.get("id") }
            guard !ids.isEmpty else { return [] }
            return try await Self.deliveries(db, where: "o.id IN (\(SQLCondition.placeholders(ids.count)))", arguments: ids.map(SQLValue.integer), limit: ids.count)
        }
    }

    public func beginDelivery(_ messageID: Int64, destination: String, by claimant: Claimant, at now: Date) async throws -> Bool {
        try await write { db in try await db.count(DeliverySQL.begin(messageID, destination: destination, by: claimant, at: now)) == 1 }
    }

    public func abandonDelivery(_ messageID: Int64, destination: String) async throws {
        try await write { db in try await db.run(DeliverySQL.abandon(messageID, destination: destination)) }
    }

    public func deliverToInbox(_ event: Event, recipients: [String], text: String, at now: Date) async throws {
        let unique = Array(Set(recipients)).sorted()
        guard !unique.isEmpty else { return }
        try await write { db in
            try await db.run(
                "INSERT INTO inbox (recipient, event_sequence, subject, text, created_at) VALUES \(unique.map { _ in "(?, ?, ?, ?, ?)" }.joined(separator: ", ")) "
                    + "ON CONFLICT (recipient, event_sequence) DO NOTHING",
                unique.flatMap { [.text($0), .integer(event.sequence), event.subject.map(SQLValue.text), .text(text), .date(now)] as [SQLValue?] })
        }
    }

    public func markDelivered(_ messageID: Int64, at now: Date, events: [NewEvent]) async throws {
        try await write { db in
            guard try await db.count(
                "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ? AND delivered_at IS NULL RETURNING 1", [.date(now), .integer(messageID)]) == 1
            else { return }
            try await Self.insert(events, into: db)
        }
    }

    public func markFailed(_ messageID: Int64, error: String, retryAt: Date) async throws {
        try await write { db in
            try await db.run(DeliverySQL.failed, [.text(error), .date(retryAt), .integer(messageID)])
        }
    }

    public func settleOutbox(topic: String, createdBefore cutoff: Date) async throws -> Int {
        try await write { db in
            try await db.count(
                "UPDATE outbox SET delivered_at = created_at WHERE topic = ? AND delivered_at IS NULL AND created_at < ? RETURNING 1", [.text(topic), .date(cutoff)])
        }
    }

    public func failingDeliveries(limit: Int) async throws -> [PendingDelivery] {
        try await read { db in try await Self.deliveries(db, where: "o.delivered_at IS NULL AND o.attempts > 0", arguments: [], limit: limit) }
    }

    public func inbox(for person: String, limit: Int) async throws -> [InboxItem] {
        try await read { db in
            try await db.rows("SELECT * FROM inbox WHERE recipient = ? ORDER BY id DESC LIMIT ?", [.text(person), .integer(Int64(limit))]).map { row in
                InboxItem(
                    id: try row.get("id"), recipient: try row.get("recipient"), eventSequence: try row.get("event_sequence"), subject: try row.get("subject"),
                    text: try row.get("text"), createdAt: try row.get("created_at"), readAt: try row.get("read_at"))
            }
        }
    }

    public func markInboxRead(ids: [Int64], at now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await write { db in
            try await db.run(
                "UPDATE inbox SET read_at = ? WHERE read_at IS NULL AND id IN (\(SQLCondition.placeholders(ids.count)))", [.date(now)] + ids.map(SQLValue.integer))
        }
    }

    private static func deliveries(_ db: PostgresSQL, where condition: String, arguments: [SQLValue?], limit: Int) async throws -> [PendingDelivery] {
        try await db.rows(
            """
            SELECT o.id, o.topic, o.event_sequence, o.created_at, o.delivered_at, o.attempts, o.last_error,
                e.sequence, e.type, e.subject, e.actor, e.at, e.policy_version, e.payload
            FROM outbox o JOIN event e ON e.sequence = o.event_sequence
            WHERE \(condition) ORDER BY o.id LIMIT ?
            """, arguments + [.integer(Int64(limit))]
        ).map { row in PendingDelivery(message: try outboxMessage(row), event: try event(row), lastError: try row.get("last_error")) }
    }
}
