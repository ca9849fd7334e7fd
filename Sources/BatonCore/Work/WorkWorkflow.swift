import Foundation

/// The marketing work handoff (B1–B4, D2–D5, F1–F3): a request becomes an item with tasks, each task is offered to
/// its owner, accepted or returned at the entry gate, worked, and submitted through the exit gate. Every step is an
/// event with its actor, time and policy version; the ones someone must act on are announced (F3).
///
/// Pure: each action takes the item (and the roster when people are picked) and returns the change to store.
/// Reviews, intake and timers are in the extensions beside this file.
public struct WorkWorkflow: Sendable {
    public let policy: Policy
    public let policyVersion: Int64?
    public let planner: WorkPlanner
    let evaluator: CheckEvaluator

    public init(policy: Policy, policyVersion: Int64?) {
        self.policy = policy
        self.policyVersion = policyVersion
        planner = WorkPlanner(policy: policy, times: policy.businessTimeByPerson())
        evaluator = CheckEvaluator(library: policy.checkLibrary, checks: policy.handoffs.flatMap { $0.entry + $0.exit })
    }

    // MARK: - Gates

    /// The gate a task stands at now: the entry checks of the handoffs that bring it work while it is offered (DoR),
    /// the exit checks of its own handoff while it is worked (DoD); nil when it stands at none.
    public func gate(_ item: WorkItem, step: String) -> WorkGate? {
        guard let task = item.task(step) else { return nil }
        switch task.status {
        case .offered:
            let incoming = incomingHandoffs(item, task)
            let checks = incoming.flatMap(\.entry)
            return WorkGate(step: step, side: .entry, handoffs: incoming.map(\.id), results: evaluate(checks, on: item), bypass: bypass(item, step, .entry))
        case .active:
            guard let handoff = task.handoff.flatMap(policy.handoff) else { return nil }
            return WorkGate(step: step, side: .exit, handoffs: [handoff.id], results: evaluate(handoff.exit, on: item), bypass: bypass(item, step, .exit))
        default:
            return nil
        }
    }

    /// Evaluates checks on the item's fields (list fields hold one item per line) and its sign-offs.
    public func evaluate(_ checks: [Check], on item: WorkItem) -> [CheckResult] {
        var signOffs: [String: String] = [:]
        for signOff in item.signOffs { signOffs[signOff.field] = "\(name(signOff.person)) (\(signOff.role))" }
        return evaluator.evaluate(checks, values: item.fields, signOffs: signOffs)
    }

    /// The handoffs whose work a task receives: those of the steps it waits for.
    func incomingHandoffs(_ item: WorkItem, _ task: WorkTask) -> [Handoff] {
        task.after.compactMap { item.task($0)?.handoff }.compactMap(policy.handoff)
    }

    private func bypass(_ item: WorkItem, _ step: String, _ side: WorkGate.Side) -> WorkException? {
        item.bypasses.last { $0.step == step && $0.gate == side.rawValue }
    }

    // MARK: - Handoffs

    /// The owner takes the work (or, for a first step, the brief): the entry checks must pass unless bypassed (B3).
    public func accept(_ item: inout WorkItem, step: String, by actor: String, at now: Date) throws -> WorkChange {
        try requireOpen(item)
        let index = try taskIndex(item, step)
        guard item.tasks[index].status == .offered else {
            throw WorkActionError(.conflict, code: "not_offered", message: "\(item.tasks[index].name) is \(item.tasks[index].status.label.lowercased()); only work waiting to be accepted can be accepted")
        }
        var change = WorkChange()
        if let gate = gate(item, step: step), !gate.passes {
            change.events.append(gateFailed(item, gate, action: "accept", by: actor, at: now))
            change.refusal = gate.refusal(action: "Accepting")
            return change
        }
        let isBrief = item.tasks[index].after.isEmpty
        item.tasks[index].status = .active
        item.tasks[index].acceptedAt = now
        for earlier in item.tasks[index].after {
            guard let other = item.taskIndex(earlier), item.tasks[other].status == .submitted else { continue }
            item.tasks[other].status = .done
            item.tasks[other].doneAt = now
        }
        if item.status == .requested, !item.tasks.contains(where: { $0.after.isEmpty && $0.status == .offered }) { item.status = .inProgress }
        change.cancelClocks.insert(item.tasks[index].responseClock)
        change.merge(startCompletionClock(&item, index: index, at: now))
        touch(&item, at: now)
        let task = item.tasks[index]
        change.events.append(event(isBrief ? "work.brief_accepted" : "work.accepted", item, by: actor, at: now, [
            "step": step, "owner": task.owner ?? "", "handoffs": incomingHandoffs(item, task).map(\.id).joined(separator: ","),
            "within_sla": task.responseDue.map { now <= $0 ? "yes" : "no" } ?? "",
        ]))
        change.events.append(event("work.task_started", item, by: actor, at: now, ["step": step, "due": task.completionDue.map(Timestamp.text) ?? ""]))
        return change
    }

    /// The owner hands the work back with failure modes as defect tags and a note (A3); the senders work again.
    /// A first step returns the brief to the requester.
    public func returnWork(_ item: inout WorkItem, step: String, failureModes: [String], note: String, by actor: String, at now: Date) throws -> WorkChange {
        try requireOpen(item)
        let index = try taskIndex(item, step)
        guard item.tasks[index].status == .offered else {
            throw WorkActionError(.conflict, code: "not_offered", message: "\(item.tasks[index].name) is \(item.tasks[index].status.label.lowercased()); only work waiting to be accepted can be returned")
        }
        let allowed = self.failureModes(forReturnAt: item.tasks[index], in: item)
        guard !failureModes.isEmpty else {
            throw WorkActionError(.invalid, code: "failure_mode_required", message: "name at least one failure mode; expected any of: \(allowed.joined(separator: ", "))")
        }
        if let unknown = failureModes.first(where: { !allowed.contains($0) }) {
            throw WorkActionError(.invalid, code: "unknown_failure_mode", message: "'\(unknown)' is not a failure mode of this handoff; expected any of: \(allowed.joined(separator: ", "))")
        }
        let note = try limited(note, "note")
        guard !note.isEmpty else { throw WorkActionError(.invalid, code: "note_required", message: "say what is missing or wrong in a note") }
        let record = HandoffReturn(by: step, person: actor, at: now, failureModes: failureModes, note: note)
        var change = WorkChange()
        change.cancelClocks.insert(item.tasks[index].responseClock)
        let senders = item.tasks[index].after
        if senders.isEmpty {
            item.tasks[index].returns.append(record)
            item.tasks[index].status = .waiting
            item.status = .briefReturned
            touch(&item, at: now)
            change.events.append(event("work.brief_returned", item, by: actor, at: now, [
                "step": step, "failure_modes": failureModes.joined(separator: ","), "note": note, "recipients": item.requester,
            ], announce: true))
            return change
        }
        item.tasks[index].status = .waiting
        // Back to the senders whose work fails its entry checks; when the checks all pass, back to every sender.
        let failing = senders.filter { earlier in
            guard let handoff = item.task(earlier)?.handoff.flatMap(policy.handoff) else { return false }
            return !evaluate(handoff.entry, on: item).allSatisfy(\.passed)
        }
        var recipients: [String] = []
        for earlier in failing.isEmpty ? senders : failing {
            guard let other = item.taskIndex(earlier), item.tasks[other].status == .submitted else { continue }
            item.tasks[other].status = .active
            item.tasks[other].returns.append(record)
            recipients += [item.tasks[other].owner].compactMap { $0 }
            change.merge(startCompletionClock(&item, index: other, at: now))
        }
        touch(&item, at: now)
        let incoming = incomingHandoffs(item, item.tasks[index])
        change.events.append(event("work.returned", item, by: actor, at: now, [
            "step": step, "handoffs": incoming.map(\.id).joined(separator: ","), "failure_modes": failureModes.joined(separator: ","), "note": note,
            "recipients": recipients.joined(separator: ","), "channel": slackChannel(incoming.first) ?? "",
        ], announce: true))
        return change
    }

    /// The failure modes a return may name: those of the handoffs that brought the work, or for a brief those of
    /// the item's own handoffs (else every asset handoff's).
    public func failureModes(forReturnAt task: WorkTask, in item: WorkItem) -> [String] {
        let incoming = incomingHandoffs(item, task)
        let own = handoffs(of: item).flatMap(\.failureModes)
        let modes = !incoming.isEmpty ? incoming.flatMap(\.failureModes) : !own.isEmpty ? own : policy.handoffs.filter { $0.item == .asset }.flatMap(\.failureModes)
        return modes.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The owner delivers: the exit checks of the step's handoff must pass unless bypassed (B3). The steps that wait
    /// for it are offered to their owners; when the last step is done, the reviews begin.
    public func submit(_ item: inout WorkItem, step: String, by actor: String, at now: Date) throws -> WorkChange {
        try requireOpen(item)
        let index = try taskIndex(item, step)
        guard item.tasks[index].status == .active else {
            throw WorkActionError(.conflict, code: "not_active", message: "\(item.tasks[index].name) is \(item.tasks[index].status.label.lowercased()); only work in progress can be submitted")
        }
        var change = WorkChange()
        if let gate = gate(item, step: step), !gate.passes {
            change.events.append(gateFailed(item, gate, action: "submit", by: actor, at: now))
            change.refusal = gate.refusal(action: "Submitting")
            return change
        }
        let handoff = item.tasks[index].handoff.flatMap(policy.handoff)
        item.tasks[index].submittedAt = now
        item.tasks[index].status = handoff == nil ? .done : .submitted
        if handoff == nil { item.tasks[index].doneAt = now }
        change.cancelClocks.insert(item.tasks[index].completionClock)
        touch(&item, at: now)
        let task = item.tasks[index]
        change.events.append(event("work.submitted", item, by: actor, at: now, [
            "step": step, "handoff": handoff?.id ?? "", "within_sla": task.completionDue.map { now <= $0 ? "yes" : "no" } ?? "",
        ]))
        change.merge(offerReadyTasks(&item, by: actor, at: now))
        if item.tasks.allSatisfy({ $0.status == .done }) { change.merge(startReviews(&item, at: now)) }
        return change
    }

    /// Offers every waiting task whose earlier steps are all handed over or done.
    func offerReadyTasks(_ item: inout WorkItem, by actor: String, at now: Date) -> WorkChange {
        var change = WorkChange()
        for index in item.tasks.indices where item.tasks[index].status == .waiting {
            let ready = item.tasks[index].after.allSatisfy { id in item.task(id).map { [.submitted, .done].contains($0.status) } ?? true }
            if ready { change.merge(offer(&item, index: index, by: actor, at: now)) }
        }
        return change
    }

    /// Hands a task to its owner and starts the response clock.
    func offer(_ item: inout WorkItem, index: Int, by actor: String, at now: Date) -> WorkChange {
        item.tasks[index].status = .offered
        item.tasks[index].offeredAt = now
        var change = startResponseClock(&item, index: index, at: now)
        let task = item.tasks[index]
        let incoming = incomingHandoffs(item, task)
        change.events.append(event("work.offered", item, by: actor, at: now, [
            "step": task.step, "owner": task.owner ?? "", "handoffs": incoming.map(\.id).joined(separator: ","),
            "due": task.responseDue.map(Timestamp.text) ?? "", "recipients": task.owner ?? opsPeople.joined(separator: ","),
            "channel": slackChannel(incoming.first) ?? "",
        ], announce: true))
        return change
    }

    /// Gives a task to another holder of its role (a lead or ops moving work, or an owner who is away): their clock
    /// starts afresh on their calendar, and both people are told.
    public func reassignTask(
        _ item: inout WorkItem, step: String, to person: String, because reason: String, by actor: String, roster: inout WorkRoster, at now: Date
    ) throws -> WorkChange {
        try requireOpen(item)
        let index = try taskIndex(item, step)
        let task = item.tasks[index]
        guard [.waiting, .offered, .active].contains(task.status) else {
            throw WorkActionError(.conflict, code: "task_closed", message: "\(task.name) is \(task.status.label.lowercased()); only work not yet handed over moves")
        }
        guard holds(person, role: task.role) else {
            let holders = policy.holders(of: task.role).map(\.id)
            throw WorkActionError(.invalid, code: "not_in_role", message: "'\(person)' is not a \(policy.role(task.role)?.name.lowercased() ?? task.role); expected one of: \(holders.joined(separator: ", "))")
        }
        guard person != task.owner else { throw WorkActionError(.conflict, code: "same_owner", message: "\(task.name) already belongs to \(name(person))") }
        let reason = try limited(reason, "reason")
        if let previous = task.owner { roster.openTasks[previous, default: 1] -= 1 }
        roster.openTasks[person, default: 0] += 1
        item.tasks[index].owner = person
        item.tasks[index].assignedBecause = "given to \(name(person)) by \(name(actor)): \(reason)"
        var change = WorkChange()
        switch task.status {
        case .offered: change.merge(startResponseClock(&item, index: index, at: now))
        case .active: change.merge(startCompletionClock(&item, index: index, at: now))
        default: break
        }
        touch(&item, at: now)
        change.events.append(event("work.reassigned", item, by: actor, at: now, [
            "step": step, "from": task.owner ?? "", "to": person, "because": reason,
            "recipients": Array(Set([person] + [task.owner].compactMap { $0 })).sorted().joined(separator: ","),
        ], announce: true))
        return change
    }

    /// Records the sign-off a `checkbox` check with a role needs; the signer must hold that role (B1).
    public func signOff(_ item: inout WorkItem, field: String, by actor: String, at now: Date) throws -> WorkChange {
        try requireOpen(item)
        let roles = signOffRoles(item)[field] ?? []
        guard !roles.isEmpty else {
            throw WorkActionError(.invalid, code: "no_sign_off", message: "no check of this item needs a sign-off on '\(field)'")
        }
        guard let role = roles.first(where: { holds(actor, role: $0) }) else {
            let who = roles.flatMap { policy.holders(of: $0).map(\.name) }.joined(separator: " or ")
            throw WorkActionError(.forbidden, code: "not_signer", message: "\(field) needs the sign-off of \(who.isEmpty ? "a role nobody holds" : who)")
        }
        try requireIndependent(actor, role: role, item: item, field: field)
        guard item.signOffs.first(where: { $0.field == field }) == nil else {
            throw WorkActionError(.conflict, code: "already_signed", message: "\(field) is already signed off")
        }
        item.signOffs.append(SignOff(field: field, role: role, person: actor, at: now))
        item.fields[field] = "yes"
        touch(&item, at: now)
        var change = WorkChange()
        change.events.append(event("work.signed_off", item, by: actor, at: now, ["field": field, "role": role]))
        return change
    }

    /// Field → the roles whose sign-off a check of the item's handoffs needs on it.
    public func signOffRoles(_ item: WorkItem) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for check in policy.expanded(handoffs(of: item).flatMap { $0.entry + $0.exit }) {
            if case .checkbox(let field, let role?) = check.kind { result[field, default: []].append(role) }
        }
        return result
    }

    /// Passes the gate a task stands at despite failing checks (B4): a written trade-off and the sign-off of the
    /// role the handoff names. Recorded on the item, shown, counted, and announced to the handoff's accountable role.
    public func bypass(_ item: inout WorkItem, step: String, tradeoff: String, by actor: String, at now: Date) throws -> WorkChange {
        try requireOpen(item)
        _ = try taskIndex(item, step)
        guard let gate = gate(item, step: step) else {
            throw WorkActionError(.conflict, code: "no_gate", message: "\(item.task(step)?.name ?? step) stands at no gate now")
        }
        guard !gate.passes else { throw WorkActionError(.conflict, code: "gate_passes", message: "every check of this gate passes; there is nothing to bypass") }
        let tradeoff = try limited(tradeoff, "trade-off")
        guard !tradeoff.isEmpty else {
            throw WorkActionError(.invalid, code: "tradeoff_required", message: "write the trade-off: what slips because this gate is bypassed")
        }
        let handoff = gate.handoffs.first.flatMap(policy.handoff)
        let role = handoff?.bypassSignOff
        guard let role, holds(actor, role: role) else {
            let who = role.map { policy.role($0)?.name ?? $0 } ?? "nobody (the handoff names no bypass_sign_off role)"
            throw WorkActionError(.forbidden, code: "not_signer", message: "a bypass of this gate needs the sign-off of: \(who)")
        }
        try requireIndependent(actor, role: role, item: item, step: step)
        let failed = gate.results.filter { !$0.passed }.map(\.label)
        item.bypasses.append(WorkException(kind: .bypass, step: step, gate: gate.side.rawValue, checks: failed, tradeoff: tradeoff, signedOffBy: actor, role: role, at: now))
        touch(&item, at: now)
        var change = WorkChange()
        let accountable = (handoff?.raci.accountable ?? []).flatMap { policy.holders(of: $0).map(\.id) }
        change.events.append(event("work.bypassed", item, by: actor, at: now, [
            "step": step, "gate": gate.side.rawValue, "handoff": handoff?.id ?? "", "checks": failed.joined(separator: "; "), "tradeoff": tradeoff,
            "recipients": Array(Set(accountable + [item.requester])).sorted().joined(separator: ","),
        ], announce: true))
        return change
    }

    /// Fills in fields the roles add along the way (handoff fields, C4 templates); links must be http or https. The
    /// brief itself changes only through `editBrief`, by its requester.
    public func updateFields(_ item: inout WorkItem, _ values: [String: String], by actor: String, at now: Date) throws -> WorkChange {
        try requireOpen(item)
        let allowed = Set(workFields(item))
        var problems: [String] = []
        var cleaned: [String: String] = [:]
        for (field, value) in values.sorted(by: { $0.key < $1.key }) {
            // A matrix line still ending at its colon has no copy yet: it is not written.
            let lines = BriefValidator.items(value).filter { !(field.hasSuffix("_matrix") && $0.hasSuffix(":")) }
            let text = lines.joined(separator: "\n")
            if !allowed.contains(field) {
                problems.append("\(field): is not a field the roles fill in; expected one of: \(allowed.sorted().joined(separator: ", "))")
            } else if Self.isLinkField(field), !text.isEmpty, !BriefValidator.isWebAddress(text) {
                problems.append("\(field): '\(text.prefix(200))' is not a web address; expected http:// or https://")
            } else if text.count > Self.longestText {
                problems.append("\(field): holds at most \(Self.longestText) characters")
            }
            cleaned[field] = text
        }
        guard problems.isEmpty else {
            throw WorkActionError(.invalid, code: "invalid_fields", message: "\(problems.count) field\(problems.count == 1 ? " is" : "s are") wrong", details: problems)
        }
        var changed: [String] = []
        for (field, text) in cleaned where item.fields[field, default: ""] != text {
            changed.append(field)
            item.fields[field] = text.isEmpty ? nil : text
        }
        var change = WorkChange()
        guard !changed.isEmpty else { return change }
        touch(&item, at: now)
        change.events.append(event("work.fields_updated", item, by: actor, at: now, ["fields": changed.sorted().joined(separator: ",")]))
        return change
    }

    /// The longest text a field, note, reason or edit holds.
    public static let longestText = 5_000

    /// A note or reason as given, refused when longer than `longestText`.
    func limited(_ text: String, _ what: String) throws -> String {
        let text = text.trimmedWhitespace
        guard text.count <= Self.longestText else {
            throw WorkActionError(.invalid, code: "too_long", message: "the \(what) holds at most \(Self.longestText) characters")
        }
        return text
    }

    /// The fields the roles fill in: every field of the handoffs the item crosses.
    public func workFields(_ item: WorkItem) -> [String] {
        var fields: [String] = []
        for handoff in handoffs(of: item) { for field in handoff.fields where !fields.contains(field) { fields.append(field) } }
        return fields
    }

    /// A field holding a link (an artifact): its id ends in `_link`, `_url`, `_doc` or `_sheet`.
    public static func isLinkField(_ field: String) -> Bool {
        ["_link", "_url", "_doc", "_sheet"].contains { field.hasSuffix($0) }
    }

    /// A comment on the item's thread (D1); comments notify nobody (F3).
    public func comment(_ item: inout WorkItem, text: String, by actor: String, at now: Date) throws -> WorkChange {
        let text = try limited(text, "comment")
        guard !text.isEmpty else { throw WorkActionError(.invalid, code: "empty_comment", message: "write something to comment") }
        touch(&item, at: now)
        var change = WorkChange()
        change.events.append(event("work.comment", item, by: actor, at: now, ["text": text]))
        return change
    }

    // MARK: - Helpers

    /// Launched, cancelled and draft items take no steps (409).
    func requireOpen(_ item: WorkItem) throws {
        guard item.isOpen else {
            throw WorkActionError(.conflict, code: "closed", message: "a \(item.status.label.lowercased()) item takes no further steps")
        }
    }

    /// Nobody signs off their own step's work while another holder of the role could: the owner of the step that
    /// hands on (or receives) at a check is refused when a colleague holds the role too.
    func requireIndependent(_ actor: String, role: String, item: WorkItem, field: String? = nil, step: String? = nil) throws {
        let steps = step.map { [$0] } ?? item.tasks.filter { task in
            guard let handoff = task.handoff.flatMap(policy.handoff) else { return false }
            return policy.reads(handoff.entry + handoff.exit, field: field ?? "")
        }.map(\.step)
        let own = steps.contains { item.task($0)?.owner == actor }
        let others = policy.holders(of: role).map(\.id).filter { $0 != actor }
        guard !own || others.isEmpty else {
            throw WorkActionError(
                .forbidden, code: "own_work", message: "you made this step's work; the sign-off is for another \(policy.role(role)?.name.lowercased() ?? role): \(others.compactMap { policy.person($0)?.name }.joined(separator: " or "))")
        }
    }

    /// The handoffs the item's steps hand on at, in step order.
    public func handoffs(of item: WorkItem) -> [Handoff] {
        var seen: Set<String> = []
        return item.tasks.compactMap(\.handoff).filter { seen.insert($0).inserted }.compactMap(policy.handoff)
    }

    func taskIndex(_ item: WorkItem, _ step: String) throws -> Int {
        guard let index = item.taskIndex(step) else {
            throw WorkActionError(.invalid, code: "unknown_step", message: "'\(step)' is not a step of this item; expected one of: \(item.tasks.map(\.step).joined(separator: ", "))")
        }
        return index
    }

    /// Whether the person holds the role.
    public func holds(_ person: String, role: String) -> Bool { policy.person(person)?.roles.contains(role) ?? false }

    func name(_ person: String) -> String { policy.person(person)?.name ?? person }

    func managerOf(_ person: String?) -> String? { person.flatMap { policy.person($0)?.manager } }

    var opsPeople: [String] { policy.people.filter { $0.access == .ops }.map(\.id) }

    /// The Slack channel of a handoff, when it talks on Slack.
    func slackChannel(_ handoff: Handoff?) -> String? {
        guard let handoff, handoff.channel.kind == .slack else { return nil }
        return handoff.channel.target
    }

    func touch(_ item: inout WorkItem, at now: Date) {
        item.updatedAt = now
        item.revision += 1
    }

    func gateFailed(_ item: WorkItem, _ gate: WorkGate, action: String, by actor: String, at now: Date) -> NewEvent {
        let failed = gate.results.filter { !$0.passed }
        return event("work.gate_failed", item, by: actor, at: now, [
            "step": gate.step, "gate": gate.side.rawValue, "action": action, "handoffs": gate.handoffs.joined(separator: ","),
            "failed": failed.map { "\($0.label): \($0.reason)" }.joined(separator: "; "), "passed": String(gate.results.count - failed.count),
            "total": String(gate.results.count),
        ])
    }

    func event(_ type: String, _ item: WorkItem, by actor: String, at: Date, _ payload: [String: String] = [:], announce: Bool = false) -> NewEvent {
        NewEvent(type: type, subject: item.subject, actor: actor, at: at, policyVersion: policyVersion, payload: payload, announce: announce ? ["notifications"] : [])
    }
}

/// The checks a task must pass at one side of a handoff, evaluated now, and a bypass if one was signed off.
public struct WorkGate: Sendable, Equatable {
    public enum Side: String, Sendable, Equatable {
        /// Definition of Ready: the receiver accepts on it.
        case entry
        /// Definition of Done: the sender submits on it.
        case exit
    }

    public var step: String
    public var side: Side
    public var handoffs: [String]
    public var results: [CheckResult]
    public var bypass: WorkException?

    /// Every check passes, or the failing ones were bypassed with a sign-off.
    public var passes: Bool { results.allSatisfy(\.passed) || bypass != nil }

    /// The answer to a blocked action: each failed check and why (B3).
    func refusal(action: String) -> WorkActionError {
        let failed = results.filter { !$0.passed }
        let name = side == .entry ? "entry checks (Definition of Ready)" : "exit checks (Definition of Done)"
        return WorkActionError(
            .gate, code: "gate_failed", message: "\(action) is blocked: \(failed.count) of \(results.count) \(name) fail",
            details: failed.map { "\($0.label): \($0.reason)" })
    }
}
