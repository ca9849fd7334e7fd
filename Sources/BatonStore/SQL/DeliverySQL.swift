import Foundation

/// Outbox claims and per-destination deliveries as SQL both databases read.
enum DeliverySQL {
    /// Claims due messages for a claimant; returns their ids.
    static func claim(topic: String, at now: Date, limit: Int, by claimant: Claimant, skipLocked: Bool) -> SQLStatement {
        SQLStatement(
            sql: """
                UPDATE outbox SET claimed_by = ?, lease_until = ? WHERE id IN (
                    SELECT id FROM outbox WHERE topic = ? AND delivered_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                        AND (lease_until IS NULL OR lease_until <= ?)
                    ORDER BY id LIMIT ?\(skipLocked ? " FOR UPDATE SKIP LOCKED" : ""))
                RETURNING id
                """,
            arguments: [.text(claimant.id), .date(now.addingTimeInterval(claimant.lease)), .text(topic), .date(now), .date(now), .integer(Int64(limit))])
    }

    /// One row per message and destination; the primary key refuses a second.
    static func begin(_ messageID: Int64, destination: String, by claimant: Claimant, at now: Date) -> SQLStatement {
        SQLStatement(
            sql: "INSERT INTO outbox_delivery (outbox_id, destination, claimed_by, began_at) VALUES (?, ?, ?, ?) ON CONFLICT (outbox_id, destination) DO NOTHING RETURNING outbox_id",
            arguments: [.integer(messageID), .text(destination), .text(claimant.id), .date(now)])
    }

    static func abandon(_ messageID: Int64, destination: String) -> SQLStatement {
        SQLStatement(sql: "DELETE FROM outbox_delivery WHERE outbox_id = ? AND destination = ?", arguments: [.integer(messageID), .text(destination)])
    }

    /// Remembers a once-only key (in the table of seen deliveries); returns a row only for the first caller.
    static func once(_ key: String, at now: Date) -> SQLStatement {
        SQLStatement(
            sql: "INSERT INTO hook_delivery (source, id, received_at) VALUES ('once', ?, ?) ON CONFLICT (source, id) DO NOTHING RETURNING id",
            arguments: [.text(key), .date(now)])
    }

    static let failed = "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_by = NULL, lease_until = NULL WHERE id = ? AND delivered_at IS NULL"
}
