import BatonCore
import Foundation
import Testing

@Suite("JSON text encoder")
struct JSONTextEncoderTests {
    enum Target: Codable, Equatable {
        case person(String)
        case pool(id: String, weight: Int)
        case none
    }

    struct Empty: Codable, Equatable {}

    struct Sample: Codable, Equatable {
        var name: String
        var note: String?
        var missing: String?
        var count: Int
        var small: Int8
        var big: UInt64
        var ratio: Double
        var whole: Double
        var flag: Bool
        var at: Date
        var tags: [String]
        var fields: [String: String]
        var nested: [[Int]]
        var targets: [Target]
        var empty: Empty
        var children: [Sample]
    }

    static let sample = Sample(
        name: "Zoë \"Z\" \\ 🚀\n", note: "", missing: nil, count: -42, small: -7, big: 18_000_000_000_000_000_000, ratio: 76.8, whole: 65,
        flag: true, at: Date(timeIntervalSince1970: 1_795_000_000.123_4), tags: ["a", "", "c/d"], fields: ["email": "a@b.c", "": "x"],
        nested: [[], [1, 2]], targets: [.person("ana"), .pool(id: "emea", weight: 2), .none], empty: Empty(),
        children: [Sample(
            name: "child", note: nil, missing: nil, count: 0, small: 0, big: 0, ratio: 1e-9, whole: 0, flag: false,
            at: Date(timeIntervalSince1970: 0), tags: [], fields: [:], nested: [], targets: [], empty: Empty(), children: [])])

    func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }

    @Test("what it writes decodes to the same value")
    func roundTrip() throws {
        let text = try JSONTextEncoder().encode(Self.sample)
        #expect(try decoder().decode(Sample.self, from: Data(text.utf8)) == Self.sample)
    }

    @Test("it writes the same JSON as Foundation's encoder with millisecond dates")
    func sameAsFoundation() throws {
        let foundation = JSONEncoder()
        foundation.dateEncodingStrategy = .millisecondsSince1970
        let mine = try JSONSerialization.jsonObject(with: Data(try JSONTextEncoder().encode(Self.sample).utf8)) as? NSDictionary
        let theirs = try JSONSerialization.jsonObject(with: try foundation.encode(Self.sample)) as? NSDictionary
        #expect(mine != nil && mine == theirs)
    }

    @Test("a number JSON cannot hold is refused with its path")
    func infinity() {
        struct Bad: Encodable { var values = [1, Double.infinity] }
        #expect(throws: EncodingError.self) { try JSONTextEncoder().encode(Bad()) }
    }
}
