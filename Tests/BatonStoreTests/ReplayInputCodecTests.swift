@testable import BatonStore
import BatonCore
import Foundation
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

    @Test("cut-short bytes, trailing bytes and an unknown version are refused, never misread")
    func refusals() {
        let bytes = [UInt8](ReplayInputCodec.encode(Self.rich))
        for cut in [0, 1, 9, bytes.count / 2, bytes.count - 1] {
            #expect(throws: StoreError.self) { try ReplayInputCodec.decode(ByteBuffer(bytes: bytes.prefix(cut))) }
        }
        #expect(throws: StoreError.self) { try ReplayInputCodec.decode(ByteBuffer(bytes: bytes + [0])) }
        #expect(throws: StoreError.self) { try ReplayInputCodec.decode(ByteBuffer(bytes: [2] + bytes.dropFirst())) }
    }
}
