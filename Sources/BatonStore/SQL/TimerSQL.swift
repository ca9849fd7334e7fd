import Foundation

/// Timer claims as SQL both databases read; PostgreSQL adds `FOR UPDATE SKIP LOCKED` so that instances claiming at
/// the same moment skip each other's rows instead of waiting for them.
enum TimerSQL {
    static func claim(_ subjects: TimerSubjects, at now: Date, limit: Int, by claimant: Claimant, skipLocked: Bool) -> SQLStatement {
        SQLStatement(
            sql: """
                UPDATE timer SET claimed_by = ?, lease_until = ? WHERE id IN (
                    SELECT id FROM timer WHERE done_at IS NULL AND due <= ? AND subject LIKE ? AND (lease_until IS NULL OR lease_until <= ?)
                    ORDER BY due, id LIMIT ?\(skipLocked ? " FOR UPDATE SKIP LOCKED" : ""))
                RETURNING id, subject, kind, level, due, clock
                """,
            arguments: [
                .text(claimant.id), .date(now.addingTimeInterval(claimant.lease)), .date(now), .text(subjects.rawValue), .date(now), .integer(Int64(limit)),
            ])
    }

    /// Marks one claimed timer fired, only while it is undone and still `claimant`'s: one row back means act on it.
    static func markFired(_ id: Int64, by claimant: Claimant, at now: Date) -> SQLStatement {
        SQLStatement(
            sql: "UPDATE timer SET done_at = ?, outcome = 'fired' WHERE id = ? AND done_at IS NULL AND claimed_by = ? RETURNING id",
            arguments: [.date(now), .integer(id), .text(claimant.id)])
    }

    /// Marks claimed timers fired at once, only those undone and still `claimant`'s; returns their ids.
    static func markFired(_ ids: [Int64], by claimant: Claimant, at now: Date) -> SQLStatement {
        SQLStatement(
            sql: "UPDATE timer SET done_at = ?, outcome = 'fired' WHERE id IN (\(SQLCondition.placeholders(ids.count))) AND done_at IS NULL AND claimed_by = ? RETURNING id",
            arguments: [.date(now)] + ids.map(SQLValue.integer) + [.text(claimant.id)])
    }

    /// When the next pending timer can be claimed: its due time, or the end of its holder's lease if later. Only the
    /// 100 soonest pending timers are looked at, so the pending-due index answers at once however many are pending
    /// (a loop calls this every cycle); with more than 100 claimed at once the answer may be early, never late.
    static let nextClaimable = """
        SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > due THEN lease_until ELSE due END)
        FROM (SELECT due, lease_until FROM timer WHERE done_at IS NULL ORDER BY due LIMIT 100) AS soonest
        """
}
