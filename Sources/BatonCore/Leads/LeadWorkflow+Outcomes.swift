import Foundation

extension LeadWorkflow {
    /// Records what became of the lead in the CRM (H3). A new outcome opens an opportunity; one that reaches won or
    /// lost closes it; a change of amount, people or dates is recorded as an update. The same outcome sent again
    /// changes nothing and writes no event. Any lead takes outcomes, whatever its status: a deal can come from a lead
    /// sales never saw in Baton.
    ///
    /// Each event carries the lead's totals after the change (`won`, `won_amount`, `opportunities`), so a report can
    /// read them from the latest event alone.
    public func recordOutcome(_ lead: inout LeadRecord, _ outcome: LeadOutcome, by actor: String, at now: Date) -> LeadChange {
        var outcomes = lead.outcomes ?? []
        let index = outcomes.firstIndex { $0.key == outcome.key }
        let previous = index.map { outcomes[$0] }
        guard previous != outcome else { return LeadChange() }
        if let index { outcomes[index] = outcome } else { outcomes.append(outcome) }
        lead.outcomes = outcomes
        lead.updatedAt = now
        var types: [String] = []
        if previous == nil { types.append("lead.opportunity_opened") }
        if outcome.stage != previous?.stage, outcome.stage != .opportunity {
            types.append(outcome.stage == .won ? "lead.deal_won" : "lead.deal_lost")
        } else if previous != nil {
            types.append(outcome.stage == previous?.stage ? "lead.outcome_updated" : "lead.opportunity_reopened")
        }
        let payload = Self.payload(outcome, totals: outcomes)
        var change = LeadChange()
        change.events = types.map { NewEvent(type: $0, subject: lead.subject, actor: actor, at: now, policyVersion: policyVersion, payload: payload) }
        return change
    }

    private static func payload(_ outcome: LeadOutcome, totals outcomes: [LeadOutcome]) -> [String: String] {
        let won = outcomes.filter { $0.stage == .won }
        return [
            "origin": outcome.origin, "reference": outcome.reference, "stage": outcome.stage.rawValue,
            "amount": outcome.amount.map(\.compactText) ?? "", "currency": outcome.currency ?? "",
            "opened_at": outcome.openedAt.map(Timestamp.text) ?? "", "closed_at": outcome.closedAt.map(Timestamp.text) ?? "",
            "people": outcome.people.joined(separator: ","), "name": outcome.name ?? "",
            "opportunities": String(outcomes.count), "won": String(won.count),
            "won_amount": won.reduce(0) { $0 + ($1.amount ?? 0) }.compactText,
        ]
    }
}
