import BatonCore
import Foundation

extension PostgresStore: AccountStore {
    public func syncAccounts(with people: [Person], policyVersion: Int64, at: Date) async throws {
        try await write { db in
            // Instances loading the policy at once apply one plan after the other.
            try await db.run("LOCK TABLE account IN SHARE ROW EXCLUSIVE MODE")
            let (steps, events) = AccountSync.plan(existing: try await Self.accounts(db), people: people, policyVersion: policyVersion, at: at)
            for step in steps {
                switch step {
                case .create(let account):
                    try await db.run(
                        "INSERT INTO account (id, email, name, access, active) VALUES (?, ?, ?, ?, TRUE)",
                        [.text(account.id), .text(account.email), .text(account.name), .text(account.access.rawValue)])
                case .update(let account):
                    try await db.run(
                        "UPDATE account SET email = ?, name = ?, access = ?, active = TRUE WHERE id = ?",
                        [.text(account.email), .text(account.name), .text(account.access.rawValue), .text(account.id)])
                case .deactivate(let id):
                    try await db.run("UPDATE account SET active = FALSE WHERE id = ?", [.text(id)])
                    try await db.run("DELETE FROM session WHERE account_id = ?", [.text(id)])
                }
            }
            try await Self.insert(events, into: db)
        }
    }

    public func accounts() async throws -> [Account] {
        try await read { db in try await Self.accounts(db) }
    }

    public func account(id: String) async throws -> Account? {
        try await read { db in try await db.rows("SELECT * FROM account WHERE id = ?", [.text(id)]).first.map(Self.account) }
    }

    public func account(email: String) async throws -> Account? {
        try await read { db in try await db.rows("SELECT * FROM account WHERE lower(email) = lower(?)", [.text(email)]).first.map(Self.account) }
    }

    public func passwordHash(accountID: String) async throws -> String? {
        try await read { db in try await db.value("SELECT password_hash FROM account WHERE id = ?", [.text(accountID)], as: String?.self) ?? nil }
    }

    public func setPassword(accountID: String, hash: String, actor: String, at: Date) async throws {
        try await write { db in
            guard try await db.count("UPDATE account SET password_hash = ? WHERE id = ? RETURNING 1", [.text(hash), .text(accountID)]) == 1 else {
                throw StoreError(code: "unknown_account", message: "no account '\(accountID)'")
            }
            try await db.run("DELETE FROM session WHERE account_id = ?", [.text(accountID)])
            // A password set by any means ends every setup link of the account: the link only ever sets a first one.
            try await db.run("UPDATE setup_token SET used_at = ? WHERE account_id = ? AND used_at IS NULL", [.date(at), .text(accountID)])
            try await Self.insert([NewEvent(type: "account.password_set", subject: "account:\(accountID)", actor: actor, at: at)], into: db)
        }
    }

    public func anyPasswordSet() async throws -> Bool {
        try await read { db in try await db.value("SELECT 1 FROM account WHERE password_hash IS NOT NULL LIMIT 1", as: Int32.self) != nil }
    }

    public func createSetupToken(hash: String, accountID: String, expiresAt: Date, at: Date) async throws {
        try await write { db in
            try await db.run("INSERT INTO setup_token (hash, account_id, expires_at) VALUES (?, ?, ?)", [.text(hash), .text(accountID), .date(expiresAt)])
            try await Self.insert([NewEvent(type: "setup.link_created", subject: "account:\(accountID)", actor: "system", at: at)], into: db)
        }
    }

    public func setupTokenIsLive(hash: String, at: Date) async throws -> Bool {
        try await read { db in try await Self.liveSetupAccount(db, hash: hash, at: at, lock: false) != nil }
    }

    public func redeemSetupToken(hash: String, at: Date) async throws -> String? {
        try await write { db in
            guard let accountID = try await Self.liveSetupAccount(db, hash: hash, at: at, lock: true) else { return nil }
            try await db.run("UPDATE setup_token SET used_at = ? WHERE hash = ?", [.date(at), .text(hash)])
            return accountID
        }
    }

    /// The account of a setup token that is unused, unexpired, and whose account is active and has no password yet;
    /// with `lock`, the token's row stays locked so two instances cannot both redeem it.
    private static func liveSetupAccount(_ db: PostgresSQL, hash: String, at: Date, lock: Bool) async throws -> String? {
        try await db.value(
            """
            SELECT account_id FROM setup_token JOIN account ON account.id = setup_token.account_id
            WHERE hash = ? AND used_at IS NULL AND expires_at > ? AND account.password_hash IS NULL AND account.active
            """ + (lock ? " FOR UPDATE OF setup_token" : ""),
            [.text(hash), .date(at)], as: String.self)
    }

    static func accounts(_ db: PostgresSQL) async throws -> [Account] {
        try await db.rows("SELECT * FROM account ORDER BY id").map(account)
    }

    static func account(_ row: PostgresSQL.Row) throws -> Account {
        Account(
            id: try row.get("id"), email: try row.get("email"), name: try row.get("name"),
            access: AccessRole(rawValue: try row.get("access")) ?? .viewer, active: try row.get("active"),
            hasPassword: try row.get("password_hash", as: String?.self) != nil)
    }
}

extension PostgresStore: SessionStore {
    public func createSession(tokenHash: String, session: Session, at: Date) async throws {
        try await write { db in
            try await db.run("DELETE FROM session WHERE expires_at <= ?", [.date(at)])
            try await db.run(
                "INSERT INTO session (token_hash, account_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                [.text(tokenHash), .text(session.accountID), .text(session.csrfToken), .date(at), .date(session.expiresAt)])
            try await Self.insert([NewEvent(type: "session.signed_in", subject: "account:\(session.accountID)", actor: session.accountID, at: at)], into: db)
        }
    }

    public func session(tokenHash: String, at: Date) async throws -> Session? {
        try await read { db in
            try await db.rows(
                """
                SELECT session.* FROM session JOIN account ON account.id = session.account_id
                WHERE token_hash = ? AND expires_at > ? AND account.active
                """, [.text(tokenHash), .date(at)]
            ).first.map { row in Session(accountID: try row.get("account_id"), csrfToken: try row.get("csrf_token"), expiresAt: try row.get("expires_at")) }
        }
    }

    public func deleteSession(tokenHash: String, actor: String, at: Date) async throws {
        try await write { db in
            if try await db.count("DELETE FROM session WHERE token_hash = ? RETURNING 1", [.text(tokenHash)]) > 0 {
                try await Self.insert([NewEvent(type: "session.signed_out", subject: "account:\(actor)", actor: actor, at: at)], into: db)
            }
        }
    }
}

extension PostgresStore: APITokenStore {
    public func createAPIToken(_ token: APIToken, secretHash: String, actor: String) async throws {
        let scopes = token.scopes.map(\.rawValue).joined(separator: " ")
        try await write { db in
            try await db.run(
                "INSERT INTO api_token (id, secret_hash, name, account_id, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(token.id), .text(secretHash), .text(token.name), .text(token.accountID), .text(scopes), .date(token.createdAt)])
            try await Self.insert(
                [
                    NewEvent(
                        type: "token.created", subject: "token:\(token.id)", actor: actor, at: token.createdAt,
                        payload: ["name": token.name, "account": token.accountID, "scopes": scopes])
                ], into: db)
        }
    }

    public func apiToken(secretHash: String) async throws -> APIToken? {
        try await read { db in
            try await db.rows(
                """
                SELECT api_token.* FROM api_token JOIN account ON account.id = api_token.account_id
                WHERE secret_hash = ? AND revoked_at IS NULL AND account.active
                """, [.text(secretHash)]
            ).first.map(Self.apiToken)
        }
    }

    public func apiTokens() async throws -> [APIToken] {
        try await read { db in try await db.rows("SELECT * FROM api_token ORDER BY created_at, id").map(Self.apiToken) }
    }

    public func revokeAPIToken(id: String, actor: String, at: Date) async throws -> Bool {
        try await write { db in
            guard try await db.count("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING 1", [.date(at), .text(id)]) == 1
            else { return false }
            try await Self.insert([NewEvent(type: "token.revoked", subject: "token:\(id)", actor: actor, at: at)], into: db)
            return true
        }
    }

    private static func apiToken(_ row: PostgresSQL.Row) throws -> APIToken {
        APIToken(
            id: try row.get("id"), name: try row.get("name"), accountID: try row.get("account_id"),
            scopes: try row.get("scopes", as: String.self).split(separator: " ").compactMap { APIScope(rawValue: String($0)) },
            createdAt: try row.get("created_at"), revokedAt: try row.get("revoked_at"))
    }
}
