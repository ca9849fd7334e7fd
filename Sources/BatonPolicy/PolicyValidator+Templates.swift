import BatonCore

extension PolicyValidator {
    /// Project templates (F2): known asset types (one template each), roles, handoffs and dependencies; no cycles;
    /// a handoff that carries a step's work goes from the step's role. Review stages: a `primary` rule names its role.
    func checkProjectTemplates() {
        duplicates(policy.projectTemplates, list: "project_templates", kind: "project template", key: \.assetType, field: "asset_type")
        for (index, template) in policy.projectTemplates.enumerated() {
            let path = "project_templates[\(index)]"
            reference(template.assetType, in: policy.assetTypes.map(\.id), kind: "asset type", at: "\(path).asset_type")
            duplicates(template.steps, list: "\(path).steps", kind: "template step", key: \.id)
            if let signOff = template.rushSignOff { role(signOff, at: "\(path).rush_sign_off") }
            let stepIDs = template.steps.map(\.id)
            for (stepIndex, step) in template.steps.enumerated() {
                let stepPath = "\(path).steps[\(stepIndex)]"
                role(step.role, at: "\(stepPath).role")
                if policy.role(step.role) != nil, policy.holders(of: step.role).isEmpty {
                    log.add("template step '\(step.id)' is done by role '\(step.role)', which no one holds; give the role to a person", atPath: "\(stepPath).role")
                }
                if step.days < 0 { log.add("'days' of template step '\(step.id)' must be 0 or more, found \(step.days)", atPath: "\(stepPath).days") }
                for (afterIndex, earlier) in step.after.enumerated() {
                    reference(earlier, in: stepIDs.filter { $0 != step.id }, kind: "template step", at: "\(stepPath).after[\(afterIndex)]")
                }
                if let handoffID = step.handoff {
                    checkStepHandoff(handoffID, step: step, template: template, at: "\(stepPath).handoff")
                }
            }
            if let cycle = Self.cycle(in: template) {
                log.add("the steps of project template '\(template.assetType)' wait for each other in a circle: \(cycle.joined(separator: " → "))", atPath: "\(path).steps")
            }
        }
        for (index, stage) in policy.reviewStages.enumerated() where stage.decides == .primary {
            guard let primary = stage.primary else {
                log.add("review stage '\(stage.id)' is decided by a primary reviewer but names none; expected 'primary: ROLE'", atPath: "review_stages[\(index)].decides")
                continue
            }
            reference(primary, in: stage.approvers, kind: "approver role of the stage", at: "review_stages[\(index)].primary")
        }
        for (index, handoff) in policy.handoffs.enumerated() {
            if let signOff = handoff.bypassSignOff { role(signOff, at: "handoffs[\(index)].bypass_sign_off") }
        }
    }

    private func checkStepHandoff(_ handoffID: String, step: TemplateStep, template: ProjectTemplate, at path: String) {
        guard let handoff = policy.handoff(handoffID) else {
            reference(handoffID, in: policy.handoffs.filter { $0.item == .asset }.map(\.id), kind: "handoff", at: path)
            return
        }
        if handoff.item != .asset {
            log.add("template step '\(step.id)' hands work on at '\(handoffID)', which moves leads; expected a handoff of assets", atPath: path)
        } else if handoff.from != step.role {
            log.add("template step '\(step.id)' is done by '\(step.role)' but handoff '\(handoffID)' goes from '\(handoff.from)'", atPath: path)
        }
        if !handoff.assetTypes.isEmpty, !handoff.assetTypes.contains(template.assetType) {
            log.add("handoff '\(handoffID)' is not for asset type '\(template.assetType)'; it lists \(handoff.assetTypes.joined(separator: ", "))", atPath: path)
        }
        // Every field the gate reads must be one the item can have: its brief, or a field its handoffs add.
        let available = Set((policy.assetType(template.assetType)?.brief.map(\.id) ?? []) + template.steps.compactMap(\.handoff).compactMap(policy.handoff).flatMap(\.fields))
        for field in policy.expanded(handoff.entry + handoff.exit).compactMap(\.kind.field) where !available.contains(field) {
            log.add(
                "handoff '\(handoffID)' checks field '\(field)', which a \(template.assetType) has neither in its brief nor among its handoffs' fields; its gate could never pass",
                atPath: path)
        }
        let receivers = template.dependents(of: step.id)
        if receivers.isEmpty {
            log.add("template step '\(step.id)' hands work on at '\(handoffID)' but no step comes after it", atPath: path)
        }
        for receiver in receivers where receiver.role != handoff.to {
            log.add("step '\(receiver.id)' receives handoff '\(handoffID)', which goes to '\(handoff.to)', but it is done by '\(receiver.role)'", atPath: path)
        }
    }

    /// The first circle of dependencies found, as step ids, if any.
    static func cycle(in template: ProjectTemplate) -> [String]? {
        var state: [String: Bool] = [:]  // false: on the current path; true: finished
        var path: [String] = []
        func visit(_ id: String) -> [String]? {
            if let finished = state[id] {
                return finished ? nil : Array(path.drop { $0 != id }) + [id]
            }
            state[id] = false
            path.append(id)
            for earlier in template.step(id)?.after ?? [] where template.step(earlier) != nil {
                if let found = visit(earlier) { return found }
            }
            path.removeLast()
            state[id] = true
            return nil
        }
        for step in template.steps { if let found = visit(step.id) { return found } }
        return nil
    }
}
