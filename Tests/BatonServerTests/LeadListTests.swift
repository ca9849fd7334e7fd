import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Many leads from the example policy's regions and sources, for the list tests: `count` people, half German
/// retailers (Ana and Lukas), half from the US (Jordan and Priya), every tenth without consent.
func admitMany(_ count: Int, into store: SQLiteStore, clock: ManualClock) async throws {
    let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
    let workflow = LeadWorkflow(pipeline: LeadPipeline(policy: policy), policyVersion: nil)
    let sources = ["hubspot", "salesforce", "web_form", "csv_import", "api"]
    let intakes = (0..<count).map { index in
        let german = index % 2 == 0
        return LeadIntake(
            submission: LeadSubmission(
                source: sources[index % sources.count],
                fields: [
                    "email": "person\(index)@firm\(index % 97).example", "first_name": "Person", "last_name": "Number\(index)",
                    "company": "Firm \(index % 97)", "job_title": "Head of Data", "country": german ? "DE" : "US", "industry": "Retail",
                    "company_size": "400", "consent_email": index % 10 == 9 ? "no" : "yes",
                ],
                activities: [LeadActivity(kind: "demo_request", at: clock.now())]),
            idempotencyKey: nil, actor: "test")
    }
    for chunk in stride(from: 0, to: intakes.count, by: 500) {
        _ = try await store.admitLeads(Array(intakes[chunk..<min(chunk + 500, intakes.count)]), at: clock.now(), workflow: workflow)
    }
}

@Suite("Lead lists at volume")
struct LeadListTests {
    @Test("the API lists what the caller may see, searched, filtered, sorted and paged, with the total; bulk reassignment reports each refusal")
    func apiLists() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        try await admitMany(300, into: store, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.router) { client in
            let ana = try #require(try await client.signIn("ana@northwind.example"))
            let hers = try await client.execute("/api/v1/leads?limit=10", as: ana).json
            let total = try #require(hers["total"] as? Int)
            #expect(total > 10 && total < 300 && (hers["leads"] as? [[String: Any]])?.count == 10, "Ana sees only hers, a page at a time")
            #expect(((hers["leads"] as? [[String: Any]]) ?? []).allSatisfy { $0["owner"] as? String == "ana" })

            let admin = try #require(try await client.signIn("rhea@northwind.example"))
            let found = try await client.execute("/api/v1/leads?q=person123%40firm26.example", as: admin).json
            #expect(found["total"] as? Int == 1 && (found["leads"] as? [[String: Any]])?.first?["id"] as? Int == 124)
            let held = try await client.execute("/api/v1/leads?status=no_consent&source=api&sort=name&dir=desc", as: admin).json
            #expect(held["total"] as? Int == 30, "every tenth person gave no consent, all of them through the API")
            let names = (held["leads"] as? [[String: Any]] ?? []).compactMap { ($0["fields"] as? [String: String])?["last_name"] }
            #expect(names == names.sorted(by: >), "by name, descending")
            for bad in ["status=finished", "sort=colour", "breached=maybe", "limit=0", "offset=-1", "dir=up"] {
                let response = try await client.execute("/api/v1/leads?\(bad)", as: admin)
                #expect(response.status == .badRequest, "\(bad)")
            }
            let page1 = try await client.execute("/api/v1/leads?sort=received&limit=100&offset=0", as: admin).json["leads"] as? [[String: Any]] ?? []
            let page2 = try await client.execute("/api/v1/leads?sort=received&limit=100&offset=100", as: admin).json["leads"] as? [[String: Any]] ?? []
            #expect(Set(page1.compactMap { $0["id"] as? Int }).isDisjoint(with: page2.compactMap { $0["id"] as? Int }))

            let sam = try #require(try await client.signIn("sam@northwind.example"))
            let anas = (hers["leads"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }.prefix(3)
            let body = #"{"leads": [\#(anas.map(String.init).joined(separator: ",")), 99999], "to": "lukas", "reason": "Ana is at a conference"}"#
            let moved = try await client.execute("/api/v1/leads/bulk/reassign", .post, as: sam, body: body).json
            #expect((moved["reassigned"] as? [Int])?.count == 3)
            #expect((moved["refused"] as? [[String: Any]])?.first?["lead"] as? Int == 99999)
            let lukas = try await store.lead(id: Int64(anas.first!))
            #expect(lukas?.owner == "lukas" && lukas?.previousOwners == ["ana"])
            #expect(try await client.execute("/api/v1/leads/bulk/reassign", .post, as: ana, body: body).status == .forbidden, "reps do not reassign")
        }
    }
}
