import Foundation

/// Where Baton keeps its data: an SQLite file (the embedded default) or a PostgreSQL database, named the way
/// operators write it: a path (or `sqlite:PATH`), or `postgres://user@host:5432/baton`.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresStore.Configuration)

    /// Reads a location; a PostgreSQL URL takes its password from `passwordFile` or `PGPASSWORD`, never from itself.
    public init(_ text: String, passwordFile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(PostgresStore.Configuration(url: try PostgresDatabaseURL(text, passwordFile: passwordFile, environment: environment)))
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if text.contains("://") {
            throw StoreError(code: "bad_database_url", message: "\(text): expected an SQLite file path, sqlite:PATH or postgres://user@host:5432/baton")
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Opens (creating and migrating if needed) the store.
    public func open() async throws -> any BatonStorage {
        switch self {
        case .sqlite(let path): try SQLiteStore(path: path)
        case .postgres(let configuration): try await PostgresStore(configuration)
        }
    }

    /// A folder for files kept beside the data (import uploads between preview and confirmation): the SQLite file's
    /// folder, or `.baton` in the working directory with PostgreSQL.
    public var folder: String {
        switch self {
        case .sqlite(let path): URL(fileURLWithPath: path).deletingLastPathComponent().path
        case .postgres: ".baton"
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let configuration): configuration.url.description
        }
    }
}
