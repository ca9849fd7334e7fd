import BatonCore
import Foundation
import Hummingbird

/// JSON encoding and strict decoding for the API: unknown fields and malformed bodies are refused with where they broke.
enum JSON {
    static func response(_ object: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes the body as `T`, refusing fields `T` does not know.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: BatonRequestContext) async throws -> T {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: body)
        guard let fields = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any] else {
            _ = try JSONDecoder().decode(JSONValue.self, from: data)  // malformed JSON throws with where it broke
            throw AppError.badRequest("The body must be a JSON object.", details: ["the body: expected an object"])
        }
        let value = try JSONDecoder().decode(T.self, from: data)  // a wrong field throws with where it broke
        let known = Set(Mirror(reflecting: value).children.compactMap(\.label))
        let unknown = fields.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw AppError.badRequest("The body has fields this endpoint does not take.", details: unknown.map { "unknown field \($0)" })
        }
        return value
    }

    nonisolated(unsafe) static let dates = ISO8601DateFormatter()  // ISO8601DateFormatter is thread-safe for formatting

    static func account(_ account: Account) -> [String: Any] {
        ["id": account.id, "email": account.email, "name": account.name, "role": account.access.rawValue, "active": account.active,
         "has_password": account.hasPassword]
    }

    static func token(_ token: APIToken) -> [String: Any] {
        var json: [String: Any] = [
            "id": token.id, "name": token.name, "account": token.accountID, "scopes": token.scopes.map(\.rawValue),
            "created_at": dates.string(from: token.createdAt),
        ]
        json["revoked_at"] = token.revokedAt.map(dates.string(from:)) ?? NSNull()
        return json
    }

    static func version(_ version: PolicyVersion, inForce: Bool, source: Bool) -> [String: Any] {
        var json: [String: Any] = [
            "id": version.id, "hash": version.hash, "file": version.file, "loaded_at": dates.string(from: version.loadedAt),
            "loaded_by": version.loadedBy, "in_force": inForce,
        ]
        if source { json["source"] = version.source }
        return json
    }

    static func event(_ event: Event) -> [String: Any] {
        [
            "sequence": event.sequence, "type": event.type, "subject": event.subject ?? NSNull(), "actor": event.actor,
            "at": dates.string(from: event.at), "policy_version": event.policyVersion ?? NSNull(),
            "payload": (try? JSONSerialization.jsonObject(with: Data(event.payload.utf8))) ?? [:],
        ]
    }
}
