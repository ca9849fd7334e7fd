import BatonCore
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What became of leads (H3): outcomes over the API and from CSV files, matched to their leads or kept for later.
@Suite("Outcomes")
struct OutcomeTests {
    static let lead = #"""
        {"fields": {"email": "m.weber@kaufhaus-nord.de", "last_name": "Weber", "company": "Kaufhaus Nord", "job_title": "Head of Analytics",
                    "country": "Germany", "consent_email": true, "utm_source": "linkedin"},
         "activities": [{"kind": "demo_request", "at": "2027-01-15T07:59:00Z"}]}
        """#

    static func outcomes(_ items: String) -> String { #"{"outcomes": ["# + items + "]}" }

    @Test("over HTTP: recorded on the lead once, kept when its lead has not arrived, matched when it does; a bad item refuses the request")
    func api() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let token = try await TokenIssuer(store: store, clock: clock)
            .issue(name: "CRM", accountEmail: "tomas@northwind.example", scopes: [.leadsRead, .leadsWrite], actor: "test").secret
        let app = try await buildApplication(configuration, store: store, clock: clock).application
        try await app.test(.live) { client in
            let created = try await client.execute("/api/v1/leads", .post, bearer: token, body: Self.lead)
            let leadID = try #require((created.json["results"] as? [[String: Any]])?.first?["lead_id"] as? Int)
            let won = Self.outcomes(#"""
                {"reference": "006A1", "stage": "won", "amount": 24000, "currency": "EUR", "closed_at": "2027-02-20T10:00:00Z",
                 "people": ["ana"], "origin": "salesforce", "lead": {"email": "M.Weber@kaufhaus-nord.de"}},
                {"reference": "006A2", "stage": "opportunity", "lead": {"email": "later@example.com"}}
                """#)
            let first = try await client.execute("/api/v1/outcomes", .post, bearer: token, body: won)
            #expect(first.status == .ok)
            let results = try #require(first.json["results"] as? [[String: Any]])
            #expect(results.map { $0["result"] as? String } == ["recorded", "unmatched"])
            #expect(results[0]["lead_id"] as? Int == leadID)
            #expect((results[1]["reason"] as? String)?.contains("later@example.com") == true)

            let again = try await client.execute("/api/v1/outcomes", .post, bearer: token, body: won)
            #expect((again.json["results"] as? [[String: Any]])?.map { $0["result"] as? String } == ["unchanged", "unmatched"])
            let lead = try #require(try await store.lead(id: Int64(leadID)))
            #expect(lead.outcomes?.map(\.stage) == [.won] && lead.outcomes?.first?.amount == 24000)
            let events = try await store.leadEvents(id: Int64(leadID)).map(\.type)
            #expect(events.filter { $0 == "lead.deal_won" }.count == 1)

            let later = Self.lead.replacingOccurrences(of: "m.weber@kaufhaus-nord.de", with: "later@example.com")
            let second = try await client.execute("/api/v1/leads", .post, bearer: token, body: later)
            let laterID = try #require((second.json["results"] as? [[String: Any]])?.first?["lead_id"] as? Int)
            #expect(try await store.lead(id: Int64(laterID))?.outcomes?.map(\.reference) == ["006A2"])
            #expect(try await store.countPendingOutcomes() == 0)

            let bad = try await client.execute("/api/v1/outcomes", .post, bearer: token, body: Self.outcomes(#"""
                {"reference": "x", "stage": "maybe", "lead": {}}, {"reference": "y", "stage": "won", "closed_at": "soon", "lead": {"id": 1}}
                """#))
            #expect(bad.status == .badRequest)
            let details = (bad.json["error"] as? [String: Any])?["details"] as? [String] ?? []
            #expect(details.contains("outcomes[0].stage: expected opportunity, won or lost"))
            #expect(details.contains { $0.hasPrefix("outcomes[0].lead:") } && details.contains { $0.hasPrefix("outcomes[1].closed_at:") })
        }
    }

    @Test("from CSV: a generated marketing funnel's conversion by source, deals per person and days to won come out as counted")
    func csvFunnel() async throws {
        let configuration = testConfiguration()
        let folder = temporaryDirectory()
        var generator = SeededGenerator(seed: 42)
        let origins = ["organic_search", "paid_search", "social", ""]
        var mqls = ["mql_id,first_contact_date,landing_page_id,origin"]
        var deals = ["mql_id,seller_id,sr_id,won_date,business_segment"]
        var leads: [String: Int] = [:], wins: [String: Int] = [:], people: [String: Int] = [:]
        for index in 1...120 {
            let origin = origins[Int.random(in: 0..<origins.count, using: &generator)]
            mqls.append("mql\(index),2018-0\(index % 9 + 1)-10,page\(index % 5),\(origin)")
            leads[origin.isEmpty ? "(none)" : origin, default: 0] += 1
            guard index.isMultiple(of: 4) else { continue }
            let person = "sr\(index % 3)"
            deals.append("mql\(index),seller\(index),\(person),2018-0\(index % 9 + 1)-20 12:00:00,pet")
            wins[origin.isEmpty ? "(none)" : origin, default: 0] += 1
            people[person, default: 0] += 1
        }
        deals.append("mql999,seller999,sr1,2018-05-01 00:00:00,pet")  // no such MQL: kept for later
        deals.append("mql7,seller7,sr1,someday,pet")  // refused: not a time
        try mqls.joined(separator: "\n").write(toFile: folder + "/mqls.csv", atomically: true, encoding: .utf8)
        try deals.joined(separator: "\n").write(toFile: folder + "/deals.csv", atomically: true, encoding: .utf8)

        let importer = LeadCSVImporter(configuration: configuration)
        let imported = try await importer.run(
            file: folder + "/mqls.csv", mapping: ["mql_id=source_id", "first_contact_date=submitted_at", "origin=utm_source", "landing_page_id=-"],
            actor: "test", clock: ManualClock())
        #expect(imported.created == 120)
        let report = try await importer.importOutcomes(
            file: folder + "/deals.csv", mapping: ["mql_id=lead_source_id", "seller_id=reference", "sr_id=people", "won_date=closed_at"],
            stage: .won, actor: "test", clock: ManualClock())
        #expect(report.recorded == 30 && report.rejected.map(\.line) == [33] && report.unmatched.map(\.line) == [32])
        #expect(report.summary(file: "deals.csv").contains("line 32, seller999: no lead has csv_import record mql999"))

        let store = try await configuration.database.open()
        let period = try ReportPeriod(from: nil, to: nil, now: Date(timeIntervalSince1970: 1_900_000_000))
        let leadReport = try await LeadReports(store: store).report(period, segments: [.source], now: Date(timeIntervalSince1970: 1_900_000_000))
        let rows = leadReport.conversions[0].rows
        #expect(Dictionary(uniqueKeysWithValues: rows.map { ($0.value, $0.leads) }) == leads)
        #expect(Dictionary(uniqueKeysWithValues: rows.filter { $0.won > 0 }.map { ($0.value, $0.won) }) == wins)
        #expect(Dictionary(uniqueKeysWithValues: leadReport.deals.dealsByPerson.map { ($0.label, $0.count) }) == people)
        // Every deal is won ten days and twelve hours after its first contact.
        #expect(abs((leadReport.deals.daysToWon.median ?? 0) - 10.5) < 0.000_001 && leadReport.deals.daysToWon.count == 30)
        let csv = LeadReports.csv(leadReport)
        #expect(csv.contains("won deals by person,sr0,\(people["sr0"]!),"))

        let again = try await importer.importOutcomes(
            file: folder + "/deals.csv", mapping: ["mql_id=lead_source_id", "seller_id=reference", "sr_id=people", "won_date=closed_at"],
            stage: .won, actor: "test", clock: ManualClock())
        #expect(again.recorded == 0 && again.unchanged == 30, "importing the same file again changes nothing")
    }
}
