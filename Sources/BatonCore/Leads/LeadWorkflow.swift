import Foundation

/// What one step of a lead's life changes beyond the record itself: the events to append (announced when they
/// notify someone), SLA timers to start, timers to stop, and changes to people's open-lead counts.
public struct LeadChange: Sendable, Equatable {
    public var events: [NewEvent] = []
    public var startTimers: [PlannedTimer] = []
    /// Pending timers of these kinds are cancelled before `startTimers` are added.
    public var cancelTimers: Set<PlannedTimer.Kind> = []
    /// Person id → change in open leads.
    public var load: [String: Int] = [:]

    public init() {}

    /// Adds the change of a step taken after this one in the same transaction: its events after these, timers it
    /// cancels no longer started by this one, and the open-lead changes summed.
    public mutating func append(_ later: LeadChange) {
        events += later.events
        startTimers = startTimers.filter { !later.cancelTimers.contains($0.kind) } + later.startTimers
        cancelTimers.formUnion(later.cancelTimers)
        load.merge(later.load, uniquingKeysWith: +)
    }
}

/// A lead action that is not allowed now, with the reason a person can read.
public struct LeadActionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// The rep's and manager's side of a lead (H5, H6, H8) and what SLA timers do when they fire (H4, D4).
/// Every step is an event; the ones people must hear about are announced on the `notifications` topic (F3).
public struct LeadWorkflow: Sendable {
    public let pipeline: LeadPipeline
    public let policyVersion: Int64?
    private var policy: Policy { pipeline.policy }

    public init(pipeline: LeadPipeline, policyVersion: Int64?) {
        self.pipeline = pipeline
        self.policyVersion = policyVersion
    }

    /// The events of a lead's arrival (H1): submitted, received, validated or sent to remediation, scored, and the
    /// outcome: routed and assigned, queued, nurture, or held for lack of consent.
    public func arrivalEvents(_ lead: LeadRecord, actor: String) -> [NewEvent] {
        var events: [NewEvent] = []
        if let submitted = lead.submittedAt {
            events.append(event("lead.submitted", lead, actor: actor, at: submitted, ["source": lead.source]))
        }
        let received = ["source": lead.source, "source_id": lead.sourceID ?? ""].merging(Self.attributes(lead)) { $1 }
        events.append(event("lead.received", lead, actor: actor, at: lead.receivedAt, received))
        events += decisionEvents(lead, actor: actor, at: lead.receivedAt)
        return events
    }

    /// The events of a (re)decision: validation, score, and where the lead went.
    public func decisionEvents(_ lead: LeadRecord, actor: String, at now: Date) -> [NewEvent] {
        var events: [NewEvent] = []
        if lead.problems.isEmpty {
            events.append(event("lead.validated", lead, actor: actor, at: now))
        } else {
            events.append(event("lead.remediation", lead, actor: actor, at: now, ["problems": lead.problems.map(\.description).joined(separator: "; ")]))
            return events
        }
        events.append(event("lead.scored", lead, actor: actor, at: now, [
            "score": lead.score.total.compactText, "fit": lead.score.fit.compactText, "verdict": lead.score.verdict.rawValue, "because": lead.score.because,
        ]))
        switch lead.status {
        case .nurture: events.append(event("lead.nurture", lead, actor: actor, at: now, ["because": lead.because]))
        case .noConsent: events.append(event("lead.no_consent", lead, actor: actor, at: now, ["because": lead.because]))
        case .assigned, .queued, .unrouted:
            events.append(event("lead.qualified", lead, actor: actor, at: now, ["tier": lead.tier ?? ""]))
            let assignment = lead.assignment
            events.append(event("lead.routed", lead, actor: actor, at: now, [
                "rule": assignment?.rule ?? "", "summary": assignment?.summary ?? "", "owner": lead.owner ?? "", "queue": lead.queue ?? "",
            ]))
            if let owner = lead.owner {
                events.append(event("lead.assigned", lead, actor: actor, at: now, [
                    "owner": owner, "recipients": owner, "due": lead.responseDue.map(Timestamp.text) ?? "",
                ], announce: true))
            } else {
                events.append(event("lead.queued", lead, actor: actor, at: now, ["queue": lead.queue ?? "unrouted"], announce: lead.status == .unrouted))
            }
        default: break
        }
        return events
    }

    /// Records the first contact (H1's last step): stops the response clock and starts the disposition clock.
    public func recordFirstTouch(_ lead: inout LeadRecord, channel: String, note: String?, by actor: String, at now: Date) throws(LeadActionError) -> LeadChange {
        guard LeadTouch.channels.contains(channel) else {
            throw LeadActionError(code: "unknown_channel", message: "'\(channel)' is not a way to touch a lead; expected one of: \(LeadTouch.channels.joined(separator: ", "))")
        }
        guard lead.firstTouch == nil else { throw LeadActionError(code: "already_touched", message: "the first touch of this lead is already recorded") }
        try requireOwned(lead)
        lead.firstTouch = LeadTouch(channel: channel, note: note, by: actor, at: now)
        if lead.status == .assigned { lead.status = .working }
        lead.updatedAt = now
        var change = LeadChange()
        change.cancelTimers = [.atRisk, .breach, .escalate]
        let met = lead.responseDue.map { now <= $0 } ?? true
        let businessSeconds = (planner(for: actor) ?? planner(for: lead.owner))?.time.workingSeconds(from: lead.receivedAt, to: now)
        if let planner = planner(for: lead.owner), let due = planner.time.deadline(from: now, adding: policy.leads?.dispositionWithin ?? BusinessDuration(5, .days)) {
            lead.dispositionDue = due
            change.startTimers.append(PlannedTimer(kind: .dispositionDue, level: 0, due: due))
            if let escalation = planner.time.deadline(from: due, adding: BusinessDuration(1, .days)) {
                change.startTimers.append(PlannedTimer(kind: .dispositionDue, level: 1, due: escalation))
            }
        }
        change.events.append(event("lead.first_touch", lead, actor: actor, at: now, [
            "channel": channel, "within_sla": met ? "yes" : "no", "due": lead.responseDue.map(Timestamp.text) ?? "",
            "disposition_due": lead.dispositionDue.map(Timestamp.text) ?? "",
            "business_seconds": businessSeconds.map { String(Int($0.rounded())) } ?? "",
        ]))
        return change
    }

    /// Sales takes the lead (H8).
    public func accept(_ lead: inout LeadRecord, by actor: String, at now: Date) throws(LeadActionError) -> LeadChange {
        try requireOwned(lead)
        guard lead.acceptedAt == nil, lead.rejection == nil else { throw LeadActionError(code: "already_decided", message: "this lead is already \(lead.status.label.lowercased())") }
        lead.acceptedAt = now
        lead.status = .accepted
        lead.updatedAt = now
        var change = LeadChange()
        change.events.append(event("lead.accepted", lead, actor: actor, at: now))
        return change
    }

    /// Sales sends the lead back with a reason code from the policy (H8); the rejection feeds the definition review.
    public func reject(_ lead: inout LeadRecord, reason: String, note: String?, by actor: String, at now: Date) throws(LeadActionError) -> LeadChange {
        let reasons = policy.leads?.rejectionReasons ?? []
        guard reasons.contains(reason) else {
            throw LeadActionError(code: "unknown_reason", message: "'\(reason)' is not a rejection reason; expected one of: \(reasons.joined(separator: ", "))")
        }
        try requireOwned(lead)
        guard lead.rejection == nil, lead.disposition == nil else { throw LeadActionError(code: "already_decided", message: "this lead is already \(lead.status.label.lowercased())") }
        let owner = lead.owner
        lead.rejection = LeadRejection(reason: reason, note: note, by: actor, at: now)
        lead.status = .rejected
        lead.updatedAt = now
        var change = LeadChange()
        change.cancelTimers = Set(PlannedTimer.Kind.allCases)
        if let owner { change.load[owner] = -1 }
        let recipients = ([managerOf(owner)] + policy.holders(of: policy.leadHandoff?.raci.responsible.first ?? "").map(\.id)).compactMap { $0 }
        change.events.append(event("lead.rejected", lead, actor: actor, at: now, [
            "reason": reason, "note": note ?? "", "recipients": recipients.joined(separator: ","),
        ], announce: true))
        return change
    }

    /// Records what became of the lead, from the policy's picklist (H6); the handoff is complete. A disposition
    /// needs a first touch, unless `reason` is one of the policy's no-contact reasons (recorded with it). A closed
    /// lead's disposition can change later (working → converted); each change is an event.
    public func recordDisposition(
        _ lead: inout LeadRecord, _ disposition: String, reason: String? = nil, by actor: String, at now: Date
    ) throws(LeadActionError) -> LeadChange {
        let allowed = policy.leads?.dispositions ?? []
        guard allowed.contains(disposition) else {
            throw LeadActionError(code: "unknown_disposition", message: "'\(disposition)' is not a disposition; expected one of: \(allowed.joined(separator: ", "))")
        }
        guard lead.rejection == nil else { throw LeadActionError(code: "rejected", message: "a rejected lead takes no disposition") }
        var change = LeadChange()
        if let previous = lead.disposition {
            guard previous != disposition else {
                throw LeadActionError(code: "same_disposition", message: "the disposition is already \(disposition.replacingOccurrences(of: "_", with: " "))")
            }
            lead.disposition = disposition
            lead.updatedAt = now
            change.events.append(event("lead.disposition_changed", lead, actor: actor, at: now, ["from": previous, "disposition": disposition]))
            return change
        }
        try requireOwned(lead)
        if lead.firstTouch == nil {
            let reasons = policy.leads?.noContactReasons ?? []
            guard let reason, reasons.contains(reason) else {
                let allowedReasons = reasons.isEmpty ? "" : ", or give a reason for closing without contact: \(reasons.joined(separator: ", "))"
                throw LeadActionError(
                    code: "no_first_touch", message: "record the first touch before the disposition\(allowedReasons)")
            }
            lead.noContactReason = reason
        }
        let owner = lead.owner
        lead.disposition = disposition
        lead.dispositionAt = now
        lead.status = .closed
        lead.updatedAt = now
        change.cancelTimers = Set(PlannedTimer.Kind.allCases)
        if let owner { change.load[owner] = -1 }
        change.events.append(event("lead.disposition", lead, actor: actor, at: now, [
            "disposition": disposition, "without_contact": lead.noContactReason ?? "",
        ]))
        return change
    }

    /// Gives the lead to another person (a manager's reassignment or an escalation); their response clock starts.
    public func reassign(_ lead: inout LeadRecord, to person: String, because reason: String, by actor: String, at now: Date) throws(LeadActionError) -> LeadChange {
        guard let target = policy.person(person) else { throw LeadActionError(code: "unknown_person", message: "'\(person)' is not a person in the policy") }
        guard [.salesRep, .salesManager].contains(target.access) else {
            throw LeadActionError(code: "not_in_sales", message: "\(target.name) does not work leads; give it to a sales rep or manager")
        }
        guard [.assigned, .working, .accepted, .queued, .unrouted].contains(lead.status) else {
            throw LeadActionError(code: "closed", message: "a \(lead.status.label.lowercased()) lead cannot be reassigned")
        }
        guard person != lead.owner else { throw LeadActionError(code: "same_owner", message: "the lead already belongs to \(policy.person(person)?.name ?? person)") }
        var change = LeadChange()
        let previous = lead.owner
        if let previous {
            lead.previousOwners.append(previous)
            change.load[previous] = -1
        }
        change.load[person, default: 0] += 1
        lead.owner = person
        lead.queue = nil
        if lead.firstTouch == nil { lead.status = .assigned }
        lead.updatedAt = now
        change.cancelTimers = [.atRisk, .breach, .escalate]
        if lead.firstTouch == nil, let tier = policy.leads?.responseTiers.first(where: { $0.id == lead.tier }) ?? policy.leads?.responseTiers.last,
           let plan = planner(for: person)?.plan(from: now, allowed: tier.response, escalation: policy.leadHandoff?.sla.escalation ?? []) {
            lead.responseDue = plan.deadline
            change.startTimers = plan.timers
        }
        let recipients = [person, previous, managerOf(person)].compactMap { $0 }
        change.events.append(event("lead.reassigned", lead, actor: actor, at: now, [
            "from": previous ?? "", "to": person, "because": reason, "recipients": Array(Set(recipients)).sorted().joined(separator: ","),
            "due": lead.responseDue.map(Timestamp.text) ?? "",
        ], announce: true))
        return change
    }

    /// Ops fixed a lead in remediation (or enriched one in nurture): the corrected fields are decided again (F6).
    public func resubmit(_ lead: inout LeadRecord, fields changes: [String: String], state: inout RoutingState, by actor: String, at now: Date) throws(LeadActionError) -> LeadChange {
        guard LeadStatus.held.contains(lead.status) else {
            throw LeadActionError(code: "not_held", message: "only leads in remediation, nurture or without consent are corrected and resubmitted; this one is \(lead.status.label.lowercased())")
        }
        var fields = lead.fields.merging(lead.extras) { current, _ in current }
        for (key, value) in changes { fields[key] = value }
        let submission = LeadSubmission(source: lead.source, sourceID: lead.sourceID, submittedAt: lead.submittedAt, fields: fields, activities: lead.activities)
        let (decision, next) = pipeline.decide(submission, at: now, state: state)
        state.credits = next.credits
        let before = lead.status
        lead.apply(decision, at: now)
        var change = LeadChange()
        let resubmitted = ["changed": changes.keys.sorted().joined(separator: ","), "from": before.rawValue].merging(Self.attributes(lead)) { $1 }
        change.events.append(event("lead.resubmitted", lead, actor: actor, at: now, resubmitted))
        change.events += decisionEvents(lead, actor: actor, at: now)
        change.startTimers = decision.timers
        if let owner = lead.owner { change.load[owner] = 1 }
        return change
    }

    /// Acts on a due timer: warns, records the breach, reminds, notifies the manager or reassigns (D4). A timer that
    /// no longer applies (the lead was touched, closed or moved on) does nothing.
    public func fire(_ timer: PlannedTimer, on lead: inout LeadRecord, state: inout RoutingState, at now: Date) -> LeadChange {
        var change = LeadChange()
        let owner = lead.owner
        switch timer.kind {
        case .atRisk, .breach, .escalate:
            guard lead.firstTouch == nil, [.assigned, .queued, .unrouted].contains(lead.status) else { return change }
        case .dispositionDue:
            guard lead.disposition == nil, lead.rejection == nil, lead.firstTouch != nil else { return change }
        }
        let late = ["due": Timestamp.text(timer.due), "late_seconds": String(Int(now.timeIntervalSince(timer.due))), "owner": owner ?? ""]
        switch timer.kind {
        case .atRisk:
            change.events.append(event("lead.sla_at_risk", lead, actor: "system", at: now, late.merging(["recipients": owner ?? ""]) { $1 }, announce: owner != nil))
        case .breach:
            let recipients = [owner, managerOf(owner)].compactMap { $0 }
            change.events.append(event("lead.sla_breached", lead, actor: "system", at: now, late.merging(["recipients": recipients.joined(separator: ",")]) { $1 }, announce: true))
        case .dispositionDue:
            let recipients = timer.level == 0 ? [owner] : [owner, managerOf(owner)]
            change.events.append(event("lead.disposition_overdue", lead, actor: "system", at: now, late.merging([
                "level": String(timer.level), "recipients": recipients.compactMap { $0 }.joined(separator: ","),
            ]) { $1 }, announce: true))
        case .escalate:
            guard let levels = policy.leadHandoff?.sla.escalation, levels.indices.contains(timer.level) else { return change }
            let level = levels[timer.level]
            let recipients = policy.recipients(of: level, owner: owner)
            let details = late.merging(["level": String(timer.level), "action": level.action.rawValue, "recipients": recipients.joined(separator: ",")]) { $1 }
            switch level.action {
            case .remind, .notify:
                change.events.append(event(level.action == .remind ? "lead.escalation_reminder" : "lead.escalated", lead, actor: "system", at: now, details, announce: true))
            case .reassign:
                guard let model = policy.leads else { return change }
                let facts = LeadValidator(model: model).validate(LeadSubmission(source: lead.source, fields: lead.fields)).facts(source: lead.source)
                var excluded = Set(lead.previousOwners)
                if let owner { excluded.insert(owner) }
                var routingFacts = facts
                routingFacts.judged = RoutingFacts.Judged(score: lead.score.total, tier: lead.tier)
                let (assignment, next) = pipeline.reroute(routingFacts, at: now, state: state, excluding: excluded)
                if let person = assignment.owner, let moved = try? reassign(&lead, to: person, because: "response SLA breached: escalation level \(timer.level + 1) reassigns", by: "system", at: now) {
                    state.credits = next.credits
                    change = moved
                } else {
                    change = queueForManager(&lead, because: assignment, details: details, at: now)
                }
            }
        }
        return change
    }

    /// An escalation that must reassign but finds nobody: the lead leaves the rep who breached and waits in the
    /// routing's or the policy's fallback queue (unrouted without one), and the manager and ops are told to assign it
    /// by hand.
    private func queueForManager(_ lead: inout LeadRecord, because assignment: LeadAssignment, details: [String: String], at now: Date) -> LeadChange {
        var change = LeadChange()
        let owner = lead.owner
        if let owner {
            lead.previousOwners.append(owner)
            change.load[owner] = -1
        }
        lead.owner = nil
        // The routing's queue, else the policy's fallback queue (a named account's lead has no queue of its own).
        var fallbackQueue: String?
        if case .queue(let name) = RoutingTarget(parsing: policy.leads?.fallback ?? "") { fallbackQueue = name }
        lead.queue = assignment.queue ?? fallbackQueue
        lead.status = lead.queue == nil ? .unrouted : .queued
        lead.updatedAt = now
        change.cancelTimers = [.atRisk, .breach, .escalate]
        let ops = policy.people.filter { $0.access == .ops }.map(\.id)
        let recipients = Array(Set([managerOf(owner)].compactMap { $0 } + ops)).sorted()
        let place = lead.queue.map { "queued in \($0)" } ?? "left unrouted"
        change.events.append(event("lead.escalated", lead, actor: "system", at: now, details.merging([
            "note": "nobody else can take it (\(assignment.summary)): \(place) for a manager to assign", "recipients": recipients.joined(separator: ","),
        ]) { $1 }, announce: true))
        change.events.append(event("lead.queued", lead, actor: "system", at: now, ["queue": lead.queue ?? "unrouted", "from": owner ?? ""]))
        return change
    }

    // MARK: - Helpers

    /// What reports segment a lead by, as it arrived or was corrected: UTM source, medium and campaign, and its
    /// context completeness (H5).
    static func attributes(_ lead: LeadRecord) -> [String: String] {
        var attributes = ["completeness": String(ContextCompleteness(lead).percent)]
        for field in ["utm_source", "utm_medium", "utm_campaign"] {
            attributes[field] = lead.fields[field] ?? lead.extras[field] ?? ""
        }
        return attributes
    }

    private func requireOwned(_ lead: LeadRecord) throws(LeadActionError) {
        guard lead.owner != nil, [.assigned, .working, .accepted].contains(lead.status) else {
            throw LeadActionError(code: "not_owned", message: "a \(lead.status.label.lowercased()) lead has no owner to work it")
        }
    }

    private func managerOf(_ person: String?) -> String? { person.flatMap { policy.person($0)?.manager } }

    private func planner(for person: String?) -> SLATimerPlanner? { person.flatMap(pipeline.planner(for:)) }

    private func event(_ type: String, _ lead: LeadRecord, actor: String, at: Date, _ payload: [String: String] = [:], announce: Bool = false) -> NewEvent {
        NewEvent(type: type, subject: lead.subject, actor: actor, at: at, policyVersion: policyVersion, payload: payload, announce: announce ? ["notifications"] : [])
    }
}
