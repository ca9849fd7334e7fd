import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Lead pages")
struct LeadPageTests {
    func setup() async throws -> (application: some ApplicationProtocol, store: SQLiteStore, clock: ManualClock) {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        try await seedLead(store, clock: clock)
        try await AccountAdministration(store: store, clock: clock, bcryptCost: 4).setPassword(email: "lukas@northwind.example", password: testPassword)
        return (try await buildApplication(configuration, store: store, clock: clock).application, store, clock)
    }

    func form(_ uri: String, _ body: String, as session: BrowserSession, on client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(
            uri: uri, method: .post,
            headers: [.cookie: "baton_session=\(session.cookie)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "_csrf=\(session.csrf)&" + body))
    }

    @Test("a refused action comes back to the lead's page with the reason; another rep's lead is closed to a rep")
    func refusals() async throws {
        let (application, _, _) = try await setup()
        try await application.test(.router) { client in
            let ana = try #require(try await client.signIn("ana@northwind.example"))
            let refused = try await form("/leads/1/reject", "reason=", as: ana, on: client)
            #expect(refused.status == .found)
            let location = try #require(refused.headers[.location])
            #expect(location.hasPrefix("/leads/1?problem="))
            let page = try await client.execute(location, as: ana)
            #expect(page.text.contains("Choose a rejection reason."))
            let wrongReason = try await form("/leads/1/disposition", "disposition=won_big", as: ana, on: client)
            let shown = try await client.execute(try #require(wrongReason.headers[.location]), as: ana)
            #expect(shown.text.contains("&#39;won_big&#39; is not a disposition") || shown.text.contains("'won_big' is not a disposition"))

            let lukas = try #require(try await client.signIn("lukas@northwind.example"))
            #expect(try await client.execute("/leads/1", as: lukas).status == .forbidden)
            #expect(try await client.execute("/leads", as: lukas).text.contains("No leads match."))
        }
    }

    @Test("a manager sees the team's load and overdue leads, and records an absence that routing then honours")
    func teamAndAbsence() async throws {
        let (application, store, clock) = try await setup()
        try await application.test(.router) { client in
            let sam = try #require(try await client.signIn("sam@northwind.example"))
            clock.advance(by: 3600)  // the hand-raiser's 5 business minutes are long gone
            let team = try await client.execute("/leads/team", as: sam).text
            #expect(team.contains("<a href=\"/leads?owner=ana\">Ana Souza</a></th><td>1 / 60</td><td>1</td><td class=\"overdue\">1</td>"))
            #expect(team.contains("<a href=\"/leads/1\">Maren Weber</a>"))
            let recorded = try await form("/leads/team/absences", "person=lukas&starts=2027-01-15&ends=2027-01-22&note=Holiday", as: sam, on: client)
            #expect(recorded.headers[.location]?.hasPrefix("/leads/team?done=") == true)
            let absences = try await store.absences(endingAfter: clock.now())
            #expect(absences.map(\.person) == ["lukas"])
            // From the start of the first day to the end of the last, in Lukas's time zone (Berlin).
            #expect(absences.first?.starts == (try Date("2027-01-14T23:00:00Z", strategy: .iso8601)))
            #expect(absences.first?.ends == (try Date("2027-01-22T23:00:00Z", strategy: .iso8601)))
            let backwards = try await form("/leads/team/absences", "person=lukas&starts=2027-01-22&ends=2027-01-15", as: sam, on: client)
            #expect(backwards.headers[.location]?.contains("problem=") == true)
        }
    }

    @Test("a rep's home page is their work: untouched leads, soonest deadline first, and what is overdue")
    func repHome() async throws {
        let (application, _, clock) = try await setup()
        try await application.test(.router) { client in
            let ana = try #require(try await client.signIn("ana@northwind.example"))
            clock.advance(by: 600)
            let home = try await client.execute("/", as: ana).text
            #expect(home.contains("<h1>Your work</h1>") && home.contains("<a href=\"/leads/1\">Maren Weber</a>"))
            #expect(home.contains("<span class=\"figure\">1</span> past their response deadline"))
            #expect(!home.contains("asset types"), "no policy counts for a rep")
            let grace = try #require(try await client.signIn("grace@northwind.example"))
            #expect(try await client.execute("/", as: grace).text.contains("asset types"), "others keep the policy overview")
        }
    }

    @Test("the team page lists overdue leads soonest deadline first")
    func teamOverdueOrder() async throws {
        let (application, store, clock) = try await setup()
        try await admitMany(8, into: store, clock: clock)
        // Past the hand-raisers' 5-minute deadlines, before any escalation would move them (an hour later).
        clock.advance(by: 600)
        let expected = try await store.leads(LeadQuery(statuses: [.assigned, .working, .accepted], limit: 100))
            .filter { ($0.nextDeadline ?? .distantFuture) < clock.now() }.map { String($0.id) }
        try await application.test(.router) { client in
            let sam = try #require(try await client.signIn("sam@northwind.example"))
            let page = try await client.execute("/leads/team", as: sam).text
            let listed = page.matches(of: /<tr class="overdue"><th scope="row"><a href="\/leads\/([0-9]+)">/).map { String($0.1) }
            #expect(expected.count > 2 && Set(listed) == Set(expected), "\(listed) vs \(expected)")
            var deadlines: [Date] = []
            for id in listed { deadlines.append(try #require(try await store.lead(id: Int64(id)!)?.nextDeadline)) }
            #expect(deadlines == deadlines.sorted(), "soonest first")
        }
    }

    @Test("ops fix a lead in remediation from its page and it is routed")
    func remediationFix() async throws {
        let (application, store, clock) = try await setup()
        let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
        let broken = LeadSubmission(source: "api", fields: [
            "email": "k.ott@@ott-handel.de", "last_name": "Ott", "company": "Ott Handel", "job_title": "Head of Sales", "country": "DE",
            "industry": "Retail", "company_size": "300", "consent_email": "yes",
        ], activities: [LeadActivity(kind: "demo_request", at: clock.now())])
        let workflow = LeadWorkflow(pipeline: LeadPipeline(policy: policy), policyVersion: nil)
        let lead = try await store.admitLeads([LeadIntake(submission: broken, idempotencyKey: nil, actor: "test")], at: clock.now(), workflow: workflow)[0].lead
        #expect(lead.status == LeadStatus.remediation)
        try await application.test(.router) { client in
            let tomas = try #require(try await client.signIn("tomas@northwind.example"))
            let queue = try await client.execute("/leads/queues", as: tomas).text
            #expect(queue.contains("<a href=\"/leads/\(lead.id)\">Ott</a>") && queue.contains("email:"))
            let page = try await client.execute("/leads/\(lead.id)", as: tomas).text
            #expect(page.contains("action=\"/leads/\(lead.id)/resubmit\""))
            let form = try #require(page.firstRange(of: "class=\"card fix\"").map { page[$0.lowerBound...] })
            let firstField = form.firstMatch(of: /<label for="field-([a-z_]+)"/)?.1
            #expect(firstField == "email", "the failing field comes first, found \(firstField ?? "none")")
            #expect(form.contains(#"<select id="field-country" name="country""#) && form.contains(#"<option value="DE" selected>Germany</option>"#))
            #expect(form.contains(#"<input type="checkbox" id="field-consent_email" name="consent_email" value="true" checked"#))
            let unchanged = try await self.form("/leads/\(lead.id)/resubmit", "email=k.ott%40%40ott-handel.de&last_name=Ott", as: tomas, on: client)
            #expect(unchanged.headers[.location]?.contains("problem=nothing%20was%20corrected") == true, "\(unchanged.headers[.location] ?? "")")
            let fixed = try await self.form("/leads/\(lead.id)/resubmit", "email=k.ott%40ott-handel.de&last_name=Ott", as: tomas, on: client)
            #expect(fixed.headers[.location] == "/leads/\(lead.id)?done=resubmit")
            #expect(try await store.lead(id: lead.id)?.status == .assigned)
        }
    }
}

@Suite("Times on pages and in the inbox")
struct TimeDisplayTests {
    @Test("times are shown in the reader's zone with its name; a rejected lead has no countdown; the inbox marks read only what it shows")
    func zonesAndCountdowns() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let lead = try await seedLead(store, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        let items = (0..<205).map { index in
            NewEvent(type: "lead.escalation_reminder", subject: lead.subject, actor: "system", at: clock.now(), payload: ["recipients": "ana", "n": "\(index)"])
        }
        for event in try await store.append(items) { try await store.deliverToInbox(event, recipients: ["ana"], text: "reminder", at: clock.now()) }
        try await built.application.test(.router) { client in
            let ana = try #require(try await client.signIn("ana@northwind.example"))
            let page = try await client.execute("/leads/\(lead.id)", as: ana).text
            #expect(page.contains(#"<time datetime="2027-01-15T08:05:00.000Z">Fri 15 Jan 2027, 09:05 CET</time>"#), "Ana reads Berlin time, named")
            let jordan = try #require(try await client.signIn("rhea@northwind.example"))
            #expect(try await client.execute("/leads/\(lead.id)", as: jordan).text.contains("CET"), "Rhea's ops team is on the Berlin calendar too")
            _ = try await client.execute("/api/v1/leads/\(lead.id)/reject", .post, as: ana, body: #"{"reason": "not_icp"}"#)
            #expect(!(try await client.execute("/leads/\(lead.id)", as: ana).text.contains("countdown")), "a rejected lead counts nothing down")
            _ = try await client.execute("/inbox", as: ana)
            let inbox = try await store.inbox(for: "ana", limit: 300)
            #expect(inbox.count > 200 && inbox.filter { $0.readAt == nil }.count == inbox.count - 200, "the 200 shown are read; older ones stay unread")
        }
    }
}
