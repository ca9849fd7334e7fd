import BatonCore
import BatonStore
import BatonStoreConformance
import BatonTestSupport
import Foundation
import Testing

@Suite("PostgreSQL store", .enabled(if: PostgresTestDatabase.isAvailable, "set BATON_TEST_POSTGRES to a PostgreSQL server (.ci/run starts one)"))
struct PostgresStoreConformanceTests {
    @Test("conforms", arguments: StoreConformance.cases)
    func conforms(_ behaviour: StoreConformance.Case) async throws {
        let store = try await PostgresTestDatabase.makeStore()
        defer { store.close() }
        try await behaviour.run(store)
    }

    @Test("applies the named migrations once, however many instances start together")
    func migrationsOnce() async throws {
        let url = try await PostgresTestDatabase.makeURL()
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<3 { group.addTask { try await PostgresStore(PostgresTestDatabase.configuration(url: url)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        defer { stores.forEach { $0.close() } }
        #expect(try await stores[0].appliedMigrations() == ["2026-11-23-baton-schema", "2026-11-30-outcomes-and-journeys", "2026-12-01-audits", "2026-12-07-lead-replay"])
    }

    @Test("the event log refuses updates and deletes")
    func appendOnly() async throws {
        let url = try await PostgresTestDatabase.makeURL()
        let store = try await PostgresStore(PostgresTestDatabase.configuration(url: url))
        defer { store.close() }
        _ = try await store.append([NewEvent(type: "a.one", actor: "system", at: Date(timeIntervalSince1970: 1_800_000_000))])
        await #expect(throws: (any Error).self) { try await PostgresTestDatabase.execute("UPDATE event SET actor = 'mallory'", on: url) }
        await #expect(throws: (any Error).self) { try await PostgresTestDatabase.execute("DELETE FROM event", on: url) }
        #expect(try await store.events(after: 0, limit: 10).map(\.actor) == ["system"])
    }

    @Test("an unreachable database fails at start, naming the host and what failed")
    func unreachable() async throws {
        var configuration = PostgresStore.Configuration(url: try PostgresDatabaseURL("postgres://baton@127.0.0.1:1/baton", environment: [:]))
        configuration.connectTimeout = .seconds(2)
        let error = await #expect(throws: StoreError.self) { try await PostgresStore(configuration) }
        #expect(error?.message.contains("127.0.0.1:1") == true)
    }
}
