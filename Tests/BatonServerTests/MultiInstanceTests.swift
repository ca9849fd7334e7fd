import BatonCore
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Two Baton instances on one PostgreSQL database, as behind a load balancer: leads sent to either (some deliveries
/// to both at once) are admitted once, every due timer fires once, every notification reaches Slack once — also
/// when one instance stops holding claims it never finished.
@Suite("Several instances on one PostgreSQL database", .enabled(if: PostgresTestDatabase.isAvailable, "set BATON_TEST_POSTGRES (.ci/run starts a server)"))
struct MultiInstanceTests {
    struct Instance {
        let configuration: ServerConfiguration
        let store: PostgresStore
        let built: (application: any ApplicationProtocol, startup: StartupReport)
    }

    static func instance(_ url: PostgresDatabaseURL, slack: String, clock: ManualClock) async throws -> Instance {
        var configuration = testConfiguration()
        configuration.database = .postgres(PostgresTestDatabase.configuration(url: url))
        configuration.slackWebhooks = ["*": slack]
        let store = try await PostgresStore(PostgresTestDatabase.configuration(url: url))
        let built = try await buildApplication(configuration, store: store, clock: clock)
        return Instance(configuration: configuration, store: store, built: (built.application, built.startup))
    }

    static func lead(_ index: Int) -> String {
        #"{"fields": {"email": "buyer\#(index)@retail\#(index).example", "first_name": "Kim", "last_name": "Buyer\#(index)", "company": "Retail \#(index)", "job_title": "Head of Analytics", "#
            + #""country": "DE", "industry": "Retail", "company_size": 400, "consent_email": true}, "activities": [{"kind": "demo_request", "at": "2027-01-15T07:59:00Z"}]}"#
    }

    /// Sends `count` leads over `clients` from 16 workers; every tenth goes to all clients at once with one key.
    static func sendLeads(_ count: Int, token: String, to clients: [any TestClientProtocol]) async throws -> [String] {
        try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<16 {
                group.addTask {
                    var outcomes: [String] = []
                    for index in stride(from: worker, to: count, by: 16) {
                        let targets = index % 10 == 0 ? clients : [clients[index % clients.count]]
                        try await withThrowingTaskGroup(of: String.self) { sends in
                            for client in targets {
                                sends.addTask {
                                    let response = try await client.execute(
                                        uri: "/api/v1/leads", method: .post,
                                        headers: [.authorization: "Bearer \(token)", .contentType: "application/json", .init("Idempotency-Key")!: "lead-\(index)"],
                                        body: ByteBuffer(string: lead(index)))
                                    return ((response.json["results"] as? [[String: Any]])?.first?["outcome"] as? String) ?? "HTTP \(response.status.code)"
                                }
                            }
                            for try await outcome in sends { outcomes.append(outcome) }
                        }
                    }
                    return outcomes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    /// Fires and delivers on every instance at once until nothing is due. An instance's own running loops may hold
    /// some of the work (a call then gets none of it), so this also waits until no timer is due and, with
    /// `everyNotification`, none is pending (not while a stopped instance still holds some).
    static func settle(_ instances: [Instance], clock: ManualClock, everyNotification: Bool = true) async throws {
        for _ in 0..<600 {
            let done = try await withThrowingTaskGroup(of: Int.self) { group in
                for instance in instances {
                    group.addTask { try await instance.built.startup.timers.fireDue() + instance.built.startup.notifications.deliverDue() }
                }
                return try await group.reduce(0, +)
            }
            let store = instances[0].store
            let timersDue = try await store.nextTimerDue().map { $0 <= clock.now() } ?? false
            let notificationsLeft = everyNotification ? try await !store.pendingOutbox(topic: "notifications", limit: 1).isEmpty : false
            if done == 0, !timersDue, !notificationsLeft { return }
            if done == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
    }

    @Test("2,000 leads split across two instances, repeats sent to both: every lead once, every timer fired once, every notification delivered once")
    func twoInstances() async throws {
        let url = try await PostgresTestDatabase.makeURL()
        let clock = ManualClock()
        let receiver = NotificationTests.Receiver(failures: 0)
        try await receiver.application().test(.live) { hook in
            let slack = "http://127.0.0.1:\(try #require(hook.port))/services/T000/B000/XXXX"
            let a = try await Self.instance(url, slack: slack, clock: clock)
            try await prepareAccounts(a.configuration, store: a.store, clock: clock)
            let b = try await Self.instance(url, slack: slack, clock: clock)
            let token = try await TokenIssuer(store: a.store, clock: clock)
                .issue(name: "Website", accountEmail: "tomas@northwind.example", scopes: [.leadsRead, .leadsWrite], actor: "test").secret
            try await a.built.application.test(.live) { clientA in
                // Instance b runs for the first part, then stops holding claims it never acted on.
                let held = try await b.built.application.test(.live) { clientB in
                    // b grabs notifications as intake announces them, and then claims the timers that come due in the
                    // next hour (its lease runs 15 s past that).
                    let grabbing = Task {
                        var held: [PendingDelivery] = []
                        while held.count < 20 && !Task.isCancelled {
                            // Stopped mid-claim: a claim that did not commit holds nothing.
                            guard let claimed = try? await b.store.claimDeliveries(
                                topic: "notifications", at: clock.now(), limit: 5, by: Claimant(id: b.configuration.claimant.id, lease: 60))
                            else { break }
                            held += claimed
                            try? await Task.sleep(for: .milliseconds(5))
                        }
                        return held
                    }
                    let outcomes = try await Self.sendLeads(2000, token: token, to: [clientA, clientB])
                    grabbing.cancel()
                    #expect(outcomes.filter { $0 == "created" }.count == 2000, "every lead created once")
                    #expect(outcomes.filter { $0 == "repeated" }.count == 200, "every repeat recognised, whichever instance had it")
                    #expect(try await a.store.countLeads(LeadQuery(limit: 1)) == 2000)
                    let heldTimers = try await b.store.claimDueTimers(.leads, at: clock.now().addingTimeInterval(600), limit: 100, by: b.configuration.claimant)
                    // Both alive, both firing and delivering at once (their own loops run too); b's held timers wait.
                    clock.advance(by: 600)
                    try await Self.settle([a, b], clock: clock, everyNotification: false)
                    return (timers: heldTimers.map(\.id), messages: await grabbing.value.count)
                }
                #expect(held.timers.count == 100 && held.messages > 0, "b held \(held.timers.count) timers and \(held.messages) notifications")
                let ids = held.timers.map(String.init).joined(separator: ",")
                #expect(try await PostgresTestDatabase.integers("SELECT COUNT(*) FROM timer WHERE outcome = 'fired' AND id IN (\(ids))", on: url) == [0])
                // b is gone: its claims run out 15 s after the deadline it claimed up to, and a takes them over.
                clock.advance(by: 16)
                try await Self.settle([a], clock: clock)
                #expect(try await PostgresTestDatabase.integers("SELECT COUNT(*) FROM timer WHERE done_at IS NULL AND id IN (\(ids))", on: url) == [0])
                // The escalations an hour on, and the notifications b held (their 60 s lease is long over).
                clock.advance(by: 3600)
                try await Self.settle([a], clock: clock)
                #expect(try await a.store.nextTimerDue().map { $0 > clock.now() } ?? true, "nothing due is left")
                #expect(try await a.store.pendingOutbox(topic: "notifications", limit: 10).isEmpty, "every notification delivered")
            }
            // Every timer that came due fired once: one breach event per breached lead, none twice.
            var breaches: [Int64: Int] = [:]
            var after: Int64 = 0
            while true {
                let events = try await a.store.events(after: after, limit: 5000)
                guard let last = events.last else { break }
                after = last.sequence
                for event in events where event.type == "lead.sla_breached" { breaches[LeadRecord.id(inSubject: event.subject) ?? 0, default: 0] += 1 }
            }
            #expect(breaches.count >= 1000 && breaches.values.allSatisfy { $0 == 1 }, "one breach per lead, \(breaches.count) leads breached")
            let notified = try await PostgresTestDatabase.integers("SELECT COUNT(*) FROM outbox WHERE topic = 'notifications'", on: url)[0]
            let posts = receiver.state.withLock { $0.accepted }
            #expect(posts.count == Int(notified), "each notification reached Slack once: \(posts.count) posts for \(notified) notifications")
        }
    }
}
