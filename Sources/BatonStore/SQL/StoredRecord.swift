import BatonCore
import Foundation
import NIOCore

/// How both stores keep a lead or work item: the whole record as JSON with millisecond dates in a `data` column,
/// and beside it the narrow columns that lookups and lists read (`lead`'s keys, `lead_list`, `work_list`,
/// `work_waiting`), written by the same statements whichever database is behind.
enum StoredRecord {
    static func encode(_ value: some Encodable) throws -> String { try JSONTextEncoder().encode(value) }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try decoder.decode(type, from: Data(text.utf8))
    }

    /// Many records at once, in the order given: a long list (a backtest reads every lead of a period) is decoded on
    /// every core, in chunks.
    static func decodeAll<Value: Decodable & Sendable>(_ type: Value.Type, from texts: [String]) throws -> [Value] {
        try texts.concurrentMap(chunk: 2_000) { try decode(type, from: $0) }
    }

    /// One decoder for every record: its options never change, and decoding with it from several threads is safe.
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()

    /// The lead's record with the keys duplicate checks look it up by (`LeadIdentity`).
    static func updateLead(_ lead: LeadRecord) throws -> SQLStatement {
        let columns = try leadColumns(lead)
        return SQLStatement(
            sql: "UPDATE lead SET " + columns.dropFirst().map { "\($0.0) = ?" }.joined(separator: ", ") + " WHERE id = ?",
            arguments: columns.dropFirst().map(\.1) + [.integer(lead.id)])
    }

    /// New leads whose ids are already reserved, with their keys, in one statement.
    static func insertLeads(_ leads: [LeadRecord]) throws -> SQLStatement {
        try insert("lead", rows: leads.map(leadColumns), upsert: false)
    }

    /// The lead's record and the columns lookups read: id first.
    private static func leadColumns(_ lead: LeadRecord) throws -> [(String, SQLValue?)] {
        let identity = LeadIdentity(lead)
        return [
            ("id", .integer(lead.id)), ("status", .text(lead.status.rawValue)), ("email_key", identity.email.map(SQLValue.text)),
            ("person_key", identity.person.map(SQLValue.text)), ("source_key", identity.source.map(SQLValue.text)), ("owner", lead.owner.map(SQLValue.text)),
            ("queue", lead.queue.map(SQLValue.text)), ("received_at", .date(lead.receivedAt)), ("updated_at", .date(lead.updatedAt)), ("data", .text(try encode(lead))),
            ("replay", .blob(ReplayInputCodec.encode(Backtest.Input(lead)))),
        ]
    }

    /// "SELECT id, replay …" of some leads. Every write of a lead writes its replay column, and the migration that
    /// added the column filled it, so an empty one is a fault that `baton reports rebuild` repairs.
    static func replaySelection(ids count: Int) -> String {
        "SELECT id, replay FROM lead WHERE id IN (\(SQLCondition.placeholders(count)))"
    }

    /// The refusal for a lead whose replay column is empty.
    static func replayMissing(_ id: Int64) -> StoreError {
        StoreError(code: "replay_missing", message: "lead \(id) has no replay input; run `baton reports rebuild` to write every lead's again")
    }

    /// The inputs of these rows (id and replay column), in the order given, decoded on every core. A column that
    /// does not decode, or holds another lead's input, is refused with the lead's id.
    static func replayInputs(_ stored: [(id: Int64, bytes: ByteBuffer)]) throws -> [Backtest.Input] {
        try stored.concurrentMap(chunk: 2_000) { id, bytes in
            guard let input = try? ReplayInputCodec.decode(bytes), input.id == id else {
                throw StoreError(
                    code: "replay_unreadable",
                    message: "lead \(id)'s replay input is damaged (cut short, of an unknown version, or another lead's); run `baton reports rebuild` to write every lead's again")
            }
            return input
        }
    }

    /// Fills the `replay` column of these leads from their records, 500 to a statement.
    static func replayUpdates(_ inputs: [Backtest.Input]) -> [SQLStatement] {
        inputs.chunks(of: 500).map { chunk in
            SQLStatement(
                sql: "WITH fresh(id, replay) AS (VALUES " + Array(repeating: "(?, ?)", count: chunk.count).joined(separator: ", ")
                    + ") UPDATE lead SET replay = (SELECT replay FROM fresh WHERE fresh.id = lead.id) WHERE id IN (SELECT id FROM fresh)",
                arguments: chunk.flatMap { [.integer($0.id), .blob(ReplayInputCodec.encode($0))] })
        }
    }

    /// Leads whose replay column a rebuild fills per read.
    static let replayPage = 5_000

    /// The lead's row in `lead_list`, inserted or replaced.
    static func leadListRow(_ lead: LeadRecord) -> SQLStatement { leadListRows([lead]) }

    /// Several leads' rows in `lead_list` (each id once), inserted or replaced in one statement.
    static func leadListRows(_ leads: [LeadRecord]) -> SQLStatement {
        insert("lead_list", rows: leads.map { lead in
            [
                ("id", .integer(lead.id)), ("status", .text(lead.status.rawValue)), ("owner", lead.owner.map(SQLValue.text)),
                ("queue", lead.queue.map(SQLValue.text)), ("source", .text(lead.source)), ("tier", lead.tier.map(SQLValue.text)),
                ("owners_ever", .text(ownersEver(lead))), ("search", .text(lead.searchText)), ("name_key", .text(lead.displayName.lowercased())),
                ("score", .real(lead.score.total)), ("response_due", lead.responseDue.map(SQLValue.date)),
                ("responded_at", (lead.firstTouch?.at ?? lead.closedAt).map(SQLValue.date)), ("deadline", lead.nextDeadline.map(SQLValue.date)),
                ("received_at", .date(lead.receivedAt)), ("updated_at", .date(lead.updatedAt)),
            ]
        }, upsert: true)
    }

    /// " ana lukas ": the current and previous owners, space-delimited so that `instr` finds whole ids.
    static func ownersEver(_ lead: LeadRecord) -> String {
        " " + (lead.previousOwners + [lead.owner].compactMap { $0 }).joined(separator: " ") + " "
    }

    /// The item's row in `work_list`, inserted or replaced; people lists are stored space-delimited.
    static func workListRow(_ item: WorkItem, summary: WorkSummary) -> SQLStatement {
        let row = WorkRow(item: item, summary: summary)
        return insert("work_list", rows: [[
            ("id", .integer(row.id)), ("asset_type", .text(row.assetType)), ("campaign", row.campaign.map(SQLValue.text)), ("name", .text(row.name)),
            ("name_key", .text(row.name.lowercased())), ("status", .text(row.status.rawValue)), ("requester", .text(row.requester)),
            ("owners", .text(row.owners.joined(separator: " "))), ("waiting_on", .text(row.waitingOn.joined(separator: " "))),
            ("people", .text(" " + WorkQuery.people(item).sorted().joined(separator: " ") + " ")), ("search", .text(item.searchText)),
            ("rush", .bool(row.rush)), ("blocked", .bool(row.blocked)), ("late", .bool(row.late)), ("stage", .text(row.stage)),
            ("next_due", row.nextDue.map(SQLValue.date)), ("deadline", row.deadline.map(SQLValue.date)), ("created_at", .date(item.createdAt)),
            ("updated_at", .date(row.updatedAt)),
        ]], upsert: true)
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

    /// "INSERT … VALUES (…), (…)", with `upsert` "… ON CONFLICT (id) DO UPDATE …", which SQLite and PostgreSQL both
    /// read. Every row has the same columns, id first.
    static func insert(_ table: String, rows: [[(String, SQLValue?)]], upsert: Bool) -> SQLStatement {
        let names = rows.first?.map(\.0) ?? []
        let values = Array(repeating: "(" + SQLCondition.placeholders(names.count) + ")", count: rows.count).joined(separator: ", ")
        let conflict = upsert ? " ON CONFLICT (id) DO UPDATE SET " + names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ") : ""
        return SQLStatement(sql: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES \(values)\(conflict)", arguments: rows.flatMap { $0.map(\.1) })
    }
}
