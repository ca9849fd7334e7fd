import BatonCore
import BatonStore
import Foundation

extension StoreConformance {
    static func outcome(_ reference: String, _ stage: LeadOutcome.Stage, email: String, amount: Double? = nil, line: Int? = nil) -> OutcomeIntake {
        OutcomeIntake(
            outcome: LeadOutcome(
                origin: "csv", reference: reference, stage: stage, amount: amount, openedAt: start, closedAt: stage == .opportunity ? nil : start.addingTimeInterval(86_400),
                people: ["kim"]),
            lead: OutcomeLeadReference(email: email), actor: "test", line: line)
    }

    static let outcomeCases: [Case] = [
        Case(name: "a partial update changes only its parts of the stored outcome and keeps the lead it named") { store in
            let lead = try await store.admitLeads([intake("deal@example.com")], at: start, workflow: workflow)[0].lead
            func update(_ parts: Set<LeadOutcome.Part>, _ change: (inout LeadOutcome) -> Void, lead reference: OutcomeLeadReference = OutcomeLeadReference()) -> OutcomeIntake {
                var outcome = LeadOutcome(origin: "hubspot", reference: "d-1", stage: .opportunity)
                change(&outcome)
                return OutcomeIntake(outcome: outcome, lead: reference, actor: "test", parts: parts)
            }
            _ = try await store.recordOutcomes([update([.stage, .name], { $0.name = "Pilot" }, lead: OutcomeLeadReference(email: "deal@example.com"))], at: start, workflow: workflow)
            _ = try await store.recordOutcomes([update([.amount], { $0.amount = 900 })], at: start.addingTimeInterval(60), workflow: workflow)
            let won = try await store.recordOutcomes([update([.stage], { $0.stage = .won })], at: start.addingTimeInterval(120), workflow: workflow)
            try expect(won.first?.leadID == lead.id, "the update without a reference reaches the lead the first one named: \(won)")
            let kept = try await store.lead(id: lead.id)?.outcomes?.first
            try expect(kept?.stage == .won && kept?.amount == 900 && kept?.name == "Pilot", "each update changed only its parts: \(String(describing: kept))")
        },
        Case(name: "an outcome is recorded on its lead once, with its events, and moves the lead's journey") { store in
            let lead = try await store.admitLeads([intake("won@example.com")], at: start, workflow: workflow)[0].lead
            let opened = try await store.recordOutcomes([outcome("opp-1", .opportunity, email: "WON@example.com")], at: start.addingTimeInterval(60), workflow: workflow)
            try expect(opened.map(\.result) == [.recorded] && opened[0].leadID == lead.id, "found \(opened)")
            let won = try await store.recordOutcomes([outcome("opp-1", .won, email: "won@example.com", amount: 1200)], at: start.addingTimeInterval(120), workflow: workflow)
            let again = try await store.recordOutcomes([outcome("opp-1", .won, email: "won@example.com", amount: 1200)], at: start.addingTimeInterval(180), workflow: workflow)
            try expect(won.map(\.result) == [.recorded] && again.map(\.result) == [.unchanged], "found \(won) then \(again)")
            let types = try await store.leadEvents(id: lead.id).map(\.type).filter { $0.hasPrefix("lead.opportunity") || $0.hasPrefix("lead.deal") }
            try expect(types == ["lead.opportunity_opened", "lead.deal_won"], "found \(types)")
            try expect(try await store.lead(id: lead.id)?.outcomes?.first?.amount == 1200, "the lead holds the outcome")
            let journeys = try await store.leadJourneys(receivedFrom: start, before: start.addingTimeInterval(1))
            try expect(journeys.map(\.leadID) == [lead.id], "one journey in the period, found \(journeys.map(\.leadID))")
            let journey = journeys[0]
            try expect(journey.won == 1 && journey.wonAmount == 1200 && journey.dealPeople == ["kim"], "found \(journey)")
            try expect(journey.wonAt == start.addingTimeInterval(86_400) && journey.opportunityAt == start, "dates from the CRM, found \(journey)")
            try expect(journey.assignedAt == start && journey.owner != nil && journey.intake == "api", "arrival steps folded, found \(journey)")
        },
        Case(name: "an outcome without its lead is kept with its reason and matched when the lead arrives") { store in
            let kept = try await store.recordOutcomes([outcome("opp-2", .won, email: "later@example.com", line: 7)], at: start, workflow: workflow)
            try expect(kept.map(\.result) == [.unmatched] && kept[0].reason?.contains("later@example.com") == true, "found \(kept)")
            try expect(try await store.countPendingOutcomes() == 1, "one outcome waits")
            let other = try await store.admitLeads([intake("someone@example.com")], at: start, workflow: workflow)[0].lead
            try expect(try await store.matchPendingOutcomes(naming: [other], at: start, workflow: workflow) == 0, "another lead matches nothing")
            let lead = try await store.admitLeads([intake("later@example.com")], at: start, workflow: workflow)[0].lead
            try expect(try await store.matchPendingOutcomes(naming: [lead], at: start, workflow: workflow) == 1, "the new lead matches")
            try expect(try await store.countPendingOutcomes() == 0, "nothing pending")
            try expect(try await store.lead(id: lead.id)?.outcomes?.count == 1, "the outcome is on the lead")
            let again = try await store.recordOutcomes([outcome("opp-2", .won, email: "later@example.com")], at: start, workflow: workflow)
            try expect(again.map(\.result) == [.unchanged] && again[0].leadID == lead.id, "known now, found \(again)")
        },
        Case(name: "journeys rebuilt from the event log equal the ones kept as events were written") { store in
            let leads = try await store.admitLeads([intake("a@example.com"), intake("b@example.com")], at: start, workflow: workflow).map(\.lead)
            _ = try await store.changeLead(id: leads[0].id, at: start.addingTimeInterval(600)) { lead, _ in
                try workflow.recordFirstTouch(&lead, channel: "call", note: nil, by: lead.owner!, at: start.addingTimeInterval(600))
            }
            _ = try await store.recordOutcomes([outcome("opp-3", .lost, email: "b@example.com")], at: start.addingTimeInterval(700), workflow: workflow)
            let kept = try await store.leadJourneys(receivedFrom: start, before: start.addingTimeInterval(1))
            try expect(try await store.rebuildJourneys() == 2, "two leads rebuilt")
            let rebuilt = try await store.leadJourneys(receivedFrom: start, before: start.addingTimeInterval(1))
            try expect(kept == rebuilt, "kept \(kept) but rebuilt \(rebuilt)")
            try expect(kept[0].touchedAt == start.addingTimeInterval(600) && kept[0].touchBusinessSeconds == 600, "touch folded, found \(kept[0])")
            try expect(kept[1].lostAt != nil && kept[1].won == 0, "loss folded, found \(kept[1])")
            try expect(try await store.leadJourneys(receivedFrom: start.addingTimeInterval(1), before: start.addingTimeInterval(2)).isEmpty, "none later")
        },
        Case(name: "lead arrivals list a period's leads oldest first, and each one's replay input is what its record holds") { store in
            let late = try await store.admitLeads([intake("late@example.com")], at: start.addingTimeInterval(120), workflow: workflow).map(\.lead.id)
            let early = try await store.admitLeads([intake("early1@example.com"), intake("early2@example.com")], at: start, workflow: workflow).map(\.lead.id)
            let arrivals = try await store.leadArrivals(receivedFrom: start, before: start.addingTimeInterval(121))
            try expect(arrivals == early.sorted() + late, "oldest first, ties by id: found \(arrivals)")
            try expect(try await store.leadArrivals(receivedFrom: start.addingTimeInterval(1), before: start.addingTimeInterval(120)).isEmpty, "none between")
            _ = try await store.changeLead(id: late[0], at: start.addingTimeInterval(300)) { lead, _ in
                try workflow.recordFirstTouch(&lead, channel: "call", note: nil, by: lead.owner!, at: start.addingTimeInterval(300))
            }
            _ = try await store.recordOutcomes([outcome("opp-9", .won, email: "late@example.com")], at: start.addingTimeInterval(400), workflow: workflow)
            let records = try await store.leads(ids: arrivals).map(Backtest.Input.init)
            try expect(try await store.replayInputs(ids: arrivals) == records, "the replay column holds what the record does, after each change")
            try expect(records.last?.outcomes?.map(\.stage) == [.won], "the outcome is in the replay input, found \(String(describing: records.last))")
            try expect(try await store.rebuildReplays() == 3, "three leads' replay inputs rebuilt")
            try expect(try await store.replayInputs(ids: arrivals.reversed() + [999_999]) == records.reversed(), "rebuilt alike, in the order asked, unknown ids skipped")
        },
    ]
}
