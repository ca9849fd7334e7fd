import BatonCore
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
                    } else {
                        #expect(![.unauthorized, .forbidden].contains(response.status), "\(role) on \(route): got \(response.status)")
                    }
                }
            }
        }
    }

    func expectAnonymous(_ route: RouteSpec, _ status: HTTPResponse.Status, location: String?) {
        guard route.access.roles != nil else {
            if route.method == .get { #expect(status == .ok, "open \(route) answered \(status)") }
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
