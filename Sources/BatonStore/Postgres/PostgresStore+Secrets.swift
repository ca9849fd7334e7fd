import Foundation

extension PostgresStore: SharedSecretStore {
    public func sharedSecret(name: String, proposed: String) async throws -> String {
        try await write { db in
            try await db.run(SecretSQL.propose(name, proposed))
            return try await db.value(SecretSQL.read, [.text(name)], as: String.self) ?? proposed
        }
    }
}
