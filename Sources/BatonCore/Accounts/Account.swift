import Foundation

/// A person who can sign in to Baton, kept in step with the policy's people.
public struct Account: Sendable, Equatable, Codable {
    /// The person id from the policy.
    public var id: String
    public var email: String
    public var name: String
    public var access: AccessRole
    /// False once the person is no longer in the policy in force; they cannot sign in.
    public var active: Bool
    public var hasPassword: Bool

    public init(id: String, email: String, name: String, access: AccessRole, active: Bool, hasPassword: Bool) {
        self.id = id
        self.email = email
        self.name = name
        self.access = access
        self.active = active
        self.hasPassword = hasPassword
    }
}

/// A machine credential: a bearer token acting for one account, limited to some scopes.
///
/// Only a hash of the secret is stored; the secret is shown once, when the token is created.
public struct APIToken: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var accountID: String
    public var scopes: [APIScope]
    public var createdAt: Date
    public var revokedAt: Date?

    public init(
        id: String, name: String, accountID: String, scopes: [APIScope], createdAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.accountID = accountID
        self.scopes = scopes
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// What an API token may do. A route names the scope it needs; the token's account must also hold an admitted role.
public enum APIScope: String, Sendable, Equatable, Codable, CaseIterable {
    case policyRead = "policy:read"
    case usersRead = "users:read"
    case tokensRead = "tokens:read"
    case tokensWrite = "tokens:write"
    case eventsRead = "events:read"
    case leadsRead = "leads:read"
    case leadsWrite = "leads:write"
    case workRead = "work:read"
    case workWrite = "work:write"
}

/// A signed-in browser session. The cookie holds a secret; the store holds only its hash.
public struct Session: Sendable, Equatable {
    public var accountID: String
    /// The token every form post must echo (CSRF protection).
    public var csrfToken: String
    public var expiresAt: Date

    public init(accountID: String, csrfToken: String, expiresAt: Date) {
        self.accountID = accountID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// One stored policy version: the exact text, its content hash, and when it came into force.
public struct PolicyVersion: Sendable, Equatable, Codable {
    public var id: Int64
    /// SHA-256 of the source text, hex.
    public var hash: String
    public var source: String
    public var loadedAt: Date
    public var loadedBy: String
    /// The file the text was read from.
    public var file: String

    public init(id: Int64, hash: String, source: String, loadedAt: Date, loadedBy: String, file: String) {
        self.id = id
        self.hash = hash
        self.source = source
        self.loadedAt = loadedAt
        self.loadedBy = loadedBy
        self.file = file
    }
}
