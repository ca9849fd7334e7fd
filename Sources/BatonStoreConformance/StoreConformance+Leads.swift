import BatonCore
import BatonStore
import Foundation

extension StoreConformance {
    /// A small lead policy on a 24/7 UTC calendar: every valid lead goes to a 1:1 pool of Ana and Lukas with a 1-hour
    /// response SLA; at the deadline the owner is reminded, 30 minutes later the lead is reassigned.
    static let leadPolicy: Policy = {
        let always = BusinessCalendar(
            id: "always", name: "Always", timeZone: "UTC",
            workingHours: Weekday.allCases.map { WorkingDay(day: $0, start: ClockTime(hour: 0, minute: 0), end: ClockTime(hour: 24, minute: 0)) },
            holidays: [])
        return Policy(
            organization: "Conformance", calendars: [always], teams: [Team(id: "sales", name: "Sales", calendar: "always")],
            roles: [Role(id: "ops", name: "Ops", team: "sales"), Role(id: "sdr", name: "SDR", team: "sales")],
            people: [
                Person(id: "sam", name: "Sam", email: "sam@example.com", team: "sales", roles: ["ops"], access: .salesManager),
                Person(id: "ana", name: "Ana", email: "ana@example.com", team: "sales", roles: ["sdr"], access: .salesRep, manager: "sam"),
                Person(id: "lukas", name: "Lukas", email: "lukas@example.com", team: "sales", roles: ["sdr"], access: .salesRep, manager: "sam"),
            ],
            handoffs: [
                Handoff(
                    id: "H1", name: "MQL to SDR", from: "ops", to: "sdr", item: .lead, raci: RACI(responsible: ["ops"], accountable: ["ops"]),
                    channel: Channel(kind: .thread),
                    sla: HandoffSLA(calendar: "always", response: BusinessDuration(1, .hours), completion: nil, escalation: [
                        EscalationLevel(after: BusinessDuration(0, .minutes), action: .remind, notify: ["owner"]),
                        EscalationLevel(after: BusinessDuration(30, .minutes), action: .reassign, notify: ["owner", "manager"]),
                    ]))
            ],
            leads: LeadPolicy(
                sources: ["api"], fields: [LeadField(id: "email", label: "Email", required: true), LeadField(id: "last_name", label: "Last name", required: false)],
                responseTiers: [ResponseTier(id: "standard", label: "Standard", when: "every lead", response: BusinessDuration(1, .hours))],
                pools: [RoutingPool(id: "sdr", label: "SDRs", members: [PoolMember(person: "ana", weight: 1), PoolMember(person: "lukas", weight: 1)])],
                routingRules: [RoutingRule(id: "all", label: "Everyone", target: .pool("sdr"))], fallback: "queue:triage",
                rejectionReasons: ["not_icp"], dispositions: ["converted", "no_response"]))
    }()

    static let workflow = LeadWorkflow(pipeline: LeadPipeline(policy: leadPolicy), policyVersion: nil)

    static func intake(_ email: String, key: String? = nil, name: String? = nil, activity: String = "demo_request") -> LeadIntake {
        var fields = ["email": email]
        fields["last_name"] = name
        return LeadIntake(
            submission: LeadSubmission(source: "api", fields: fields, activities: [LeadActivity(kind: activity, at: start)]),
            idempotencyKey: key, actor: "test")
    }

    static let leadCases: [Case] = [
        Case(name: "a new lead is stored with its decision, a timestamped event per step, and its SLA timers") { store in
            let admitted = try await store.admitLeads([intake("jane@example.com", name: "Doe")], at: start, workflow: workflow)
            try expect(admitted.map(\.outcome) == [.created], "one new lead")
            let lead = try await store.lead(id: admitted[0].lead.id)
            try expect(lead == admitted[0].lead, "the lead reads back as admitted")
            try expect(lead?.owner == "ana" && lead?.status == .assigned, "routed to ana, found \(String(describing: lead?.owner))")
            let events = try await store.leadEvents(id: admitted[0].lead.id).map(\.type)
            try expect(events == ["lead.received", "lead.validated", "lead.scored", "lead.qualified", "lead.routed", "lead.assigned"], "events: \(events)")
            try expect(try await store.pendingOutbox(topic: "notifications", limit: 10).count == 1, "the assignment is announced")
            let timers = try await store.pendingTimers(leadID: admitted[0].lead.id).map(\.kind)
            try expect(timers == [.atRisk, .breach, .escalate, .escalate], "timers: \(timers)")
            try expect(try await store.routingState(at: start).openLeads["ana"] == 1, "ana has one open lead")
        },
        Case(name: "the same delivery twice makes one lead; the same person again is merged with the new activity") { store in
            let first = try await store.admitLeads([intake("jane@example.com", key: "k1")], at: start, workflow: workflow)
            let again = try await store.admitLeads([intake("jane@example.com", key: "k1")], at: start, workflow: workflow)
            try expect(again.map(\.outcome) == [.repeated] && again[0].lead.id == first[0].lead.id, "a repeated key is recognised")
            let merged = try await store.admitLeads([intake("JANE@example.com", key: "k2", activity: "pricing_page_visit")], at: start, workflow: workflow)
            try expect(merged.map(\.outcome) == [.merged] && merged[0].lead.id == first[0].lead.id, "same email merges")
            try expect(merged[0].lead.activities.map(\.kind) == ["demo_request", "pricing_page_visit"], "activity appended")
            try expect(try await store.leadCounts() == [.assigned: 1], "still one lead")
            try expect(try await store.leadEvents(id: first[0].lead.id).last?.type == "lead.merged", "the merge is an event")
        },
        Case(name: "the round-robin credits persist between admissions") { store in
            var owners: [String] = []
            for index in 0..<4 {
                owners += try await store.admitLeads([intake("p\(index)@example.com")], at: start, workflow: workflow).compactMap(\.lead.owner)
            }
            try expect(owners == ["ana", "lukas", "ana", "lukas"], "alternating owners, found \(owners)")
        },
        Case(name: "due timers fire once, in order, and a reassignment restarts the clock for the next person") { store in
            let id = try await store.admitLeads([intake("jane@example.com")], at: start, workflow: workflow)[0].lead.id
            try expect(try await store.nextTimerDue() == start.addingTimeInterval(2700), "first due: at risk at 45 minutes")
            let fired = try await store.fireDueTimers(at: start.addingTimeInterval(5400), limit: 100) { timer, lead, state in
                workflow.fire(timer, on: &lead, state: &state, at: start.addingTimeInterval(5400))
            }
            try expect(fired == 4, "at risk, breach, remind, reassign: found \(fired)")
            let lead = try await store.lead(id: id)
            try expect(lead?.owner == "lukas" && lead?.previousOwners == ["ana"], "reassigned to lukas")
            let types = try await store.leadEvents(id: id).map(\.type).suffix(4)
            try expect(Array(types) == ["lead.sla_at_risk", "lead.sla_breached", "lead.escalation_reminder", "lead.reassigned"], "events: \(types)")
            let state = try await store.routingState(at: start)
            try expect(state.openLeads["ana"] == 0 && state.openLeads["lukas"] == 1, "loads follow the lead: \(state.openLeads)")
            let again = try await store.fireDueTimers(at: start.addingTimeInterval(5400), limit: 100) { timer, lead, state in
                workflow.fire(timer, on: &lead, state: &state, at: start.addingTimeInterval(5400))
            }
            try expect(again == 0, "nothing fires twice")
            try expect(try await store.pendingTimers(leadID: id).first?.due == start.addingTimeInterval(5400 + 2700), "lukas's clock starts now")
        },
        Case(name: "a first touch stops the response clock and starts the disposition clock") { store in
            let id = try await store.admitLeads([intake("jane@example.com")], at: start, workflow: workflow)[0].lead.id
            let touched = try await store.changeLead(id: id, at: start.addingTimeInterval(60)) { lead, _ in
                try workflow.recordFirstTouch(&lead, channel: "call", note: nil, by: "ana", at: start.addingTimeInterval(60))
            }
            try expect(touched.status == .working && touched.firstTouch?.by == "ana", "working after the first touch")
            let timers = try await store.pendingTimers(leadID: id).map(\.kind)
            try expect(timers == [.dispositionDue, .dispositionDue], "only disposition timers remain: \(timers)")
            _ = try await store.changeLead(id: id, at: start.addingTimeInterval(120)) { lead, _ in
                try workflow.recordDisposition(&lead, "converted", by: "ana", at: start.addingTimeInterval(120))
            }
            try expect(try await store.pendingTimers(leadID: id).isEmpty, "a disposition ends every clock")
            try expect(try await store.routingState(at: start).openLeads["ana"] == 0, "closed leads free capacity")
        },
        Case(name: "a refused change leaves the lead as it was") { store in
            let id = try await store.admitLeads([intake("jane@example.com")], at: start, workflow: workflow)[0].lead.id
            do {
                _ = try await store.changeLead(id: id, at: start) { lead, _ in try workflow.reject(&lead, reason: "too_expensive", note: nil, by: "ana", at: start) }
                try expect(false, "an unknown reason must be refused")
            } catch let error as LeadActionError {
                try expect(error.code == "unknown_reason", "refused with unknown_reason, found \(error.code)")
            }
            try expect(try await store.lead(id: id)?.status == .assigned, "unchanged")
        },
        Case(name: "an absent person is skipped") { store in
            try await store.recordAbsence(Absence(person: "ana", starts: start.addingTimeInterval(-60), ends: start.addingTimeInterval(3600), note: "holiday"), actor: "sam", at: start)
            let owners = try await store.admitLeads([intake("a@example.com"), intake("b@example.com")], at: start, workflow: workflow).compactMap(\.lead.owner)
            try expect(owners == ["lukas", "lukas"], "lukas takes both, found \(owners)")
            try expect(try await store.lead(id: 1)?.assignment?.skipped == ["ana": "absent"], "the skip is explained")
            try expect(try await store.absences(endingAfter: start).map(\.person) == ["ana"], "the absence is listed while it lasts")
            try expect(try await store.absences(endingAfter: start.addingTimeInterval(3600)).isEmpty, "and not once it has ended")
        },
    ]
}
