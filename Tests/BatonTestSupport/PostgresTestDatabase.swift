import BatonStore
import Foundation
import Logging
import PostgresNIO

/// Fresh PostgreSQL databases for tests, on the server `BATON_TEST_POSTGRES` names
/// (`postgres://postgres@127.0.0.1:55432/postgres`; `.ci/run` starts one). Each test gets a database of its own.
public enum PostgresTestDatabase {
    /// The server's URL, or nil where none is configured.
    public static let serverURL = ProcessInfo.processInfo.environment["BATON_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether the PostgreSQL tests run: where a server is configured, and always in CI (where a missing server
    /// fails them instead of skipping them).
    public static var isAvailable: Bool { serverURL != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    /// A new, empty database's URL.
    public static func makeURL() async throws -> PostgresDatabaseURL {
        guard let serverURL else {
            throw StoreError(code: "no_test_postgres", message: "CI must run the PostgreSQL tests: set BATON_TEST_POSTGRES (.ci/run starts a server)")
        }
        let server = try PostgresDatabaseURL(serverURL)
        let name = "baton_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await execute("CREATE DATABASE \(name)", on: server)
        var url = server
        url.database = String(name)
        return url
    }

    /// Runs one statement on its own connection, as an operator at `psql` would.
    public static func execute(_ sql: String, on url: PostgresDatabaseURL) async throws {
        _ = try await integers(sql, on: url)
    }

    /// The first column of every row a query returns, as integers (counts, ids).
    public static func integers(_ sql: String, on url: PostgresDatabaseURL) async throws -> [Int64] {
        let logger = Logger(label: "baton.test.postgres")
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
            try await connection.close()
            return try rows.map { row in try row.makeRandomAccess()[0].decode(Int64.self) }
        } catch {
            try? await connection.close()
            throw StoreError(code: "test_query", message: "\(sql): \(String(reflecting: error))")
        }
    }

    /// A store on a new, empty database.
    public static func makeStore() async throws -> PostgresStore {
        try await PostgresStore(configuration(url: try await makeURL()))
    }

    /// A store's configuration for tests: a loaded CI machine, running many tests at once on one server, can take
    /// seconds to hand out a connection, so tests wait up to 30 s where production gives up after 3 s.
    public static func configuration(url: PostgresDatabaseURL) -> PostgresStore.Configuration {
        var configuration = PostgresStore.Configuration(url: url)
        configuration.connectTimeout = .seconds(30)
        return configuration
    }
}
