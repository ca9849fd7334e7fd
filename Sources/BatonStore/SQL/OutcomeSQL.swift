import BatonCore
import Foundation

/// The `outcome` table both stores keep: every outcome received, once per key, with the lead it matched or, while
/// pending, the keys that would find its lead.
enum OutcomeSQL {
    /// The lead id and identity keys a pending outcome is looked up by when new leads arrive.
    private static func lookupColumns(_ reference: OutcomeLeadReference) -> [(String, SQLValue?)] {
        var columns: [String: SQLValue?] = ["lead_ref": reference.leadID.map(SQLValue.integer), "source_key": nil, "email_key": nil]
        for case .key(let lookup) in reference.lookups {
            switch lookup {
            case .source(let key): columns["source_key"] = .text(key)
            case .email(let key): columns["email_key"] = .text(key)
            case .person: break
            }
        }
        return columns.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The condition that finds pending outcomes which could name one of `leads`, or any pending one when nil.
    static func pending(naming leads: [LeadRecord]?) -> SQLCondition {
        var condition = SQLCondition()
        guard let leads else {
            condition.add("lead_id IS NULL")
            return condition
        }
        let identities = leads.map(LeadIdentity.init)
        let ids = leads.map { SQLValue.integer($0.id) }
        let sources = identities.compactMap(\.source).map(SQLValue.text)
        let emails = identities.compactMap(\.email).map(SQLValue.text)
        condition.add(
            "lead_id IS NULL AND (lead_ref IN (\(SQLCondition.placeholders(ids.count))) OR source_key IN (\(SQLCondition.placeholders(sources.count)))"
                + " OR email_key IN (\(SQLCondition.placeholders(emails.count))))",
            ids + sources + emails)
        return condition
    }

    /// What is stored under a key: the outcome, the lead reference and the lead it matched.
    static let stored = "SELECT data, reference, lead_id FROM outcome WHERE key = ?"

    /// Inserts an outcome, or replaces what is known of it (keeping the lead it matched, and when it first came);
    /// `matched` is its lead, nil while it waits for one (with `unmatchedReason`).
    static func upsert(_ intake: OutcomeIntake, matched: Int64?, at now: Date) throws -> SQLStatement {
        let columns: [(String, SQLValue?)] = [
            ("key", .text(intake.outcome.key)), ("lead_id", matched.map(SQLValue.integer)), ("reference", .text(try StoredRecord.encode(intake.lead))),
            ("data", .text(try StoredRecord.encode(intake.outcome))), ("actor", .text(intake.actor)), ("line", intake.line.map { .integer(Int64($0)) }),
            ("reason", matched == nil ? .text(unmatchedReason(intake.lead)) : nil), ("received_at", .date(now)), ("updated_at", .date(now)),
        ] + lookupColumns(intake.lead)
        let names = columns.map(\.0)
        let updates = names.filter { !["key", "received_at", "lead_id"].contains($0) }.map { "\($0) = excluded.\($0)" }
        return SQLStatement(
            sql: "INSERT INTO outcome (\(names.joined(separator: ", "))) VALUES (\(SQLCondition.placeholders(names.count)))"
                + " ON CONFLICT (key) DO UPDATE SET \(updates.joined(separator: ", ")), lead_id = COALESCE(outcome.lead_id, excluded.lead_id)",
            arguments: columns.map(\.1))
    }

    /// The receipt of an outcome written with `upsert`: `recorded` tells whether its lead changed.
    static func receipt(_ intake: OutcomeIntake, matched: Int64?, recorded: Bool) -> OutcomeReceipt {
        guard let matched else { return OutcomeReceipt(result: .unmatched, leadID: nil, reason: unmatchedReason(intake.lead)) }
        return OutcomeReceipt(result: recorded ? .recorded : .unchanged, leadID: matched)
    }

    /// Why an outcome matched no lead.
    static func unmatchedReason(_ reference: OutcomeLeadReference) -> String {
        reference.lookups.isEmpty
            ? "it names no lead: give the lead id, the lead's source and record id, or the email"
            : "no lead has \(reference.summary); kept, and matched when that lead arrives"
    }
}
