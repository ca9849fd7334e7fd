import Foundation

/// How a submission becomes a lead, or adds to one already known (H1, F6). A store finds the lead a delivery's key
/// made (see `LeadIntake.repeatOutcome`) or the duplicate its `LeadIdentity` names, then writes what these decide.
extension LeadWorkflow {
    /// A new lead with the id the store gave it: validated, scored and routed on `state`, which takes the new
    /// owner's open lead and the round-robin credit.
    public func admitNew(_ intake: LeadIntake, id: Int64, state: inout RoutingState, at now: Date) -> (LeadRecord, LeadChange) {
        let (decision, next) = pipeline.decide(intake.submission, at: now, state: state)
        state.credits = next.credits
        let lead = LeadRecord(id: id, submission: intake.submission, decision: decision, receivedAt: now, policyVersion: policyVersion)
        var change = LeadChange()
        change.events = arrivalEvents(lead, actor: intake.actor)
        change.startTimers = decision.timers
        if let owner = lead.owner { change.load[owner] = 1 }
        state.add(load: change.load)
        return (lead, change)
    }

    /// The same person again: the new activity is appended and empty fields are filled. A lead still held
    /// (remediation, nurture, no consent) is decided again with what arrived; any other is only re-normalised.
    public func merge(_ intake: LeadIntake, into existing: LeadRecord, state: inout RoutingState, at now: Date) throws(LeadActionError) -> (LeadRecord, LeadChange) {
        let submission = intake.submission
        var lead = existing
        let known = lead.fields.merging(lead.extras) { current, _ in current }
        let filled = submission.fields.filter { known[$0.key]?.isEmpty ?? true }
        let fresh = submission.activities.filter { activity in !lead.activities.contains { $0.kind == activity.kind && $0.at == activity.at } }
        lead.activities = (lead.activities + fresh).sorted { $0.at < $1.at }
        lead.updatedAt = now
        var change = LeadChange()
        change.events.append(NewEvent(
            type: "lead.merged", subject: lead.subject, actor: intake.actor, at: now, policyVersion: policyVersion,
            payload: ["source": submission.source, "source_id": submission.sourceID ?? "", "activities": String(fresh.count)]))
        if LeadStatus.held.contains(lead.status) {
            let decided = try resubmit(&lead, fields: filled, state: &state, by: intake.actor, at: now)
            change.events += decided.events
            change.startTimers = decided.startTimers
            change.load = decided.load
            state.add(load: change.load)
        } else if !filled.isEmpty, let model = pipeline.policy.leads {
            let normalised = LeadValidator(model: model).validate(LeadSubmission(source: lead.source, fields: known.merging(filled) { $1 }))
            lead.fields = normalised.fields
            lead.extras = normalised.extras
        }
        return (lead, change)
    }
}

extension RoutingState {
    /// Counts a step's changes to people's open leads, so the next decision of the same batch sees them.
    public mutating func add(load: [String: Int]) {
        for (person, delta) in load { openLeads[person, default: 0] += delta }
    }
}
