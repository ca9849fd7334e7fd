import BatonCore
import Foundation

/// How both stores keep a lead or work item: the whole record as JSON with millisecond dates in a `data` column,
/// and beside it the narrow columns that lookups and lists read (`lead`'s keys, `lead_list`, `work_list`,
/// `work_waiting`), written by the same statements whichever database is behind.
enum StoredRecord {
    static func encode(_ value: some Encodable) throws -> String { try JSONTextEncoder().encode(value) }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try decoder.decode(type, from: Data(text.utf8))
    }

    /// The lead's record with the keys duplicate checks look it up by (`LeadIdentity`).
    static func updateLead(_ lead: LeadRecord) throws -> SQLStatement {
        let identity = LeadIdentity(lead)
        return SQLStatement(
            sql: "UPDATE lead SET status = ?, email_key = ?, person_key = ?, source_key = ?, owner = ?, queue = ?, updated_at = ?, data = ? WHERE id = ?",
            arguments: [
                .text(lead.status.rawValue), identity.email.map(SQLValue.text), identity.person.map(SQLValue.text), identity.source.map(SQLValue.text),
                lead.owner.map(SQLValue.text), lead.queue.map(SQLValue.text), .date(lead.updatedAt), .text(try encode(lead)), .integer(lead.id),
            ])
    }

    /// The lead's row in `lead_list`, inserted or replaced.
    static func leadListRow(_ lead: LeadRecord) -> SQLStatement {
        upsert("lead_list", [
            ("id", .integer(lead.id)), ("status", .text(lead.status.rawValue)), ("owner", lead.owner.map(SQLValue.text)),
            ("queue", lead.queue.map(SQLValue.text)), ("source", .text(lead.source)), ("tier", lead.tier.map(SQLValue.text)),
            ("owners_ever", .text(ownersEver(lead))), ("search", .text(lead.searchText)), ("name_key", .text(lead.displayName.lowercased())),
            ("score", .real(lead.score.total)), ("response_due", lead.responseDue.map(SQLValue.date)),
            ("responded_at", (lead.firstTouch?.at ?? lead.closedAt).map(SQLValue.date)), ("deadline", lead.nextDeadline.map(SQLValue.date)),
            ("received_at", .date(lead.receivedAt)), ("updated_at", .date(lead.updatedAt)),
        ])
    }

    /// " ana lukas ": the current and previous owners, space-delimited so that `instr` finds whole ids.
    static func ownersEver(_ lead: LeadRecord) -> String {
        " " + (lead.previousOwners + [lead.owner].compactMap { $0 }).joined(separator: " ") + " "
    }

    /// The item's row in `work_list`, inserted or replaced; people lists are stored space-delimited.
    static func workListRow(_ item: WorkItem, summary: WorkSummary) -> SQLStatement {
        let row = WorkRow(item: item, summary: summary)
        return upsert("work_list", [
            ("id", .integer(row.id)), ("asset_type", .text(row.assetType)), ("campaign", row.campaign.map(SQLValue.text)), ("name", .text(row.name)),
            ("name_key", .text(row.name.lowercased())), ("status", .text(row.status.rawValue)), ("requester", .text(row.requester)),
            ("owners", .text(row.owners.joined(separator: " "))), ("waiting_on", .text(row.waitingOn.joined(separator: " "))),
            ("people", .text(" " + WorkQuery.people(item).sorted().joined(separator: " ") + " ")), ("search", .text(item.searchText)),
            ("rush", .bool(row.rush)), ("blocked", .bool(row.blocked)), ("late", .bool(row.late)), ("stage", .text(row.stage)),
            ("next_due", row.nextDue.map(SQLValue.date)), ("deadline", row.deadline.map(SQLValue.date)), ("created_at", .date(item.createdAt)),
            ("updated_at", .date(row.updatedAt)),
        ])
    }

    /// What waits on whom for one item, as rows of `work_waiting` (after its old rows are deleted); nil when nothing waits.
    static func workWaitingRows(_ item: WorkItem, summary: WorkSummary) -> SQLStatement? {
        guard !summary.waiting.isEmpty else { return nil }
        return SQLStatement(
            sql: "INSERT INTO work_waiting (item_id, person, kind, on_what, label, due) VALUES "
                + summary.waiting.map { _ in "(?, ?, ?, ?, ?, ?)" }.joined(separator: ", "),
            arguments: summary.waiting.flatMap { waiting -> [SQLValue?] in
                [.integer(item.id), .text(waiting.person), .text(waiting.kind.rawValue), .text(waiting.on), .text(waiting.label), waiting.due.map(SQLValue.date)]
            })
    }

    /// "INSERT … ON CONFLICT (id) DO UPDATE …", which SQLite and PostgreSQL both read.
    private static func upsert(_ table: String, _ columns: [(String, SQLValue?)]) -> SQLStatement {
        let names = columns.map(\.0)
        let updates = names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return SQLStatement(
            sql: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(SQLCondition.placeholders(names.count))) ON CONFLICT (id) DO UPDATE SET \(updates)",
            arguments: columns.map(\.1))
    }
}
