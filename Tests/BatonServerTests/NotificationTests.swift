import BatonCore
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@Suite("Notifications")
struct NotificationTests {
    /// A Slack-compatible incoming webhook on loopback that answers 500 to its first `failures` requests, then
    /// "ok", and keeps every body it accepted.
    final class Receiver: Sendable {
        let failures: Int
        let state = Mutex<(requests: Int, accepted: [String])>((0, []))

        init(failures: Int) { self.failures = failures }

        func application() -> some ApplicationProtocol {
            let router = Router()
            router.post("/services/T000/B000/XXXX") { request, _ -> Response in
                let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
                let fail = self.state.withLock { state in
                    state.requests += 1
                    if state.requests <= self.failures { return true }
                    state.accepted.append(body)
                    return false
                }
                return fail
                    ? Response(status: .internalServerError, body: .init(byteBuffer: ByteBuffer(string: "internal_error")))
                    : Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok")))
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    @Test("every notification reaches Slack once through a receiver that fails the first attempts; the inbox has them; failures show until then")
    func retriedUntilDelivered() async throws {
        let receiver = Receiver(failures: 3)
        try await receiver.application().test(.live) { hook in
            let clock = ManualClock()
            var configuration = testConfiguration()
            configuration.slackWebhooks = ["#sdr-leads": "http://127.0.0.1:\(try #require(hook.port))/services/T000/B000/XXXX"]
            let store = try await prepareAccounts(configuration, clock: clock)
            let built = try await buildApplication(configuration, store: store, clock: clock)
            let lead = try await seedLead(store, clock: clock)
            try await built.startup.notifications.deliverDue()
            #expect(lead.responseDue == Date(timeIntervalSince1970: 1_800_000_300))
            #expect(try await store.inbox(for: "ana", limit: 10).map(\.text) == ["Hand-raiser for Ana Souza: Maren Weber (Kaufhaus Nord) — first touch due Fri 15 Jan 2027, 09:05 CET."],
                    "on Ana's Berlin clock, named")
            let failing = try await store.failingDeliveries(limit: 10)
            #expect(failing.count == 1 && failing[0].lastError == "HTTP 500 internal_error", "the failure is visible to admins")

            // Move the clock through the SLA: at risk, breach, escalations — each a notification.
            clock.advance(by: 7200)
            try await built.startup.timers.fireDue()
            for _ in 0..<12 {
                clock.advance(by: 60)
                try await built.startup.notifications.deliverDue()
            }
            let announced = try await store.leadEvents(id: lead.id).filter { ["lead.assigned", "lead.sla_at_risk", "lead.sla_breached", "lead.escalation_reminder", "lead.escalated", "lead.reassigned"].contains($0.type) }
            let accepted = receiver.state.withLock { $0.accepted }
            #expect(accepted.count == announced.count, "one Slack message per notification: \(accepted.count) for \(announced.count)")
            #expect(Set(accepted).count == accepted.count, "none twice")
            #expect(receiver.state.withLock { $0.requests } == announced.count + 3)
            #expect(try await store.failingDeliveries(limit: 10).isEmpty)
            #expect(try await store.dueDeliveries(topic: "notifications", at: clock.now(), limit: 10).isEmpty)
            let bodies = try accepted.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            let assigned = try #require(bodies.first { ($0["text"] as? String)?.hasPrefix("Hand-raiser for Ana Souza") == true })
            #expect((assigned["blocks"] as? [Any])?.count == 2, "the text and a button to the lead")
            let notified = try await store.leadEvents(id: lead.id).filter { $0.type == "lead.owner_notified" }
            #expect(notified.count >= 2, "the first owner and the one the escalation reassigned to")
            #expect(notified.first?.payload.contains("\"channel\":\"inbox,slack\"") == true)
        }
    }

    /// Given a Slack that answers only after the post's timeout, when eight notifications are due, then every
    /// inbox is written before Slack hears of the first, and each post that went out unanswered is recorded as
    /// unconfirmed and not sent again.
    @Test("a slow Slack holds up no inbox, and a post that timed out is not sent twice")
    func slowSlack() async throws {
        let clock = ManualClock()
        let store = Mutex<SQLiteStore?>(nil)
        let seen = Mutex<(requests: Int, inboxAtFirst: Int?)>((0, nil))
        let router = Router()
        router.post("/slow") { _, _ -> Response in
            let opened = store.withLock { $0 }!
            var inbox = 0
            for person in ["ana", "lukas", "jordan", "priya"] { inbox += try await opened.inbox(for: person, limit: 100).count }
            seen.withLock { state in
                state.requests += 1
                if state.inboxAtFirst == nil { state.inboxAtFirst = inbox }
            }
            try await Task.sleep(for: .seconds(2))
            return Response(status: .ok)
        }
        try await Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0))).test(.live) { slack in
            var configuration = testConfiguration()
            configuration.slackWebhooks = ["*": "http://127.0.0.1:\(try #require(slack.port))/slow"]
            configuration.slackTimeout = 0.3
            let opened = try await prepareAccounts(configuration, clock: clock)
            store.withLock { $0 = opened }
            let built = try await buildApplication(configuration, store: opened, clock: clock)
            try await admitMany(8, into: opened, clock: clock)
            let due = try await opened.dueDeliveries(topic: "notifications", at: clock.now(), limit: 100).count
            #expect(due == 8)
            #expect(try await built.startup.notifications.deliverDue() == 8)
            #expect(seen.withLock { $0.inboxAtFirst } == 8, "every inbox was written before Slack was asked")
            // Each post went out once; on a loaded machine one may time out before Slack's side even counts it, so
            // the count is read once anything still on its way has arrived.
            try await Task.sleep(for: .seconds(1))
            let sent = seen.withLock { $0.requests }
            #expect((1...8).contains(sent), "\(sent) posts reached Slack")
            clock.advance(by: 600)
            #expect(try await built.startup.notifications.deliverDue() == 0, "nothing is resent")
            try await Task.sleep(for: .seconds(1))
            #expect(seen.withLock { $0.requests } == sent, "no post is sent again")
            let unconfirmed = try await opened.events(after: 0, limit: 1000).filter { $0.type == "notification.unconfirmed" }
            #expect(unconfirmed.count == 8)
        }
    }

    @Test("without a webhook, notifications go to the inbox and the inbox page shows them")
    func inboxOnly() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        try await seedLead(store, clock: clock)
        #expect(try await built.startup.notifications.deliverDue() == 1)
        try await built.application.test(.router) { client in
            let ana = try #require(try await client.signIn("ana@northwind.example"))
            let page = try await client.execute("/inbox", as: ana).text
            #expect(page.contains("<li class=\"unread\"><a href=\"/leads/1\">Hand-raiser for Ana Souza: Maren Weber (Kaufhaus Nord)"))
            #expect(!(try await client.execute("/inbox", as: ana).text.contains("class=\"unread\"")), "read once seen")
        }
    }
}
