import BatonCore
import BatonServer
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("API")
struct APITests {
    func app() async throws -> some ApplicationProtocol {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        return try await buildApplication(configuration, store: store, clock: clock).application
    }

    @Test("tokens: created once with a secret, limited to their scopes, refused after revocation")
    func tokens() async throws {
        try await app().test(.router) { client in
            let admin = try #require(try await client.signIn("rhea@northwind.example"))
            let created = try await client.execute(
                "/api/v1/tokens", .post, as: admin, body: #"{"name": "Reporting", "account": "tomas@northwind.example", "scopes": ["policy:read"]}"#)
            #expect(created.status == .created)
            let secret = try #require(created.json["secret"] as? String)
            let id = try #require(created.json["id"] as? String)
            #expect(try await client.execute("/api/v1/policy/versions", bearer: secret).status == .ok)
            let lacking = try await client.execute("/api/v1/users", bearer: secret)
            #expect(lacking.status == .forbidden)
            #expect((lacking.json["error"] as? [String: Any])?["message"] as? String == "This token lacks the scope users:read.")
            #expect(try await client.execute("/policy/map", bearer: secret).status == .forbidden, "tokens do not open pages")
            #expect(try await client.execute("/api/v1/tokens/\(id)", .delete, as: admin).status == .noContent)
            #expect(try await client.execute("/api/v1/policy/versions", bearer: secret).status == .unauthorized)
            let listed = try await client.execute("/api/v1/tokens", as: admin).json["tokens"] as? [[String: Any]]
            #expect(listed?.first?["revoked_at"] is String)
            #expect(listed?.first?["secret"] == nil, "the secret is never shown again")
        }
    }

    @Test("a browser's API call that changes data needs the CSRF header")
    func csrfHeader() async throws {
        try await app().test(.router) { client in
            let admin = try #require(try await client.signIn("rhea@northwind.example"))
            let response = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: [.cookie: "baton_session=\(admin.cookie)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"name": "x", "account": "rhea@northwind.example", "scopes": ["policy:read"]}"#))
            #expect(response.status == .forbidden)
        }
    }

    @Test("malformed JSON, unknown fields and wrong types get 400 naming where")
    func badJSON() async throws {
        try await app().test(.router) { client in
            let admin = try #require(try await client.signIn("rhea@northwind.example"))
            let details = { (body: String) async throws -> (HTTPResponse.Status, [String]) in
                let response = try await client.execute("/api/v1/tokens", .post, as: admin, body: body)
                return (response.status, (response.json["error"] as? [String: Any])?["details"] as? [String] ?? [])
            }
            let (malformed, where1) = try await details(#"{"name": "x", "account": }"#)
            #expect(malformed == .badRequest && where1.first?.hasPrefix("malformed JSON") == true, "\(where1)")
            let (unknown, where2) = try await details(#"{"name": "x", "account": "rhea@northwind.example", "scopes": ["policy:read"], "colour": 1}"#)
            #expect(unknown == .badRequest && where2 == ["unknown field colour"])
            let (wrongType, where3) = try await details(#"{"name": "x", "account": "rhea@northwind.example", "scopes": "policy:read"}"#)
            #expect(wrongType == .badRequest && where3 == ["scopes: expected a list"], "\(where3)")
            let (missing, where4) = try await details(#"{"name": "x", "scopes": ["policy:read"]}"#)
            #expect(missing == .badRequest && where4 == ["missing field account"], "\(where4)")
        }
    }

    @Test("an oversized body gets 413")
    func oversized() async throws {
        try await app().test(.router) { client in
            let admin = try #require(try await client.signIn("rhea@northwind.example"))
            let huge = String(repeating: "x", count: 3 * 1024 * 1024)
            let response = try await client.execute("/api/v1/tokens", .post, as: admin, body: #"{"name": "\#(huge)"}"#)
            #expect(response.status == .contentTooLarge)
            #expect((response.json["error"] as? [String: Any])?["code"] as? String == "body_too_large")
        }
    }

    @Test("unknown API paths get JSON 404, unknown pages an HTML 404")
    func notFound() async throws {
        try await app().test(.router) { client in
            let api = try await client.execute(uri: "/api/v1/nothing", method: .get)
            #expect(api.status == .notFound && api.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect((api.json["error"] as? [String: Any])?["code"] as? String == "not_found")
            let page = try await client.execute(uri: "/nothing/here", method: .get)
            #expect(page.status == .notFound && page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("Page not found"))
        }
    }

    @Test("health, readiness and Prometheus metrics by route")
    func operations() async throws {
        try await app().test(.router) { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).text == "ok\n")
            #expect(try await client.execute(uri: "/readyz", method: .get).status == .ok)
            let metrics = try await client.execute(uri: "/metrics", method: .get).text
            #expect(metrics.contains(#"baton_http_requests_total{route="/healthz",method="GET",status="200"} 1"#), "\(metrics.prefix(600))")
            #expect(metrics.contains(#"baton_http_request_duration_seconds_bucket{route="/readyz",method="GET""#))
            #expect(try await client.execute(uri: "/healthz", method: .get).headers[.init("X-Request-ID")!] != nil)
        }
    }

    @Test("the events API shows who changed what under which policy version")
    func events() async throws {
        try await app().test(.router) { client in
            let admin = try #require(try await client.signIn("rhea@northwind.example"))
            let events = try await client.execute("/api/v1/events?limit=1000", as: admin).json["events"] as? [[String: Any]] ?? []
            let types = events.compactMap { $0["type"] as? String }
            #expect(types.first == "policy.version_recorded")
            #expect(types.contains("account.created") && types.contains("account.password_set") && types.contains("session.signed_in"))
            #expect(events.first { $0["type"] as? String == "account.created" }?["policy_version"] as? Int == 1)
        }
    }
}
