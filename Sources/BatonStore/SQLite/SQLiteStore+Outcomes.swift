import BatonCore
import Foundation
import GRDB

extension SQLiteStore: OutcomeStore {
    public func recordOutcomes(_ intakes: [OutcomeIntake], at now: Date, workflow: LeadWorkflow) async throws -> [OutcomeReceipt] {
        try await writer.write { db in
            try intakes.map { intake in
                let key = intake.outcome.key
                let matched: Int64? = if let stored = try Int64.fetchOne(db, sql: "SELECT lead_id FROM outcome WHERE key = ?", arguments: [key]) {
                    stored
                } else {
                    try Self.resolve(intake.lead, db: db)
                }
                let reason = matched == nil ? OutcomeSQL.unmatchedReason(intake.lead) : nil
                let columns: [(String, SQLValue?)] = [
                    ("key", .text(key)), ("lead_id", matched.map(SQLValue.integer)), ("reference", .text(try StoredRecord.encode(intake.lead))),
                    ("data", .text(try StoredRecord.encode(intake.outcome))), ("actor", .text(intake.actor)),
                    ("line", intake.line.map { .integer(Int64($0)) }), ("reason", reason.map(SQLValue.text)), ("received_at", .date(now)),
                    ("updated_at", .date(now)),
                ] + OutcomeSQL.lookupColumns(intake.lead)
                try db.run(OutcomeSQL.upsert(columns))
                guard let matched else { return OutcomeReceipt(key: key, result: .unmatched, leadID: nil, reason: reason) }
                let recorded = try Self.apply(intake.outcome, toLead: matched, by: intake.actor, db: db, at: now, workflow: workflow)
                return OutcomeReceipt(key: key, result: recorded ? .recorded : .unchanged, leadID: matched)
            }
        }
    }

    public func matchPendingOutcomes(leadIDs: [Int64]?, at now: Date, workflow: LeadWorkflow) async throws -> Int {
        try await writer.write { db in
            var condition = SQLCondition()
            if let leadIDs {
                let leads = try leadIDs.chunks(of: 500).flatMap { ids in
                    try String.fetchAll(db, sql: "SELECT data FROM lead WHERE id IN (\(SQLCondition.placeholders(ids.count)))", arguments: StatementArguments(Array(ids)))
                        .map(Self.decode)
                }
                guard !leads.isEmpty else { return 0 }
                condition = OutcomeSQL.pending(naming: leads)
            } else {
                condition.add("lead_id IS NULL")
            }
            var matched = 0
            for row in try Row.fetchAll(db, sql: "SELECT id, reference, data, actor FROM outcome WHERE \(condition.sql) ORDER BY id", arguments: condition.statementArguments()) {
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

    public func pendingOutcomes(limit: Int, offset: Int) async throws -> [PendingOutcome] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, reference, data, actor, line, reason, received_at FROM outcome WHERE lead_id IS NULL ORDER BY id LIMIT ? OFFSET ?",
                arguments: [limit, offset]
            ).map { row in
                PendingOutcome(
                    id: row["id"], outcome: try StoredRecord.decode(LeadOutcome.self, from: row["data"]),
                    lead: try StoredRecord.decode(OutcomeLeadReference.self, from: row["reference"]), actor: row["actor"], line: row["line"],
                    reason: row["reason"] ?? "", receivedAt: row["received_at"])
            }
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
