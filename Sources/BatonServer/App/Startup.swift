import BatonCore
import BatonPolicy
import BatonStore
import Foundation
import Logging

/// What happens before the server answers: the policy is read and validated, stored as a version, the accounts
/// follow its people, and on an empty database a one-time setup link is made for the first admin.
enum Startup {
    /// Reads the policy file; an invalid one throws `PolicyInvalid` and no server starts.
    static func loadPolicy(_ configuration: ServerConfiguration, store: any BatonStorage, clock: any Clock) async throws -> PolicyInForce {
        let loaded = try PolicyLoader.load(contentsOf: configuration.policyPath)
        let (version, _) = try await store.recordPolicyVersion(
            source: loaded.source, hash: ContentHash.sha256(loaded.source), file: configuration.policyPath, actor: "system",
            at: clock.now())
        try await store.syncAccounts(with: loaded.policy.people, policyVersion: version.id, at: clock.now())
        return PolicyInForce(loaded: loaded, version: version)
    }

    /// A one-time link for the policy's first admin to set a password, or nil once any password is set.
    static func setupLink(
        _ configuration: ServerConfiguration, policy: Policy, store: any BatonStorage, clock: any Clock
    ) async throws -> String? {
        guard try await !store.anyPasswordSet(), let admin = policy.people.first(where: { $0.access == .admin }) else { return nil }
        let secret = Secrets.make()
        try await store.createSetupToken(
            hash: Secrets.hash(secret), accountID: admin.id, expiresAt: clock.now().addingTimeInterval(24 * 3600), at: clock.now())
        return "\(configuration.publicURL)/setup/\(secret)"
    }
}
