import ArgumentParser
import Foundation
import GRDB
import Hummingbird

extension BenchCommand {
    /// The baseline for (a): a bare Hummingbird route that stores the posted body with one SQLite insert (a WAL
    /// database pool, as Baton's store uses) and nothing else — no validation, scoring, routing, events or outbox.
    struct BareInsert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bare-insert", abstract: "Serve POST /bare: one SQLite insert per request (the baseline for intake).")
        @Option(help: "The database file.") var database = ".baton/bare.sqlite"
        @Option(help: "Port to listen on.") var port = 18082

        func run() async throws {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            let pool = try DatabasePool(path: database, configuration: configuration)
            try await pool.write { db in
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS bare (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL, at DATETIME NOT NULL)")
            }
            let router = Router()
            router.post("/bare") { request, context -> Response in
                let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                try await pool.write { db in try db.execute(sql: "INSERT INTO bare (body, at) VALUES (?, ?)", arguments: [body, Date()]) }
                return Response(status: .created)
            }
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
            try await app.runService()
        }
    }
}
