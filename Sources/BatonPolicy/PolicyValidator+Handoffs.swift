import BatonCore

extension PolicyValidator {
    func checkHandoff(_ handoff: Handoff, path: String) {
        let subject = "handoff '\(handoff.id)'"
        for (end, roleID) in [("from", handoff.from), ("to", handoff.to)] {
            role(roleID, at: "\(path).\(end)")
            if policy.role(roleID) != nil, policy.holders(of: roleID).isEmpty {
                log.add("\(subject) goes \(end) role '\(roleID)', which no one holds; give the role to a person", atPath: "\(path).\(end)")
            }
        }
        for (index, asset) in handoff.assetTypes.enumerated() {
            reference(asset, in: policy.assetTypes.map(\.id), kind: "asset type", at: "\(path).asset_types[\(index)]")
        }
        if handoff.item == .lead, policy.leads == nil {
            log.add("\(subject) moves leads but the policy has no 'leads' section", atPath: "\(path).item")
        }
        checkRACI(handoff.raci, path: "\(path).raci", subject: subject)
        let fields = fields(of: handoff)
        checks(handoff.entry, path: "\(path).entry", fields: fields, owner: subject)
        checks(handoff.exit, path: "\(path).exit", fields: fields, owner: subject)
        checkSLA(handoff.sla, path: "\(path).sla")
    }

    private func checkRACI(_ raci: RACI, path: String, subject: String) {
        let letters = [
            ("responsible", raci.responsible), ("accountable", raci.accountable), ("consulted", raci.consulted),
            ("informed", raci.informed),
        ]
        for (letter, roles) in letters {
            for (index, roleID) in roles.enumerated() { role(roleID, at: "\(path).\(letter)[\(index)]") }
        }
        switch raci.accountable.count {
        case 1: break
        case 0:
            log.add("RACI of \(subject) has no Accountable role; expected exactly one", atPath: "\(path).accountable")
        default:
            log.add(
                "RACI of \(subject) has \(raci.accountable.count) Accountable roles (\(raci.accountable.joined(separator: ", "))); expected exactly one",
                atPath: "\(path).accountable")
        }
        if raci.responsible.isEmpty {
            log.add("RACI of \(subject) has no Responsible role; expected at least one", atPath: path)
        }
        for (index, roleID) in raci.responsible.enumerated() where policy.role(roleID) != nil && policy.holders(of: roleID).isEmpty {
            log.add("Responsible role '\(roleID)' of \(subject) has no members", atPath: "\(path).responsible[\(index)]")
        }
    }

    private func checkSLA(_ sla: HandoffSLA, path: String) {
        reference(sla.calendar, in: policy.calendars.map(\.id), kind: "calendar", at: "\(path).calendar")
        for (index, level) in sla.escalation.enumerated() {
            for (targetIndex, target) in level.notify.enumerated() where !EscalationLevel.relativeTargets.contains(target) {
                reference(
                    target, in: EscalationLevel.relativeTargets.sorted() + policy.roles.map(\.id), kind: "escalation target",
                    at: "\(path).escalation[\(index)].notify[\(targetIndex)]")
            }
        }
    }

    func checkLeads(_ leads: LeadPolicy) {
        let people = policy.people.map(\.id)
        for (poolIndex, pool) in leads.pools.enumerated() {
            for (index, member) in pool.members.enumerated() {
                reference(member.person, in: people, kind: "person", at: "leads.pools[\(poolIndex)].members[\(index)]")
            }
        }
        for (index, rule) in leads.routingRules.enumerated() {
            let path = "leads.routing_rules[\(index)]"
            if let target = rule.target { routingTarget(target, leads: leads, at: "\(path).to") }
            for (domain, owner) in rule.namedAccounts {
                reference(owner, in: people, kind: "person", at: "\(path).named_accounts.\(domain)")
            }
        }
        if leads.fallback.isEmpty {
            log.warn(
                "leads have no fallback: a lead that no rule matches, or whose pool has nobody free, goes to the unrouted queue; expected 'fallback: queue:NAME' or a person id",
                atPath: "leads")
        } else if !leads.fallback.hasPrefix("queue:") {
            reference(leads.fallback, in: people, kind: "fallback owner (a person id or queue:NAME)", at: "leads.fallback")
        }
        if let scoring = leads.scoring { checkScoring(scoring, leads: leads) }
    }

    /// Criteria and examples: unique ids, example fields from the lead model, example actions that are scored.
    private func checkScoring(_ scoring: LeadScoring, leads: LeadPolicy) {
        duplicates(scoring.fit, list: "leads.scoring.fit", kind: "fit criterion", key: \.id)
        duplicates(scoring.behaviour, list: "leads.scoring.behaviour", kind: "behaviour criterion", key: \.id, field: "action")
        duplicates(scoring.examples, list: "leads.scoring.examples", kind: "scoring example", key: \.id)
        let fields = leads.fields.map(\.id)
        let actions = scoring.behaviour.map(\.id)
        for (index, example) in scoring.examples.enumerated() {
            let path = "leads.scoring.examples[\(index)]"
            for field in example.fields.keys.sorted() where !fields.contains(field) {
                reference(field, in: fields, kind: "lead field", at: "\(path).lead.\(field)")
            }
            for (number, activity) in example.activities.enumerated() where !actions.contains(activity.kind) {
                reference(activity.kind, in: actions, kind: "scored action", at: "\(path).activities[\(number)].action")
            }
        }
    }

    private func routingTarget(_ target: RoutingTarget, leads: LeadPolicy, at path: String) {
        switch target {
        case .person(let id): reference(id, in: policy.people.map(\.id), kind: "routing target (a person id, pool:ID or queue:NAME)", at: path)
        case .pool(let id): reference(id, in: leads.pools.map(\.id), kind: "routing pool", at: path)
        case .queue: break
        }
    }
}
