import BatonCore
import BatonStore
import Foundation

/// Creates API tokens for the API and for `baton token create`: the secret is shown once, only its hash is kept.
public struct TokenIssuer: Sendable {
    let store: any BatonStorage
    let clock: any Clock

    public init(store: any BatonStorage, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    public func issue(name: String, accountEmail: String, scopes: [APIScope], actor: String) async throws -> (token: APIToken, secret: String) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppError.badRequest("Give the token a name, e.g. \"HubSpot webhook\".") }
        guard !scopes.isEmpty else {
            throw AppError.badRequest("Give the token at least one scope: \(APIScope.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard let account = try await store.account(email: accountEmail), account.active else {
            throw AppError(.unprocessableContent, code: "unknown_account", message: "No active account has the email \(accountEmail).")
        }
        let secret = Secrets.make(prefix: "bt_")
        let token = APIToken(id: String(UUID().uuidString.prefix(8)).lowercased(), name: name, accountID: account.id, scopes: scopes, createdAt: clock.now())
        try await store.createAPIToken(token, secretHash: Secrets.hash(secret), actor: actor)
        return (token, secret)
    }
}
