import Foundation

/// The SLA clocks of work (D2–D5, E5) and what their timers do when they fire.
///
/// A task's response clock runs from the offer until it is accepted or returned: the response SLA of the handoff
/// that brings the work, else the template's `response`. Its completion clock runs from acceptance until it is
/// submitted: the completion SLA of the handoff it hands on at, else the step's days. A rush item runs on the
/// handoffs' rush SLAs. Clocks run on the owner's business calendar; a review round runs on its first reviewer's.
extension WorkWorkflow {
    func startResponseClock(_ item: inout WorkItem, index: Int, at start: Date) -> WorkChange {
        let task = item.tasks[index]
        let incoming = incomingHandoffs(item, task).first
        let allowed = incoming.map { item.rush != nil ? ($0.sla.rush?.response ?? $0.sla.response) : $0.sla.response }
            ?? policy.projectTemplate(for: item.assetType)?.response ?? BusinessDuration(1, .days)
        return startClock(&item, index: index, clock: task.responseClock, from: start, allowed: allowed, escalation: incoming?.sla.escalation ?? []) {
            $0.responseDue = $1
        }
    }

    func startCompletionClock(_ item: inout WorkItem, index: Int, at start: Date) -> WorkChange {
        let task = item.tasks[index]
        let outgoing = task.handoff.flatMap(policy.handoff)
        let days = policy.projectTemplate(for: item.assetType)?.step(task.step)?.days ?? 1
        let allowed = outgoing.flatMap { item.rush != nil ? ($0.sla.rush?.completion ?? $0.sla.completion) : $0.sla.completion }
            ?? BusinessDuration(max(days, 1), .days)
        return startClock(&item, index: index, clock: task.completionClock, from: start, allowed: allowed, escalation: outgoing?.sla.escalation ?? []) {
            $0.completionDue = $1
        }
    }

    private func startClock(
        _ item: inout WorkItem, index: Int, clock: String, from start: Date, allowed: BusinessDuration, escalation: [EscalationLevel],
        record: (inout WorkTask, Date) -> Void
    ) -> WorkChange {
        var change = WorkChange()
        change.cancelClocks.insert(clock)
        let task = item.tasks[index]
        guard let time = planner.time(for: task.owner, role: task.role),
              let plan = SLATimerPlanner(time: time).plan(from: start, allowed: allowed, escalation: escalation, clock: clock)
        else { return change }
        record(&item.tasks[index], plan.deadline)
        change.startTimers = plan.timers
        return change
    }

    /// Every clock the item may have running.
    func allClocks(_ item: WorkItem) -> Set<String> {
        Set(item.tasks.flatMap { [$0.responseClock, $0.completionClock] } + item.reviews.flatMap { stage in stage.rounds.map { stage.clock(round: $0.number) } })
    }

    /// Acts on a due timer: warns the owner at risk, records the breach and tells the owner and their manager,
    /// then runs the handoff's escalation levels (remind, notify the manager or a role, reassign). A review round's
    /// breach tells the reviewers who have not decided and their managers. A timer whose clock has stopped does nothing.
    public func fire(_ timer: PlannedTimer, on item: inout WorkItem, roster: inout WorkRoster, at now: Date) -> WorkChange {
        let parts = timer.clock.split(separator: ":").map(String.init)
        guard parts.count == 3, item.isOpen else { return WorkChange() }
        switch parts[0] {
        case "task": return fireTask(timer, step: parts[1], response: parts[2] == "response", on: &item, roster: &roster, at: now)
        case "review": return fireReview(timer, stage: parts[1], round: Int(parts[2]) ?? 0, on: &item, at: now)
        default: return WorkChange()
        }
    }

    private func fireTask(_ timer: PlannedTimer, step: String, response: Bool, on item: inout WorkItem, roster: inout WorkRoster, at now: Date) -> WorkChange {
        var change = WorkChange()
        guard let index = item.taskIndex(step), item.tasks[index].status == (response ? .offered : .active) else { return change }
        let task = item.tasks[index]
        let owner = task.owner
        let clockName = response ? "response" : "completion"
        let handoff = response ? incomingHandoffs(item, task).first : task.handoff.flatMap(policy.handoff)
        let details = [
            "step": step, "clock": clockName, "due": Timestamp.text(timer.due), "owner": owner ?? "", "late_seconds": String(Int(now.timeIntervalSince(timer.due))),
            "channel": slackChannel(handoff) ?? "",
        ]
        switch timer.kind {
        case .atRisk:
            change.events.append(event("work.sla_at_risk", item, by: "system", at: now, details.merging(["recipients": owner ?? ""]) { $1 }, announce: owner != nil))
        case .breach:
            let recipients = [owner, managerOf(owner)].compactMap { $0 }
            change.events.append(event("work.sla_breached", item, by: "system", at: now, details.merging(["recipients": recipients.joined(separator: ",")]) { $1 }, announce: true))
        case .escalate:
            guard let levels = handoff?.sla.escalation, levels.indices.contains(timer.level) else { return change }
            let level = levels[timer.level]
            let recipients = policy.recipients(of: level, owner: owner)
            var payload = details.merging(["level": String(timer.level), "action": level.action.rawValue, "recipients": recipients.joined(separator: ",")]) { $1 }
            if level.action == .reassign {
                let (next, because) = planner.pickOwner(role: task.role, excluding: Set([owner].compactMap { $0 }), roster: &roster)
                if let next {
                    if let owner { roster.openTasks[owner, default: 1] -= 1 }
                    item.tasks[index].owner = next
                    item.tasks[index].assignedBecause = "\(clockName) SLA breached: escalation level \(timer.level + 1) reassigned it; \(because)"
                    change.merge(response ? startResponseClock(&item, index: index, at: now) : startCompletionClock(&item, index: index, at: now))
                    payload["to"] = next
                    payload["recipients"] = Array(Set(recipients + [next])).sorted().joined(separator: ",")
                    touch(&item, at: now)
                } else {
                    payload["note"] = "nobody else can take it: \(because)"
                }
            }
            change.events.append(event(level.action == .remind ? "work.escalation_reminder" : "work.escalated", item, by: "system", at: now, payload, announce: true))
        case .dispositionDue:
            break
        }
        return change
    }

    private func fireReview(_ timer: PlannedTimer, stage id: String, round: Int, on item: inout WorkItem, at now: Date) -> WorkChange {
        var change = WorkChange()
        guard let stage = item.reviews.first(where: { $0.stage == id }), stage.status == .open, stage.rounds.count == round,
              let current = stage.round else { return change }
        let waiting = stage.reviewers.filter { reviewer in !current.standing.contains { $0.reviewer == reviewer } }
        let details = ["stage": id, "round": String(round), "due": Timestamp.text(timer.due), "waiting_on": waiting.joined(separator: ",")]
        switch timer.kind {
        case .atRisk:
            change.events.append(event("work.review_at_risk", item, by: "system", at: now, details.merging(["recipients": waiting.joined(separator: ",")]) { $1 }, announce: !waiting.isEmpty))
        case .breach:
            let recipients = Array(Set(waiting + waiting.compactMap(managerOf))).sorted()
            change.events.append(event("work.review_breached", item, by: "system", at: now, details.merging(["recipients": recipients.joined(separator: ",")]) { $1 }, announce: true))
        case .escalate, .dispositionDue:
            break
        }
        return change
    }
}
