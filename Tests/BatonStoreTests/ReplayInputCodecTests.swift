@testable import BatonStore
@testable import BatonStoreConformance
import BatonCore
import BatonTestSupport
import Foundation
import GRDB
import NIOCore
import Testing

@Suite("Replay input codec")
struct ReplayInputCodecTests {
    /// A lead with every part a replay reads, optional parts both present and absent.
    static let rich = Backtest.Input(
        id: 42, source: "hubspot", sourceID: "form-7", submittedAt: Date(timeIntervalSince1970: 1_764_957_500.25), receivedAt: Date(timeIntervalSince1970: 1_764_957_588.676478),
        fields: ["email": "zoë@example.com", "company": "Ünïcode GmbH — 東京", "empty": ""], extras: ["utm_term": "a;b=c"],
        activities: [
            LeadActivity(kind: "webinar", at: Date(timeIntervalSince1970: 1_764_900_000.123456), title: "Q4 briefing", url: "https://example.com/w", minutes: 42.5),
            LeadActivity(kind: "email_click", at: Date(timeIntervalSince1970: 1_764_800_000)),
        ],
        acceptedAt: nil, rejectedAt: Date(timeIntervalSince1970: 1_765_000_000.5), dispositionAt: nil, outcomes: [.opportunity, .won, .lost])

    @Test("every part round-trips, present or absent")
    func roundTrip() throws {
        #expect(try ReplayInputCodec.decode(ByteBuffer(bytes: ReplayInputCodec.encode(Self.rich))) == Self.rich)
        let bare = Backtest.Input(
            id: 1, source: "api", sourceID: nil, submittedAt: nil, receivedAt: Date(timeIntervalSince1970: 0), fields: [:], extras: [:],
            activities: [], acceptedAt: Date(timeIntervalSince1970: 5), rejectedAt: nil, dispositionAt: Date(timeIntervalSince1970: 6), outcomes: nil)
        #expect(try ReplayInputCodec.decode(ByteBuffer(bytes: ReplayInputCodec.encode(bare))) == bare)
    }

    @Test("times read back as the record's JSON reads them back, to the last bit")
    func timesAsJSON() throws {
        struct Stamp: Codable { var at: Date }
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        (encoder.dateEncodingStrategy, decoder.dateDecodingStrategy) = (.millisecondsSince1970, .millisecondsSince1970)
        for at in [Self.rich.receivedAt, Date(timeIntervalSince1970: 1_700_000_000.000_123_4), Date(timeIntervalSinceReferenceDate: 0.1)] {
            let viaJSON = try decoder.decode(Stamp.self, from: encoder.encode(Stamp(at: at))).at
            var input = Self.rich
            input.receivedAt = at
            #expect(try ReplayInputCodec.decode(ByteBuffer(bytes: ReplayInputCodec.encode(input))).receivedAt == viaJSON)
        }
    }

    /// The bytes of an input with no source, fields or activities, up to its fields' count: then `rest`.
    static func start(received milliseconds: Double = 0, _ rest: (inout ByteBuffer) -> Void) -> ByteBuffer {
        var bytes = ByteBuffer()
        bytes.writeInteger(ReplayInputCodec.version)
        bytes.writeInteger(Int64(7))
        bytes.writeInteger(UInt32(0))
        bytes.writeInteger(UInt8(0))
        bytes.writeInteger(UInt8(0))
        bytes.writeInteger(milliseconds.bitPattern)
        rest(&bytes)
        return bytes
    }

    @Test("a count larger than the bytes left, or a time that is not a number, is refused without allocating for it")
    func hostile() {
        #expect(throws: ReplayInputCodec.Unreadable.self) { try ReplayInputCodec.decode(Self.start { $0.writeInteger(UInt32.max) }) }
        #expect(throws: ReplayInputCodec.Unreadable.self) {
            try ReplayInputCodec.decode(Self.start { bytes in
                bytes.writeInteger(UInt32(0))
                bytes.writeInteger(UInt32(0))
                bytes.writeInteger(UInt32.max)
            })
        }
        for time in [Double.nan, .infinity, -.infinity] {
            #expect(throws: ReplayInputCodec.Unreadable.self) {
                try ReplayInputCodec.decode(Self.start(received: time) { bytes in
                    for _ in 0..<3 { bytes.writeInteger(UInt32(0)) }
                    for _ in 0..<4 { bytes.writeInteger(UInt8(0)) }
                })
            }
        }
        let fine = Self.start { bytes in
            for _ in 0..<3 { bytes.writeInteger(UInt32(0)) }
            for _ in 0..<4 { bytes.writeInteger(UInt8(0)) }
        }
        #expect((try? ReplayInputCodec.decode(fine))?.id == 7, "the same bytes with a real time read")
    }

    @Test("the same lead is always the same bytes")
    func stable() {
        var input = Self.rich
        input.fields = Dictionary(uniqueKeysWithValues: (0..<40).map { ("field\($0)", "value \($0)") })
        let bytes = ReplayInputCodec.encode(input)
        var copy = [String: String]()
        for key in input.fields.keys.shuffled() { copy[key] = input.fields[key] }
        input.fields = copy
        #expect(ReplayInputCodec.encode(input) == bytes)
    }

    @Test("a damaged replay column, or another lead's, is refused naming the lead; a rebuild repairs it")
    func damaged() async throws {
        let store = try SQLiteStore(path: temporaryDirectory() + "/baton.sqlite")
        let (ids, good) = try await Self.admitTwo(store)
        for damage in ["x'00'", "x'01FFFFFFFF'", "(SELECT replay FROM lead WHERE id = \(ids[1]))"] {
            try await store.writer.write { db in try db.execute(sql: "UPDATE lead SET replay = \(damage) WHERE id = ?", arguments: [ids[0]]) }
            do {
                _ = try await store.replayInputs(ids: ids)
                Issue.record("\(damage) was read")
            } catch let error as StoreError {
                #expect(error.code == "replay_unreadable" && error.message.contains("lead \(ids[0])") && error.message.contains("baton reports rebuild"))
            }
        }
        #expect(try await store.rebuildReplays() == 2)
        #expect(try await store.replayInputs(ids: ids) == good)
    }

    /// Two leads admitted through a store, and what their records hold for a replay.
    static func admitTwo(_ store: some BatonStorage) async throws -> (ids: [Int64], inputs: [Backtest.Input]) {
        let ids = try await store.admitLeads(
            [StoreConformance.intake("a@example.com"), StoreConformance.intake("b@example.com")], at: StoreConformance.start,
            workflow: StoreConformance.workflow
        ).map(\.lead.id)
        return (ids, try await store.leads(ids: ids).map(Backtest.Input.init))
    }

    @Test("on SQLite, the migration that adds the replay column fills it for the leads already there")
    func sqliteMigrationFills() async throws {
        let path = temporaryDirectory() + "/baton.sqlite"
        let (ids, inputs) = try await Self.admitTwo(try SQLiteStore(path: path))
        // As the file was before the migration: no column, the migration not applied.
        try await SQLiteStore(path: path).writer.write { db in
            try db.execute(sql: "ALTER TABLE lead DROP COLUMN replay; DELETE FROM grdb_migrations WHERE identifier = '2026-12-07-lead-replay'")
        }
        #expect(try await SQLiteStore(path: path).replayInputs(ids: ids) == inputs)
    }

    @Test("on PostgreSQL, the migration that adds the replay column fills it for the leads already there",
          .enabled(if: PostgresTestDatabase.isAvailable, "set BATON_TEST_POSTGRES to a PostgreSQL server"))
    func postgresMigrationFills() async throws {
        let url = try await PostgresTestDatabase.makeURL()
        let first = try await PostgresStore(PostgresTestDatabase.configuration(url: url))
        let (ids, inputs) = try await Self.admitTwo(first)
        first.close()
        try await PostgresTestDatabase.execute("ALTER TABLE lead DROP COLUMN replay", on: url)
        try await PostgresTestDatabase.execute("DELETE FROM schema_migration WHERE name = '2026-12-07-lead-replay'", on: url)
        let reopened = try await PostgresStore(PostgresTestDatabase.configuration(url: url))
        defer { reopened.close() }
        #expect(try await reopened.replayInputs(ids: ids) == inputs)
    }

    @Test("cut-short bytes, trailing bytes and an unknown version are refused, never misread")
    func refusals() {
        let bytes = [UInt8](ReplayInputCodec.encode(Self.rich))
        for cut in [0, 1, 9, bytes.count / 2, bytes.count - 1] {
            #expect(throws: ReplayInputCodec.Unreadable.self) { try ReplayInputCodec.decode(ByteBuffer(bytes: bytes.prefix(cut))) }
        }
        #expect(throws: ReplayInputCodec.Unreadable.self) { try ReplayInputCodec.decode(ByteBuffer(bytes: bytes + [0])) }
        #expect(throws: ReplayInputCodec.Unreadable.self) { try ReplayInputCodec.decode(ByteBuffer(bytes: [2] + bytes.dropFirst())) }
    }
}
