import BatonCore
import Foundation

/// The versions of the policy, each the exact text that was in force.
public protocol PolicyVersionStore: Sendable {
    /// Stores `source` as the policy in force, unless the latest version has the same hash.
    /// Appends a `policy.version_recorded` event (announced on the outbox) when a version is new.
    func recordPolicyVersion(source: String, hash: String, file: String, actor: String, at: Date) async throws
        -> (version: PolicyVersion, isNew: Bool)
    /// Every version, newest first.
    func policyVersions() async throws -> [PolicyVersion]
    func policyVersion(id: Int64) async throws -> PolicyVersion?
}

/// The accounts that may sign in, kept in step with the policy's people, and their credentials.
public protocol AccountStore: Sendable {
    /// Creates, updates and deactivates accounts so that they match `people`; one event per change.
    func syncAccounts(with people: [Person], policyVersion: Int64, at: Date) async throws
    func accounts() async throws -> [Account]
    func account(id: String) async throws -> Account?
    func account(email: String) async throws -> Account?
    func passwordHash(accountID: String) async throws -> String?
    func setPassword(accountID: String, hash: String, actor: String, at: Date) async throws
    /// True once any account has a password: the first-admin setup is over.
    func anyPasswordSet() async throws -> Bool
    func createSetupToken(hash: String, accountID: String, expiresAt: Date, at: Date) async throws
    /// Whether a setup token could still be used now (as `redeemSetupToken` would), without using it.
    func setupTokenIsLive(hash: String, at: Date) async throws -> Bool
    /// Uses a setup token once: returns its account when the token exists, is unused and unexpired, and the account
    /// is active and still has no password. Setting a password by any means ends the account's setup tokens.
    func redeemSetupToken(hash: String, at: Date) async throws -> String?
}

/// Browser sessions, looked up by the hash of the cookie's secret.
public protocol SessionStore: Sendable {
    func createSession(tokenHash: String, session: Session, at: Date) async throws
    /// The live session for a cookie, or nil when unknown or expired.
    func session(tokenHash: String, at: Date) async throws -> Session?
    func deleteSession(tokenHash: String, actor: String, at: Date) async throws
}

/// Bearer tokens for machines.
public protocol APITokenStore: Sendable {
    func createAPIToken(_ token: APIToken, secretHash: String, actor: String) async throws
    /// The unrevoked token with this secret hash.
    func apiToken(secretHash: String) async throws -> APIToken?
    func apiTokens() async throws -> [APIToken]
    /// Revokes a token; false when there is no such unrevoked token.
    func revokeAPIToken(id: String, actor: String, at: Date) async throws -> Bool
}

/// The append-only event log and its outbox.
public protocol EventStore: Sendable {
    /// Appends events and, in the same transaction, one outbox message per announced topic.
    @discardableResult
    func append(_ events: [NewEvent]) async throws -> [Event]
    /// Appends events (and their outbox messages) unless events were appended under `key` before, in one transaction:
    /// of several instances that try the same key, exactly one appends. Returns whether this call appended.
    func appendOnce(_ events: [NewEvent], key: String, at now: Date) async throws -> Bool
    /// Events after a sequence number, oldest first.
    func events(after sequence: Int64, limit: Int) async throws -> [Event]
    /// Outbox messages of a topic not yet delivered, oldest first.
    func pendingOutbox(topic: String, limit: Int) async throws -> [OutboxMessage]
}

/// Delivery ids of webhooks whose signatures carry no time (HubSpot v1 and v2), so a replay is recognised.
public protocol HookDeliveryStore: Sendable {
    /// True when any of `ids` from `source` was remembered before.
    func anyDeliverySeen(source: String, ids: [String]) async throws -> Bool
    func rememberDeliveries(source: String, ids: [String], at: Date) async throws
}

/// Secrets every instance on one database must share (the key that signs pre-sign-in form tokens), kept in the
/// database so that a form one instance showed can be posted to another.
public protocol SharedSecretStore: Sendable {
    /// The secret stored under `name`; the first caller's `proposed` value becomes it when there is none yet.
    func sharedSecret(name: String, proposed: String) async throws -> String
}

/// Whether the database answers, for `/readyz`.
public protocol StoreHealth: Sendable {
    /// Reads from the database and says which one it is ("PostgreSQL db.example.com:5432/baton"); throws when it
    /// cannot be reached.
    func readiness() async throws -> String
}

/// Everything the server needs from storage. Each implementation (SQLite, later PostgreSQL) conforms to it all
/// and passes the suite in `BatonStoreConformance`.
public typealias BatonStorage = PolicyVersionStore & AccountStore & SessionStore & APITokenStore & EventStore & LeadStore & NotificationStore
    & OutcomeStore & JourneyStore & AuditStore
    & HookDeliveryStore & WorkStore & TimerStore & StoreHealth & SharedSecretStore

/// A storage failure callers can explain to a person.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
