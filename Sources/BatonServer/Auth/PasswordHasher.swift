import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and verification, run off the event loops because each call takes tens of milliseconds.
struct PasswordHasher: Sendable {
    let cost: UInt8

    /// A hash to verify against when the account does not exist, so that a wrong email takes as long as a wrong password.
    let decoy: String

    init(cost: UInt8) {
        self.cost = cost
        decoy = Bcrypt.hash("decoy-password-for-unknown-accounts", cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String?) async throws -> Bool {
        let target = hash ?? decoy
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: target) }
        return matches && hash != nil
    }

    /// The minimum a password must meet; nil when it is acceptable.
    static func weakness(of password: String) -> String? {
        password.count < 12 ? "Use at least 12 characters." : nil
    }
}
