import BatonCore
import Foundation
import GRDB

extension SQLiteStore: AccountStore {
    public func syncAccounts(with people: [Person], policyVersion: Int64, at: Date) async throws {
        try await writer.write { db in
            let (steps, events) = AccountSync.plan(existing: try Self.accounts(db), people: people, policyVersion: policyVersion, at: at)
            for step in steps {
                switch step {
                case .create(let account):
                    try db.execute(
                        sql: "INSERT INTO account (id, email, name, access, active) VALUES (?, ?, ?, ?, 1)",
                        arguments: [account.id, account.email, account.name, account.access.rawValue])
                case .update(let account):
                    try db.execute(
                        sql: "UPDATE account SET email = ?, name = ?, access = ?, active = 1 WHERE id = ?",
                        arguments: [account.email, account.name, account.access.rawValue, account.id])
                case .deactivate(let id):
                    try db.execute(sql: "UPDATE account SET active = 0 WHERE id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [id])
                }
            }
            try Self.insert(events, into: db)
        }
    }

    public func accounts() async throws -> [Account] {
        try await writer.read { db in try Self.accounts(db) }
    }

    public func account(id: String) async throws -> Account? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]).map(Self.account)
        }
    }

    public func account(email: String) async throws -> Account? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE email = ?", arguments: [email]).map(Self.account)
        }
    }

    public func passwordHash(accountID: String) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM account WHERE id = ?", arguments: [accountID])
        }
    }

    public func setPassword(accountID: String, hash: String, actor: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [hash, accountID])
            guard db.changesCount == 1 else {
                throw StoreError(code: "unknown_account", message: "no account '\(accountID)'")
            }
            try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [accountID])
            // A password set by any means ends every setup link of the account: the link only ever sets a first one.
            try db.execute(sql: "UPDATE setup_token SET used_at = ? WHERE account_id = ? AND used_at IS NULL", arguments: [at, accountID])
            try Self.insert([NewEvent(type: "account.password_set", subject: "account:\(accountID)", actor: actor, at: at)], into: db)
        }
    }

    public func anyPasswordSet() async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE password_hash IS NOT NULL)") ?? false
        }
    }

    public func createSetupToken(hash: String, accountID: String, expiresAt: Date, at: Date) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO setup_token (hash, account_id, expires_at) VALUES (?, ?, ?)",
                arguments: [hash, accountID, expiresAt])
            try Self.insert([NewEvent(type: "setup.link_created", subject: "account:\(accountID)", actor: "system", at: at)], into: db)
        }
    }

    public func setupTokenIsLive(hash: String, at: Date) async throws -> Bool {
        try await writer.read { db in try Self.liveSetupAccount(db, hash: hash, at: at) != nil }
    }

    public func redeemSetupToken(hash: String, at: Date) async throws -> String? {
        try await writer.write { db in
            guard let accountID = try Self.liveSetupAccount(db, hash: hash, at: at) else { return nil }
            try db.execute(sql: "UPDATE setup_token SET used_at = ? WHERE hash = ?", arguments: [at, hash])
            return accountID
        }
    }

    /// The account of a setup token that is unused, unexpired, and whose account is active and has no password yet.
    private static func liveSetupAccount(_ db: Database, hash: String, at: Date) throws -> String? {
        try String.fetchOne(
            db,
            sql: """
                SELECT account_id FROM setup_token JOIN account ON account.id = setup_token.account_id
                WHERE hash = ? AND used_at IS NULL AND expires_at > ? AND account.password_hash IS NULL AND account.active
                """,
            arguments: [hash, at])
    }

    static func accounts(_ db: Database) throws -> [Account] {
        try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY id").map(account)
    }

    static func account(_ row: Row) -> Account {
        Account(
            id: row["id"], email: row["email"], name: row["name"],
            access: AccessRole(rawValue: row["access"]) ?? .viewer, active: row["active"],
            hasPassword: (row["password_hash"] as String?) != nil)
    }
}
