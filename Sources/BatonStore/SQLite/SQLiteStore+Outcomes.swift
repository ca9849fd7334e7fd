import BatonCore
import Foundation
import GRDB

extension SQLiteStore: OutcomeStore {
    public func recordOutcomes(_ intakes: [OutcomeIntake], at now: Date, workflow: LeadWorkflow) async throws -> [OutcomeReceipt] {
        try await writer.write { db in
            try intakes.map { update in
                let stored = try Row.fetchOne(db, sql: OutcomeSQL.stored, arguments: [update.outcome.key])
                let intake = update.merged(
                    over: try stored.flatMap { $0["data"] as String? }.map { try StoredRecord.decode(LeadOutcome.self, from: $0) },
                    reference: try stored.flatMap { $0["reference"] as String? }.map { try StoredRecord.decode(OutcomeLeadReference.self, from: $0) })
                // An outcome seen before keeps the lead it matched; one still pending is looked up again.
                let matched = try stored.flatMap { $0["lead_id"] as Int64? } ?? Self.resolve(intake.lead, db: db)
                try db.run(try OutcomeSQL.upsert(intake, matched: matched, at: now))
                let recorded = try matched.map { try Self.apply(intake.outcome, toLead: $0, by: intake.actor, db: db, at: now, workflow: workflow) } ?? false
                return OutcomeSQL.receipt(intake, matched: matched, recorded: recorded)
            }
        }
    }

    public func matchPendingOutcomes(naming leads: [LeadRecord]?, at now: Date, workflow: LeadWorkflow) async throws -> Int {
        let condition = OutcomeSQL.pending(naming: leads)
        let candidates = "SELECT id, reference, data, actor FROM outcome WHERE \(condition.sql) ORDER BY id"
        if leads != nil {
            // Returns a Bool, not a Row: a Row is not Sendable, and the call would pick GRDB's blocking `read`.
            let any = try await writer.read { db in try Row.fetchOne(db, sql: candidates + " LIMIT 1", arguments: condition.statementArguments()) != nil }
            guard any else { return 0 }
        }
        return try await writer.write { db in
            var matched = 0
            for row in try Row.fetchAll(db, sql: candidates, arguments: condition.statementArguments()) {
                let reference = try StoredRecord.decode(OutcomeLeadReference.self, from: row["reference"])
                guard let leadID = try Self.resolve(reference, db: db) else { continue }
                try db.run("UPDATE outcome SET lead_id = ?, reason = NULL, updated_at = ? WHERE id = ?", [leadID, now.sqlText, row["id"] as Int64])
                let outcome = try StoredRecord.decode(LeadOutcome.self, from: row["data"])
                try Self.apply(outcome, toLead: leadID, by: row["actor"], db: db, at: now, workflow: workflow)
                matched += 1
            }
            return matched
        }
    }

    public func countPendingOutcomes() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outcome WHERE lead_id IS NULL") ?? 0 }
    }

    /// The lead `reference` names: the first lookup that finds one.
    private static func resolve(_ reference: OutcomeLeadReference, db: Database) throws -> Int64? {
        for lookup in reference.lookups {
            let found: Int64? = switch lookup {
            case .id(let id): try Int64.fetchOne(db, sql: "SELECT id FROM lead WHERE id = ?", arguments: [id])
            case .key(let key): try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM lead WHERE \(key.column) = ? ORDER BY id LIMIT 1"), arguments: [key.value])
            }
            if let found { return found }
        }
        return nil
    }

    /// Applies an outcome to its lead with its events; false when the lead already had it.
    @discardableResult
    private static func apply(_ outcome: LeadOutcome, toLead id: Int64, by actor: String, db: Database, at now: Date, workflow: LeadWorkflow) throws -> Bool {
        guard var lead = try lead(db, id: id) else { return false }
        let change = workflow.recordOutcome(&lead, outcome, by: actor, at: now)
        guard !change.events.isEmpty else { return false }
        try apply(change, to: lead, db: db, at: now)
        return true
    }
}
