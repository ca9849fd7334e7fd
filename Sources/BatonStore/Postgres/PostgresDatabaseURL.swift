import Foundation

/// Where a PostgreSQL database is, from a `postgres://user@host:port/db?sslmode=require` URL. The password never
/// comes from the URL (it would show in `ps` and shell history): it is read from `PGPASSWORD` or a file.
public struct PostgresDatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    /// `sslmode=require` or `verify-full`: connect over TLS or not at all.
    public var requiresTLS: Bool
    /// `sslmode=verify-full`: also check the server's certificate and name against the system's trust roots.
    public var verifiesCertificate: Bool
    public var password: String?

    /// Reads a URL; `environment` supplies `PGPASSWORD` when `passwordFile` is nil.
    public init(_ text: String, passwordFile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? "") else {
            throw StoreError(code: "bad_database_url", message: "the database URL must look like postgres://user@host:5432/baton, not \(text)")
        }
        guard let host = url.host, !host.isEmpty else {
            throw StoreError(code: "bad_database_url", message: "the database URL names no host: postgres://user@HOST:5432/baton")
        }
        guard url.password == nil else {
            throw StoreError(
                code: "bad_database_url",
                message: "the database URL must not carry the password (it would show in the process list): set PGPASSWORD or name a password file")
        }
        let database = url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard !database.isEmpty else {
            throw StoreError(code: "bad_database_url", message: "the database URL names no database: postgres://user@\(host):\(url.port ?? 5432)/DATABASE")
        }
        self.host = host
        port = url.port ?? 5432
        user = url.user ?? environment["PGUSER"] ?? "postgres"
        self.database = database
        let mode = url.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "require", "verify-full"].contains(mode) else {
            throw StoreError(code: "bad_database_url", message: "sslmode must be disable, require or verify-full, not \(mode)")
        }
        requiresTLS = mode != "disable"
        verifiesCertificate = mode == "verify-full"
        if let passwordFile {
            do {
                password = try String(contentsOfFile: passwordFile, encoding: .utf8).trimmingCharacters(in: .newlines)
            } catch {
                throw StoreError(code: "bad_password_file", message: "cannot read the database password file \(passwordFile): \(error.localizedDescription)")
            }
        } else {
            password = environment["PGPASSWORD"]
        }
    }

    /// The URL without any secret, for logs and errors.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" + (requiresTLS ? "?sslmode=\(verifiesCertificate ? "verify-full" : "require")" : "") }
}
