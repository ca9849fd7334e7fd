import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and verification, run off the event loops because each call takes tens of milliseconds.
struct PasswordHasher: Sendable {
    let cost: UInt8

    /// A hash to verify against when the account does not exist, so that a wrong email takes as long as a wrong
    /// password. Made on first use, not at start-up, where it would cost a quarter of a second.
    private let decoy: Decoy

    init(cost: UInt8) {
        self.cost = cost
        decoy = Decoy(cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String?) async throws -> Bool {
        let decoy = self.decoy
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash ?? decoy.hash) }
        return matches && hash != nil
    }

    /// The minimum a password must meet; nil when it is acceptable.
    static func weakness(of password: String) -> String? {
        password.count < 12 ? "Use at least 12 characters." : nil
    }

    /// The decoy hash, computed once.
    final class Decoy: @unchecked Sendable {
        private let lock = NSLock()
        private let cost: UInt8
        private var value: String?

        init(cost: UInt8) { self.cost = cost }

        var hash: String {
            lock.withLock {
                if let value { return value }
                let made = Bcrypt.hash("decoy-password-for-unknown-accounts", cost: cost)
                value = made
                return made
            }
        }
    }
}
