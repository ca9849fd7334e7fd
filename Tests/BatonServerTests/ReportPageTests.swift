import BatonCore
import BatonPolicy
import BatonServer
import BatonTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The report pages over HTTP: the CSV downloads, what a bad query gets, an empty period, who may read them, and
/// query strings from a fuzzer.
@Suite("Report pages")
struct ReportPageTests {
    @Test("the scorecard and lead report CSVs download, formula-safe; an empty period says so; bad queries are 400s naming what they take")
    func downloadsAndErrors() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        try await seedLead(store, clock: clock)
        try await seedWorkItem(store, clock: clock)
        // A campaign name a spreadsheet would run as a formula.
        let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
        let hostile = LeadSubmission(source: "api", fields: ["email": "x@example.org", "last_name": "X", "utm_campaign": "=HYPERLINK(\"http://evil\")"])
        _ = try await store.admitLeads(
            [LeadIntake(submission: hostile, idempotencyKey: nil, actor: "test")], at: clock.now(),
            workflow: LeadWorkflow(pipeline: LeadPipeline(policy: policy), policyVersion: nil))
        let app = try await buildApplication(configuration, store: store, clock: clock).application
        try await app.test(.router) { client in
            let session = try #require(try await client.signIn("rhea@northwind.example"))
            let csv = try await client.execute("/reports/scorecard.csv", as: session)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"scorecard-") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.first == "metric,label,week,part,reason,count,total,value,flag")
            #expect(lines.contains { $0.hasPrefix("lead_to_mql,Lead → MQL,,,,1,2,50.0000,above the range 10–15") })
            let page = try await client.execute("/reports/scorecard", as: session)
            #expect(page.status == .ok && page.text.contains("data-metric=\"lead_acceptance\""))
            #expect(page.text.contains("<td>no data</td><td>—</td>"), "a week without data shows none, not the period's base")
            let leadCSV = try await client.execute("/reports/leads.csv?by=campaign", as: session)
            #expect(leadCSV.status == .ok && leadCSV.text.contains("conversion by campaign,NWA-2611-retail-demo,0,1"))
            #expect(leadCSV.text.contains("conversion by campaign,\"'=HYPERLINK(\"\"http://evil\"\")\",0,1"), "a formula stays text")

            let empty = try await client.execute("/reports/scorecard?from=2020-01-01&to=2020-01-31", as: session)
            #expect(empty.text.contains("Nothing was handed off in this period"))
            let noLeads = try await client.execute("/reports/leads?from=2020-01-01&to=2020-01-31", as: session)
            #expect(noLeads.text.contains("No lead arrived in this period"))

            for (query, detail) in [
                ("from=yesterday", "from &quot;yesterday&quot; is not a date"), ("from=2027-02-01&to=2027-01-01", "The period is empty"),
                ("from=1900-01-01", "at most 520 weeks"), ("team=nobody", "is not in the policy; expected one of content, design"),
                ("handoff=H9", "is not in the policy; expected one of H1, H2"), ("team=sales&team=web", "give it once"),
            ] {
                let response = try await client.execute("/reports/scorecard?\(query)", as: session)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.text.contains(detail), "\(query): \(response.text.prefix(300))")
            }
            let unknownMetric = try await client.execute("/reports/scorecard/items?metric=revenue", as: session)
            #expect(unknownMetric.status == .badRequest && unknownMetric.text.contains("metric: expected one of brief_compliance"))
            let capacity = try await client.execute("/reports/capacity?weeks=4&volume=2", as: session)
            #expect(capacity.status == .ok && capacity.text.contains("data-tier=\"hand-raiser\""))
            for query in ["weeks=99", "volume=abc", "volume=0", "handling=-1", "seed=-4"] {
                #expect(try await client.execute("/reports/capacity?\(query)", as: session).status == .badRequest, "\(query)")
            }
            let unknownSplit = try await client.execute("/reports/leads?by=planet", as: session)
            #expect(unknownSplit.status == .badRequest && unknownSplit.text.contains("by: expected one of source"))
        }
    }

    @Test("admins, ops and viewers read the reports; everyone else is refused")
    func access() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let app = try await buildApplication(configuration, store: store, clock: clock).application
        try await app.test(.router) { client in
            for (role, email) in exampleLogins {
                let session = try #require(try await client.signIn(email))
                for path in ["/reports/scorecard", "/reports/scorecard.csv", "/reports/scorecard/items?metric=bypasses", "/reports/leads", "/reports/leads.csv"] {
                    let status = try await client.execute(path, as: session).status
                    #expect(status == ([.admin, .ops, .viewer].contains(role) ? .ok : .forbidden), "\(role) \(path): \(status)")
                }
            }
            #expect(try await client.execute("/reports/scorecard", as: nil).status == .seeOther, "signed out: to the login page")
        }
    }

    @Test("query strings from a fuzzer never make a report page fail")
    func fuzzQueries() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        try await seedLead(store, clock: clock)
        try await seedWorkItem(store, clock: clock)
        let app = try await buildApplication(configuration, store: store, clock: clock).application
        try await app.test(.router) { client in
            let session = try #require(try await client.signIn("rhea@northwind.example"))
            var generator = SeededGenerator(seed: 0x5C0E)
            let names = ["from", "to", "team", "handoff", "channel", "source", "metric", "week", "part", "reason", "page", "by", "weeks", "volume", "handling", "seed", "x"]
            let values = ["", "2027-01-11", "2026-13-45", "0001-01-01", "9999-12-31", "content", "H6", "lead_acceptance", "cycle_time", "%00", "%E0%A4",
                          "-1", "99999999999999999999", "<script>", "'", "%22", String(repeating: "a", count: 500), "Write", "unclear%20priority"]
            for _ in 0..<300 {
                let query = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                    "\(names.randomElement(using: &generator)!)=\(values.randomElement(using: &generator)!)"
                }.joined(separator: "&")
                for path in ["/reports/scorecard", "/reports/scorecard.csv", "/reports/scorecard/items", "/reports/leads", "/reports/leads.csv", "/reports/capacity"] {
                    let response = try await client.execute("\(path)?\(query)", as: session)
                    #expect(response.status.code < 500, "GET \(path)?\(query) answered \(response.status)")
                    #expect(!response.text.contains("<script>"), "GET \(path)?\(query) echoed markup")
                }
            }
        }
    }
}
