import BatonCore
import Foundation

/// Outcomes on PostgreSQL: the same steps as `SQLiteStore`'s, each call one transaction.
extension PostgresStore: OutcomeStore {
    public func recordOutcomes(_ intakes: [OutcomeIntake], at now: Date, workflow: LeadWorkflow) async throws -> [OutcomeReceipt] {
        try await write { db in
            var receipts: [OutcomeReceipt] = []
            for update in intakes {
                let stored = try await db.rows(OutcomeSQL.stored, [.text(update.outcome.key)]).first
                let intake = update.merged(
                    over: try stored.map { try StoredRecord.decode(LeadOutcome.self, from: try $0.get("data")) },
                    reference: try stored.map { try StoredRecord.decode(OutcomeLeadReference.self, from: try $0.get("reference")) })
                // An outcome seen before keeps the lead it matched; one still pending is looked up again.
                var matched: Int64? = try stored.flatMap { try $0.get("lead_id", as: Int64?.self) }
                if matched == nil { matched = try await Self.resolve(intake.lead, db: db) }
                try await db.run(try OutcomeSQL.upsert(intake, matched: matched, at: now))
                var recorded = false
                if let matched { recorded = try await Self.apply(intake.outcome, toLead: matched, by: intake.actor, db: db, at: now, workflow: workflow) }
                receipts.append(OutcomeSQL.receipt(intake, matched: matched, recorded: recorded))
            }
            return receipts
        }
    }

    public func matchPendingOutcomes(naming leads: [LeadRecord]?, at now: Date, workflow: LeadWorkflow) async throws -> Int {
        let condition = OutcomeSQL.pending(naming: leads)
        let candidates = "SELECT id, reference, data, actor FROM outcome WHERE \(condition.sql) ORDER BY id"
        if leads != nil {
            guard try await read({ db in try await db.rows(candidates + " LIMIT 1", condition.arguments).isEmpty == false }) else { return 0 }
        }
        return try await write { db in
            var matched = 0
            for row in try await db.rows(candidates, condition.arguments) {
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
