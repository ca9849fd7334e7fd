import BatonCore
import BatonServer
@testable import BatonStore
import BatonTestSupport
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Lead API")
struct LeadAPITests {
    struct Setup {
        let application: any ApplicationProtocol
        let store: SQLiteStore
        let clock: ManualClock
        let token: String
    }

    func setup() async throws -> Setup {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let token = try await TokenIssuer(store: store, clock: clock)
            .issue(name: "Website", accountEmail: "tomas@northwind.example", scopes: [.leadsRead, .leadsWrite], actor: "test").secret
        return Setup(application: try await buildApplication(configuration, store: store, clock: clock).application, store: store, clock: clock, token: token)
    }

    static let lead = #"""
        {"fields": {"email": "m.weber@kaufhaus-nord.de", "first_name": "Maren", "last_name": "Weber", "company": "Kaufhaus Nord",
                    "job_title": "Head of Analytics", "country": "Germany", "industry": "Retail", "company_size": 400, "consent_email": true,
                    "phone": "030 1234 5678", "utm_campaign": "NWA-2611-retail-demo"},
         "activities": [{"kind": "demo_request", "at": "2027-01-15T07:59:00Z", "title": "Request a demo"}],
         "submitted_at": "2027-01-15T07:58:30Z"}
        """#

    @Test("a posted lead is validated, scored, routed and explained; the same delivery twice makes one lead")
    func intakeAndExplain() async throws {
        let setup = try await setup()
        try await setup.application.test(.router) { client in
            let first = try await client.execute(
                uri: "/api/v1/leads", method: .post,
                headers: [.authorization: "Bearer \(setup.token)", .contentType: "application/json", .init("Idempotency-Key")!: "form-7781"],
                body: ByteBuffer(string: Self.lead))
            #expect(first.status == .created)
            let result = try #require((first.json["results"] as? [[String: Any]])?.first)
            #expect(result["outcome"] as? String == "created" && result["owner"] as? String == "ana" && result["status"] as? String == "assigned")
            let again = try await client.execute(
                uri: "/api/v1/leads", method: .post,
                headers: [.authorization: "Bearer \(setup.token)", .contentType: "application/json", .init("Idempotency-Key")!: "form-7781"],
                body: ByteBuffer(string: Self.lead))
            #expect(again.status == .ok)
            #expect((again.json["results"] as? [[String: Any]])?.first?["outcome"] as? String == "repeated")
            #expect(try await setup.store.leadCounts() == [.assigned: 1])

            let id = try #require(result["lead_id"] as? Int)
            let lead = try await client.execute("/api/v1/leads/\(id)", bearer: setup.token).json
            #expect((lead["fields"] as? [String: String])?["phone"] == "+493012345678")
            #expect((lead["fields"] as? [String: String])?["country"] == "DE")
            #expect((lead["score"] as? [String: Any])?["total"] as? Double == 105)
            let explanation = try await client.execute("/api/v1/leads/\(id)/explain", bearer: setup.token).json
            let routing = try #require(explanation["routing"] as? [String: Any])
            #expect(routing["rule"] as? String == "emea")
            #expect(routing["matched_because"] as? String == "region is emea; company_size at least 50")
            #expect((routing["passed_over"] as? [[String: String]])?.map { $0["reason"] ?? "" } == ["kaufhaus-nord.de is not a named account", "country is DE, not US or CA"])
            #expect(explanation["tier"] as? String == "hand-raiser")

            // lead.owner_notified follows once the running notification loop has delivered the assignment.
            let steps = try await setup.store.leadEvents(id: Int64(id)).map(\.type).filter { $0 != "lead.owner_notified" }
            #expect(steps == ["lead.submitted", "lead.received", "lead.validated", "lead.scored", "lead.qualified", "lead.routed", "lead.assigned"])
        }
    }

    @Test("concurrent posts share transactions yet each gets its own lead back; a key sent at once by several makes one lead")
    func concurrentPosts() async throws {
        let setup = try await setup()
        try await setup.application.test(.router) { client in
            let outcomes = try await withThrowingTaskGroup(of: (String, String, Int).self) { group in
                for index in 0..<24 {
                    group.addTask {
                        let email = index < 20 ? "lead\(index)@firm\(index).example" : "same@repeat.example"
                        let key = index < 20 ? "key-\(index)" : "key-same"
                        let response = try await client.execute(
                            uri: "/api/v1/leads", method: .post,
                            headers: [.authorization: "Bearer \(setup.token)", .contentType: "application/json", .init("Idempotency-Key")!: key],
                            body: ByteBuffer(string: #"{"fields": {"email": "\#(email)", "company": "Firm", "country": "DE"}}"#))
                        let result = (response.json["results"] as? [[String: Any]])?.first ?? [:]
                        return (email, result["outcome"] as? String ?? "", result["lead_id"] as? Int ?? 0)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for (email, outcome, id) in outcomes where email != "same@repeat.example" {
                #expect(outcome == "created")
                let lead = try await client.execute("/api/v1/leads/\(id)", bearer: setup.token).json
                #expect((lead["fields"] as? [String: String])?["email"] == email)
            }
            let repeats = outcomes.filter { $0.0 == "same@repeat.example" }
            #expect(repeats.map(\.1).sorted() == ["created", "repeated", "repeated", "repeated"])
            #expect(Set(repeats.map(\.2)).count == 1)
            #expect(try await setup.store.leadCounts().values.reduce(0, +) == 21)
        }
    }

    @Test("when the database refuses one request's lead, only that request fails; the others sharing its moment are stored")
    func failureStaysWithItsRequest() async throws {
        let setup = try await setup()
        // A trigger refuses the intake key "poison", so any transaction holding that request fails.
        try await setup.store.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse_poison BEFORE INSERT ON intake_key WHEN NEW.key = 'api:tomas/poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END")
        }
        try await setup.application.test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for index in 0..<12 {
                    group.addTask {
                        let key = index == 5 ? "poison" : "key-\(index)"
                        let response = try await client.execute(
                            uri: "/api/v1/leads", method: .post,
                            headers: [.authorization: "Bearer \(setup.token)", .contentType: "application/json", .init("Idempotency-Key")!: key],
                            body: ByteBuffer(string: #"{"fields": {"email": "lead\#(index)@firm\#(index).example", "company": "Firm", "country": "DE"}}"#))
                        return (key, Int(response.status.code))
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(statuses["poison"] == 500)
            #expect(statuses.filter { $0.key != "poison" }.values.allSatisfy { $0 == 201 })
            #expect(try await setup.store.leadCounts().values.reduce(0, +) == 11)
        }
    }

    @Test("a batch with mistakes is refused whole, each mistake named by its path")
    func badBatch() async throws {
        let setup = try await setup()
        try await setup.application.test(.router) { client in
            let body = #"""
                {"leads": [
                  {"fields": {"email": "a@example.com"}},
                  {"fields": {"email": "b@example.com", "colour": "teal"}},
                  {"fields": {"email": "c@example.com", "company": {"name": "C"}}, "activities": [{"kind": "download", "at": "yesterday"}]},
                  {"fields": {"email": "d@example.com"}, "priority": "high"}
                ]}
                """#
            let response = try await client.execute("/api/v1/leads", .post, bearer: setup.token, body: body)
            #expect(response.status == .badRequest)
            let error = try #require(response.json["error"] as? [String: Any])
            #expect(error["code"] as? String == "invalid_lead")
            let details = try #require(error["details"] as? [String])
            #expect(details.count == 4)
            #expect(details[0].hasPrefix("leads[1].fields.colour: not a field of the policy's lead model"))
            #expect(details[1] == "leads[2].fields.company: expected text, a number or true/false")
            #expect(details[2] == "leads[2].activities[0].at: expected an ISO 8601 time between 1900 and 2199, such as 2026-11-23T09:30:00Z")
            #expect(details[3].hasPrefix("leads[3].priority: unknown field"))
            #expect(try await setup.store.leadCounts().isEmpty, "nothing was admitted")
            let huge = "{\"leads\": [" + Array(repeating: #"{"fields": {"email": "x@example.com"}}"#, count: 1001).joined(separator: ",") + "]}"
            #expect(try await client.execute("/api/v1/leads", .post, bearer: setup.token, body: huge).status == .contentTooLarge)
            #expect(try await client.execute("/api/v1/leads", .post, bearer: setup.token, body: "{\"fields\": ").status == .badRequest)
        }
    }

    @Test("a lead with bad data waits in remediation with every reason and is routed once ops fix it")
    func remediation() async throws {
        let setup = try await setup()
        try await setup.application.test(.router) { client in
            let broken = Self.lead.replacingOccurrences(of: "m.weber@kaufhaus-nord.de", with: "m.weber@@kaufhaus-nord.de")
                .replacingOccurrences(of: "030 1234 5678", with: "12")
            let posted = try await client.execute("/api/v1/leads", .post, bearer: setup.token, body: broken)
            let result = try #require((posted.json["results"] as? [[String: Any]])?.first)
            #expect(result["status"] as? String == "remediation")
            let id = try #require(result["lead_id"] as? Int)
            let problems = try await client.execute("/api/v1/leads/\(id)", bearer: setup.token).json["problems"] as? [[String: String]]
            #expect(problems?.map { $0["field"] ?? "" } == ["email", "phone"])
            let queue = try await client.execute("/api/v1/leads?status=remediation", bearer: setup.token).json["leads"] as? [[String: Any]]
            #expect(queue?.count == 1)
            let fixed = try await client.execute(
                "/api/v1/leads/\(id)/resubmit", .post, bearer: setup.token, body: #"{"fields": {"email": "m.weber@kaufhaus-nord.de", "phone": "030 1234 5678"}}"#)
            #expect(fixed.status == .ok)
            #expect(fixed.json["status"] as? String == "assigned" && fixed.json["owner"] as? String == "ana")
        }
    }

    @Test("the owner works a lead to a disposition; refusals say why")
    func repActions() async throws {
        let setup = try await setup()
        let lead = try await seedLead(setup.store, clock: setup.clock)
        try await AccountAdministration(store: setup.store, clock: setup.clock, bcryptCost: 4).setPassword(email: "lukas@northwind.example", password: testPassword)
        try await setup.application.test(.router) { client in
            let ana = try #require(try await client.signIn("ana@northwind.example"))
            let lukas = try #require(try await client.signIn("lukas@northwind.example"))
            let notTheirs = try await client.execute("/api/v1/leads/\(lead.id)/first-touch", .post, as: lukas, body: #"{"channel": "call"}"#)
            #expect(notTheirs.status == .forbidden, "another rep cannot work Ana's lead")
            let touch = try await client.execute("/api/v1/leads/\(lead.id)/first-touch", .post, as: ana, body: #"{"channel": "call", "note": "Booked a demo"}"#)
            #expect(touch.status == .ok && touch.json["status"] as? String == "working")
            let badReason = try await client.execute("/api/v1/leads/\(lead.id)/reject", .post, as: ana, body: #"{"reason": "too_busy"}"#)
            #expect(badReason.status == .conflict)
            #expect((badReason.json["error"] as? [String: Any])?["message"] as? String
                == "'too_busy' is not a rejection reason; expected one of: not_icp, no_budget, bad_data, duplicate, student_or_job_seeker, competitor, existing_customer")
            #expect(try await client.execute("/api/v1/leads/\(lead.id)/accept", .post, as: ana, body: "{}").status == .ok)
            let closed = try await client.execute("/api/v1/leads/\(lead.id)/disposition", .post, as: ana, body: #"{"disposition": "converted"}"#)
            #expect(closed.json["status"] as? String == "closed")
            let types = try await setup.store.leadEvents(id: lead.id).map(\.type).suffix(3)
            #expect(Array(types) == ["lead.first_touch", "lead.accepted", "lead.disposition"])
        }
    }
}
