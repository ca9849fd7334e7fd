import BatonCore
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import HummingbirdTesting
import Synchronization
import Testing

/// The review pack over HTTP and on its schedule: posted once per pack time to each Slack channel and the inboxes,
/// however many instances run; its page and CSV.
@Suite("Review pack: page and schedule")
struct ReviewPackServerTests {
    @Test("at the pack time one of two instances posts it, once per channel to Slack and once to each reader's inbox; a day late it is not posted")
    func postedOnSchedule() async throws {
        let receiver = NotificationTests.Receiver(failures: 0)
        try await receiver.application().test(.live) { hook in
            // 15 January 2027, a Friday; the example policy's packs fall on Mondays every two weeks from 2 November 2026.
            let clock = ManualClock()
            var configuration = testConfiguration()
            let url = "http://127.0.0.1:\(try #require(hook.port))/services/T000/B000/XXXX"
            configuration.slackWebhooks = ["#revenue-team": url, "#marketing-team": url + "?two"]
            let store = try await prepareAccounts(configuration, clock: clock)
            try await seedLead(store, clock: clock)
            let first = try await buildApplication(configuration, store: store, clock: clock).startup
            let second = try await buildApplication(configuration, store: store, clock: clock).startup
            #expect(try await first.reviewPacks.postDue() == false, "the last pack time, Monday 11 January, is more than a day ago")

            // Monday 25 January, 09:05 in Berlin.
            clock.advance(by: Timestamp.date("2027-01-25T08:05:00.000Z")!.timeIntervalSince(clock.now()))
            async let a = first.reviewPacks.postDue()
            async let b = second.reviewPacks.postDue()
            #expect([try await a, try await b].filter { $0 }.count == 1, "exactly one instance posts")
            #expect(try await first.reviewPacks.postDue() == false, "and only once")
            try await first.notifications.deliverDue()
            let posts = receiver.state.withLock { $0.accepted }
            #expect(posts.count == 2, "one post per channel: \(posts.count)")
            let post = try #require(posts.first)
            let body = try #require(try JSONSerialization.jsonObject(with: Data(post.utf8)) as? [String: Any])
            let text = try #require(body["text"] as? String)
            #expect(text.hasPrefix("Review pack, 2027-01-11 to 2027-01-24"))
            #expect(text.contains("1. SLA performance") && text.contains("2. Dispositions and rejections") && text.contains("3. Definition changes since the last pack"))
            let blocks = try #require(body["blocks"] as? [[String: Any]])
            let elements = blocks.last?["elements"] as? [[String: Any]]
            let button = try #require(elements?.first?["url"] as? String)
            #expect(button.hasSuffix("/reports/review-pack?ending=2027-01-24"))
            for reader in ["rhea", "tomas", "sam"] {
                #expect(try await store.inbox(for: reader, limit: 10).filter { $0.text.hasPrefix("Review pack") }.count == 1, "\(reader)'s inbox has it once")
            }
            #expect(try await store.inbox(for: "ana", limit: 10).allSatisfy { !$0.text.hasPrefix("Review pack") }, "not a rep's")
        }
    }

    @Test("the page shows the three sections, links the packs before and after, and downloads as CSV; a bad day is a 400")
    func page() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        try await seedLead(store, clock: clock)
        let app = try await buildApplication(configuration, store: store, clock: clock).application
        try await app.test(.router) { client in
            let session = try #require(try await client.signIn("grace@northwind.example"))
            let page = try await client.execute("/reports/review-pack?ending=2027-01-24", as: session)
            #expect(page.status == .ok)
            for heading in ["1. SLA performance", "2. Dispositions and rejections", "3. Definition changes since the last pack"] {
                #expect(page.text.contains(heading), "\(heading)")
            }
            #expect(page.text.contains("2027-01-11 to 2027-01-24, compared with 2026-12-28 to 2027-01-10"))
            #expect(page.text.contains("This period is not over yet"), "15 January is inside it")
            #expect(try await client.execute("/reports/review-pack?ending=2027-03-01", as: session).status == .badRequest, "a period not begun")
            #expect(page.text.contains("/reports/review-pack?ending=2027-01-10") && page.text.contains("/reports/review-pack?ending=2027-02-07"))
            #expect(page.text.contains("Version 1, 2027-01-15"), "the policy loaded in the period is a definition change")
            let csv = try await client.execute("/reports/review-pack.csv?ending=2027-01-24", as: session)
            #expect(csv.status == .ok && csv.text.hasPrefix("section,label,now,before,change\r\nperiod,\"Review pack, 2027-01-11 to 2027-01-24\""))
            #expect(try await client.execute("/reports/review-pack?ending=24.01.2027", as: session).status == .badRequest)
            let rep = try #require(try await client.signIn("ana@northwind.example"))
            #expect(try await client.execute("/reports/review-pack", as: rep).status == .forbidden)
        }
    }
}
