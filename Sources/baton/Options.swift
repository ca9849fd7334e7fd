import ArgumentParser
import BatonCore
import BatonServer
import BatonStore
import Foundation

/// Where the database lives; shared by every command that opens it.
struct DatabaseOptions: ParsableArguments {
    private static let environment = ProcessInfo.processInfo.environment

    @Option(name: .long, help: "SQLite database file, or postgres://user@host:5432/db[?sslmode=require] (env BATON_DATABASE).")
    var database: String = environment["BATON_DATABASE"] ?? ".baton/baton.sqlite"
    @Option(help: "File holding the PostgreSQL password (env BATON_DATABASE_PASSWORD_FILE; else PGPASSWORD is used).")
    var databasePasswordFile: String?
    @Option(help: "PostgreSQL connections this instance may hold (env BATON_DATABASE_POOL_SIZE).")
    var databasePoolSize: Int = Int(environment["BATON_DATABASE_POOL_SIZE"] ?? "") ?? 10
    @Option(help: "Seconds a PostgreSQL statement may run before it is cancelled (env BATON_DATABASE_STATEMENT_TIMEOUT).")
    var databaseStatementTimeout: Int = Int(environment["BATON_DATABASE_STATEMENT_TIMEOUT"] ?? "") ?? 10

    /// The database these options name, opened, with the policy last loaded into it (the one the server runs on).
    func openWithPolicy() async throws -> (store: any BatonStorage, policy: Policy) {
        let store = try await location().open()
        guard let policy = try await Scorecards.storedPolicy(store) else {
            throw ValidationError("The database holds no policy yet: start the server (baton serve) or the demo once.")
        }
        return (store, policy)
    }

    /// The location these options name, with the pool size and statement timeout applied to PostgreSQL.
    func location() throws -> DatabaseLocation {
        for (name, variable) in [("--database-pool-size", "BATON_DATABASE_POOL_SIZE"), ("--database-statement-timeout", "BATON_DATABASE_STATEMENT_TIMEOUT")] {
            if let text = Self.environment[variable], Int(text) == nil {
                throw ValidationError("\(variable) must be a whole number (as \(name)), not \(text)")
            }
        }
        guard databasePoolSize >= 1 else { throw ValidationError("--database-pool-size must be at least 1, not \(databasePoolSize)") }
        guard databaseStatementTimeout >= 1 else {
            throw ValidationError("--database-statement-timeout must be at least 1 second, not \(databaseStatementTimeout)")
        }
        do {
            switch try DatabaseLocation(database, passwordFile: databasePasswordFile ?? Self.environment["BATON_DATABASE_PASSWORD_FILE"]) {
            case .sqlite(let path): return .sqlite(path: path)
            case .postgres(var configuration):
                configuration.poolSize = databasePoolSize
                configuration.statementTimeout = .seconds(databaseStatementTimeout)
                return .postgres(configuration)
            }
        } catch let error as StoreError {
            throw ValidationError(error.message)
        }
    }

    /// Opens the store these options name.
    func open() async throws -> any BatonStorage { try await location().open() }
}

/// The policy file the server runs on; shared by `serve` and `import`.
struct PolicyFileOptions: ParsableArguments {
    @Option(name: .long, help: "The policy file (env BATON_POLICY).")
    var policy: String = ProcessInfo.processInfo.environment["BATON_POLICY"] ?? "policy.yaml"
}
