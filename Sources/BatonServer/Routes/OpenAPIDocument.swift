import BatonCore
import Foundation

/// The OpenAPI document as this server answers it: the shipped document with the policy's own lead field ids put
/// where the API takes fields, so that it states exactly which ids are accepted (any other is refused).
enum OpenAPIDocument {
    static func specialised(_ data: Data, for policy: Policy) throws -> Data {
        guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return data }
        let ids = (policy.leads?.fields ?? []).map(\.id)
        func fields(valueType: Any) -> [String: Any] {
            [
                "type": "object", "additionalProperties": false,
                "description": "Values by the policy's lead field ids; any other id is refused. Null is the same as leaving a field out.",
                "properties": Dictionary(uniqueKeysWithValues: ids.map { ($0, ["type": valueType] as [String: Any]) }),
            ]
        }
        document[path: ["components", "schemas", "LeadSubmission", "properties", "fields"]] = fields(valueType: ["string", "number", "boolean", "null"])
        let resubmit = ["paths", "/api/v1/leads/{id}/resubmit", "post", "requestBody", "content", "application/json", "schema", "properties", "fields"]
        document[path: resubmit] = fields(valueType: "string")
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The value at a path of nested objects; setting it replaces only that value.
    fileprivate subscript(path keys: [String]) -> Any? {
        get {
            guard let first = keys.first else { return nil }
            return keys.count == 1 ? self[first] : (self[first] as? [String: Any])?[path: Array(keys.dropFirst())]
        }
        set {
            guard let first = keys.first else { return }
            if keys.count == 1 {
                self[first] = newValue
            } else {
                var child = self[first] as? [String: Any] ?? [:]
                child[path: Array(keys.dropFirst())] = newValue
                self[first] = child
            }
        }
    }
}
