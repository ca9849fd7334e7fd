import BatonCore
import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// The store for teams that outgrow one machine: PostgreSQL through postgres-nio, safe for several Baton instances on
/// one database. Every mutating method is one transaction that also appends its events and outbox messages; steps
/// that assign work or leads take one transaction-scoped advisory lock, so round-robin credits and capacities stay
/// exact whichever instance decides.
public final class PostgresStore: Sendable {
    /// How to reach the database and how much of it to use.
    public struct Configuration: Sendable, Equatable {
        public var url: PostgresDatabaseURL
        /// Connections this instance may hold at once.
        public var poolSize = 10
        /// A statement running longer than this is cancelled by the server, so a stuck query cannot hold locks;
        /// zero means no limit (offline work such as `baton migrate-store`).
        public var statementTimeout: Duration = .seconds(10)
        /// How long to wait for a connection before a request fails (fast, with 503, while the database is down).
        public var connectTimeout: Duration = .seconds(3)

        public init(url: PostgresDatabaseURL) {
            self.url = url
        }
    }

    let client: PostgresClient
    let logger: Logger
    let url: PostgresDatabaseURL
    /// How long a request waits for a connection before it fails (the database is down or every connection busy).
    let leaseTimeout: Duration
    private let running: Task<Void, Never>

    /// The memory each sort of a statement may use before it spills to disk (PostgreSQL's `work_mem`).
    static let workMemory = "64MB"

    /// Connects, checks the database answers, and migrates it to the latest schema (once, whichever instance
    /// starts first). Throws a `StoreError` naming the host and what failed.
    public init(_ configuration: Configuration, logger: Logger = Logger(label: "baton.postgres")) async throws {
        let url = configuration.url
        var tls = TLSConfiguration.makeClientConfiguration()
        if !url.verifiesCertificate { tls.certificateVerification = .none }
        var settings = PostgresClient.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: url.requiresTLS ? .require(tls) : .disable)
        settings.options.maximumConnections = max(1, configuration.poolSize)
        settings.options.connectTimeout = configuration.connectTimeout
        let milliseconds = configuration.statementTimeout.components.seconds * 1000 + configuration.statementTimeout.components.attoseconds / 1_000_000_000_000_000
        // A quarter's journeys sort in some tens of MB: PostgreSQL's default of 4 MB per sort spills them to disk.
        settings.options.additionalStartupParameters = [
            ("statement_timeout", "\(milliseconds)"), ("work_mem", Self.workMemory), ("application_name", "baton"),
        ]
        // One connection first: a wrong host, port, password or database fails here, once, with its reason, instead
        // of the pool retrying in the background. The schema is migrated on it.
        do {
            let connection = try await PostgresConnection.connect(
                configuration: PostgresConnection.Configuration(
                    host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
                    tls: url.requiresTLS ? .require(try NIOSSLContext(configuration: tls)) : .disable),
                id: 0, logger: logger)
            do {
                try await PostgresMigrations.migrate(connection, logger: logger)
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw StoreError(code: "database_unreachable", message: "cannot use the PostgreSQL database at \(url): \(Self.explain(error))")
        }
        let client = PostgresClient(configuration: settings, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.url = url
        leaseTimeout = configuration.connectTimeout
        running = Task { await client.run() }
    }

    deinit { running.cancel() }

    /// Stops the connection pool.
    public func close() { running.cancel() }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await read { db in try await db.rows("SELECT name FROM schema_migration ORDER BY applied_order").map { try $0.get("name") } }
    }


    /// Runs `body` on one pooled connection, outside any transaction.
    func read<Result: Sendable>(_ body: @escaping @Sendable (PostgresSQL) async throws -> Result) async throws -> Result {
        try await withLeaseTimeout { leased in
            try await Self.unwrapping {
                try await self.client.withConnection { connection in
                    leased.set()
                    return try await body(PostgresSQL(connection: connection, logger: self.logger))
                }
            }
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func write<Result: Sendable>(_ body: @escaping @Sendable (PostgresSQL) async throws -> Result) async throws -> Result {
        try await withLeaseTimeout { leased in
            try await Self.unwrapping {
                try await self.client.withTransaction(logger: self.logger) { connection in
                    leased.set()
                    return try await body(PostgresSQL(connection: connection, logger: self.logger))
                }
            }
        }
    }

    /// Errors that mean the database cannot be reached now (down, restarting, network), which requests answer with
    /// 503 rather than 500: connection failures, the server's classes 08 (connection) and 57P (shutting down), and a
    /// statement the timeout cancelled (overloaded).
    static func isUnavailable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed: return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P") || state == "57014"  // 57014: cancelled by the statement timeout
        default: return false
        }
    }

    /// Runs a transaction, rethrowing the error its body threw (a `StoreError`, a refusal) rather than postgres-nio's
    /// wrapper around it.
    static func unwrapping<Result>(_ transaction: () async throws -> Result) async throws -> Result {
        do {
            return try await transaction()
        } catch let error as PostgresTransactionError {
            throw readable(error.closureError ?? error.beginError ?? error.commitError ?? error)
        } catch {
            throw readable(error)
        }
    }

    /// A `StoreError` with the server's message for a database error (postgres-nio hides it from `description`);
    /// any other error as it is.
    private static func readable(_ error: any Error) -> any Error {
        if isUnavailable(error) { return unavailable(error) }
        guard error is PSQLError else { return error }
        return StoreError(code: "database_error", message: "PostgreSQL: \(explain(error))")
    }

    private static func unavailable(_ error: any Error) -> StoreError {
        StoreError(code: "database_unavailable", message: "the database is not answering: \(explain(error))")
    }

    /// Fails with `StoreError` "database_unavailable" when no connection could be had within `leaseTimeout`, so that
    /// requests fail fast (503) while the database is down instead of queueing until it returns. Work that has its
    /// connection is never cut short here (the statement timeout bounds it).
    private func withLeaseTimeout<Result: Sendable>(_ work: @escaping @Sendable (LeaseFlag) async throws -> Result) async throws -> Result {
        let leased = LeaseFlag()
        let timeout = leaseTimeout
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await work(leased) }
            group.addTask {
                try await Task.sleep(for: timeout)
                if leased.isSet { return nil }
                throw StoreError(code: "database_unavailable", message: "no database connection within \(timeout): the database is down or overloaded")
            }
            while let next = try await group.next() {
                if let result = next {
                    group.cancelAll()
                    return result
                }
            }
            preconditionFailure("the work task always returns or throws")
        }
    }

    /// Appends events and their outbox messages inside the caller's transaction, two statements however many.
    @discardableResult
    static func insert(_ events: [NewEvent], into db: PostgresSQL) async throws -> [Event] {
        guard !events.isEmpty else { return [] }
        // A statement takes at most 65,535 values: seven per event.
        guard events.count <= 5000 else {
            var written: [Event] = []
            for chunk in events.chunks(of: 5000) { written += try await insert(Array(chunk), into: db) }
            return written
        }
        var arguments: [SQLValue?] = []
        var rows: [String] = []
        let payloads = events.map(\.payloadJSON)
        for (event, payload) in zip(events, payloads) {
            rows.append("(?, ?, ?, ?, ?, ?)")
            arguments += [.text(event.type), event.subject.map(SQLValue.text), .text(event.actor), .date(event.at), event.policyVersion.map(SQLValue.integer), .text(payload)]
        }
        let sequences: [Int64] = try await db.rows(
            "INSERT INTO event (type, subject, actor, at, policy_version, payload) VALUES \(rows.joined(separator: ", ")) RETURNING sequence", arguments
        ).map { try $0.get("sequence") }.sorted()
        var outbox: [String] = []
        var outboxArguments: [SQLValue?] = []
        for (event, sequence) in zip(events, sequences) {
            for topic in event.announce {
                outbox.append("(?, ?, ?)")
                outboxArguments += [.text(topic), .integer(sequence), .date(event.at)]
            }
        }
        if !outbox.isEmpty {
            try await db.run("INSERT INTO outbox (topic, event_sequence, created_at) VALUES \(outbox.joined(separator: ", "))", outboxArguments)
        }
        try await foldJourneys(events, db: db)
        return zip(zip(events, payloads), sequences).map { pair, sequence in
            let (event, payload) = pair
            return Event(
                sequence: sequence, type: event.type, subject: event.subject, actor: event.actor, at: event.at, policyVersion: event.policyVersion,
                payload: payload)
        }
    }

    /// An event row as a value.
    static func event(_ row: PostgresSQL.Row) throws -> Event {
        Event(
            sequence: try row.get("sequence"), type: try row.get("type"), subject: try row.get("subject"), actor: try row.get("actor"),
            at: try row.get("at"), policyVersion: try row.get("policy_version"), payload: try row.get("payload"))
    }

    /// A readable reason from a connection or server error.
    /// A connection failure in words, for the common ones.
    private static func connectionProblem(_ text: String) -> String? {
        if text.contains("CERTIFICATE_VERIFY_FAILED") { return "the server's TLS certificate is not trusted (sslmode=verify-full checks it against the system's roots)" }
        if text.contains("handshakeFailed") { return "the TLS handshake failed" }
        if text.contains("Connection refused") { return "nothing accepts connections there (connection refused)" }
        if text.lowercased().contains("timeout") || text.lowercased().contains("timed out") { return "no answer within the connect timeout" }
        if text.contains("NXDOMAIN") || text.contains("resolve") { return "the host name cannot be resolved" }
        return nil
    }

    static func explain(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return connectionProblem("\(underlying)") ?? "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}

/// Set once a request has its connection, so the lease timeout no longer applies to it.
final class LeaseFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
