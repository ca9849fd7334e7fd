import BatonCore
import Foundation
import GRDB

extension SQLiteStore: TimerStore {
    public func claimDueTimers(_ subjects: TimerSubjects, at now: Date, limit: Int, by claimant: Claimant) async throws -> [ClaimedTimer] {
        try await writer.write { db in
            let claim = TimerSQL.claim(subjects, at: now, limit: limit, by: claimant, skipLocked: false)
            return try Row.fetchAll(db, sql: claim.sql, arguments: claim.sqliteArguments).compactMap { row in
                PlannedTimer.Kind(rawValue: row["kind"]).map {
                    ClaimedTimer(id: row["id"], subject: row["subject"], timer: PlannedTimer(kind: $0, level: row["level"], due: row["due"], clock: row["clock"]))
                }
            }.sorted { ($0.timer.due, $0.id) < ($1.timer.due, $1.id) }
        }
    }

    public func nextTimerDue() async throws -> Date? {
        try await writer.read { db in try Date.fetchOne(db, sql: TimerSQL.nextClaimable) }
    }

    /// Marks a claimed timer fired inside the caller's transaction; false when it is done or no longer `claimant`'s.
    static func isMine(_ claim: ClaimedTimer, by claimant: Claimant, db: Database, at now: Date) throws -> Bool {
        let mark = TimerSQL.markFired(claim.id, by: claimant, at: now)
        return try Row.fetchOne(db.cachedStatement(sql: mark.sql), arguments: mark.sqliteArguments) != nil
    }
}
