import BatonStore
import BatonStoreConformance
import BatonTestSupport
import Foundation
import Testing

@Suite("SQLite store")
struct SQLiteStoreConformanceTests {
    @Test("conforms", arguments: StoreConformance.cases)
    func conforms(_ behaviour: StoreConformance.Case) async throws {
        let store = try SQLiteStore(path: temporaryDirectory() + "/baton.sqlite")
        try await behaviour.run(store)
    }

    @Test("uses WAL and applies the named migrations in order")
    func walAndMigrations() throws {
        let store = try SQLiteStore(path: temporaryDirectory() + "/baton.sqlite")
        #expect(try store.journalMode() == "wal")
        #expect(try store.appliedMigrations().first == "2026-11-22-events-and-outbox")
        #expect(try store.appliedMigrations().last == "2026-12-07-lead-replay")
    }

    @Test("data survives reopening the file")
    func survivesRestart() async throws {
        let path = temporaryDirectory() + "/baton.sqlite"
        _ = try await SQLiteStore(path: path).recordPolicyVersion(source: "x", hash: "h", file: "p", actor: "system", at: Date(timeIntervalSince1970: 0))
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.policyVersions().count == 1)
    }
}
