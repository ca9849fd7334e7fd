import Foundation

/// A nested JSON object decoded as `Value` that refuses keys `Value` does not have, as `JSON.decode` does for a
/// body's own fields: a misspelt field is a 400, not silently ignored.
struct StrictObject<Value: Decodable>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        value = try Value(from: decoder)
        let known = Set(Mirror(reflecting: value).children.compactMap(\.label))
        let container = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = container.allKeys.first(where: { !known.contains($0.stringValue) }) {
            throw DecodingError.dataCorruptedError(forKey: unknown, in: container, debugDescription: "unknown field \(unknown.stringValue)")
        }
    }

    /// Any key of a JSON object.
    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
