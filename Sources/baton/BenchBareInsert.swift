import ArgumentParser
import BatonStore
import Foundation
import GRDB
import Logging
import PostgresNIO
import Hummingbird

extension BenchCommand {
    /// The baseline for (a): a bare Hummingbird route that stores the posted body with one insert — SQLite through a
    /// WAL database pool, or PostgreSQL through a postgres-nio client pool, as Baton's stores use them — and nothing
    /// else: no validation, scoring, routing, events or outbox.
    struct BareInsert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bare-insert", abstract: "Serve POST /bare: one insert per request, SQLite or PostgreSQL (the baseline for intake).")
        @Option(help: "The database file, or an empty PostgreSQL database (postgres://…, password from PGPASSWORD).") var database = ".baton/bare.sqlite"
        @Option(help: "Port to listen on.") var port = 18082

        func run() async throws {
            let router = Router()
            if database.hasPrefix("postgres://") {
                guard case .postgres(let settings) = try DatabaseLocation(database) else { return }
                let url = settings.url
                let client = PostgresClient(
                    configuration: .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable),
                    backgroundLogger: Logger(label: "bare"))
                let running = Task { await client.run() }
                defer { running.cancel() }
                try await client.query("CREATE TABLE IF NOT EXISTS bare (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL, at TIMESTAMPTZ NOT NULL)")
                router.post("/bare") { request, _ -> Response in
                    let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                    try await client.query("INSERT INTO bare (body, at) VALUES (\(body), \(Date()))")
                    return Response(status: .created)
                }
                try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port))).runService()
            } else {
                var configuration = Configuration()
                configuration.busyMode = .timeout(5)
                let pool = try DatabasePool(path: database, configuration: configuration)
                try await pool.write { db in
                    try db.execute(sql: "CREATE TABLE IF NOT EXISTS bare (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, at DATETIME NOT NULL)")
                }
                router.post("/bare") { request, _ -> Response in
                    let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                    try await pool.write { db in try db.execute(sql: "INSERT INTO bare (body, at) VALUES (?, ?)", arguments: [body, Date()]) }
                    return Response(status: .created)
                }
                try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port))).runService()
            }
        }
    }
}
