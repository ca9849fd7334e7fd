import BatonCore
import Foundation
import GRDB

extension SQLiteStore: SessionStore {
    public func createSession(tokenHash: String, session: Session, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM session WHERE expires_at <= ?", arguments: [at])
            try db.execute(
                sql: "INSERT INTO session (token_hash, account_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [tokenHash, session.accountID, session.csrfToken, at, session.expiresAt])
            try Self.insert([NewEvent(type: "session.signed_in", subject: "account:\(session.accountID)", actor: session.accountID, at: at)], into: db)
        }
    }

    public func session(tokenHash: String, at: Date) async throws -> Session? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT session.* FROM session JOIN account ON account.id = session.account_id
                    WHERE token_hash = ? AND expires_at > ? AND account.active
                    """,
                arguments: [tokenHash, at]
            ).map { row in Session(accountID: row["account_id"], csrfToken: row["csrf_token"], expiresAt: row["expires_at"]) }
        }
    }

    public func deleteSession(tokenHash: String, actor: String, at: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM session WHERE token_hash = ?", arguments: [tokenHash])
            if db.changesCount > 0 {
                try Self.insert([NewEvent(type: "session.signed_out", subject: "account:\(actor)", actor: actor, at: at)], into: db)
            }
        }
    }
}

extension SQLiteStore: APITokenStore {
    public func createAPIToken(_ token: APIToken, secretHash: String, actor: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO api_token (id, secret_hash, name, account_id, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [token.id, secretHash, token.name, token.accountID, token.scopes.map(\.rawValue).joined(separator: " "), token.createdAt])
            try Self.insert(
                [
                    NewEvent(
                        type: "token.created", subject: "token:\(token.id)", actor: actor, at: token.createdAt,
                        payload: ["name": token.name, "account": token.accountID, "scopes": token.scopes.map(\.rawValue).joined(separator: " ")])
                ], into: db)
        }
    }

    public func apiToken(secretHash: String) async throws -> APIToken? {
        try await writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT api_token.* FROM api_token JOIN account ON account.id = api_token.account_id
                    WHERE secret_hash = ? AND revoked_at IS NULL AND account.active
                    """,
                arguments: [secretHash]
            ).map(Self.apiToken)
        }
    }

    public func apiTokens() async throws -> [APIToken] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY created_at, id").map(Self.apiToken)
        }
    }

    public func revokeAPIToken(id: String, actor: String, at: Date) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [at, id])
            guard db.changesCount == 1 else { return false }
            try Self.insert([NewEvent(type: "token.revoked", subject: "token:\(id)", actor: actor, at: at)], into: db)
            return true
        }
    }

    private static func apiToken(_ row: Row) -> APIToken {
        APIToken(
            id: row["id"], name: row["name"], accountID: row["account_id"],
            scopes: (row["scopes"] as String).split(separator: " ").compactMap { APIScope(rawValue: String($0)) },
            createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
