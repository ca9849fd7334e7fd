import BatonCore
import Foundation

/// Checks the references and rules of a policy that reading alone cannot see: unknown ids, duplicate ids,
/// roles no one holds, RACIs without exactly one Accountable, checks on fields the item does not have.
///
/// Problems are placed with the reader's source map, so each one names the exact value at fault.
struct PolicyValidator {
    let policy: Policy
    let log: ProblemLog

    func validate() {
        checkUniqueIDs()
        checkOrganization()
        checkTaxonomyAndNaming()
        checkWork()
        checkProjectTemplates()
        for (index, handoff) in policy.handoffs.enumerated() { checkHandoff(handoff, path: "handoffs[\(index)]") }
        if let leads = policy.leads { checkLeads(leads) }
        if let pack = policy.reviewPack {
            reference(pack.calendar, in: policy.calendars.map(\.id), kind: "calendar", at: "review_pack.calendar")
            if pack.channels.isEmpty { log.warn("review_pack names no Slack channel: the pack reaches inboxes only", atPath: "review_pack") }
        }
    }

    // MARK: - Shared helpers

    /// Reports `id` at `path` unless it is among `known`.
    func reference(_ id: String, in known: [String], kind: String, at path: String) {
        guard !id.isEmpty, !known.contains(id) else { return }
        let suggestion = known.isEmpty ? "none are defined" : "expected one of: \(known.joined(separator: ", "))"
        log.add("unknown \(kind) '\(id)'; \(suggestion)", atPath: path)
    }

    func role(_ id: String, at path: String) { reference(id, in: policy.roles.map(\.id), kind: "role", at: path) }

    func duplicates<T>(_ items: [T], list: String, kind: String, key: (T) -> String, field: String = "id") {
        var first: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let value = key(item)
            guard !value.isEmpty else { continue }
            if let earlier = first[value] {
                let at = log.sourceMap.position(of: "\(list)[\(earlier)].\(field)")
                log.add("duplicate \(kind) \(field) '\(value)'; first defined at line \(at.line)", atPath: "\(list)[\(index)].\(field)")
            } else {
                first[value] = index
            }
        }
    }

    private func checkUniqueIDs() {
        duplicates(policy.calendars, list: "calendars", kind: "calendar", key: \.id)
        duplicates(policy.teams, list: "teams", kind: "team", key: \.id)
        duplicates(policy.roles, list: "roles", kind: "role", key: \.id)
        duplicates(policy.people, list: "people", kind: "person", key: \.id)
        duplicates(policy.people, list: "people", kind: "person", key: { $0.email.lowercased() }, field: "email")
        duplicates(policy.taxonomy, list: "taxonomy", kind: "taxonomy field", key: \.id)
        duplicates(policy.naming, list: "naming", kind: "naming convention", key: \.id)
        duplicates(policy.checkLibrary, list: "check_library", kind: "check group", key: \.id)
        duplicates(policy.reviewStages, list: "review_stages", kind: "review stage", key: \.id)
        duplicates(policy.assetTypes, list: "asset_types", kind: "asset type", key: \.id)
        duplicates(policy.handoffs, list: "handoffs", kind: "handoff", key: \.id)
        duplicates(policy.benchmarks, list: "benchmarks", kind: "benchmark", key: \.metric.rawValue, field: "metric")
        for (index, asset) in policy.assetTypes.enumerated() {
            duplicates(asset.brief, list: "asset_types[\(index)].brief", kind: "brief field", key: \.id)
        }
        if let leads = policy.leads {
            duplicates(leads.fields, list: "leads.fields", kind: "lead field", key: \.id)
            duplicates(leads.responseTiers, list: "leads.response_tiers", kind: "response tier", key: \.id)
            duplicates(leads.pools, list: "leads.pools", kind: "routing pool", key: \.id)
        }
    }

    private func checkOrganization() {
        let calendars = policy.calendars.map(\.id)
        let teams = policy.teams.map(\.id)
        for (index, team) in policy.teams.enumerated() {
            reference(team.calendar, in: calendars, kind: "calendar", at: "teams[\(index)].calendar")
        }
        for (index, role) in policy.roles.enumerated() {
            reference(role.team, in: teams, kind: "team", at: "roles[\(index)].team")
        }
        for (index, person) in policy.people.enumerated() {
            let path = "people[\(index)]"
            reference(person.team, in: teams, kind: "team", at: "\(path).team")
            for (roleIndex, roleID) in person.roles.enumerated() { role(roleID, at: "\(path).roles[\(roleIndex)]") }
            if let manager = person.manager {
                reference(manager, in: policy.people.map(\.id), kind: "person", at: "\(path).manager")
            }
            if let calendar = person.calendar {
                reference(calendar, in: calendars, kind: "calendar", at: "\(path).calendar")
            }
            if !person.email.isEmpty, !Self.looksLikeEmail(person.email) {
                log.add("'\(person.email)' is not an email address; expected name@domain", atPath: "\(path).email")
            }
        }
    }

    private func checkTaxonomyAndNaming() {
        for (index, field) in policy.taxonomy.enumerated() {
            guard let pattern = field.pattern else { continue }
            regex(pattern, at: "taxonomy[\(index)].pattern")
            if let example = field.example, (try? NSRegularExpression(pattern: pattern)) != nil, example.range(of: pattern, options: .regularExpression) == nil {
                log.add("the example '\(example)' of taxonomy field '\(field.id)' does not match its pattern \(pattern)", atPath: "taxonomy[\(index)].example")
            }
        }
        let tokens = policy.taxonomy.map(\.id) + NamingConvention.builtInTokens.sorted()
        for (index, convention) in policy.naming.enumerated() {
            for token in convention.tokens where !tokens.contains(token) {
                log.add(
                    "naming pattern uses unknown token '{\(token)}'; expected a taxonomy field or one of: \(tokens.joined(separator: ", "))",
                    atPath: "naming[\(index)].pattern")
            }
        }
    }

    private func checkWork() {
        for (index, stage) in policy.reviewStages.enumerated() {
            for (approverIndex, approver) in stage.approvers.enumerated() {
                role(approver, at: "review_stages[\(index)].approvers[\(approverIndex)]")
            }
        }
        let taxonomy = policy.taxonomy.map(\.id)
        for (index, asset) in policy.assetTypes.enumerated() {
            let path = "asset_types[\(index)]"
            for (fieldIndex, field) in asset.brief.enumerated() {
                let fieldPath = "\(path).brief[\(fieldIndex)]"
                if let source = field.taxonomy {
                    reference(source, in: taxonomy, kind: "taxonomy field", at: "\(fieldPath).taxonomy")
                } else if [.choice, .multichoice].contains(field.type), field.options.isEmpty {
                    log.add("brief field '\(field.id)' is a \(field.type.rawValue) but has no options; expected 'options' or 'taxonomy'", atPath: fieldPath)
                }
            }
            let fields = asset.brief.map(\.id) + taxonomy
            for (stepIndex, step) in asset.reviews.enumerated() {
                let stepPath = "\(path).reviews[\(stepIndex)]"
                reference(step.stage, in: policy.reviewStages.map(\.id), kind: "review stage", at: "\(stepPath).stage")
                if let condition = step.when {
                    reference(condition.field, in: fields, kind: "field", at: "\(stepPath).when.field")
                }
            }
        }
        for (index, group) in policy.checkLibrary.enumerated() {
            checks(group.checks, path: "check_library[\(index)].checks", fields: allFields, owner: "check group '\(group.id)'")
        }
    }

    /// Every field any item can have, for library checks that are not yet tied to one handoff.
    private var allFields: [String] {
        policy.assetTypes.flatMap { $0.brief.map(\.id) } + policy.taxonomy.map(\.id) + policy.handoffs.flatMap(\.fields)
            + (policy.leads?.fields.map(\.id) ?? [])
    }

    /// The fields the items crossing `handoff` have: their brief and taxonomy, or the lead record, plus the handoff's own.
    func fields(of handoff: Handoff) -> [String] {
        switch handoff.item {
        case .asset:
            let briefs = handoff.assetTypes.compactMap(policy.assetType).flatMap { $0.brief.map(\.id) }
            return briefs + policy.taxonomy.map(\.id) + handoff.fields
        case .lead:
            return (policy.leads?.fields.map(\.id) ?? []) + handoff.fields
        }
    }

    /// Checks each check's field, regex, sign-off role and library group.
    func checks(_ checks: [Check], path: String, fields: [String], owner: String) {
        for (index, check) in checks.enumerated() {
            let checkPath = "\(path)[\(index)]"
            if let field = check.kind.field, !field.isEmpty, !fields.contains(field) {
                log.add(
                    "check '\(check.kind.name)' in \(owner) refers to unknown field '\(field)'; expected one of: \(fields.joined(separator: ", "))",
                    atPath: "\(checkPath).field")
            }
            switch check.kind {
            case .pattern(_, let pattern): regex(pattern, at: "\(checkPath).regex")
            case .checkbox(_, let signOff?): role(signOff, at: "\(checkPath).sign_off")
            case .length(_, let min?, let max?) where min > max:
                log.add("length range is empty: min \(min) is above max \(max)", atPath: "\(checkPath).min")
            case .group(let id):
                if let group = policy.checkGroup(id) {
                    for field in Set(group.checks.compactMap(\.kind.field)).sorted() where !fields.contains(field) {
                        log.add("check group '\(id)' reads field '\(field)', which items of \(owner) do not have", atPath: "\(checkPath).use")
                    }
                } else {
                    reference(id, in: policy.checkLibrary.map(\.id), kind: "check group", at: "\(checkPath).use")
                }
            default: break
            }
        }
    }

    private func regex(_ pattern: String, at path: String) {
        if (try? NSRegularExpression(pattern: pattern)) == nil {
            log.add("'\(pattern)' is not a valid regular expression", atPath: path)
        }
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }
}
