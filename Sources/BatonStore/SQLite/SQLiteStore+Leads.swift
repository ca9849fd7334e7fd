import BatonCore
import Foundation
import GRDB

extension SQLiteStore: LeadStore {
    public func admitLeads(_ intakes: [LeadIntake], at now: Date, workflow: LeadWorkflow) async throws -> [LeadAdmission] {
        try await writer.write { db in
            let before = try Self.routingState(db, at: now)
            var state = before
            var admissions: [LeadAdmission] = []
            for intake in intakes {
                admissions.append(try Self.admit(intake, db: db, at: now, workflow: workflow, state: &state))
            }
            try Self.saveCredits(state.credits, since: before.credits, db: db)
            return admissions
        }
    }

    public func lead(id: Int64) async throws -> LeadRecord? {
        try await writer.read { db in try Self.lead(db, id: id) }
    }

    public func leadEvents(id: Int64) async throws -> [Event] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM event WHERE subject = ? ORDER BY sequence", arguments: ["lead:\(id)"]).map(Self.event)
        }
    }

    public func changeLead(id: Int64, at now: Date, _ body: @Sendable (inout LeadRecord, inout RoutingState) throws -> LeadChange) async throws -> LeadRecord {
        try await writer.write { db in
            guard var lead = try Self.lead(db, id: id) else { throw StoreError(code: "not_found", message: "there is no lead \(id)") }
            let before = try Self.routingState(db, at: now)
            var state = before
            let change = try body(&lead, &state)
            try Self.apply(change, to: lead, db: db, at: now)
            try Self.saveCredits(state.credits, since: before.credits, db: db)
            return lead
        }
    }

    public func fireClaimedTimers(
        _ claimed: [ClaimedTimer], by claimant: Claimant, at now: Date, _ act: @Sendable (PlannedTimer, inout LeadRecord, inout RoutingState) -> LeadChange
    ) async throws -> Int {
        guard !claimed.isEmpty else { return 0 }
        return try await writer.write { db in
            let before = try Self.routingState(db, at: now)
            var state = before
            var fired = 0
            for claim in claimed {
                // Done since it was claimed (an earlier timer of this batch cancelled it), or taken over: skip.
                guard try Self.isMine(claim, by: claimant, db: db, at: now), let id = LeadRecord.id(inSubject: claim.subject), var lead = try Self.lead(db, id: id)
                else { continue }
                let original = lead
                let change = act(claim.timer, &lead, &state)
                try Self.apply(change, to: lead, recordChanged: lead != original, db: db, at: now)
                fired += 1
            }
            try Self.saveCredits(state.credits, since: before.credits, db: db)
            return fired
        }
    }

    public func pendingTimers(leadID: Int64) async throws -> [PlannedTimer] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, level, due FROM timer WHERE subject = ? AND done_at IS NULL ORDER BY due, id", arguments: ["lead:\(leadID)"])
                .compactMap { row in PlannedTimer.Kind(rawValue: row["kind"]).map { PlannedTimer(kind: $0, level: row["level"], due: row["due"]) } }
        }
    }

    public func recordAbsence(_ absence: Absence, actor: String, at now: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO absence (person, starts, ends, note) VALUES (?, ?, ?, ?)",
                arguments: [absence.person, absence.starts, absence.ends, absence.note])
            try Self.insert([
                NewEvent(type: "person.absence_recorded", subject: "user:\(absence.person)", actor: actor, at: now, payload: [
                    "starts": Timestamp.text(absence.starts), "ends": Timestamp.text(absence.ends), "note": absence.note,
                ])
            ], into: db)
        }
    }

    public func absences(endingAfter time: Date) async throws -> [Absence] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT person, starts, ends, note FROM absence WHERE ends > ? ORDER BY starts, person", arguments: [time])
                .map { Absence(person: $0["person"], starts: $0["starts"], ends: $0["ends"], note: $0["note"]) }
        }
    }

    public func routingState(at now: Date) async throws -> RoutingState {
        try await writer.read { db in try Self.routingState(db, at: now) }
    }

    // MARK: - Steps inside a transaction

    /// Looks up what the decision needs and writes what `workflow` decided; the rules are all in `BatonCore`.
    private static func admit(_ intake: LeadIntake, db: Database, at now: Date, workflow: LeadWorkflow, state: inout RoutingState) throws -> LeadAdmission {
        let key = intake.deliveryKey
        if let key, let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT lead_id, fingerprint FROM intake_key WHERE key = ?"), arguments: [key]),
           let lead = try lead(db, id: existing["lead_id"]) {
            return LeadAdmission(outcome: intake.repeatOutcome(storedFingerprint: existing["fingerprint"]), lead: lead)
        }
        let admission: LeadAdmission
        let change: LeadChange
        if let existing = try duplicate(db, of: LeadIdentity(intake.submission)) {
            let (merged, merging) = try workflow.merge(intake, into: existing, state: &state, at: now)
            (admission, change) = (LeadAdmission(outcome: .merged, lead: merged), merging)
        } else {
            try db.run("INSERT INTO lead (status, received_at, updated_at, data) VALUES ('new', ?, ?, '{}')", [now.sqlText, now.sqlText])
            let (lead, arrival) = workflow.admitNew(intake, id: db.lastInsertedRowID, state: &state, at: now)
            (admission, change) = (LeadAdmission(outcome: .created, lead: lead), arrival)
        }
        try apply(change, to: admission.lead, db: db, at: now)
        if let key { try remember(key, fingerprint: intake.fingerprint, leadID: admission.lead.id, db: db, at: now) }
        return admission
    }

    /// Writes the record (unless `recordChanged` is false: a warning that left the lead as it was), its events and
    /// outbox messages, timers and load changes.
    static func apply(_ change: LeadChange, to lead: LeadRecord, recordChanged: Bool = true, db: Database, at now: Date) throws {
        if recordChanged { try writeRow(lead, db: db) }
        try insert(change.events, into: db)
        if !change.cancelTimers.isEmpty {
            try db.run(
                "UPDATE timer SET done_at = ?, outcome = 'cancelled' WHERE subject = ? AND done_at IS NULL AND kind IN (\(change.cancelTimers.map { "'\($0.rawValue)'" }.joined(separator: ",")))",
                [now.sqlText, lead.subject])
        }
        for timer in change.startTimers {
            try db.run("INSERT INTO timer (subject, kind, level, due) VALUES (?, ?, ?, ?)", [lead.subject, timer.kind.rawValue, timer.level, timer.due.sqlText])
        }
        for (person, delta) in change.load where delta != 0 {
            try db.run("INSERT INTO rep_load (person, open_leads) VALUES (?, MAX(?, 0)) ON CONFLICT(person) DO UPDATE SET open_leads = MAX(open_leads + ?, 0)", [person, delta, delta])
        }
    }

    /// Writes the record with the columns duplicate checks look it up by, and its row in `lead_list`.
    static func writeRow(_ lead: LeadRecord, db: Database) throws {
        try db.run(try StoredRecord.updateLead(lead))
        try db.run(StoredRecord.leadListRow(lead))
    }

    private static func remember(_ key: String, fingerprint: String?, leadID: Int64, db: Database, at now: Date) throws {
        try db.run("INSERT OR IGNORE INTO intake_key (key, lead_id, received_at, fingerprint) VALUES (?, ?, ?, ?)", [key, leadID, now.sqlText, fingerprint])
    }

    /// The first lead sharing a key of `identity`, trying the keys in their order.
    private static func duplicate(_ db: Database, of identity: LeadIdentity) throws -> LeadRecord? {
        for lookup in identity.lookups {
            let sql = "SELECT data FROM lead WHERE \(lookup.column) = ? ORDER BY id LIMIT 1"
            if let data = try String.fetchOne(db.cachedStatement(sql: sql), arguments: [lookup.value]) { return try decode(data) }
        }
        return nil
    }

    static func routingState(_ db: Database, at now: Date) throws -> RoutingState {
        var state = RoutingState()
        state.absent = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT person FROM absence WHERE starts <= ? AND ends > ?"), arguments: [now.sqlText, now.sqlText]))
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT person, open_leads FROM rep_load")) { state.openLeads[row["person"]] = row["open_leads"] }
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT pool, person, credit FROM pool_credit")) {
            state.credits[row["pool"], default: [:]][row["person"]] = row["credit"]
        }
        return state
    }

    /// Writes the round-robin credits (pool or "role:ID" → person → credit) that changed since `before`.
    static func saveCredits(_ current: [String: WeightedRoundRobin.Credits], since before: [String: WeightedRoundRobin.Credits], db: Database) throws {
        for (pool, credits) in current {
            let old = before[pool] ?? [:]
            for (person, credit) in credits where old[person] != credit {
                try db.run("INSERT INTO pool_credit (pool, person, credit) VALUES (?, ?, ?) ON CONFLICT(pool, person) DO UPDATE SET credit = excluded.credit", [pool, person, credit])
            }
        }
    }

    static func lead(_ db: Database, id: Int64) throws -> LeadRecord? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT data FROM lead WHERE id = ?"), arguments: [id]).map(decode)
    }

    static func decode(_ data: String) throws -> LeadRecord { try StoredRecord.decode(LeadRecord.self, from: data) }

    /// An event row as a value. A time that cannot be read back (written by an older version that took any date)
    /// reads as 1970 rather than stopping the server.
    static func event(_ row: Row) -> Event {
        Event(
            sequence: row["sequence"], type: row["type"], subject: row["subject"], actor: row["actor"],
            at: Date.fromDatabaseValue(row["at"] as DatabaseValue) ?? Date(timeIntervalSince1970: 0),
            policyVersion: row["policy_version"], payload: row["payload"])
    }
}
