import BatonCore
import BatonPolicy
@testable import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Trust: setup links, tokens, untrusted text, hook authentication, throttling")
struct TrustTests {
    @Test("the setup link dies once the admin has a password, however it was set")
    func setupLinkDiesWithPassword() async throws {
        let configuration = testConfiguration()
        let store = try await configuration.database.open()
        let built = try await buildApplication(configuration, store: store, clock: ManualClock())
        let path = String(try #require(built.startup.setupLink).dropFirst(configuration.publicURL.count))
        try await built.application.test(.router) { client in
            // The form is opened while the link is live; then the admin sets a password on the command line.
            let page = try await client.execute(uri: path, method: .get)
            let csrf = String(try #require(page.text.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1)
            try await AccountAdministration(store: store, bcryptCost: 4).setPassword(email: "rhea@northwind.example", password: "set-on-the-command-line")
            let taken = try await client.execute(
                uri: path, method: .post,
                headers: [.cookie: "baton_form=\(page.cookie(named: "baton_form")!)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(csrf)&password=an-attackers-password&confirm=an-attackers-password"))
            #expect(taken.status == .notFound, "the link must not set a second password")
            #expect(try await client.execute(uri: path, method: .get).status == .notFound, "nor show its form")
        }
        #expect(try await store.anyPasswordSet())
    }

    @Test("a token mints only tokens within its own scopes for its own account; an admin session mints any")
    func tokenMinting() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let minter = try await TokenIssuer(store: store, clock: clock)
            .issue(name: "Minter", accountEmail: "rhea@northwind.example", scopes: [.tokensWrite, .leadsRead], actor: "test").secret
        let other = try await TokenIssuer(store: store, clock: clock)
            .issue(name: "Tomás's", accountEmail: "tomas@northwind.example", scopes: [.leadsRead], actor: "test").token
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.router) { client in
            let wider = #"{"name": "x", "account": "rhea@northwind.example", "scopes": ["leads:read", "events:read"]}"#
            #expect(try await client.execute("/api/v1/tokens", .post, bearer: minter, body: wider).status == .forbidden)
            let forOther = #"{"name": "x", "account": "tomas@northwind.example", "scopes": ["leads:read"]}"#
            #expect(try await client.execute("/api/v1/tokens", .post, bearer: minter, body: forOther).status == .forbidden)
            let subset = #"{"name": "x", "account": "rhea@northwind.example", "scopes": ["leads:read"]}"#
            #expect(try await client.execute("/api/v1/tokens", .post, bearer: minter, body: subset).status == .created)
            #expect(try await client.execute("/api/v1/tokens/\(other.id)", .delete, bearer: minter).status == .forbidden, "not another account's token")
            let admin = try #require(try await client.signIn("rhea@northwind.example"))
            let any = #"{"name": "x", "account": "tomas@northwind.example", "scopes": ["leads:read", "leads:write"]}"#
            #expect(try await client.execute("/api/v1/tokens", .post, as: admin, body: any).status == .created)
        }
    }

    @Test("only http and https become links; every answer carries CSP, nosniff and no framing")
    func untrustedLinksAndHeaders() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.router) { client in
            let form = "email=eve%40example.com&first_name=Eve&last_name=Example&company=Evil&job_title=CEO&country=DE&consent_email=yes"
                + "&page_url=javascript%3Aalert(1)&page_title=Click"
            #expect(try await client.execute(uri: "/forms/leads", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)).status == .ok)
            let admin = try #require(try await client.signIn("rhea@northwind.example"))
            let page = try await client.execute("/leads/1", as: admin)
            #expect(page.status == .ok)
            #expect(!page.text.contains("href=\"javascript:"), "a javascript: address is text, not a link")
            #expect(page.text.contains("Click"))
            for path in ["/leads/1", "/login", "/api/v1/me", "/no-such-page", "/healthz"] {
                let response = try await client.execute(path, as: admin)
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"), "\(path): \(csp)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
            }
        }
        #expect(SafeLink.href("https://northwind.example/demo") == "https://northwind.example/demo")
        for bad in ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "/relative", "http://", "vbscript:x"] {
            #expect(SafeLink.href(bad) == nil, "\(bad)")
        }
    }

    @Test("Slack text escapes &, < and >, so names cannot mention @channel or disguise links")
    func slackEscaping() throws {
        let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
        let text = NotificationText(policy: policy, publicURL: "https://baton.example.com")
        let event = Event(sequence: 1, type: "lead.assigned", subject: "lead:1", actor: "system", at: Date(timeIntervalSince1970: 0), policyVersion: nil, payload: "{}")
        let body = String(decoding: try text.slackBody(event, text: "New lead <!channel> <https://evil.example|Click> & more"), as: UTF8.self)
        #expect(body.contains("&lt;!channel&gt; &lt;https:\\/\\/evil.example|Click&gt; &amp; more") || body.contains("&lt;!channel&gt; &lt;https://evil.example|Click&gt; &amp; more"), "\(body)")
        #expect(!body.contains("<!channel>"))
    }

    @Test("the Salesforce hook needs the token in its URL and, when set, an allowed sender address behind trusted proxies")
    func salesforceHookAuthentication() async throws {
        let clock = ManualClock()
        var configuration = testConfiguration()
        configuration.salesforceOrganizationID = "00D000000000001EAA"
        configuration.salesforceHookToken = "sf-hook-token"
        configuration.salesforceAllowedAddresses = [AddressRange("13.108.0.0/14")!]
        configuration.trustedProxies = [AddressRange("127.0.0.1")!]
        let store = try await prepareAccounts(configuration, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.live) { client in
            let post: @Sendable (String, String) async throws -> TestResponse = { path, address in
                try await client.execute(
                    uri: path, method: .post, headers: [.contentType: "text/xml", .init("X-Forwarded-For")!: address],
                    body: ByteBuffer(string: HookTests.outboundMessage()))
            }
            let wrongToken = try await post("/hooks/salesforce/wrong-token", "13.108.1.1")
            let stranger = try await post("/hooks/salesforce/sf-hook-token", "203.0.113.9")
            let viaProxy = try await post("/hooks/salesforce/sf-hook-token", "203.0.113.9, 13.108.1.1")
            let oldPath = try await client.execute(uri: "/hooks/salesforce", method: .post, body: ByteBuffer(string: HookTests.outboundMessage()))
            #expect(wrongToken.status == .unauthorized)
            #expect(stranger.status == .forbidden)
            #expect(viaProxy.status == .ok, "the proxy's last hop is believed")
            #expect(oldPath.status == .notFound)
        }
        #expect(ClientAddressMiddleware.client(peer: "198.51.100.7", forwardedFor: ["1.2.3.4"], trusted: [AddressRange("127.0.0.1")!]) == "198.51.100.7",
                "an untrusted peer cannot name itself")
        #expect(AddressRange("10.0.0.0/8")!.contains("10.200.3.4") && !AddressRange("10.0.0.0/8")!.contains("11.0.0.1"))
        #expect(AddressRange("2001:db8::/32")!.contains("2001:db8::1") && AddressRange("127.0.0.1")!.contains("::ffff:127.0.0.1"))
        #expect(AddressRange("not an address") == nil && AddressRange("10.0.0.0/33") == nil)
    }

    @Test("HubSpot v1 signatures are taken once per event id; with a v3 header present v1 is never consulted")
    func hubspotLegacyReplay() async throws {
        let clock = ManualClock()
        var configuration = testConfiguration()
        configuration.hubspotSecret = HookTests.secret
        let store = try await prepareAccounts(configuration, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        let body = #"[{"eventId":77,"subscriptionType":"contact.propertyChange","objectId":5,"propertyName":"email","propertyValue":"kim@contoso.com","occurredAt":1800000000000}]"#
        let v1 = HubSpotSignature(secret: HookTests.secret).v1(body: Data(body.utf8))
        try await built.application.test(.router) { client in
            let send = { try await client.execute(uri: "/hooks/hubspot", method: .post, headers: [.contentType: "application/json", .init("X-HubSpot-Signature")!: v1], body: ByteBuffer(string: body)) }
            #expect(try await send().status == .ok)
            let replay = try await send()
            #expect(replay.status == .conflict && replay.text.contains("replayed_delivery"))
            let forged = try await client.execute(
                uri: "/hooks/hubspot", method: .post,
                headers: [.contentType: "application/json", .init("X-HubSpot-Signature")!: v1, .init("X-HubSpot-Signature-v3")!: "bogus", .init("X-HubSpot-Request-Timestamp")!: "1800000000000"],
                body: ByteBuffer(string: body))
            #expect(forged.status == .unauthorized, "with a v3 header present, v1 is never consulted")
        }
    }

    /// What an attacker's probe found, each closed: impossible dates stored for good, redirect tricks, planted
    /// cookies, leads given to people outside sales, unbounded bulk moves, idempotency keys claimed across accounts,
    /// and typos in query parameters read as "no filter".
    @Test("probe findings: dates out of range, tab redirects, planted form cookies, owners outside sales, bulk limits, keys per account, unknown parameters")
    func probeFindings() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let lead = try await seedLead(store, clock: clock)
        let issuer = TokenIssuer(store: store, clock: clock)
        let tomas = try await issuer.issue(name: "ops", accountEmail: "tomas@northwind.example", scopes: [.leadsRead, .leadsWrite], actor: "test").secret
        let maya = try await issuer.issue(name: "forms", accountEmail: "maya@northwind.example", scopes: [.leadsWrite], actor: "test").secret
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.router) { client in
            for date in ["-999999-01-01T00:00:00Z", "99999-01-01T00:00:00Z", "0000-01-01"] {
                let body = #"{"fields": {"email": "far@contoso.com", "last_name": "Far"}, "submitted_at": "\#(date)"}"#
                #expect(try await client.execute("/api/v1/leads", .post, bearer: tomas, body: body).status == .badRequest, "\(date)")
            }
            let csv = try await client.execute(
                uri: "/api/v1/imports", method: .post, headers: [.authorization: "Bearer \(maya)", .contentType: "text/csv"],
                body: ByteBuffer(string: "Email,Last Name,Create Date\ncsv1@csv.example,Csv,99999-01-01T00:00:00Z\n"))
            #expect((csv.json["rejected"] as? [[String: Any]])?.first?["line"] as? Int == 2, "the row is refused by line")
            #expect(try await client.execute("/api/v1/events?limit=1000", bearer: try await issuer.issue(
                name: "events", accountEmail: "rhea@northwind.example", scopes: [.eventsRead], actor: "test").secret).status == .ok)

            #expect(AuthRoutes.safeNext("/\t/evil.example") == "/" && AuthRoutes.safeNext("/\n/evil.example") == "/")
            #expect(AuthRoutes.safeNext("/leads?owner=ana") == "/leads?owner=ana")
            let planted = try await client.execute(
                uri: "/login", method: .post, headers: [.cookie: "baton_form=x", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=x&email=ana%40northwind.example&password=\(testPassword)"))
            #expect(planted.status == .forbidden, "a form token the server did not sign is refused")

            let sam = try #require(try await client.signIn("sam@northwind.example"))
            let crafted = try await client.execute("/leads/\(lead.id)?problem=Session%20expired%2C%20call%20IT", as: sam).text
            #expect(!crafted.contains("call IT"), "a message the server did not sign is not shown")
            let toViewer = try await client.execute("/api/v1/leads/\(lead.id)/reassign", .post, as: sam, body: #"{"to": "grace"}"#)
            #expect(toViewer.status == .conflict && toViewer.text.contains("does not work leads"))
            let many = "[" + (1...1001).map(String.init).joined(separator: ",") + "]"
            #expect(try await client.execute("/api/v1/leads/bulk/reassign", .post, as: sam, body: #"{"leads": \#(many), "to": "lukas"}"#).status == .badRequest)

            let keyed = { (token: String, email: String) in
                try await client.execute(
                    uri: "/api/v1/leads", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json", .init("Idempotency-Key")!: "K1"],
                    body: ByteBuffer(string: #"{"fields": {"email": "\#(email)", "last_name": "Key"}}"#))
            }
            #expect(try await keyed(tomas, "k1@contoso.com").status == .created)
            #expect(try await keyed(maya, "k2@contoso.com").status == .created, "another account's key is its own")

            #expect(try await client.execute("/api/v1/leads?ownr=ana", bearer: tomas).status == .badRequest, "a typo is not 'no filter'")
            let dryRun = try await client.execute(
                uri: "/api/v1/imports?dry_run=maybe", method: .post, headers: [.authorization: "Bearer \(maya)", .contentType: "text/csv"],
                body: ByteBuffer(string: "Email,Last Name\nx@csv.example,X\n"))
            #expect(dryRun.status == .badRequest, "an unclear dry run imports nothing")
        }
    }

    @Test("sign-in is throttled per account at an address and per address; the right password from elsewhere still works")
    func signInThrottle() async throws {
        let clock = ManualClock()
        var configuration = testConfiguration()
        configuration.trustedProxies = [AddressRange("127.0.0.1")!]
        let store = try await prepareAccounts(configuration, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.live) { client in
            let login: @Sendable (String, String, String) async throws -> TestResponse = { email, password, address in
                let form = try await client.loginForm()
                let body = "_csrf=\(form.csrf)&next=%2F&email=\(email.formEncoded)&password=\(password.formEncoded)"
                return try await client.execute(
                    uri: "/login", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "baton_form=\(form.cookie)", .init("X-Forwarded-For")!: address],
                    body: ByteBuffer(string: body))
            }
            for _ in 1...5 { #expect(try await login("ana@northwind.example", "guess", "198.51.100.1").status == .unauthorized) }
            let blocked = try await login("ana@northwind.example", testPassword, "198.51.100.1")
            #expect(blocked.status == .tooManyRequests && Int(blocked.headers[.retryAfter] ?? "") != nil, "429 with Retry-After")
            #expect(try await login("ana@northwind.example", testPassword, "198.51.100.2").status == .seeOther, "Ana elsewhere signs in")
            for index in 1...AuthRoutes.failuresPerAddress { _ = try await login("nobody\(index)@northwind.example", "guess", "198.51.100.3") }
            #expect(try await login("sam@northwind.example", testPassword, "198.51.100.3").status == .tooManyRequests, "a spraying address waits")
        }
        let throttle = Throttle(limit: 5, window: 60, maxKeys: 100)
        let now = Date(timeIntervalSince1970: 0)
        for index in 0..<1_000 { await throttle.record(["address-\(index)"], now: now.addingTimeInterval(Double(index) / 100)) }
        let remembered = await throttle.keyCount
        #expect(remembered <= 100, "memory stays bounded")
    }
}
