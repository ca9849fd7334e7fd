import BatonCore
import Foundation
import NIOCore

/// Leads on PostgreSQL: the same steps as `SQLiteStore`'s, each one transaction. Steps that decide assignments take
/// the routing lock first, so two instances never hand out the same round-robin turn or exceed a capacity.
extension PostgresStore: LeadStore {
    public func admitLeads(_ intakes: [LeadIntake], at now: Date, workflow: LeadWorkflow) async throws -> [LeadAdmission] {
        try await write { db in
            try await Self.lockRouting(db)
            let before = try await Self.routingState(db, at: now)
            var state = before
            let admissions = try await Self.admit(intakes, db: db, at: now, workflow: workflow, state: &state)
            try await Self.saveCredits(state.credits, since: before.credits, db: db)
            return admissions
        }
    }

    public func lead(id: Int64) async throws -> LeadRecord? {
        try await read { db in try await Self.lead(db, id: id) }
    }

    public func leadEvents(id: Int64) async throws -> [Event] {
        try await read { db in try await db.rows("SELECT * FROM event WHERE subject = ? ORDER BY sequence", [.text("lead:\(id)")]).map(Self.event) }
    }

    public func changeLead(id: Int64, at now: Date, _ body: @Sendable (inout LeadRecord, inout RoutingState) throws -> LeadChange) async throws -> LeadRecord {
        // The closure runs before `write` returns: it only crosses into the lease-timeout task group.
        try await withoutActuallyEscaping(body) { body in try await write { db in
            try await Self.lockRouting(db)
            guard var lead = try await Self.lead(db, id: id) else { throw StoreError(code: "not_found", message: "there is no lead \(id)") }
            let before = try await Self.routingState(db, at: now)
            var state = before
            let change = try body(&lead, &state)
            try await Self.apply(change, to: lead, db: db, at: now)
            try await Self.saveCredits(state.credits, since: before.credits, db: db)
            return lead
        } }
    }

    public func fireClaimedTimers(
        _ claimed: [ClaimedTimer], by claimant: Claimant, at now: Date, _ act: @Sendable (PlannedTimer, inout LeadRecord, inout RoutingState) -> LeadChange
    ) async throws -> Int {
        guard !claimed.isEmpty else { return 0 }
        guard claimed.contains(where: { $0.timer.kind.mayReassign }) else { return try await fireWarnings(claimed, by: claimant, at: now, act) }
        // The closure runs before `write` returns: it only crosses into the lease-timeout task group.
        return try await withoutActuallyEscaping(act) { act in try await write { db in
            try await Self.lockRouting(db)
            let before = try await Self.routingState(db, at: now)
            var state = before
            var leads = try await Self.leads(db, ids: claimed.compactMap { LeadRecord.id(inSubject: $0.subject) })
            var fired = 0
            for claim in claimed {
                // Done since it was claimed (an earlier timer of this batch cancelled it), or taken over: skip.
                guard try await Self.isMine(claim, by: claimant, db: db, at: now), let id = LeadRecord.id(inSubject: claim.subject), var lead = leads[id]
                else { continue }
                let original = lead
                let change = act(claim.timer, &lead, &state)
                try await Self.apply(change, to: lead, recordChanged: lead != original, db: db, at: now)
                leads[id] = lead
                fired += 1
            }
            try await Self.saveCredits(state.credits, since: before.credits, db: db)
            return fired
        } }
    }

    /// Timers that only announce (at risk, breach, disposition due): without the assignment lock or the routing
    /// state, all marked fired in one statement and their events written together, in a few round trips however many
    /// there are. A change that does more than announce is applied on its own, in order.
    private func fireWarnings(
        _ claimed: [ClaimedTimer], by claimant: Claimant, at now: Date, _ act: @Sendable (PlannedTimer, inout LeadRecord, inout RoutingState) -> LeadChange
    ) async throws -> Int {
        try await withoutActuallyEscaping(act) { act in try await write { db in
            let mine = Set(try await db.rows(TimerSQL.markFired(claimed.map(\.id), by: claimant, at: now)).map { try $0.get("id", as: Int64.self) })
            var leads = try await Self.leads(db, ids: claimed.filter { mine.contains($0.id) }.compactMap { LeadRecord.id(inSubject: $0.subject) })
            var state = RoutingState()
            var announcements: [NewEvent] = []
            for claim in claimed where mine.contains(claim.id) {
                guard let id = LeadRecord.id(inSubject: claim.subject), var lead = leads[id] else { continue }
                let original = lead
                let change = act(claim.timer, &lead, &state)
                if lead == original && change.cancelTimers.isEmpty && change.startTimers.isEmpty && change.load.isEmpty {
                    announcements += change.events
                } else {
                    try await Self.insert(announcements, into: db)
                    announcements = []
                    try await Self.apply(change, to: lead, recordChanged: lead != original, db: db, at: now)
                    leads[id] = lead
                }
            }
            try await Self.insert(announcements, into: db)
            return mine.count
        } }
    }

    public func pendingTimers(leadID: Int64) async throws -> [PlannedTimer] {
        try await Self.pendingTimers(self, subject: "lead:\(leadID)")
    }

    public func recordAbsence(_ absence: Absence, actor: String, at now: Date) async throws {
        try await write { db in
            try await db.run(
                "INSERT INTO absence (person, starts, ends, note) VALUES (?, ?, ?, ?)",
                [.text(absence.person), .date(absence.starts), .date(absence.ends), .text(absence.note)])
            try await Self.insert([
                NewEvent(type: "person.absence_recorded", subject: "user:\(absence.person)", actor: actor, at: now, payload: [
                    "starts": Timestamp.text(absence.starts), "ends": Timestamp.text(absence.ends), "note": absence.note,
                ])
            ], into: db)
        }
    }

    public func absences(endingAfter time: Date) async throws -> [Absence] {
        try await read { db in
            try await db.rows("SELECT person, starts, ends, note FROM absence WHERE ends > ? ORDER BY starts, person", [.date(time)]).map { row in
                Absence(person: try row.get("person"), starts: try row.get("starts"), ends: try row.get("ends"), note: try row.get("note"))
            }
        }
    }

    public func routingState(at now: Date) async throws -> RoutingState {
        try await read { db in try await Self.routingState(db, at: now) }
    }

    // MARK: - Steps inside a transaction

    /// Writes the record (unless `recordChanged` is false: a warning that left the lead as it was), its events and
    /// outbox messages, timers and load changes.
    static func apply(_ change: LeadChange, to lead: LeadRecord, recordChanged: Bool = true, db: PostgresSQL, at now: Date) async throws {
        if recordChanged {
            try await db.run(try StoredRecord.updateLead(lead))
            try await db.run(StoredRecord.leadListRow(lead))
        }
        try await insert(change.events, into: db)
        if !change.cancelTimers.isEmpty {
            let kinds = change.cancelTimers.map(\.rawValue).sorted()
            try await db.run(
                "UPDATE timer SET done_at = ?, outcome = 'cancelled' WHERE subject = ? AND done_at IS NULL AND kind IN (\(SQLCondition.placeholders(kinds.count)))",
                [.date(now), .text(lead.subject)] + kinds.map(SQLValue.text))
        }
        try await startTimers(change.startTimers.map { (lead.subject, $0) }, db: db)
        for (person, delta) in change.load.sorted(by: { $0.key < $1.key }) where delta != 0 {
            try await db.run(
                "INSERT INTO rep_load (person, open_leads) VALUES (?, GREATEST(?, 0)) ON CONFLICT (person) DO UPDATE SET open_leads = GREATEST(rep_load.open_leads + ?, 0)",
                [.text(person), .integer(Int64(delta)), .integer(Int64(delta))])
        }
    }

    /// The leads with these ids, by id, in one query.
    static func leads(_ db: PostgresSQL, ids: [Int64]) async throws -> [Int64: LeadRecord] {
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return [:] }
        var leads: [Int64: LeadRecord] = [:]
        for row in try await db.rows("SELECT id, data FROM lead WHERE id IN (\(SQLCondition.placeholders(unique.count)))", unique.map(SQLValue.integer)) {
            leads[try row.get("id")] = try StoredRecord.decode(LeadRecord.self, from: try row.get("data"))
        }
        return leads
    }

    private static func lead(_ db: PostgresSQL, id: Int64) async throws -> LeadRecord? {
        try await leads(db, ids: [id])[id]
    }

    static func routingState(_ db: PostgresSQL, at now: Date) async throws -> RoutingState {
        var state = RoutingState()
        state.absent = try await absent(db, at: now)
        for row in try await db.rows("SELECT person, open_leads FROM rep_load") { state.openLeads[try row.get("person")] = Int(try row.get("open_leads", as: Int32.self)) }
        state.credits = try await credits(db, pools: "%")
        return state
    }

    /// Who is away at `now`.
    static func absent(_ db: PostgresSQL, at now: Date) async throws -> Set<String> {
        Set(try await db.rows("SELECT person FROM absence WHERE starts <= ? AND ends > ?", [.date(now), .date(now)]).map { try $0.get("person") })
    }

    /// Round-robin credits of the pools whose names are LIKE `pools`.
    static func credits(_ db: PostgresSQL, pools: String) async throws -> [String: WeightedRoundRobin.Credits] {
        var credits: [String: WeightedRoundRobin.Credits] = [:]
        for row in try await db.rows("SELECT pool, person, credit FROM pool_credit WHERE pool LIKE ?", [.text(pools)]) {
            credits[try row.get("pool"), default: [:]][try row.get("person")] = Int(try row.get("credit", as: Int64.self))
        }
        return credits
    }

    /// Serialises the steps that assign leads or work across every instance, until the transaction ends.
    static func lockRouting(_ db: PostgresSQL) async throws {
        try await db.run("SELECT pg_advisory_xact_lock(?)", [.integer(routingLock)])
    }

    /// The advisory lock key of assignment steps ("baton-route").
    static let routingLock: Int64 = 0x6261_746F_6E72_6F75

    /// Writes the round-robin credits (pool or "role:ID" → person → credit) that changed since `before`.
    static func saveCredits(_ current: [String: WeightedRoundRobin.Credits], since before: [String: WeightedRoundRobin.Credits], db: PostgresSQL) async throws {
        for (pool, credits) in current.sorted(by: { $0.key < $1.key }) {
            let old = before[pool] ?? [:]
            for (person, credit) in credits.sorted(by: { $0.key < $1.key }) where old[person] != credit {
                try await db.run(
                    "INSERT INTO pool_credit (pool, person, credit) VALUES (?, ?, ?) ON CONFLICT (pool, person) DO UPDATE SET credit = excluded.credit",
                    [.text(pool), .text(person), .integer(Int64(credit))])
            }
        }
    }

    /// Starts timers, in one statement.
    static func startTimers(_ timers: [(subject: String, timer: PlannedTimer)], db: PostgresSQL) async throws {
        for chunk in timers.chunks(of: 5000) {
            try await db.run(
                "INSERT INTO timer (subject, kind, level, due, clock) VALUES " + chunk.map { _ in "(?, ?, ?, ?, ?)" }.joined(separator: ", "),
                chunk.flatMap { [.text($0.subject), .text($0.timer.kind.rawValue), .integer(Int64($0.timer.level)), .date($0.timer.due), .text($0.timer.clock)] as [SQLValue?] })
        }
    }

    /// Pending timers of one subject, soonest first.
    static func pendingTimers(_ store: PostgresStore, subject: String) async throws -> [PlannedTimer] {
        try await store.read { db in
            try await db.rows("SELECT kind, level, due, clock FROM timer WHERE subject = ? AND done_at IS NULL ORDER BY due, id", [.text(subject)]).compactMap { row in
                try PlannedTimer.Kind(rawValue: row.get("kind")).map {
                    PlannedTimer(kind: $0, level: Int(try row.get("level", as: Int32.self)), due: try row.get("due"), clock: try row.get("clock"))
                }
            }
        }
    }
}

/// Lead lists: `ListSQL` over `lead_list`, the same SQL the SQLite store runs.
extension PostgresStore {
    public func leads(_ query: LeadQuery) async throws -> [LeadRecord] {
        try await read { db in
            let condition = ListSQL.condition(query)
            let ids: [Int64] = try await db.rows(
                "SELECT id FROM lead_list WHERE \(condition.sql) ORDER BY \(ListSQL.order(query)) LIMIT ? OFFSET ?",
                condition.postgresArguments + [.integer(Int64(query.limit)), .integer(Int64(query.offset))]
            ).map { try $0.get("id") }
            let records = try await Self.leads(db, ids: ids)
            return ids.compactMap { records[$0] }
        }
    }

    public func leads(ids: [Int64]) async throws -> [LeadRecord] {
        try await read { db in try await Self.records(db, ids: ids, as: LeadRecord.self) }
    }

    /// The leads with these ids, in the order given, each decoded as `view`.
    private static func records<View: Decodable & Sendable>(_ db: PostgresSQL, ids: [Int64], as view: View.Type) async throws -> [View] {
        var texts: [Int64: String] = [:]
        for chunk in ids.chunks(of: 1000) {
            for row in try await db.rows("SELECT id, data FROM lead WHERE id IN (\(SQLCondition.placeholders(chunk.count)))", chunk.map(SQLValue.integer)) {
                texts[try row.get("id")] = try row.get("data")
            }
        }
        return try StoredRecord.decodeAll(view, from: ids.compactMap { texts[$0] })
    }

    public func replayInputs(ids: [Int64]) async throws -> [Backtest.Input] {
        let stored = try await read { db in
            var stored: [Int64: ByteBuffer] = [:]
            for chunk in ids.chunks(of: 1000) {
                try await db.each(StoredRecord.replaySelection(ids: chunk.count), chunk.map(SQLValue.integer)) { row in
                    let id: Int64 = try row.get("id")
                    guard let bytes = try row.get("replay", as: ByteBuffer?.self) else { throw StoredRecord.replayMissing(id) }
                    stored[id] = bytes
                }
            }
            return ids.compactMap { id in stored[id].map { (id, $0) } }
        }
        return try StoredRecord.replayInputs(stored)
    }

    public func rebuildReplays() async throws -> Int {
        try await write { db in try await Self.rebuildReplays(db) }
    }

    /// Fills every lead's `replay` column from its record, a page of leads per statement.
    @discardableResult
    static func rebuildReplays(_ db: PostgresSQL) async throws -> Int {
        var (after, count): (Int64, Int) = (0, 0)
        while true {
            let ids = try await db.rows("SELECT id FROM lead WHERE id > ? ORDER BY id LIMIT \(StoredRecord.replayPage)", [.integer(after)])
                .map { try $0.get("id", as: Int64.self) }
            guard let last = ids.last else { return count }
            for statement in StoredRecord.replayUpdates(try await records(db, ids: ids, as: Backtest.Input.self)) { try await db.run(statement) }
            (after, count) = (last, count + ids.count)
        }
    }

    public func countLeads(_ query: LeadQuery) async throws -> Int {
        try await read { db in
            let condition = ListSQL.condition(query)
            return Int(try await db.value("SELECT COUNT(*) FROM lead_list WHERE \(condition.sql)", condition.postgresArguments, as: Int64.self) ?? 0)
        }
    }

    public func leadCounts() async throws -> [LeadStatus: Int] {
        try await read { db in
            var counts: [LeadStatus: Int] = [:]
            for row in try await db.rows("SELECT status, COUNT(*) AS n FROM lead_list GROUP BY status") {
                if let status = LeadStatus(rawValue: try row.get("status")) { counts[status] = Int(try row.get("n", as: Int64.self)) }
            }
            return counts
        }
    }
}
