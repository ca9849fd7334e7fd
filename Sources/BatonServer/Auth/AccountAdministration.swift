import BatonCore
import BatonPolicy
import BatonStore

/// Account chores run from the command line: syncing the policy's people and setting passwords.
public struct AccountAdministration: Sendable {
    let store: any BatonStorage
    let clock: any Clock
    let hasher: PasswordHasher

    public init(store: any BatonStorage, clock: any Clock = SystemClock(), bcryptCost: UInt8 = 12) {
        self.store = store
        self.clock = clock
        hasher = PasswordHasher(cost: bcryptCost)
    }

    /// Records the policy at `path` as a version and makes its people accounts, as the server does on start.
    public func loadPolicy(at path: String) async throws {
        _ = try await Startup.loadPolicy(ServerConfiguration(policyPath: path, database: .sqlite(path: "")), store: store, clock: clock)
    }

    /// Sets the password of the account with `email`; every session of that account ends.
    public func setPassword(email: String, password: String, actor: String = "cli") async throws {
        if let weakness = PasswordHasher.weakness(of: password) { throw AppError.badRequest(weakness) }
        guard let account = try await store.account(email: email) else {
            throw AppError(
                .notFound, code: "unknown_account",
                message: "No account has the email \(email). Accounts come from the policy's people: pass --policy FILE or start the server once.")
        }
        try await store.setPassword(accountID: account.id, hash: try await hasher.hash(password), actor: actor, at: clock.now())
    }
}
