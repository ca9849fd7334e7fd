import Foundation

/// A request for work as the brief form or the API sends it (F1).
public struct WorkRequest: Sendable, Equatable {
    public var assetType: String
    public var fields: [String: String]
    /// A name given by hand, checked against the naming convention; nil to generate one (C3).
    public var name: String?
    /// The trade-off of a rush (what slips); nil for normal work (D5).
    public var rush: String?
    /// Save as a draft to finish later: required fields may be missing.
    public var draft: Bool

    public init(assetType: String, fields: [String: String], name: String? = nil, rush: String? = nil, draft: Bool = false) {
        self.assetType = assetType
        self.fields = fields
        self.name = name
        self.rush = rush
        self.draft = draft
    }
}

extension WorkWorkflow {
    /// Every mistake of a request, by field: the brief's (C1, C2), the name's (C3) and the rush's; given `now`, a
    /// date of the brief must lie between yesterday and three years from now.
    public func problems(_ request: WorkRequest, at now: Date? = nil) -> [FieldProblem] {
        guard let asset = policy.assetType(request.assetType) else {
            return [FieldProblem(field: "asset_type", message: "'\(request.assetType)' is not an asset type; expected one of: \(policy.assetTypes.map(\.id).joined(separator: ", "))")]
        }
        var problems = BriefValidator(policy: policy).check(asset, values: request.fields, draft: request.draft).problems
        if policy.projectTemplate(for: asset.id) == nil {
            problems.append(FieldProblem(field: "asset_type", message: "the policy has no project template for \(asset.name.lowercased()); add one under project_templates"))
        }
        if let name = request.name?.trimmedWhitespace, !name.isEmpty, let problem = AssetName(policy: policy)?.problem(with: name) {
            problems.append(FieldProblem(field: "name", message: problem))
        }
        if let now {
            let earliest = String(Timestamp.text(now.addingTimeInterval(-86400)).prefix(10)), latest = String(Timestamp.text(now.addingTimeInterval(3 * 366 * 86400)).prefix(10))
            for field in asset.brief where field.type == .date {
                guard let value = request.fields[field.id]?.trimmedWhitespace, BriefValidator.isDate(value) else { continue }
                if value < earliest { problems.append(FieldProblem(field: field.id, message: "\(value) is in the past")) }
                if value > latest { problems.append(FieldProblem(field: field.id, message: "\(value) is more than three years away")) }
            }
        }
        if let rush = request.rush, rush.trimmedWhitespace.isEmpty {
            problems.append(FieldProblem(field: "rush", message: "a rush needs its trade-off: what slips because of it"))
        }
        return problems
    }

    /// Creates an item from a request that has no problems: a draft, or a requested item with its tasks, owners and
    /// plan, its first steps offered. A requester who holds the rush sign-off role grants their own rush.
    public func create(_ request: WorkRequest, id: Int64, by actor: String, roster: inout WorkRoster, at now: Date) throws -> (WorkItem, WorkChange) {
        let problems = problems(request, at: now)
        guard problems.isEmpty, let asset = policy.assetType(request.assetType) else {
            throw WorkActionError(.invalid, code: "invalid_brief", message: "the brief has \(problems.count) mistake\(problems.count == 1 ? "" : "s")", details: problems.map(\.description))
        }
        let values = BriefValidator(policy: policy).check(asset, values: request.fields, draft: request.draft).values
        var item = WorkItem(id: id, assetType: asset.id, name: "", requester: actor, status: .draft, fields: values, deadline: nil, createdAt: now, policyVersion: policyVersion)
        item.name = itemName(request.name, asset: asset, fields: values, at: now, requester: actor)
        item.rushRequested = request.rush?.trimmedWhitespace
        var change = WorkChange()
        if request.draft {
            change.events.append(event("work.draft_saved", item, by: actor, at: now, ["asset_type": asset.id, "name": item.name]))
            return (item, change)
        }
        change.merge(start(&item, by: actor, roster: &roster, at: now))
        return (item, change)
    }

    /// Changes the brief of a draft, or of an item whose brief came back; `submit` sends a draft on, or the returned
    /// brief back to the first step's owner. While the work runs (before review, or in rework after a rejection) the
    /// brief can be amended too: the item keeps its place, and its deadline follows the brief's.
    public func editBrief(_ item: inout WorkItem, _ request: WorkRequest, submit: Bool, by actor: String, roster: inout WorkRoster, at now: Date) throws -> WorkChange {
        let amending = [.requested, .inProgress, .rework].contains(item.status)
        guard [.draft, .briefReturned].contains(item.status) || amending else {
            throw WorkActionError(.conflict, code: "brief_locked", message: "the brief of a \(item.status.label.lowercased()) item cannot change; comment on the item instead")
        }
        var request = request
        request.assetType = item.assetType
        request.draft = !submit && !amending
        // The name as it stands (made from the draft's fields) is made again from the new ones; only a changed name is checked.
        if request.name == item.name { request.name = nil }
        let problems = problems(request, at: now)
        guard problems.isEmpty, let asset = policy.assetType(item.assetType) else {
            throw WorkActionError(.invalid, code: "invalid_brief", message: "the brief has \(problems.count) mistake\(problems.count == 1 ? "" : "s")", details: problems.map(\.description))
        }
        let values = BriefValidator(policy: policy).check(asset, values: request.fields, draft: request.draft).values
        let briefFields = Set(asset.brief.map(\.id))
        if amending {
            let changed = briefFields.filter { item.fields[$0] != values[$0] }.sorted()
            guard !changed.isEmpty else { return WorkChange() }
            item.fields = item.fields.filter { !briefFields.contains($0.key) }.merging(values) { $1 }
            item.deadline = item.fields["deadline"].flatMap { planner.time(for: item.requester, role: nil)?.closeOfBusiness(onISODate: $0) } ?? item.deadline
            touch(&item, at: now)
            var change = WorkChange()
            change.events.append(event("work.brief_amended", item, by: actor, at: now, ["fields": changed.joined(separator: ",")]))
            return change
        }
        item.fields = item.fields.filter { !briefFields.contains($0.key) }.merging(values) { $1 }
        item.name = itemName(request.name, asset: asset, fields: item.fields, at: now, requester: item.requester)
        if let rush = request.rush?.trimmedWhitespace, item.rush == nil { item.rushRequested = rush }
        touch(&item, at: now)
        var change = WorkChange()
        change.events.append(event("work.brief_edited", item, by: actor, at: now, ["name": item.name]))
        guard submit else { return change }
        if item.status == .draft {
            change.merge(start(&item, by: actor, roster: &roster, at: now))
        } else {
            // Back to the first step's owner; work another first step already began goes on.
            item.status = item.tasks.contains { $0.acceptedAt != nil } ? .inProgress : .requested
            change.merge(offerReadyTasks(&item, by: actor, at: now))
        }
        return change
    }

    /// Grants the rush an item asked for: the signer holds the template's `rush_sign_off` role (D5, B4). Clocks that
    /// are running restart on the rush SLAs from when they started.
    public func signOffRush(_ item: inout WorkItem, by actor: String, at now: Date) throws -> WorkChange {
        try requireOpen(item)
        guard let tradeoff = item.rushRequested, item.rush == nil else {
            throw WorkActionError(.conflict, code: "no_rush_requested", message: item.rush == nil ? "this item did not ask for a rush" : "the rush is already signed off")
        }
        let role = policy.projectTemplate(for: item.assetType)?.rushSignOff
        guard let role, holds(actor, role: role) else {
            let who = role.map { policy.role($0)?.name ?? $0 } ?? "nobody (the template names no rush_sign_off role)"
            throw WorkActionError(.forbidden, code: "not_signer", message: "a rush of this item needs the sign-off of: \(who)")
        }
        item.rush = WorkException(kind: .rush, tradeoff: tradeoff, signedOffBy: actor, role: role, at: now)
        item.rushRequested = nil
        touch(&item, at: now)
        var change = WorkChange()
        change.events.append(event("work.rush_signed_off", item, by: actor, at: now, ["tradeoff": tradeoff, "role": role]))
        for index in item.tasks.indices {
            switch item.tasks[index].status {
            case .offered: change.merge(startResponseClock(&item, index: index, at: item.tasks[index].offeredAt ?? now))
            case .active: change.merge(startCompletionClock(&item, index: index, at: item.tasks[index].acceptedAt ?? now))
            default: break
            }
        }
        return change
    }

    /// Plans the tasks and reviews, records the request and offers the first steps.
    private func start(_ item: inout WorkItem, by actor: String, roster: inout WorkRoster, at now: Date) -> WorkChange {
        guard let asset = policy.assetType(item.assetType), let template = policy.projectTemplate(for: asset.id) else { return WorkChange() }
        let requesterTime = planner.time(for: item.requester, role: nil)
        item.deadline = item.fields["deadline"].flatMap { requesterTime?.closeOfBusiness(onISODate: $0) }
        let stages = reviewStages(asset, fields: item.fields)
        let reviewDays = stages.reduce(0) { $0 + ($1.sla.unit == .days ? $1.sla.amount : 1) }
        let (tasks, summary) = planner.plan(template: template, reviewDays: reviewDays, requester: item.requester, deadline: item.deadline, roster: &roster, at: now)
        item.tasks = tasks
        item.plan = summary
        let owners = Set(tasks.compactMap(\.owner))
        item.reviews = stages.map { stage in
            let (reviewers, primary) = reviewers(of: stage, owners: owners)
            return ReviewStageRun(stage: stage.id, name: stage.name, reviewers: reviewers, rule: stage.decides, primary: primary)
        }
        item.status = .requested
        if let role = template.rushSignOff, let tradeoff = item.rushRequested, holds(actor, role: role) {
            item.rush = WorkException(kind: .rush, tradeoff: tradeoff, signedOffBy: actor, role: role, at: now)
            item.rushRequested = nil
        }
        touch(&item, at: now)
        var change = WorkChange()
        change.events.append(event("work.requested", item, by: actor, at: now, [
            "asset_type": asset.id, "name": item.name, "deadline": item.deadline.map(Timestamp.text) ?? "",
            "feasible": item.plan.feasible ? "yes" : "no", "plan": item.plan.note, "rush": item.rush != nil ? "signed off" : item.rushRequested != nil ? "requested" : "",
        ]))
        for task in item.tasks {
            change.events.append(event("work.task_assigned", item, by: "system", at: now, [
                "step": task.step, "owner": task.owner ?? "", "because": task.assignedBecause, "planned_due": task.plannedDue.map(Timestamp.text) ?? "",
            ]))
        }
        if let rush = item.rush {
            change.events.append(event("work.rush_signed_off", item, by: actor, at: now, ["tradeoff": rush.tradeoff, "role": rush.role ?? ""]))
        }
        change.merge(offerReadyTasks(&item, by: actor, at: now))
        return change
    }

    /// A stage's reviewers (its approver roles' holders, leaving out who made the work unless nobody else could) and
    /// its primary reviewer under `.primary`.
    func reviewers(of stage: ReviewStage, owners: Set<String>) -> (reviewers: [String], primary: String?) {
        let holders = stage.approvers.flatMap { policy.holders(of: $0).map(\.id) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let independent = holders.filter { !owners.contains($0) }
        let reviewers = independent.isEmpty ? holders : independent
        let primary = stage.decides == .primary ? reviewers.first { id in stage.primary.map { holds(id, role: $0) } ?? false } : nil
        return (reviewers, primary)
    }

    /// The review stages an asset's brief calls for, in order: conditional ones only when their field matches (E1).
    public func reviewStages(_ asset: AssetType, fields: [String: String]) -> [ReviewStage] {
        asset.reviews.filter { step in
            guard let condition = step.when else { return true }
            let values = BriefValidator.items(fields[condition.field] ?? "")
            return values.contains { condition.values.contains($0) }
        }.compactMap { policy.reviewStage($0.stage) }
    }

    private func itemName(_ given: String?, asset: AssetType, fields: [String: String], at now: Date, requester: String) -> String {
        if let given = given?.trimmedWhitespace, !given.isEmpty { return given }
        let date = fields["deadline"] ?? String(Timestamp.text(now).prefix(10))
        return AssetName(policy: policy)?.generate(asset: asset, fields: fields, date: date) ?? "\(asset.id)-\(date)"
    }
}
