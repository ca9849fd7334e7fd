import Foundation
import GRDB

extension SQLiteStore: SharedSecretStore {
    public func sharedSecret(name: String, proposed: String) async throws -> String {
        try await writer.write { db in
            try db.run(SecretSQL.propose(name, proposed))
            return try String.fetchOne(db, sql: SecretSQL.read, arguments: [name]) ?? proposed
        }
    }
}
