import BatonCore
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Dispositions and reused idempotency keys")
struct LeadDispositionTests {
    /// A server on the example policy with Ana's hand-raiser, lead 1.
    func setup() async throws -> (application: any ApplicationProtocol, store: SQLiteStore, lead: LeadRecord, clock: ManualClock) {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let lead = try await seedLead(store, clock: clock)
        return (try await buildApplication(configuration, store: store, clock: clock).application, store, lead, clock)
    }

    /// Given Ana's untouched lead, a disposition without a first touch is refused unless a no-contact reason from
    /// the policy is given; a closed lead's disposition can change, each change an event.
    @Test("a disposition needs a first touch or a no-contact reason, and can change later")
    func dispositionRules() async throws {
        let (application, store, lead, clock) = try await setup()
        try await application.test(.router) { client in
            let ana = try #require(try await client.signIn("ana@northwind.example"))
            let path = "/api/v1/leads/\(lead.id)/disposition"
            let untouched = try await client.execute(path, .post, as: ana, body: #"{"disposition": "converted"}"#)
            #expect(untouched.status == .conflict && untouched.text.contains("record the first touch"), "\(untouched.text)")
            let badReason = try await client.execute(path, .post, as: ana, body: #"{"disposition": "bad_fit", "reason": "felt like it"}"#)
            #expect(badReason.status == .conflict)
            #expect(try await store.lead(id: lead.id)?.status == .assigned, "nothing changed")
            let page = try await client.execute("/leads/\(lead.id)", as: ana)
            #expect(!page.text.contains("<option value=\"converted\" selected"), "no consequential default")
            #expect(page.text.contains("<option value=\"\">Choose"), "forms start on a blank choice")

            _ = try await client.execute("/api/v1/leads/\(lead.id)/first-touch", .post, as: ana, body: #"{"channel": "call"}"#)
            #expect(try await client.execute(path, .post, as: ana, body: #"{"disposition": "working"}"#).status == .ok)
            #expect(try await client.execute(path, .post, as: ana, body: #"{"disposition": "working"}"#).status == .conflict, "the same again changes nothing")
            #expect(try await client.execute(path, .post, as: ana, body: #"{"disposition": "converted"}"#).status == .ok)
            let closed = try #require(try await store.lead(id: lead.id))
            #expect(closed.status == .closed && closed.disposition == "converted")
            let changes = try await store.leadEvents(id: lead.id).filter { $0.type.hasPrefix("lead.disposition") }
            #expect(changes.map(\.type) == ["lead.disposition", "lead.disposition_changed"])
            #expect(changes.last?.details["from"] == "working" && changes.last?.details["disposition"] == "converted")
            #expect(try await store.routingState(at: clock.now()).openLeads["ana"] == 0, "closing counted once")
        }
    }

    @Test("closing without contact records the policy's reason")
    func noContactReason() async throws {
        let (application, store, lead, _) = try await setup()
        try await application.test(.router) { client in
            let ana = try #require(try await client.signIn("ana@northwind.example"))
            let body = #"{"disposition": "bad_fit", "reason": "contact_details_invalid"}"#
            #expect(try await client.execute("/api/v1/leads/\(lead.id)/disposition", .post, as: ana, body: body).status == .ok)
        }
        let closed = try #require(try await store.lead(id: lead.id))
        #expect(closed.status == .closed && closed.noContactReason == "contact_details_invalid")
        #expect(try await store.leadEvents(id: lead.id).last { $0.type == "lead.disposition" }?.details["without_contact"] == "contact_details_invalid")
    }

    @Test("an Idempotency-Key reused with another body answers 422 and admits nothing")
    func reusedKey() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let token = try await TokenIssuer(store: store, clock: clock)
            .issue(name: "Website", accountEmail: "tomas@northwind.example", scopes: [.leadsRead, .leadsWrite], actor: "test").secret
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.router) { client in
            func post(_ email: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/leads", method: .post,
                    headers: [.authorization: "Bearer \(token)", .contentType: "application/json", .init("Idempotency-Key")!: "key-1"],
                    body: ByteBuffer(string: #"{"fields": {"email": "\#(email)", "last_name": "Ito"}}"#))
            }
            #expect(try await post("a@example.com").status == .created)
            #expect(try await post("a@example.com").status == .ok, "a retry with the same body is a repeat")
            let reused = try await post("b@example.com")
            #expect(reused.status == .unprocessableContent && reused.text.contains("idempotency_key_reused"))
        }
        #expect(try await store.countLeads(LeadQuery()) == 1)
    }
}
