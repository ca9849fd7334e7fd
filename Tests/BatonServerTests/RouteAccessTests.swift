import BatonCore
import BatonPolicy
import BatonServer
import BatonTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Every route with every role")
struct RouteAccessTests {
    /// Given the example policy with one signed-in person per role, when each calls every declared route,
    /// then an admitted role gets 200 (or, for changes, a non-auth answer), another role 403, and no one signed in 401
    /// (pages redirect to the login page instead).
    @Test("role × route")
    func roleByRoute() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        try await seedLead(store, clock: clock)
        try await seedWorkItem(store, clock: clock)
        let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
        _ = try await AuditService(store: store, clock: clock, policy: policy).startQuarterly("2027-Q1", by: "rhea")
        let built = try await buildApplication(configuration, store: store, clock: clock)
        // Logout ends the session, so it goes last.
        let routes = built.routes.sorted { ($0.path == "/logout" ? 1 : 0) < ($1.path == "/logout" ? 1 : 0) }
        try await built.application.test(.router) { client in
            for route in routes {
                let anonymous = try await client.execute(route.example, route.method, as: nil)
                expectAnonymous(route, anonymous.status, location: anonymous.headers[.location])
            }
            for (role, email) in exampleLogins {
                let session = try #require(try await client.signIn(email), "\(role) could not sign in")
                for route in routes where route.access.roles != nil {
                    let body = route.method == .get ? nil : "{}"
                    let response = try await client.execute(route.example, route.method, as: session, body: body)
                    let admitted = route.access.roles!.contains(role)
                    if !admitted {
                        #expect(response.status == .forbidden, "\(role) on \(route): expected 403, got \(response.status)")
                    } else if route.method == .get {
                        #expect(response.status == .ok, "\(role) on \(route): expected 200, got \(response.status)")
                    } else if response.status == .forbidden {
                        // The role may use the route; a 403 may only be about the one item (see the ownership tests).
                        #expect(!response.text.contains("cannot use this"), "\(role) on \(route): refused by role")
                        #expect(route.path.hasPrefix("/api/v1/work/{id}") || route.path.hasPrefix("/work/{id}"), "\(role) on \(route): got 403")
                    } else {
                        #expect(response.status != .unauthorized, "\(role) on \(route): got \(response.status)")
                    }
                }
            }
        }
    }

    func expectAnonymous(_ route: RouteSpec, _ status: HTTPResponse.Status, location: String?) {
        guard route.access.roles != nil else {
            // The setup page answers 404 for a link that is unknown, used or expired, like the example's.
            let expected: HTTPResponse.Status = route.path == "/setup/{token}" ? .notFound : .ok
            if route.method == .get { #expect(status == expected, "open \(route) answered \(status)") }
            return
        }
        switch route.kind {
        case .page:
            #expect(status == .seeOther && location?.hasPrefix("/login") == true, "\(route) without sign-in: \(status)")
        default:
            #expect(status == .unauthorized, "\(route) without sign-in: expected 401, got \(status)")
        }
    }
}

@Suite("Every lead route with every role and every ownership")
struct LeadOwnershipTests {
    /// Given lead 1 owned by Ana (a rep managed by Sam), when every role and Lukas (another rep) call every route
    /// about one lead, then the owner, her manager, ops and admins get through, a viewer only reads, and Lukas is
    /// refused on the page and over the API alike; his lists never show the lead.
    @Test("role × route × ownership")
    func roleByRouteByOwnership() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        try await AccountAdministration(store: store, bcryptCost: 4).setPassword(email: "lukas@northwind.example", password: testPassword)
        let lead = try await seedLead(store, clock: clock)
        #expect(lead.owner == "ana")
        let built = try await buildApplication(configuration, store: store, clock: clock)
        let routes = built.routes.filter { $0.path.contains("{id}") && $0.path.contains("leads") && !$0.path.hasSuffix("/resubmit") }
        #expect(routes.count == 13, "three reads and five actions, each as page and API: \(routes)")
        let callers = exampleLogins.map { ($0.key, $0.value) } + [(AccessRole.salesRep, "lukas@northwind.example")]
        try await built.application.test(.router) { client in
            for (role, email) in callers {
                let session = try #require(try await client.signIn(email), "\(email) could not sign in")
                let sees = ["ana@northwind.example", "sam@northwind.example", "rhea@northwind.example", "tomas@northwind.example", "grace@northwind.example"].contains(email)
                for route in routes {
                    let body = route.method == .get ? nil : "{}"
                    let response = try await client.execute(route.example, route.method, as: session, body: body)
                    let admitted = route.access.roles!.contains(role) && sees
                    if !admitted {
                        #expect(response.status == .forbidden, "\(email) on \(route): expected 403, got \(response.status)")
                    } else if route.method == .get {
                        #expect(response.status == .ok, "\(email) on \(route): expected 200, got \(response.status)")
                    } else {
                        #expect(![.unauthorized, .forbidden].contains(response.status), "\(email) on \(route): got \(response.status)")
                    }
                }
                if [.salesRep, .salesManager, .admin, .ops, .viewer].contains(role) {
                    let listed = try await client.execute("/api/v1/leads", as: session).json["leads"] as? [[String: Any]] ?? []
                    #expect(listed.contains { $0["id"] as? Int == 1 } == sees, "\(email)'s list")
                }
            }
        }
    }
}
