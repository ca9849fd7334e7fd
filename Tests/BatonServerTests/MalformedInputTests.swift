import BatonCore
import BatonServer
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Every public entry point fed malformed bodies: the server answers each with a 4xx (never a 5xx, never a
/// crash, which would end this test process) and keeps serving.
@Suite("Malformed input at every entry point")
struct MalformedInputTests {
    /// Bodies people and scanners actually send, then generated ones from a fixed seed.
    static func bodies(count: Int) -> [String] {
        let known = [
            "", "=", "=&=", "&&", "&=&", "%", "%zz", "a=%", "a=%E0%A4%A", "a[]=1&a=2", "a=1&a=1", "a[b]=1&a[]=2", "a[0]=1&a[2]=2",
            String(repeating: "x[", count: 200) + "]=1", "a=" + String(repeating: "%00", count: 100), "_csrf[]=x", "email[]=x&password=y",
            "\"AAA\"", "1", "null", "[]", "{}", "true", "{\"fields\":1}", "{\"leads\":[1,null,\"x\"]}", "{\"leads\":{}}", "[{\"eventId\":1}]",
            "{\"fields\":{\"email\":[]}}", "{\"activities\":[{\"at\":123}]}", "{\"name\":1,\"account\":[],\"scopes\":\"x\"}", "<not-xml",
            "<?xml version=\"1.0\"?><soapenv:Envelope/>", "{\"a\":" + String(repeating: "[", count: 600), "\u{FEFF}{}", "é=è&ü",
        ]
        var generator = SeededGenerator(seed: 0xBA70)
        let alphabet = Array("=&%[]{}\":,0aZ+\u{0}é<>/\\ \n.-_x19eE")
        let generated = (0..<count).map { _ in
            String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        return known + generated
    }

    @Test("forms, login, setup, hooks, intake, imports, briefs, work, lead and audit actions and tokens answer malformed bodies with 4xx")
    func fuzzEveryEntryPoint() async throws {
        let clock = ManualClock()
        var configuration = testConfiguration()
        configuration.hubspotSecret = "secret"
        configuration.salesforceOrganizationID = "00D000000000001EAA"
        configuration.salesforceHookToken = "hook-token"
        let store = try await prepareAccounts(configuration, clock: clock)
        try await seedLead(store, clock: clock)
        try await seedWorkItem(store, clock: clock)
        let token = try await TokenIssuer(store: store, clock: clock)
            .issue(name: "Fuzz", accountEmail: "rhea@northwind.example", scopes: APIScope.allCases, actor: "test").secret
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.router) { client in
            let session = try #require(try await client.signIn("rhea@northwind.example"))
            let form = try await client.loginForm()
            let entryPoints: [(path: String, contentType: String, auth: HTTPFields)] = [
                ("/forms/leads", "application/x-www-form-urlencoded", [:]),
                ("/login", "application/x-www-form-urlencoded", [.cookie: "baton_form=\(form.cookie)"]),
                ("/setup/unknown", "application/x-www-form-urlencoded", [.cookie: "baton_form=\(form.cookie)"]),
                ("/leads/1/disposition", "application/x-www-form-urlencoded", [.cookie: "baton_session=\(session.cookie)"]),
                ("/leads/team/absences", "application/x-www-form-urlencoded", [.cookie: "baton_session=\(session.cookie)"]),
                ("/leads/import", "multipart/form-data; boundary=x", [.cookie: "baton_session=\(session.cookie)"]),
                ("/leads/import", "multipart/form-data", [.cookie: "baton_session=\(session.cookie)"]),
                ("/leads/import", "multipart/form-data; boundary=", [.cookie: "baton_session=\(session.cookie)"]),
                ("/leads/import", "multipart/form-data; boundary=\"\"", [.cookie: "baton_session=\(session.cookie)"]),
                ("/hooks/hubspot", "application/json", [:]),
                ("/hooks/salesforce/hook-token", "text/xml", [:]),
                ("/api/v1/leads", "application/json", [.authorization: "Bearer \(token)"]),
                ("/api/v1/imports", "text/csv", [.authorization: "Bearer \(token)"]),
                ("/api/v1/leads/1/reject", "application/json", [.authorization: "Bearer \(token)"]),
                ("/api/v1/leads/1/accept", "application/json", [.authorization: "Bearer \(token)"]),
                ("/api/v1/tokens", "application/json", [.authorization: "Bearer \(token)"]),
                ("/briefs/blog", "application/x-www-form-urlencoded", [.cookie: "baton_session=\(session.cookie)"]),
                ("/work/1/decide", "application/x-www-form-urlencoded", [.cookie: "baton_session=\(session.cookie)"]),
                ("/work/1/fields", "application/x-www-form-urlencoded", [.cookie: "baton_session=\(session.cookie)"]),
                ("/work/1/brief", "application/x-www-form-urlencoded", [.cookie: "baton_session=\(session.cookie)"]),
                ("/audits", "application/x-www-form-urlencoded", [.cookie: "baton_session=\(session.cookie)"]),
                ("/audits/quarterly", "application/x-www-form-urlencoded", [.cookie: "baton_session=\(session.cookie)"]),
                ("/audits/1/entries/1", "application/x-www-form-urlencoded", [.cookie: "baton_session=\(session.cookie)"]),
                ("/api/v1/work", "application/json", [.authorization: "Bearer \(token)"]),
                ("/api/v1/work/1/decide", "application/json", [.authorization: "Bearer \(token)"]),
                ("/api/v1/work/1/fields", "application/json", [.authorization: "Bearer \(token)"]),
                ("/api/v1/work/1/return", "application/json", [.authorization: "Bearer \(token)"]),
                ("/api/v1/work/1/schedule", "application/json", [.authorization: "Bearer \(token)"]),
            ]
            for entry in entryPoints {
                for body in Self.bodies(count: 150) {
                    var headers = entry.auth
                    headers[.contentType] = entry.contentType
                    let multipart = "--x\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(session.csrf)\r\n--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\(body)\r\n--x--\r\n"
                    let variants = [body, "_csrf=\(session.csrf)&" + body, "_csrf=\(form.csrf)&" + body]
                    let sentBodies = entry.contentType.hasPrefix("application/x-www") ? variants : entry.contentType.hasPrefix("multipart") ? [body, multipart] : [body]
                    for sent in sentBodies {
                        let response = try await client.execute(uri: entry.path, method: .post, headers: headers, body: ByteBuffer(string: sent))
                        #expect(response.status.code < 500, "POST \(entry.path) with \(sent.debugDescription) answered \(response.status)")
                        #expect(response.status.code != 500 || !response.text.contains("Swift"), "internals leaked")
                    }
                }
            }
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok, "still serving")
        }
    }

    @Test("a method an address does not take is 405 with Allow; an unknown address 404")
    func methodNotAllowed() async throws {
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: ManualClock())
        let built = try await buildApplication(configuration, store: store, clock: ManualClock())
        try await built.application.test(.router) { client in
            let trace = try await client.execute(uri: "/api/v1/leads/7", method: .put)
            #expect(trace.status == .methodNotAllowed && trace.headers[.allow] == "GET", "\(trace.status) \(trace.headers[.allow] ?? "")")
            #expect(try await client.execute(uri: "/api/v1/nothing", method: .put).status == .notFound)
        }
    }

    @Test("error messages name kinds of values, never Swift types")
    func noTypeNames() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let token = try await TokenIssuer(store: store, clock: clock)
            .issue(name: "Admin", accountEmail: "rhea@northwind.example", scopes: APIScope.allCases, actor: "test").secret
        try await seedLead(store, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.router) { client in
            for body in ["\"AAA\"", "1", "null", "[]", "{\"reason\": {}}", "{\"reason\": 1}", "{\"reason\": [1]}"] {
                let response = try await client.execute("/api/v1/leads/1/reject", .post, bearer: token, body: body)
                #expect(response.status == .badRequest, "\(body): \(response.status)")
                #expect(!response.text.contains("Dictionary") && !response.text.contains("Swift") && !response.text.contains("Array<"), "\(body): \(response.text)")
            }
        }
    }
}
