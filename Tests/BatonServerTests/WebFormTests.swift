import BatonCore
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Website lead form")
struct WebFormTests {
    static let formBody = [
        "email=m.weber%40kaufhaus-nord.de", "firstname=Maren", "last_name=Weber", "company=Kaufhaus+Nord", "jobtitle=Head+of+Analytics",
        "country=Germany", "industry=Retail", "company_size=400", "consent_email=yes", "activity=demo_request",
        "page_url=https%3A%2F%2Fnorthwind.example%2Fdemo", "page_title=Book+a+demo",
    ].joined(separator: "&")

    func setup() async throws -> (application: some ApplicationProtocol, store: SQLiteStore) {
        let clock = ManualClock()
        var configuration = testConfiguration()
        configuration.formRedirectHosts = ["northwind.example"]
        let store = try await prepareAccounts(configuration, clock: clock)
        return (try await buildApplication(configuration, store: store, clock: clock).application, store)
    }

    func post(_ body: String, on client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(
            uri: "/forms/leads", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    @Test("a website form post becomes a routed lead; a resent form makes no second one; the redirect goes only to listed hosts")
    func formPost() async throws {
        let (application, store) = try await setup()
        try await application.test(.router) { client in
            let first = try await post(Self.formBody + "&redirect=https%3A%2F%2Fnorthwind.example%2Fthanks", on: client)
            #expect(first.status == .seeOther && first.headers[.location] == "https://northwind.example/thanks")
            let again = try await post(Self.formBody + "&redirect=https%3A%2F%2Fnorthwind.example%2Fthanks", on: client)
            #expect(again.status == .seeOther)
            let leads = try await store.leads(LeadQuery())
            #expect(leads.count == 1)
            let lead = try #require(leads.first)
            #expect(lead.source == "web_form" && lead.owner == "ana" && lead.tier == "hand-raiser")
            #expect(lead.fields["first_name"] == "Maren" && lead.fields["job_title"] == "Head of Analytics")
            #expect(lead.activities.first?.title == "Book a demo" && lead.activities.first?.url == "https://northwind.example/demo")

            let elsewhere = try await post(Self.formBody.replacingOccurrences(of: "Maren", with: "Marena") + "&redirect=https%3A%2F%2Fevil.example%2F", on: client)
            #expect(elsewhere.status == .ok && elsewhere.text.contains("Thank you"))
        }
    }

    @Test("a bot that fills the honeypot stores nothing; more than 20 posts a minute from one address get 429")
    func abuse() async throws {
        let (application, store) = try await setup()
        try await application.test(.router) { client in
            let trapped = try await post(Self.formBody + "&baton_trap=http%3A%2F%2Fspam.example", on: client)
            #expect(trapped.status == .ok)
            #expect(try await store.leadCounts().isEmpty)
            // The limit is 20 posts per address per minute.
            for _ in 2...20 { _ = try await post("email=x%40y.example", on: client) }
            let limited = try await post(Self.formBody, on: client)
            #expect(limited.status == .tooManyRequests)
        }
    }
}
