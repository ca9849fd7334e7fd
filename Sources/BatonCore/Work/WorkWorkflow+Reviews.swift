import Foundation

/// A reviewer's decision as sent (E2).
public struct ReviewInput: Sendable, Equatable {
    public var verdict: ReviewVerdict
    /// Failure modes (A3) the decision names; required on a rejection.
    public var reasons: [String]
    public var note: String
    /// The edits an approval with edits asks for, one per entry; required for that verdict.
    public var edits: [String]
    /// The checklist items ticked; approving needs every one (E4).
    public var checked: [String]

    public init(verdict: ReviewVerdict, reasons: [String] = [], note: String = "", edits: [String] = [], checked: [String] = []) {
        self.verdict = verdict
        self.reasons = reasons
        self.note = note
        self.edits = edits
        self.checked = checked
    }
}

extension WorkWorkflow {
    /// Opens the first review stage once every task is done (E1); with no stages the item is approved at once.
    func startReviews(_ item: inout WorkItem, at now: Date) -> WorkChange {
        guard let first = item.reviews.firstIndex(where: { $0.status == .waiting }) else { return approve(&item, at: now) }
        item.status = .inReview
        return openRound(&item, stage: first, at: now)
    }

    /// Opens the next round of a stage, times it (E5) and tells its reviewers.
    func openRound(_ item: inout WorkItem, stage index: Int, at now: Date) -> WorkChange {
        var change = WorkChange()
        let number = item.reviews[index].rounds.count + 1
        if number == 1, let stage = policy.reviewStage(item.reviews[index].stage) {
            // Who made the work is known now (owners change): nobody reviews their own work unless nobody else can.
            let (reviewers, primary) = reviewers(of: stage, owners: Set(item.owners))
            item.reviews[index].reviewers = reviewers
            item.reviews[index].primary = primary
        }
        let policyStage = policy.reviewStage(item.reviews[index].stage)
        let clock = item.reviews[index].clock(round: number)
        let time = planner.time(for: item.reviews[index].reviewers.first, role: policyStage?.approvers.first)
        let plan = policyStage.flatMap { stage in time.map { SLATimerPlanner(time: $0).plan(from: now, allowed: stage.sla, escalation: [], clock: clock) } } ?? nil
        item.reviews[index].rounds.append(ReviewRound(number: number, openedAt: now, due: plan?.deadline))
        item.reviews[index].status = .open
        change.startTimers = plan?.timers ?? []
        touch(&item, at: now)
        let stage = item.reviews[index]
        change.events.append(event("work.review_opened", item, by: "system", at: now, [
            "stage": stage.stage, "round": String(number), "due": plan.map { Timestamp.text($0.deadline) } ?? "",
            "recipients": stage.reviewers.joined(separator: ","),
        ], announce: true))
        return change
    }

    /// Records a reviewer's decision. Approving needs every checklist item ticked (E4) and the brief's required fields
    /// present; a rejection needs its reasons, an approval with edits its edits. When the stage's rule has a result,
    /// the round closes and the item moves on, waits for edits, or goes back for rework.
    public func decide(_ item: inout WorkItem, stage id: String, _ input: ReviewInput, by actor: String, at now: Date) throws -> WorkChange {
        try requireOpen(item)
        let index = try openStage(item, id)
        let stage = item.reviews[index]
        guard stage.reviewers.contains(actor) else {
            throw WorkActionError(.forbidden, code: "not_reviewer", message: "\(name(actor)) is not a reviewer of \(stage.name); its reviewers are \(stage.reviewers.map(name).joined(separator: ", "))")
        }
        guard let round = stage.round, !round.standing.contains(where: { $0.reviewer == actor }) else {
            throw WorkActionError(.conflict, code: "already_decided", message: "you already decided in this round; revoke your decision to change it")
        }
        let allowed = reviewFailureModes(item)
        switch input.verdict {
        case .reject:
            guard !input.reasons.isEmpty else {
                throw WorkActionError(.invalid, code: "reason_required", message: "a rejection needs at least one reason; expected any of: \(allowed.joined(separator: ", "))")
            }
        case .approveWithEdits:
            guard !input.edits.isEmpty else { throw WorkActionError(.invalid, code: "edits_required", message: "list the edits an approval with edits asks for") }
        case .approve: break
        }
        if let unknown = input.reasons.first(where: { !allowed.contains($0) }) {
            throw WorkActionError(.invalid, code: "unknown_reason", message: "'\(unknown)' is not a failure mode; expected any of: \(allowed.joined(separator: ", "))")
        }
        let checklist = policy.reviewStage(stage.stage)?.checklist ?? []
        if input.verdict != .reject {
            let missing = checklist.filter { !input.checked.contains($0) }
            if !missing.isEmpty {
                throw WorkActionError(.gate, code: "checklist_incomplete", message: "\(stage.name) cannot approve while \(missing.count) checklist item\(missing.count == 1 ? " is" : "s are") unticked", details: missing)
            }
            let empty = requiredBriefFields(item).filter { (item.fields[$0] ?? "").isEmpty }
            if !empty.isEmpty {
                throw WorkActionError(.gate, code: "required_fields_missing", message: "a decision cannot close a review while required fields are missing", details: empty)
            }
        }
        let decision = ReviewDecision(
            reviewer: actor, verdict: input.verdict, reasons: input.reasons, note: try limited(input.note, "comment"),
            edits: try input.edits.prefix(50).map { try limited($0, "edit") }.filter { !$0.isEmpty }, checked: input.checked.filter(checklist.contains), at: now)
        let last = item.reviews[index].rounds.count - 1
        item.reviews[index].rounds[last].decisions.append(decision)
        touch(&item, at: now)
        var change = WorkChange()
        change.events.append(event("work.review_decided", item, by: actor, at: now, [
            "stage": stage.stage, "round": String(last + 1), "verdict": input.verdict.rawValue, "reasons": input.reasons.joined(separator: ","),
        ]))
        if let (verdict, because) = ReviewOutcome.result(of: item.reviews[index], round: item.reviews[index].rounds[last]) {
            change.merge(closeRound(&item, stage: index, verdict: verdict, because: because, at: now))
        }
        return change
    }

    /// Takes back a decision while its round is still open.
    public func revoke(_ item: inout WorkItem, stage id: String, by actor: String, at now: Date) throws -> WorkChange {
        try requireOpen(item)
        let index = try openStage(item, id)
        let last = item.reviews[index].rounds.count - 1
        guard last >= 0, let decision = item.reviews[index].rounds[last].decisions.lastIndex(where: { $0.reviewer == actor && $0.revokedAt == nil }) else {
            throw WorkActionError(.conflict, code: "no_decision", message: "you have no decision to revoke in this round")
        }
        item.reviews[index].rounds[last].decisions[decision].revokedAt = now
        touch(&item, at: now)
        var change = WorkChange()
        change.events.append(event("work.review_revoked", item, by: actor, at: now, ["stage": id, "round": String(last + 1)]))
        return change
    }

    /// The creator confirms the edits of an approval with edits are made; the stage is approved without a new round.
    public func confirmEdits(_ item: inout WorkItem, stage id: String, by actor: String, at now: Date) throws -> WorkChange {
        try requireOpen(item)
        guard let index = item.reviews.firstIndex(where: { $0.stage == id }) else { throw unknownStage(item, id) }
        guard item.reviews[index].status == .edits else {
            throw WorkActionError(.conflict, code: "no_edits", message: "\(item.reviews[index].name) is \(item.reviews[index].status.label.lowercased()); it has no edits to confirm")
        }
        let last = item.reviews[index].rounds.count - 1
        item.reviews[index].rounds[last].editsConfirmedBy = actor
        item.reviews[index].rounds[last].editsConfirmedAt = now
        item.reviews[index].status = .approved
        touch(&item, at: now)
        var change = WorkChange()
        change.events.append(event("work.edits_confirmed", item, by: actor, at: now, ["stage": id, "edits": item.reviews[index].rounds[last].edits.joined(separator: "; ")]))
        change.merge(nextStage(&item, at: now))
        return change
    }

    /// After rework, the creator sends the item back to the stage that rejected it: its next round opens (E6).
    public func resubmitForReview(_ item: inout WorkItem, by actor: String, at now: Date) throws -> WorkChange {
        guard item.status == .rework, let index = item.reviews.firstIndex(where: { $0.status == .rework }) else {
            throw WorkActionError(.conflict, code: "not_in_rework", message: "only an item that needs rework is resubmitted; this one is \(item.status.label.lowercased())")
        }
        item.status = .inReview
        var change = WorkChange()
        change.events.append(event("work.resubmitted", item, by: actor, at: now, ["stage": item.reviews[index].stage]))
        change.merge(openRound(&item, stage: index, at: now))
        return change
    }

    /// The approved item gets its launch date (F3: "scheduled").
    public func schedule(_ item: inout WorkItem, for date: Date, by actor: String, at now: Date) throws -> WorkChange {
        guard [.approved, .scheduled].contains(item.status) else {
            throw WorkActionError(.conflict, code: "not_approved", message: "only approved work is scheduled; this item is \(item.status.label.lowercased())")
        }
        guard date >= now.addingTimeInterval(-3600) else { throw WorkActionError(.invalid, code: "in_the_past", message: "the launch date is in the past; choose today or later") }
        guard date <= now.addingTimeInterval(3 * 366 * 86400) else { throw WorkActionError(.invalid, code: "too_far", message: "the launch date is more than three years away") }
        item.status = .scheduled
        item.scheduledFor = date
        touch(&item, at: now)
        var change = WorkChange()
        change.events.append(event("work.scheduled", item, by: actor, at: now, [
            "for": Timestamp.text(date), "recipients": recipientsOfOutcome(item).joined(separator: ","),
        ], announce: true))
        return change
    }

    /// The work is live; every clock stops.
    public func launch(_ item: inout WorkItem, url: String?, by actor: String, at now: Date) throws -> WorkChange {
        guard [.approved, .scheduled].contains(item.status) else {
            throw WorkActionError(.conflict, code: "not_approved", message: "only approved or scheduled work is launched; this item is \(item.status.label.lowercased())")
        }
        if let url, !url.isEmpty {
            guard BriefValidator.isWebAddress(url) else { throw WorkActionError(.invalid, code: "invalid_url", message: "'\(url)' is not a web address; expected http:// or https://") }
            item.fields["live_url"] = url
        }
        item.status = .launched
        item.launchedAt = now
        touch(&item, at: now)
        var change = WorkChange()
        change.cancelClocks = allClocks(item)
        change.events.append(event("work.launched", item, by: actor, at: now, [
            "url": url ?? "", "on_time": item.deadline.map { now <= $0 ? "yes" : "no" } ?? "", "recipients": recipientsOfOutcome(item).joined(separator: ","),
        ], announce: true))
        return change
    }

    /// Stops work that is no longer wanted, with the reason; every clock stops and the people on it are told.
    public func cancel(_ item: inout WorkItem, because reason: String, by actor: String, at now: Date) throws -> WorkChange {
        guard item.isOpen || item.status == .draft else {
            throw WorkActionError(.conflict, code: "closed", message: "a \(item.status.label.lowercased()) item cannot be cancelled")
        }
        let reason = try limited(reason, "reason")
        guard !reason.isEmpty else { throw WorkActionError(.invalid, code: "reason_required", message: "say why the work is cancelled") }
        item.status = .cancelled
        touch(&item, at: now)
        var change = WorkChange()
        change.cancelClocks = allClocks(item)
        change.events.append(event("work.cancelled", item, by: actor, at: now, [
            "because": reason, "recipients": item.owners.filter { $0 != actor }.joined(separator: ","),
        ], announce: !item.owners.filter { $0 != actor }.isEmpty))
        return change
    }

    /// The failure modes a review may name: those of the item's handoffs, else every asset handoff's.
    public func reviewFailureModes(_ item: WorkItem) -> [String] {
        let own = handoffs(of: item).flatMap(\.failureModes)
        let modes = own.isEmpty ? policy.handoffs.filter { $0.item == .asset }.flatMap(\.failureModes) : own
        return modes.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The people who make the work and answer for rework and edits: every task owner (a review may find fault with
    /// any step's work), else the requester.
    public func creators(_ item: WorkItem) -> [String] {
        let owners = item.owners
        return owners.isEmpty ? [item.requester] : owners
    }

    // MARK: - Helpers

    private func closeRound(_ item: inout WorkItem, stage index: Int, verdict: ReviewVerdict, because: String, at now: Date) -> WorkChange {
        let last = item.reviews[index].rounds.count - 1
        item.reviews[index].rounds[last].result = verdict
        item.reviews[index].rounds[last].resultBecause = because
        item.reviews[index].rounds[last].closedAt = now
        var change = WorkChange()
        change.cancelClocks.insert(item.reviews[index].clock(round: last + 1))
        let stage = item.reviews[index]
        let standing = stage.rounds[last].standing
        let base = ["stage": stage.stage, "round": String(last + 1), "because": because]
        switch verdict {
        case .approve:
            item.reviews[index].status = .approved
            change.events.append(event("work.stage_approved", item, by: "system", at: now, base))
            change.merge(nextStage(&item, at: now))
        case .approveWithEdits:
            let edits = standing.flatMap(\.edits)
            item.reviews[index].rounds[last].edits = edits
            item.reviews[index].status = .edits
            change.events.append(event("work.approved_with_edits", item, by: "system", at: now, base.merging([
                "edits": edits.joined(separator: "; "), "recipients": creators(item).joined(separator: ","),
            ]) { $1 }, announce: true))
        case .reject:
            item.reviews[index].status = .rework
            item.status = .rework
            let reasons = standing.filter { $0.verdict == .reject }.flatMap(\.reasons)
            change.events.append(event("work.needs_rework", item, by: "system", at: now, base.merging([
                "reasons": Array(Set(reasons)).sorted().joined(separator: ","),
                "recipients": Array(Set(creators(item) + [item.requester])).sorted().joined(separator: ","),
            ]) { $1 }, announce: true))
        }
        touch(&item, at: now)
        return change
    }

    private func nextStage(_ item: inout WorkItem, at now: Date) -> WorkChange {
        guard let next = item.reviews.firstIndex(where: { $0.status == .waiting }) else { return approve(&item, at: now) }
        return openRound(&item, stage: next, at: now)
    }

    private func approve(_ item: inout WorkItem, at now: Date) -> WorkChange {
        item.status = .approved
        touch(&item, at: now)
        var change = WorkChange()
        change.events.append(event("work.approved", item, by: "system", at: now, ["recipients": recipientsOfOutcome(item).joined(separator: ",")], announce: true))
        return change
    }

    private func recipientsOfOutcome(_ item: WorkItem) -> [String] { Array(Set([item.requester] + item.owners)).sorted() }

    private func requiredBriefFields(_ item: WorkItem) -> [String] {
        policy.assetType(item.assetType)?.brief.filter(\.required).map(\.id) ?? []
    }

    private func openStage(_ item: WorkItem, _ id: String) throws -> Int {
        guard let index = item.reviews.firstIndex(where: { $0.stage == id }) else { throw unknownStage(item, id) }
        guard item.reviews[index].status == .open else {
            throw WorkActionError(.conflict, code: "stage_not_open", message: "\(item.reviews[index].name) is \(item.reviews[index].status.label.lowercased()), not open for decisions")
        }
        return index
    }

    private func unknownStage(_ item: WorkItem, _ id: String) -> WorkActionError {
        WorkActionError(.invalid, code: "unknown_stage", message: "'\(id)' is not a review stage of this item; expected one of: \(item.reviews.map(\.stage).joined(separator: ", "))")
    }
}
