import BatonCore
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The work pages over HTTP: the brief form's errors beside their fields, the item page, My work and the board.
@Suite("Work pages")
struct WorkPageTests {
    func form(_ fields: [String: String], lists: [String: [String]] = [:], csrf: String) -> String {
        var pairs = ["_csrf=\(csrf)"] + fields.map { "\($0.key)=\($0.value.formEncoded)" }
        for (name, values) in lists { pairs += values.map { "\(name)%5B%5D=\($0.formEncoded)" } }
        return pairs.joined(separator: "&")
    }

    @Test("a brief with mistakes comes back with each error beside its field and what was typed kept; a good one becomes an item")
    func briefForm() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.router) { client in
            let maya = try #require(try await client.signIn("maya@northwind.example"))
            var fields = blogBrief(now: clock.now())
            let channels = BriefValidator.items(fields.removeValue(forKey: "channels")!)
            fields["campaign_id"] = "lakehouse"
            let headers: HTTPFields = [.cookie: "baton_session=\(maya.cookie)", .contentType: "application/x-www-form-urlencoded"]
            let bad = try await client.execute(
                uri: "/briefs/blog", method: .post, headers: headers, body: ByteBuffer(string: form(fields, lists: ["channels": channels], csrf: maya.csrf) + "&submit=submit"))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains(#"<p class="field-error" id="e-campaign_id">Campaign ID: &#39;lakehouse&#39; does not follow the Campaign ID pattern"#))
            #expect(bad.text.contains(#"value="Lakehouse reporting without the copies""#), "what was typed is kept")
            #expect(!bad.text.contains(#"id="e-name""#) && !bad.text.contains(#"id="e-rush""#), "no error where there is none")
            #expect(bad.text.contains("<option selected>organic-search</option>"), "multi-choices are kept")
            fields["campaign_id"] = "NW-27Q1-LAKEHOUSE"
            let good = try await client.execute(
                uri: "/briefs/blog", method: .post, headers: headers, body: ByteBuffer(string: form(fields, lists: ["channels": channels], csrf: maya.csrf) + "&submit=submit"))
            #expect(good.status == .found)
            let location = try #require(good.headers[.location])
            #expect(location.hasPrefix("/work/1?done="))
            let page = try await client.execute(location, as: maya).text
            #expect(page.contains("Brief submitted as NW-27Q1-LAKEHOUSE_organic-search_blog_v1_2027-02-14."))
            #expect(page.contains("Write the draft") && page.contains("Design the visuals") && page.contains("Build the post in the CMS"))
            #expect(page.contains("Why "), "each owner with why")
            #expect(page.contains("SLA Timeline") && page.contains("Master checklist"))
            let draft = try await client.execute(
                uri: "/briefs/blog", method: .post, headers: headers, body: ByteBuffer(string: form(["title": "Half a brief"], csrf: maya.csrf) + "&submit=draft"))
            #expect(draft.status == .found)
            #expect(try await store.workItem(id: 2)?.status == .draft)
        }
    }

    @Test("a returned brief is fixed on its form: mistakes beside their fields, then sent back to the first step")
    func returnedBrief() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let item = try await seedWorkItem(store, clock: clock)
        let workflow = WorkWorkflow(policy: PolicyLoaderFixture.policy, policyVersion: nil)
        let writer = item.tasks[0].owner!
        _ = try await store.changeWorkItem(id: item.id, at: clock.now()) { item, _ in
            (try workflow.returnWork(&item, step: "copy", failureModes: ["missing context"], note: "Which pillar page?", by: writer, at: clock.now()), workflow.summary(item))
        }
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.router) { client in
            let maya = try #require(try await client.signIn("maya@northwind.example"))
            let page = try await client.execute("/work/1/brief", as: maya).text
            #expect(page.contains("The brief came back:") && page.contains("Which pillar page?"))
            var fields = blogBrief(now: clock.now())
            let channels = BriefValidator.items(fields.removeValue(forKey: "channels")!)
            fields["campaign_id"] = "pillar"
            let headers: HTTPFields = [.cookie: "baton_session=\(maya.cookie)", .contentType: "application/x-www-form-urlencoded"]
            let bad = try await client.execute(
                uri: "/work/1/brief", method: .post, headers: headers, body: ByteBuffer(string: form(fields, lists: ["channels": channels], csrf: maya.csrf) + "&submit=submit"))
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains(#"id="e-campaign_id""#))
            fields["campaign_id"] = "NW-27Q1-LAKEHOUSE"
            fields["message"] = "Link to the lakehouse pillar page."
            let good = try await client.execute(
                uri: "/work/1/brief", method: .post, headers: headers, body: ByteBuffer(string: form(fields, lists: ["channels": channels], csrf: maya.csrf) + "&submit=submit"))
            #expect(good.status == .found)
            let fixed = try #require(try await store.workItem(id: 1))
            #expect(fixed.status == .requested && fixed.tasks[0].status == .offered && fixed.fields["message"] == "Link to the lakehouse pillar page.")
        }
    }

    @Test("My work lists what waits on me, the board shows items by stage, the list pages and filters")
    func lists() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let admin = AccountAdministration(store: store, clock: clock, bcryptCost: 4)
        for person in ["jonas", "kenji"] { try await admin.setPassword(email: "\(person)@northwind.example", password: testPassword) }
        let item = try await seedWorkItem(store, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await built.application.test(.router) { client in
            let writer = try #require(try await client.signIn("\(item.tasks[0].owner!)@northwind.example"))
            let mine = try await client.execute("/work", as: writer).text
            #expect(mine.contains(#"data-item="1" data-kind="accept""#))
            #expect(mine.contains("Accept Write the draft"))
            let board = try await client.execute("/work/board", as: writer).text
            #expect(board.contains(#"data-item="1""#) && board.contains(#"id="col-requested""#))
            let byCampaign = try await client.execute("/work/board?campaign=lakehouse", as: writer).text
            #expect(byCampaign.contains(#"data-item="1""#), "a campaign filter finds part of the ID, in any case")
            let none = try await client.execute("/work/board?type=webinar", as: writer).text
            #expect(!none.contains(#"data-item="1""#))
            let list = try await client.execute("/work/items?q=lakehouse&sort=name", as: writer).text
            #expect(list.contains("Items 1–1 of 1"))
            #expect(try await client.execute("/work/items?sort=colour", as: writer).status == .badRequest)
        }
    }
}
