import BatonCore
@testable import BatonServer
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The audit pages over HTTP: who may read and act, what a bad month or a second sample gets, a stale form.
@Suite("Audit pages")
struct AuditPageTests {
    @Test("admins and ops draw and inspect, viewers read, others are refused; a bad month, a second sample of a month and a stale form come back with why")
    func accessAndErrors() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        try await seedLead(store, clock: clock)
        let app = try await buildApplication(configuration, store: store, clock: clock).application
        try await app.test(.router) { client in
            let ops = try #require(try await client.signIn("tomas@northwind.example"))
            func post(_ path: String, _ body: String, as session: BrowserSession) async throws -> TestResponse {
                try await client.execute(
                    uri: path, method: .post, headers: [.cookie: "baton_session=\(session.cookie)", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "_csrf=\(session.csrf)&" + body))
            }
            func problem(_ response: TestResponse) -> String? {
                response.headers[.location].flatMap { URLComponents(string: $0)?.queryItems?.first { $0.name == "problem" }?.value }.flatMap(ServerSignature.verified)
            }
            let bad = try await post("/audits", "month=October&size=15", as: ops)
            #expect(bad.status == .found && problem(bad) == "The month 'October' is not a month from 2000 on; expected YYYY-MM, e.g. 2026-10.")
            let current = try await post("/audits", "month=2027-01&size=15", as: ops)
            #expect(problem(current) == "January 2027 is not over yet; audit it from February 1.")
            #expect(problem(try await post("/audits", "month=2026-13&size=15", as: ops))?.hasPrefix("The month '2026-13' is not a month") == true)
            #expect(problem(try await post("/audits", "month=2026-12&size=abc", as: ops)) == "The size is a whole number of handoffs, 10 to 20.")
            #expect(problem(try await post("/audits/quarterly", "quarter=2099-Q4", as: ops)) == "2099-Q4 has not begun.")
            let drawn = try await post("/audits", "month=2026-12&size=10&seed=5", as: ops)
            #expect(drawn.headers[.location]?.hasPrefix("/audits/1?done=") == true)
            let audit = try #require(try await store.audit(id: 1))
            #expect(audit.note == "Only 0 handoffs closed in December 2026 (0 leads, 0 work items); there is nothing to sample.", "a month without closed handoffs says so")
            let again = try await post("/audits", "month=2026-12&size=10", as: ops)
            #expect(problem(again)?.hasPrefix("There is already a monthly handoff audit for 2026-12") == true)

            let quarterly = try await post("/audits/quarterly", "quarter=2027-Q1", as: ops)
            #expect(quarterly.headers[.location]?.hasPrefix("/audits/2?done=") == true)
            let stale = try await post("/audits/2/entries/1", "revision=0&finding=ok", as: ops)
            #expect(problem(stale) == "Entry 1: Someone changed this audit since you opened it; reload it and try again.")
            let recorded = try await post("/audits/2/entries/1", "revision=1&found[]=aligned&finding=The+definition+misses+agencies&evidence=https%3A%2F%2Fwiki.example%2Fdef%0Ajavascript%3Aalert(1)", as: ops)
            #expect(problem(recorded) == nil && recorded.status == .found)
            let page = try await client.execute("/audits/2", as: ops)
            #expect(page.text.contains("<a href=\"https://wiki.example/def\">") && page.text.contains("<li>javascript:alert(1)</li>"), "only http(s) and this server's pages become links")

            for (email, readable, writable) in [("grace@northwind.example", true, false), ("ana@northwind.example", false, false), ("maya@northwind.example", false, false)] {
                let session = try #require(try await client.signIn(email))
                let read = try await client.execute("/audits/1", as: session).status
                let drawn = try await post("/audits", "month=2026-11&size=10", as: session).status
                #expect((read == .ok) == readable, "\(email) reads: \(read)")
                #expect((drawn == .found) == writable && (writable || drawn == .forbidden), "\(email) draws: \(drawn)")
            }
        }
    }
}
