import BatonCore
import BatonStore
import BatonStoreConformance
import BatonTestSupport
import Foundation
import Testing

@Suite("Moving from SQLite to PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "set BATON_TEST_POSTGRES (.ci/run starts a server)"))
struct StoreCopierTests {
    @Test("every table and column of the SQLite schema is copied")
    func schemaCovered() async throws {
        let source = try SQLiteStore(path: temporaryDirectory() + "/baton.sqlite")
        let target = try await PostgresTestDatabase.makeStore()
        defer { target.close() }
        #expect(try await StoreCopier(from: source, to: target).uncopiedSchema() == [])
    }

    @Test("a copy has every row with its ids and times; counts and checksums match; numbering continues; a second copy is refused")
    func copies() async throws {
        let source = try SQLiteStore(path: temporaryDirectory() + "/baton.sqlite")
        // Fill the file with everything the conformance behaviours write: leads, merges, timers fired and pending,
        // work items, accounts, tokens, sessions, notifications (some behaviours expect a fresh store; what they
        // write is what counts here).
        for behaviour in StoreConformance.cases { try? await behaviour.run(source) }
        let target = try await PostgresTestDatabase.makeStore()
        defer { target.close() }
        let reports = try await StoreCopier(from: source, to: target).copy()
        #expect(reports.allSatisfy { $0.matches }, "\(reports.filter { !$0.matches })")
        #expect(reports.first { $0.table == "lead" }.map { $0.targetRows > 10 } == true)
        #expect(reports.first { $0.table == "work_item" }.map { $0.targetRows > 2 } == true)

        let everything = LeadQuery(limit: 10_000)
        let leads = try await source.leads(everything)
        #expect(try await target.leads(everything) == leads, "leads read back as they were")
        let items = try await source.workItems(WorkQuery(limit: 10_000))
        #expect(try await target.workItems(WorkQuery(limit: 10_000)) == items)
        let events = try await source.events(after: 0, limit: 100_000)
        #expect(try await target.events(after: 0, limit: 100_000) == events, "events keep their sequence numbers and times")
        let next = try await target.append([NewEvent(type: "copy.checked", actor: "test", at: Date(timeIntervalSince1970: 1_900_000_000))])
        #expect(next[0].sequence == (events.last?.sequence ?? 0) + 1, "PostgreSQL numbers on after the copied events")

        await #expect(throws: StoreError.self) { try await StoreCopier(from: source, to: target).copy() }
    }
}
