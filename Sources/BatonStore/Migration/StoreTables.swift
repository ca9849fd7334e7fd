import Foundation

/// Every table a Baton store holds, with its columns' kinds, in an order that respects foreign keys: what
/// `StoreCopier` copies and checks. A migration that adds a table or column adds it here too (the copier's test
/// compares this list with the SQLite schema and fails when they differ).
enum StoreTables {
    /// How a column's values are read and compared: SQLite keeps dates as text and booleans as 0 or 1.
    enum Kind: Sendable {
        case text, integer, real, bool, date, blob
    }

    struct Table: Sendable {
        let name: String
        let columns: [(name: String, kind: Kind)]
        /// The identity column PostgreSQL numbers itself, whose sequence must continue after the copied rows.
        let identity: String?
    }

    /// A table from "name:kind, …" where kind is i(nteger), r(eal), b(ool), d(ate), x (bytes) or, left out, text.
    private static func table(_ name: String, identity: String? = nil, _ columns: String) -> Table {
        let parsed = columns.split(separator: ",").map { entry -> (String, Kind) in
            let parts = entry.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            let kind: Kind = switch parts.count > 1 ? parts[1] : "t" {
            case "i": .integer
            case "r": .real
            case "b": .bool
            case "d": .date
            case "x": .blob
            default: .text
            }
            return (parts[0], kind)
        }
        return Table(name: name, columns: parsed, identity: identity)
    }

    static let all: [Table] = [
        table("event", identity: "sequence", "sequence:i, type, subject, actor, at:d, policy_version:i, payload"),
        table(
            "outbox", identity: "id",
            "id:i, topic, event_sequence:i, created_at:d, delivered_at:d, attempts:i, next_attempt_at:d, last_error, claimed_by, lease_until:d"),
        table("policy_version", identity: "id", "id:i, hash, source, file, loaded_at:d, loaded_by"),
        table("account", "id, email, name, access, active:b, password_hash"),
        table("setup_token", "hash, account_id, expires_at:d, used_at:d"),
        table("session", "token_hash, account_id, csrf_token, created_at:d, expires_at:d"),
        table("api_token", "id, secret_hash, name, account_id, scopes, created_at:d, revoked_at:d"),
        table("lead", identity: "id", "id:i, status, email_key, person_key, source_key, owner, queue, received_at:d, updated_at:d, data, replay:x"),
        table(
            "lead_list",
            "id:i, status, owner, queue, source, tier, owners_ever, search, name_key, score:r, response_due:d, responded_at:d, deadline:d, received_at:d, updated_at:d"),
        table("intake_key", "key, lead_id:i, received_at:d, fingerprint"),
        table("hook_delivery", "source, id, received_at:d"),
        table("timer", identity: "id", "id:i, subject, kind, level:i, due:d, clock, done_at:d, outcome, claimed_by, lease_until:d"),
        table("rep_load", "person, open_leads:i"),
        table("pool_credit", "pool, person, credit:i"),
        table("absence", identity: "id", "id:i, person, starts:d, ends:d, note"),
        table("inbox", identity: "id", "id:i, recipient, event_sequence:i, subject, text, created_at:d, read_at:d"),
        table("work_item", identity: "id", "id:i, data"),
        table(
            "work_list",
            "id:i, asset_type, campaign, name, name_key, status, requester, owners, waiting_on, people, search, rush:b, blocked:b, late:b, stage, next_due:d, deadline:d, created_at:d, updated_at:d"),
        table("work_waiting", "item_id:i, person, kind, on_what, label, due:d"),
        table("outbox_delivery", "outbox_id:i, destination, claimed_by, began_at:d"),
        table("shared_secret", "name, value"),
        table(
            "outcome", identity: "id",
            "id:i, key, lead_id:i, lead_ref:i, source_key, email_key, reference, data, actor, line:i, reason, received_at:d, updated_at:d"),
        table("lead_journey", journeyColumns),
        table("audit", identity: "id", "id:i, kind, period, data, created_at:d, updated_at:d"),
    ]

    /// `lead_journey`'s columns, as `JourneySQL` lists them.
    private static var journeyColumns: String {
        (["id:i"] + JourneySQL.columns.map { column in
            switch column.kind {
            case .text: column.name
            case .integer: "\(column.name):i"
            case .real: "\(column.name):r"
            }
        }).joined(separator: ", ")
    }
}
