import Foundation

/// The asset-side KPIs (G1) of one item, as scorecard observations. The item holds the time of every step (offered,
/// accepted, returned, handed over, each review round, launch), so they are read from it; `docs/metrics.md` gives
/// each definition and the date that places it in a week.
extension WorkItem {
    public func observations(asOf now: Date) -> [Observation] {
        guard status != .draft else { return [] }
        return briefObservation() + gateObservations() + cycleTimes() + reworkObservation() + onTimeObservation() + clockObservations(asOf: now)
    }

    private var me: Observation.Subject { .work(id) }

    /// The brief (the first step's intake) accepted at the first pass, or returned; dated by the first decision.
    private func briefObservation() -> [Observation] {
        guard let brief = tasks.first(where: { $0.after.isEmpty }) else { return [] }
        // The first step's own returns are the brief's; the others on it are later steps sending its work back.
        if let first = returns(by: brief.step).first {
            return [Observation(.briefCompliance, me, at: first.at, hit: false, reasons: first.failureModes)]
        }
        return brief.acceptedAt.map { [Observation(.briefCompliance, me, at: $0, hit: true)] } ?? []
    }

    /// Each gate decision (a task accepted, or returned with its failure modes) and each gate passed (accepted,
    /// or handed over at a handoff), with the bypasses among them.
    private func gateObservations() -> [Observation] {
        var result: [Observation] = []
        for task in tasks {
            for handedBack in returns(by: task.step) {
                result.append(Observation(.gateReturns, me, at: handedBack.at, hit: true, group: task.name, reasons: handedBack.failureModes))
            }
            if let accepted = task.acceptedAt {
                result.append(Observation(.gateReturns, me, at: accepted, hit: false, group: task.name))
                if !task.after.isEmpty { result.append(gatePass(task, "entry", at: accepted)) }
            }
            if let submitted = task.submittedAt, task.handoff != nil { result.append(gatePass(task, "exit", at: submitted)) }
        }
        return result
    }

    private func gatePass(_ task: WorkTask, _ gate: String, at: Date) -> Observation {
        let bypassed = bypasses.contains { $0.step == task.step && $0.gate == gate }
        return Observation(.bypasses, me, at: at, hit: bypassed, group: task.name, reasons: bypassed ? ["\(task.name) (\(gate) gate)"] : [])
    }

    /// The returns a step made: a first step's are kept on itself (the brief went back), a later step's on the
    /// steps it sent back to (once per return, though it may reach several senders).
    private func returns(by step: String) -> [HandoffReturn] {
        var seen: Set<Date> = []
        return tasks.flatMap(\.returns).filter { $0.by == step && seen.insert($0.at).inserted }.sorted { $0.at < $1.at }
    }

    /// Offered → handed over per task, and first round opened → approved per review stage, in hours; dated by the end.
    private func cycleTimes() -> [Observation] {
        let taskTimes = tasks.compactMap { task -> Observation? in
            guard let start = task.offeredAt, let end = task.submittedAt, end >= start else { return nil }
            return Observation(.cycleTime, me, at: end, value: end.timeIntervalSince(start) / 3600, group: task.name)
        }
        let reviewTimes = reviews.compactMap { stage -> Observation? in
            guard stage.status == .approved, let start = stage.rounds.first?.openedAt, let end = stage.approvedAt else { return nil }
            return Observation(.cycleTime, me, at: end, value: max(end.timeIntervalSince(start), 0) / 3600, group: "\(stage.name) (review)")
        }
        return taskTimes + reviewTimes
    }

    /// Review rounds after the first, once every review stage approved the item; dated by the last approval.
    private func reworkObservation() -> [Observation] {
        guard !reviews.isEmpty, reviews.allSatisfy({ $0.status == .approved }), let done = reviews.compactMap(\.approvedAt).max() else { return [] }
        return [Observation(.reworkRounds, me, at: done, value: Double(reworkRounds))]
    }

    /// Launched by the deadline; dated by the launch.
    private func onTimeObservation() -> [Observation] {
        guard let launchedAt, let deadline else { return [] }
        return [Observation(.onTimeDelivery, me, at: launchedAt, hit: launchedAt <= deadline)]
    }

    /// Each SLA clock that stopped (dated when it stopped: met if by its deadline) or runs past its deadline as of
    /// `now` (dated by the deadline: missed). A task keeps its last clock of each kind.
    private func clockObservations(asOf now: Date) -> [Observation] {
        var result: [Observation] = []
        func clock(_ group: String, due: Date?, stopped: Date?, running: Bool) {
            guard let due else { return }
            if let stopped, !running {
                result.append(Observation(.slaCompliance, me, at: stopped, hit: stopped <= due, group: group))
            } else if running, isOpen, due < now {
                result.append(Observation(.slaCompliance, me, at: due, hit: false, group: group))
            }
        }
        for task in tasks {
            let answered = task.acceptedAt ?? returns(by: task.step).last.map(\.at)
            clock("Task response", due: task.responseDue, stopped: answered, running: task.status == .offered)
            clock("Task completion", due: task.completionDue, stopped: task.submittedAt, running: task.status == .active)
        }
        for stage in reviews {
            for round in stage.rounds {
                clock("Review round", due: round.due, stopped: round.closedAt, running: round.closedAt == nil && stage.status == .open)
            }
        }
        return result
    }
}

extension ReviewStageRun {
    /// When the stage approved the item: its last round closed, or its edits were confirmed.
    public var approvedAt: Date? {
        guard status == .approved, let last = rounds.last else { return nil }
        return last.editsConfirmedAt ?? last.closedAt
    }
}
