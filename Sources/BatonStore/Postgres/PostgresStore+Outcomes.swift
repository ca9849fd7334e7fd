import BatonCore
import Foundation

/// Outcomes on PostgreSQL: the same steps as `SQLiteStore`'s, each call one transaction.
extension PostgresStore: OutcomeStore {
    public func recordOutcomes(_ intakes: [OutcomeIntake], at now: Date, workflow: LeadWorkflow) async throws -> [OutcomeReceipt] {
        try await write { db in
            var receipts: [OutcomeReceipt] = []
            for intake in intakes {
                let key = intake.outcome.key
                let stored = try await db.rows("SELECT lead_id FROM outcome WHERE key = ?", [.text(key)]).first
                // An outcome seen before keeps the lead it matched; one still pending is looked up again.
                let matched: Int64? = if let stored, let leadID = try stored.get("lead_id", as: Int64?.self) {
                    leadID
                } else {
                    try await Self.resolve(intake.lead, db: db)
                }
                let reason = matched == nil ? OutcomeSQL.unmatchedReason(intake.lead) : nil
                let columns: [(String, SQLValue?)] = [
                    ("key", .text(key)), ("lead_id", matched.map(SQLValue.integer)), ("reference", .text(try StoredRecord.encode(intake.lead))),
                    ("data", .text(try StoredRecord.encode(intake.outcome))), ("actor", .text(intake.actor)),
                    ("line", intake.line.map { .integer(Int64($0)) }), ("reason", reason.map(SQLValue.text)), ("received_at", .date(now)),
                    ("updated_at", .date(now)),
                ] + OutcomeSQL.lookupColumns(intake.lead)
                try await db.run(OutcomeSQL.upsert(columns))
                guard let matched else {
                    receipts.append(OutcomeReceipt(key: key, result: .unmatched, leadID: nil, reason: reason))
                    continue
                }
                let recorded = try await Self.apply(intake.outcome, toLead: matched, by: intake.actor, db: db, at: now, workflow: workflow)
                receipts.append(OutcomeReceipt(key: key, result: recorded ? .recorded : .unchanged, leadID: matched))
            }
            return receipts
        }
    }

    public func matchPendingOutcomes(leadIDs: [Int64]?, at now: Date, workflow: LeadWorkflow) async throws -> Int {
        try await write { db in
            var condition = SQLCondition()
            if let leadIDs {
                let leads = try await Self.leads(db, ids: leadIDs)
                guard !leads.isEmpty else { return 0 }
                condition = OutcomeSQL.pending(naming: leads.values.sorted { $0.id < $1.id })
            } else {
                condition.add("lead_id IS NULL")
            }
            var matched = 0
            let rows = try await db.rows("SELECT id, reference, data, actor FROM outcome WHERE \(condition.sql) ORDER BY id", condition.arguments)
            for row in rows {
                let reference = try StoredRecord.decode(OutcomeLeadReference.self, from: try row.get("reference"))
                guard let leadID = try await Self.resolve(reference, db: db) else { continue }
                try await db.run("UPDATE outcome SET lead_id = ?, reason = NULL, updated_at = ? WHERE id = ?", [.integer(leadID), .date(now), .integer(try row.get("id"))])
                let outcome = try StoredRecord.decode(LeadOutcome.self, from: try row.get("data"))
                try await Self.apply(outcome, toLead: leadID, by: try row.get("actor"), db: db, at: now, workflow: workflow)
                matched += 1
            }
            return matched
        }
    }

    public func pendingOutcomes(limit: Int, offset: Int) async throws -> [PendingOutcome] {
        try await read { db in
            try await db.rows(
                "SELECT id, reference, data, actor, line, reason, received_at FROM outcome WHERE lead_id IS NULL ORDER BY id LIMIT ? OFFSET ?",
                [.integer(Int64(limit)), .integer(Int64(offset))]
            ).map { row in
                PendingOutcome(
                    id: try row.get("id"), outcome: try StoredRecord.decode(LeadOutcome.self, from: try row.get("data")),
                    lead: try StoredRecord.decode(OutcomeLeadReference.self, from: try row.get("reference")), actor: try row.get("actor"),
                    line: try row.get("line", as: Int64?.self).map { Int($0) }, reason: try row.get("reason", as: String?.self) ?? "",
                    receivedAt: try row.get("received_at"))
            }
        }
    }

    public func countPendingOutcomes() async throws -> Int {
        try await read { db in Int(try await db.value("SELECT count(*) FROM outcome WHERE lead_id IS NULL", as: Int64.self) ?? 0) }
    }

    /// The lead `reference` names: the first lookup that finds one.
    private static func resolve(_ reference: OutcomeLeadReference, db: PostgresSQL) async throws -> Int64? {
        for lookup in reference.lookups {
            let found: Int64? = switch lookup {
            case .id(let id): try await db.value("SELECT id FROM lead WHERE id = ?", [.integer(id)], as: Int64.self)
            case .key(let key): try await db.value("SELECT id FROM lead WHERE \(key.column) = ? ORDER BY id LIMIT 1", [.text(key.value)], as: Int64.self)
            }
            if let found { return found }
        }
        return nil
    }

    /// Applies an outcome to its lead with its events; false when the lead already had it.
    @discardableResult
    private static func apply(_ outcome: LeadOutcome, toLead id: Int64, by actor: String, db: PostgresSQL, at now: Date, workflow: LeadWorkflow) async throws -> Bool {
        guard var lead = try await leads(db, ids: [id])[id] else { return false }
        let change = workflow.recordOutcome(&lead, outcome, by: actor, at: now)
        guard !change.events.isEmpty else { return false }
        try await apply(change, to: lead, db: db, at: now)
        return true
    }
}
