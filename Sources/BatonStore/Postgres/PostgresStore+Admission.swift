import BatonCore
import Foundation

/// Lead intake on PostgreSQL in a few statements per batch however many leads it holds: what the decisions need is
/// read at once (the repeated keys with their leads, every lead sharing a key of the batch), ids are reserved at
/// once, `LeadWorkflow` decides each submission in order in memory (a later submission of the batch sees what an
/// earlier one created or merged), and the results are written with multi-row statements. The same decisions, in the
/// same order, as the SQLite store's one-by-one admission; the conformance suite holds both to it.
extension PostgresStore {
    static func admit(
        _ intakes: [LeadIntake], db: PostgresSQL, at now: Date, workflow: LeadWorkflow, state: inout RoutingState
    ) async throws -> [LeadAdmission] {
        var batch = AdmissionBatch()
        try await batch.read(intakes, db: db)
        var reserved = try await db.rows(
            "SELECT nextval(pg_get_serial_sequence('lead', 'id')) AS id FROM generate_series(1, ?)", [.integer(Int64(intakes.count))]
        ).map { try $0.get("id", as: Int64.self) }.reversed() as [Int64]
        var admissions: [LeadAdmission] = []
        for intake in intakes {
            if let key = intake.deliveryKey, let seen = batch.keys[key], let lead = batch.leads[seen.lead] {
                admissions.append(LeadAdmission(outcome: intake.repeatOutcome(storedFingerprint: seen.fingerprint), lead: lead))
                continue
            }
            let outcome: LeadAdmission.Outcome
            let lead: LeadRecord
            let change: LeadChange
            if let existing = batch.duplicate(of: LeadIdentity(intake.submission)) {
                (lead, change) = try workflow.merge(intake, into: existing, state: &state, at: now)
                outcome = .merged
            } else {
                (lead, change) = workflow.admitNew(intake, id: reserved.removeLast(), state: &state, at: now)
                batch.created.insert(lead.id)
                outcome = .created
            }
            batch.record(lead, change)
            if let key = intake.deliveryKey { batch.remember(key, lead: lead.id, fingerprint: intake.fingerprint) }
            admissions.append(LeadAdmission(outcome: outcome, lead: lead))
        }
        try await batch.write(db: db, at: now)
        return admissions
    }
}

/// One admission batch's leads and keys, as read and as decided.
struct AdmissionBatch {
    /// Every lead the batch read or decided, in its latest version.
    var leads: [Int64: LeadRecord] = [:]
    /// Delivery keys seen before or in this batch, with the lead each made.
    var keys: [String: (lead: Int64, fingerprint: String?)] = [:]
    /// Each duplicate key with the oldest lead holding it.
    var holders: [LeadIdentity.Lookup: Int64] = [:]
    var created: Set<Int64> = []
    /// Leads to write, in the order first decided; their changes in order.
    var touched: [Int64] = []
    private var isTouched: Set<Int64> = []
    var changes: [(subject: String, change: LeadChange)] = []
    var newKeys: [(key: String, lead: Int64, fingerprint: String?)] = []

    mutating func read(_ intakes: [LeadIntake], db: PostgresSQL) async throws {
        let deliveryKeys = Array(Set(intakes.compactMap(\.deliveryKey))).sorted()
        if !deliveryKeys.isEmpty {
            for row in try await db.rows(
                "SELECT k.key, k.lead_id, k.fingerprint, l.data FROM intake_key k JOIN lead l ON l.id = k.lead_id WHERE k.key IN (\(SQLCondition.placeholders(deliveryKeys.count)))",
                deliveryKeys.map(SQLValue.text))
            {
                let id: Int64 = try row.get("lead_id")
                keys[try row.get("key")] = (id, try row.get("fingerprint"))
                leads[id] = try StoredRecord.decode(LeadRecord.self, from: try row.get("data"))
            }
        }
        let wanted = Set(intakes.flatMap { LeadIdentity($0.submission).lookups })
        guard !wanted.isEmpty else { return }
        let byColumn = Dictionary(grouping: wanted, by: \.column)
        let condition = byColumn.keys.sorted().map { "\($0) IN (\(SQLCondition.placeholders(byColumn[$0]!.count)))" }.joined(separator: " OR ")
        let values = byColumn.keys.sorted().flatMap { byColumn[$0]!.map { SQLValue.text($0.value) } }
        for row in try await db.rows("SELECT id, data FROM lead WHERE \(condition) ORDER BY id", values) {
            let lead = try StoredRecord.decode(LeadRecord.self, from: try row.get("data"))
            leads[lead.id] = lead
            for lookup in LeadIdentity(lead).lookups where wanted.contains(lookup) && holders[lookup] == nil { holders[lookup] = lead.id }
        }
    }

    /// The lead a submission repeats: the oldest holding its first key that any lead holds.
    func duplicate(of identity: LeadIdentity) -> LeadRecord? {
        identity.lookups.lazy.compactMap { holders[$0] }.first.flatMap { leads[$0] }
    }

    mutating func record(_ lead: LeadRecord, _ change: LeadChange) {
        if isTouched.insert(lead.id).inserted { touched.append(lead.id) }
        leads[lead.id] = lead
        for lookup in LeadIdentity(lead).lookups where holders[lookup] == nil { holders[lookup] = lead.id }
        changes.append((lead.subject, change))
    }

    mutating func remember(_ key: String, lead: Int64, fingerprint: String?) {
        keys[key] = (lead, fingerprint)
        newKeys.append((key, lead, fingerprint))
    }

    /// Everything decided, in a handful of statements.
    func write(db: PostgresSQL, at now: Date) async throws {
        let finals = touched.compactMap { leads[$0] }
        for chunk in finals.filter({ created.contains($0.id) }).chunks(of: 500) { try await db.run(try StoredRecord.insertLeads(Array(chunk))) }
        for lead in finals where !created.contains(lead.id) { try await db.run(try StoredRecord.updateLead(lead)) }
        for chunk in finals.chunks(of: 500) { try await db.run(StoredRecord.leadListRows(Array(chunk))) }
        try await PostgresStore.insert(changes.flatMap(\.change.events), into: db)
        // Timers in order: a change that cancels sees the timers earlier changes started.
        var starting: [(String, PlannedTimer)] = []
        for (subject, change) in changes {
            if !change.cancelTimers.isEmpty {
                try await PostgresStore.startTimers(starting, db: db)
                starting = []
                let kinds = change.cancelTimers.map(\.rawValue).sorted()
                try await db.run(
                    "UPDATE timer SET done_at = ?, outcome = 'cancelled' WHERE subject = ? AND done_at IS NULL AND kind IN (\(SQLCondition.placeholders(kinds.count)))",
                    [.date(now), .text(subject)] + kinds.map(SQLValue.text))
            }
            starting += change.startTimers.map { (subject, $0) }
        }
        try await PostgresStore.startTimers(starting, db: db)
        let load = changes.reduce(into: [String: Int]()) { total, step in total.merge(step.change.load, uniquingKeysWith: +) }.filter { $0.value != 0 }
        if !load.isEmpty {
            let people = load.keys.sorted()
            try await db.run(
                "INSERT INTO rep_load (person, open_leads) VALUES " + people.map { _ in "(?, 0)" }.joined(separator: ", ") + " ON CONFLICT (person) DO NOTHING",
                people.map(SQLValue.text))
            try await db.run(
                "UPDATE rep_load SET open_leads = GREATEST(open_leads + change.delta, 0) FROM (VALUES "
                    + people.map { _ in "(?, ?::int)" }.joined(separator: ", ") + ") AS change(person, delta) WHERE rep_load.person = change.person",
                people.flatMap { [.text($0), .integer(Int64(load[$0]!))] as [SQLValue?] })
        }
        if !newKeys.isEmpty {
            try await db.run(
                "INSERT INTO intake_key (key, lead_id, received_at, fingerprint) VALUES " + newKeys.map { _ in "(?, ?, ?, ?)" }.joined(separator: ", ")
                    + " ON CONFLICT (key) DO NOTHING",
                newKeys.flatMap { [.text($0.key), .integer($0.lead), .date(now), $0.fingerprint.map(SQLValue.text)] as [SQLValue?] })
        }
    }
}
