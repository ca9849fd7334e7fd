import BatonCore
import Foundation

extension PostgresStore: TimerStore {
    /// Claims with `FOR UPDATE SKIP LOCKED`: instances claiming at the same moment take disjoint timers without
    /// waiting on each other.
    public func claimDueTimers(_ subjects: TimerSubjects, at now: Date, limit: Int, by claimant: Claimant) async throws -> [ClaimedTimer] {
        try await write { db in
            let claim = TimerSQL.claim(subjects, at: now, limit: limit, by: claimant, skipLocked: true)
            return try await db.rows(claim.sql, claim.arguments).compactMap { row -> ClaimedTimer? in
                guard let kind = PlannedTimer.Kind(rawValue: try row.get("kind")) else { return nil }
                let timer = PlannedTimer(kind: kind, level: Int(try row.get("level", as: Int32.self)), due: try row.get("due"), clock: try row.get("clock"))
                return ClaimedTimer(id: try row.get("id"), subject: try row.get("subject"), timer: timer)
            }.sorted { ($0.timer.due, $0.id) < ($1.timer.due, $1.id) }
        }
    }

    public func nextTimerDue() async throws -> Date? {
        try await read { db in try await db.value(TimerSQL.nextClaimable, as: Date?.self) ?? nil }
    }

    /// Marks a claimed timer fired inside the caller's transaction; false when it is done or no longer `claimant`'s.
    static func isMine(_ claim: ClaimedTimer, by claimant: Claimant, db: PostgresSQL, at now: Date) async throws -> Bool {
        try await db.count(TimerSQL.markFired(claim.id, by: claimant, at: now)) == 1
    }
}
