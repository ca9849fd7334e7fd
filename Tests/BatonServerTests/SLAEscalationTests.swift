import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("SLA clocks and escalation")
struct SLAEscalationTests {
    /// Given a hand-raiser owned by Ana with a 5-business-minute response SLA (Friday 09:00 in Berlin), when the test
    /// clock moves past each level, then the lead is at risk, breached, reminded, escalated to Sam, and reassigned
    /// to Lukas, each an event announced for notification, and the explanation lists the reassignment.
    @Test("escalation happens on a moved test clock, level by level")
    func escalation() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let lead = try await seedLead(store, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        #expect(lead.owner == "ana" && lead.responseDue == clock.now().addingTimeInterval(300))

        func fire(after seconds: TimeInterval) async throws -> [String] {
            clock.advance(by: seconds)
            let before = try await store.leadEvents(id: lead.id).count
            try await built.startup.timers.fireDue()
            return try await store.leadEvents(id: lead.id).dropFirst(before).map(\.type)
        }
        #expect(try await fire(after: 200) == [], "nothing before three quarters of the window")
        #expect(try await fire(after: 26) == ["lead.sla_at_risk"])
        #expect(try await fire(after: 74) == ["lead.sla_breached", "lead.escalation_reminder"])
        #expect(try await fire(after: 15 * 60) == ["lead.escalated"])
        #expect(try await fire(after: 45 * 60) == ["lead.reassigned"])
        let moved = try #require(try await store.lead(id: lead.id))
        #expect(moved.owner == "lukas" && moved.previousOwners == ["ana"])
        #expect(moved.responseDue == clock.now().addingTimeInterval(300), "Lukas gets his own 5 minutes")
        let escalated = try #require(try await store.leadEvents(id: lead.id).first { $0.type == "lead.escalated" })
        #expect(escalated.payload.contains(#""recipients":"sam""#))
        // Counted before the application runs: once it does, its notification loop starts delivering them.
        let announced = try await store.pendingOutbox(topic: "notifications", limit: 100).count
        #expect(announced == 6, "assigned, at risk, breached, reminder, escalated, reassigned")
        try await built.application.test(.router) { client in
            let admin = try #require(try await client.signIn("rhea@northwind.example"))
            let explanation = try await client.execute("/api/v1/leads/\(lead.id)/explain", as: admin).json
            let reassignment = try #require((explanation["reassignments"] as? [[String: Any]])?.first)
            #expect(reassignment["from"] as? String == "ana" && reassignment["to"] as? String == "lukas")
            #expect(reassignment["because"] as? String == "response SLA breached: escalation level 3 reassigns")
        }
    }

    /// Given Ana's breached lead and Lukas, the only other EMEA SDR, away, when the escalation must reassign and
    /// finds nobody, then the lead leaves Ana, waits in the sdr-triage queue, and Sam and ops are told.
    @Test("an escalation that finds nobody queues the lead and tells the manager and ops")
    func escalationFindsNobody() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let lead = try await seedLead(store, clock: clock)
        try await store.recordAbsence(
            Absence(person: "lukas", starts: clock.now(), ends: clock.now().addingTimeInterval(7 * 86400), note: "holiday"), actor: "sam", at: clock.now())
        let built = try await buildApplication(configuration, store: store, clock: clock)
        clock.advance(by: 300 + 3600 + 60)
        try await built.startup.timers.fireDue()
        let queued = try #require(try await store.lead(id: lead.id))
        #expect(queued.owner == nil && queued.status == .queued && queued.queue == "sdr-triage" && queued.previousOwners == ["ana"])
        #expect(try await store.routingState(at: clock.now()).openLeads["ana"] == 0, "Ana's load drops")
        let events = try await store.leadEvents(id: lead.id)
        let escalated = try #require(events.last { $0.type == "lead.escalated" })
        #expect(escalated.details["recipients"] == "sam,tomas" && escalated.details["note"]?.contains("queued in sdr-triage") == true, "\(escalated.details)")
        #expect(events.last?.type == "lead.queued")
        try await built.application.test(.router) { client in
            let sam = try #require(try await client.signIn("sam@northwind.example"))
            let page = try await client.execute("/leads/\(lead.id)", as: sam)
            #expect(page.text.contains("queued in sdr-triage for a manager to assign"), "the timeline shows it")
            let reassigned = try await client.execute("/api/v1/leads/\(lead.id)/reassign", .post, as: sam, body: #"{"to": "lukas"}"#)
            #expect(reassigned.status == .ok, "the manager assigns it by hand")
        }
    }

    @Test("a first touch in time stops the clock: nothing fires")
    func touchedInTime() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let lead = try await seedLead(store, clock: clock)
        let built = try await buildApplication(configuration, store: store, clock: clock)
        let workflow = LeadWorkflow(pipeline: LeadPipeline(policy: try PolicyLoader.load(contentsOf: examplePolicyPath).policy), policyVersion: nil)
        clock.advance(by: 120)
        let now = clock.now()
        _ = try await store.changeLead(id: lead.id, at: now) { lead, _ in try workflow.recordFirstTouch(&lead, channel: "call", note: nil, by: "ana", at: now) }
        clock.advance(by: 3 * 3600)
        #expect(try await built.startup.timers.fireDue() == 0)
        #expect(try await store.pendingTimers(leadID: lead.id).map(\.kind) == [.dispositionDue, .dispositionDue])
    }

    @Test("the running server's SLA loop acts on a deadline by itself, and timers survive a restart")
    func backgroundLoop() async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        let lead = try await seedLead(store, clock: clock)
        // A restart: a fresh store on the same file and a freshly built server.
        let reopened = try await configuration.database.open()
        let built = try await buildApplication(configuration, store: reopened, clock: clock)
        try await built.application.test(.live) { _ in
            clock.advance(by: 301)
            var types: [String] = []
            for _ in 0..<100 where !types.contains("lead.sla_breached") {
                try await Task.sleep(for: .milliseconds(50))
                types = try await reopened.leadEvents(id: lead.id).map(\.type)
            }
            #expect(types.contains("lead.sla_breached"))
        }
    }
}
