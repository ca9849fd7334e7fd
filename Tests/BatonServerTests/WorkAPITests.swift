import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Marketing work over real HTTP: intake, gates, returns, reviews, stale forms, object-level access and timers.
@Suite("Work API")
struct WorkAPITests {
    struct Setup {
        let application: any ApplicationProtocol
        let store: SQLiteStore
        let clock: ManualClock
        let token: String
        let startup: StartupReport
    }

    /// Everyone of the blog path can sign in.
    static let people = ["maya", "jonas", "ines", "kenji", "lea", "omar", "claire", "dev", "rhea", "tomas", "grace", "ana"]

    func setup() async throws -> Setup {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let admin = AccountAdministration(store: store, clock: clock, bcryptCost: 4)
        for person in Self.people { try await admin.setPassword(email: "\(person)@northwind.example", password: testPassword) }
        let token = try await TokenIssuer(store: store, clock: clock)
            .issue(name: "Intake", accountEmail: "maya@northwind.example", scopes: [.workRead, .workWrite], actor: "test").secret
        let built = try await buildApplication(configuration, store: store, clock: clock)
        return Setup(application: built.application, store: store, clock: clock, token: token, startup: built.startup)
    }

    static func json(_ object: [String: Any]) -> String {
        String(data: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), encoding: .utf8)!
    }

    @Test("a brief with mistakes answers 400 with each by path; a good one makes an item with its tasks, owners and plan")
    func intake() async throws {
        let setup = try await setup()
        try await setup.application.test(.router) { client in
            var fields = blogBrief(now: setup.clock.now())
            fields["audience"] = "students"
            fields["campaign_id"] = nil
            let bad = try await client.execute("/api/v1/work", .post, bearer: setup.token, body: Self.json(["type": "blog", "fields": fields, "name": "my post"]))
            #expect(bad.status == .badRequest)
            let details = (bad.json["error"] as? [String: Any])?["details"] as? [String] ?? []
            #expect(details.contains("fields.campaign_id: is required"))
            #expect(details.contains { $0.hasPrefix("fields.audience: 'students' is not allowed; expected one of: data-leader") })
            #expect(details.contains { $0.hasPrefix("name: 'my post' does not follow the naming convention") })
            let unknown = try await client.execute("/api/v1/work", .post, bearer: setup.token, body: Self.json(["type": "podcast", "fields": [:]]))
            #expect(unknown.status == .badRequest)
            let created = try await client.execute("/api/v1/work", .post, bearer: setup.token, body: Self.json(["type": "blog", "fields": blogBrief(now: setup.clock.now())]))
            #expect(created.status == .created)
            let item = created.json
            #expect(item["status"] as? String == "requested")
            #expect(item["name"] as? String == "NW-27Q1-LAKEHOUSE_organic-search_blog_v1_2027-02-14")
            let tasks = item["tasks"] as? [[String: Any]] ?? []
            #expect(tasks.map { $0["step"] as? String } == ["copy", "design", "web-build"])
            #expect(tasks.allSatisfy { $0["owner"] as? String != nil && ($0["assigned_because"] as? String)?.contains("round-robin") == true })
            #expect((item["plan"] as? [String: Any])?["feasible"] as? Bool == true)
            #expect(((item["summary"] as? [String: Any])?["waiting"] as? [[String: Any]])?.first?["kind"] as? String == "accept")
            let list = try await client.execute("/api/v1/work?status=open&type=blog", bearer: setup.token).json
            #expect(list["total"] as? Int == 1)
            #expect(try await client.execute("/api/v1/work?colour=red", bearer: setup.token).status == .badRequest)
        }
    }

    @Test("the path over HTTP: gates answer 422 with each failed check, a return needs a failure mode, a stale form is 409, nothing is half-written")
    func path() async throws {
        let setup = try await setup()
        let item = try await seedWorkItem(setup.store, clock: setup.clock)
        let writer = item.tasks[0].owner!, designer = item.tasks[1].owner!
        try await setup.application.test(.router) { client in
            let sessions = try await signIn(client, [writer, designer, "grace", "ana"])
            let base = "/api/v1/work/\(item.id)"
            let accept = try await client.execute("\(base)/accept", .post, as: sessions[writer], body: #"{"step": "copy"}"#)
            #expect(accept.status == .ok)
            let revision = accept.json["revision"] as? Int ?? 0
            let again = try await client.execute("\(base)/accept", .post, as: sessions[writer], body: #"{"step": "copy"}"#)
            #expect(again.status == .conflict)
            let blocked = try await client.execute("\(base)/submit", .post, as: sessions[writer], body: #"{"step": "copy"}"#)
            #expect(blocked.status == .unprocessableContent)
            let error = blocked.json["error"] as? [String: Any]
            #expect(error?["code"] as? String == "gate_failed")
            #expect((error?["details"] as? [String])?.contains("At least 3 internal links: internal_links has 0 of at least 3") == true)
            let stale = try await client.execute("\(base)/fields", .post, as: sessions[writer], body: #"{"fields": {"schema_identified": "yes"}, "revision": \#(revision - 1)}"#)
            #expect(stale.status == .conflict)
            #expect((stale.json["error"] as? [String: Any])?["code"] as? String == "stale")
            let badLink = try await client.execute("\(base)/fields", .post, as: sessions[writer], body: #"{"fields": {"draft_link": "javascript:alert(1)"}}"#)
            #expect(badLink.status == .badRequest)
            let fields = Self.json(["fields": [
                "internal_links": "https://a.example/1\nhttps://a.example/2\nhttps://a.example/3", "meta_description": String(repeating: "x", count: 130),
                "schema_identified": "yes", "draft_link": "https://docs.google.com/d/1",
            ]])
            #expect(try await client.execute("\(base)/fields", .post, as: sessions[writer], body: fields).status == .ok)
            #expect(try await client.execute("\(base)/submit", .post, as: sessions[writer], body: #"{"step": "copy"}"#).status == .ok)
            // The designer returns it: a failure mode is required, and must be one of the handoff's.
            let noMode = try await client.execute("\(base)/return", .post, as: sessions[designer], body: #"{"step": "design", "reasons": [], "note": "?"}"#)
            #expect(noMode.status == .badRequest)
            let returned = try await client.execute(
                "\(base)/return", .post, as: sessions[designer], body: #"{"step": "design", "reasons": ["missing visual brief"], "note": "No stats"}"#)
            #expect(returned.status == .ok)
            #expect((returned.json["tasks"] as? [[String: Any]])?.first?["status"] as? String == "active")
            // Others: a viewer reads but cannot act; a sales rep sees no marketing work.
            #expect(try await client.execute(base, as: sessions["grace"]).status == .ok)
            #expect(try await client.execute("\(base)/comment", .post, as: sessions["grace"], body: #"{"text": "hi"}"#).status == .forbidden)
            #expect(try await client.execute(base, as: sessions["ana"]).status == .forbidden)
            #expect(try await client.execute("/work/\(item.id)", as: sessions["ana"]).status == .forbidden)
            let history = try await client.execute("\(base)/events", as: sessions[writer]).json["events"] as? [[String: Any]] ?? []
            #expect(history.compactMap { $0["type"] as? String }.contains("work.gate_failed"))
        }
    }

    @Test("role × route × ownership for work: only the task's owner, their manager, ops and admins act on a task; the requester edits the brief")
    func ownership() async throws {
        let setup = try await setup()
        let item = try await seedWorkItem(setup.store, clock: setup.clock)
        let writer = item.tasks[0].owner!
        let other = writer == "maya" ? "jonas" : "maya"
        try await setup.application.test(.router) { client in
            let sessions = try await signIn(client, [writer, other, "ines", "tomas", "rhea", "kenji", "claire"])
            for (person, allowed) in [(other, false), ("kenji", false), ("claire", false), ("ines", true), ("tomas", true), ("rhea", true), (writer, true)] {
                let response = try await client.execute("/api/v1/work/\(item.id)/accept", .post, as: sessions[person], body: #"{"step": "copy", "revision": 0}"#)
                // Allowed callers reach the item's state check (409: the revision is stale); others are refused first.
                #expect(response.status == (allowed ? .conflict : .forbidden), "\(person): \(response.status)")
                let form = try await client.execute(
                    uri: "/work/\(item.id)/accept", method: .post,
                    headers: [.cookie: "baton_session=\(sessions[person]!.cookie)", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "_csrf=\(sessions[person]!.csrf)&step=copy&revision=0"))
                // The form is sent back to the item page with the reason: the stale revision for those allowed, the
                // refusal for everyone else.
                let location = try #require(form.headers[.location], "\(person) form: \(form.status)")
                let page = try await client.execute(location, as: sessions[person]).text
                let expected = allowed ? "Someone changed this item since you opened it" : "Only the task&#39;s owner, their manager, ops or an admin can do this."
                #expect(page.contains(expected), "\(person) form: expected '\(expected)'")
            }
            let brief = try await client.execute("/api/v1/work/\(item.id)/brief", .post, as: sessions[other], body: #"{"fields": {}, "submit": true}"#)
            #expect(brief.status == .forbidden, "only the requester (Maya), ops and admins change the brief")
        }
    }

    @Test("on a moved clock a completion SLA breach escalates to the manager, in the inbox")
    func completionBreach() async throws {
        let setup = try await setup()
        let item = try await seedWorkItem(setup.store, clock: setup.clock)
        let writer = item.tasks[0].owner!
        let manager = try #require(PolicyLoaderFixture.policy.person(writer)?.manager)
        try await setup.application.test(.router) { client in
            let sessions = try await signIn(client, [writer, manager])
            #expect(try await client.execute("/api/v1/work/\(item.id)/accept", .post, as: sessions[writer], body: #"{"step": "copy"}"#).status == .ok)
            // H1's completion SLA is 3 business days; escalation notifies the manager 4 business hours after it.
            setup.clock.advance(by: 7 * 86400)
            // The running timer loop may take some of them first; either way each fires once. Wait until none is due.
            for _ in 0..<100 {
                try await setup.startup.timers.fireDue()
                guard let next = try await setup.store.nextTimerDue(), next <= setup.clock.now() else { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await setup.store.pendingWorkTimers(itemID: item.id).allSatisfy { $0.due > setup.clock.now() }, "every due timer fired")
            _ = try await setup.startup.notifications.deliverDue()
            let events = try await setup.store.workEvents(id: item.id).map(\.type)
            #expect(events.contains("work.sla_breached") && events.contains("work.escalated"), "\(events)")
            let fresh = try await signIn(client, [manager])  // the week-old session has expired
            let inbox = try await client.execute("/inbox", as: fresh[manager]).text
            #expect(inbox.contains("Escalated: Write the draft of NW-27Q1-LAKEHOUSE_organic-search_blog_v1"))
            #expect(inbox.contains("SLA breached"))
        }
    }

    @Test("people acting on the same item at once: one wins, the others get 409, and nothing is half-written")
    func concurrent() async throws {
        let setup = try await setup()
        let item = try await seedWorkItem(setup.store, clock: setup.clock)
        let writer = item.tasks[0].owner!
        try await setup.application.test(.live) { client in
            let sessions = try await signIn(client, [writer, "ines", "tomas", "rhea"])
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for round in 0..<12 {
                    let session = sessions[[writer, "ines", "tomas", "rhea"][round % 4]]
                    group.addTask { try await client.execute("/api/v1/work/\(item.id)/accept", .post, as: session, body: #"{"step": "copy"}"#).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 11, "\(statuses)")
            let events = try await setup.store.workEvents(id: item.id).map(\.type)
            #expect(events.filter { $0 == "work.brief_accepted" }.count == 1)
            #expect(try await setup.store.pendingWorkTimers(itemID: item.id).allSatisfy { $0.clock == "task:copy:completion" }, "one clock, the completion's")
        }
    }

    func signIn(_ client: some TestClientProtocol, _ people: [String]) async throws -> [String: BrowserSession] {
        var sessions: [String: BrowserSession] = [:]
        for person in people { sessions[person] = try #require(try await client.signIn("\(person)@northwind.example"), "\(person) signs in") }
        return sessions
    }
}

/// The example policy, read once for tests that need its people.
enum PolicyLoaderFixture {
    static let policy = try! BatonPolicy.PolicyLoader.load(contentsOf: examplePolicyPath).policy
}
