import BatonCore
import BatonServer
import BatonTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Sign-in, sessions and the setup link")
struct SignInTests {
    func app() async throws -> (some ApplicationProtocol, ManualClock) {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        return (try await buildApplication(configuration, store: store, clock: clock).application, clock)
    }

    @Test("a session cookie is HttpOnly and SameSite=Lax, and sign-out ends it")
    func sessionCookie() async throws {
        let (app, _) = try await app()
        try await app.test(.router) { client in
            let form = try await client.loginForm()
            let response = try await client.postLogin(email: "rhea@northwind.example", password: testPassword, form: form)
            #expect(response.status == .seeOther)
            let header = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("baton_session=") })
            #expect(header.contains("HttpOnly") && header.contains("SameSite=Lax") && !header.contains("Secure"))
            let session = try #require(try await client.signIn("rhea@northwind.example"))
            #expect(try await client.execute("/api/v1/me", as: session).json["email"] as? String == "rhea@northwind.example")
            let out = try await client.execute(
                uri: "/logout", method: .post,
                headers: [.cookie: "baton_session=\(session.cookie)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(session.csrf)"))
            #expect(out.status == .seeOther)
            #expect(try await client.execute("/api/v1/me", as: session).status == .unauthorized)
        }
    }

    @Test("a form post without the CSRF token is refused")
    func csrf() async throws {
        let (app, _) = try await app()
        try await app.test(.router) { client in
            let session = try #require(try await client.signIn("rhea@northwind.example"))
            let response = try await client.execute(
                uri: "/logout", method: .post,
                headers: [.cookie: "baton_session=\(session.cookie)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=forged"))
            #expect(response.status == .forbidden)
            #expect(try await client.execute("/api/v1/me", as: session).status == .ok, "the session survives a forged post")
            let login = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "email=rhea%40northwind.example&password=\(testPassword)"))
            #expect(login.status == .forbidden, "the login form needs its CSRF token too")
        }
    }

    @Test("a wrong password and an unknown email get the same message")
    func genericFailure() async throws {
        let (app, _) = try await app()
        try await app.test(.router) { client in
            let wrong = try await client.postLogin(email: "rhea@northwind.example", password: "nope", form: try await client.loginForm())
            let unknown = try await client.postLogin(email: "nobody@northwind.example", password: "nope", form: try await client.loginForm())
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
            let message = "That email and password do not match an account that can sign in."
            #expect(wrong.text.contains(message) && unknown.text.contains(message))
        }
    }

    @Test("failed sign-ins are limited per account until the window passes")
    func throttling() async throws {
        let (app, clock) = try await app()
        try await app.test(.router) { client in
            for _ in 1...5 {
                _ = try await client.postLogin(email: "ana@northwind.example", password: "guess", form: try await client.loginForm())
            }
            let blocked = try await client.postLogin(email: "ana@northwind.example", password: testPassword, form: try await client.loginForm())
            #expect(blocked.status == .tooManyRequests, "even the right password waits")
            #expect(blocked.text.contains("Too many attempts"))
            clock.advance(by: 15 * 60 + 1)
            #expect(try await client.signIn("ana@northwind.example") != nil, "the limit lifts after the window")
        }
    }

    @Test("an empty database prints a one-time setup link for the first admin")
    func setupLink() async throws {
        let configuration = testConfiguration()
        let store = try await configuration.database.open()
        let built = try await buildApplication(configuration, store: store, clock: ManualClock())
        let link = try #require(built.startup.setupLink)
        let path = String(link.dropFirst(configuration.publicURL.count))
        try await built.application.test(.router) { client in
            let page = try await client.execute(uri: path, method: .get)
            let csrf = String(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)!.1)
            let cookie = "baton_form=\(page.cookie(named: "baton_form")!)"
            let post = { (password: String) in
                try await client.execute(
                    uri: path, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "_csrf=\(csrf)&password=\(password)&confirm=\(password)"))
            }
            #expect(try await post("short").status == .badRequest)
            let done = try await post("a-long-enough-password")
            #expect(done.status == .seeOther && done.cookie(named: "baton_session") != nil)
            #expect(try await post("a-long-enough-password").status == .notFound, "the link works once")
        }
        #expect(try await store.account(email: "rhea@northwind.example")?.hasPassword == true)
        let again = try await buildApplication(configuration, store: store, clock: ManualClock())
        #expect(again.startup.setupLink == nil, "no link once a password is set")
    }
}

import BatonStore
