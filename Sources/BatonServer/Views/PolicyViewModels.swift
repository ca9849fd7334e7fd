import BatonCore

/// The values the policy pages show, derived from the policy in force. Pure: no I/O, easy to test.
struct PolicyViewModels {
    let policy: Policy

    func people(holding role: String) -> String {
        let names = policy.holders(of: role).map(\.name)
        return names.isEmpty ? "no one" : names.joined(separator: ", ")
    }

    func roleName(_ id: String) -> String { policy.role(id)?.name ?? id }

    /// A check's label, with a library group's checks spelled out.
    func checkLines(_ checks: [Check]) -> [String] {
        checks.flatMap { check -> [String] in
            if case .group(let id) = check.kind, let group = policy.checkGroup(id) {
                return group.checks.map { "\(group.label): \($0.label)" }
            }
            return [check.label]
        }
    }

    // MARK: Handoff Map (A4)

    struct MapRow {
        let id: String
        let title: String
        let name: String
        let artifacts: String
        let responsible: String
        let accountable: String
        let consulted: String
        let informed: String
        let failureModes: String
    }

    var mapRows: [MapRow] {
        policy.handoffs.map { handoff in
            let names = { (roles: [String]) in roles.map(roleName).joined(separator: ", ") }
            return MapRow(
                id: handoff.id, title: policy.title(of: handoff), name: handoff.name,
                artifacts: handoff.artifacts.joined(separator: ", "), responsible: names(handoff.raci.responsible),
                accountable: names(handoff.raci.accountable), consulted: names(handoff.raci.consulted),
                informed: names(handoff.raci.informed), failureModes: handoff.failureModes.joined(separator: ", "))
        }
    }

    // MARK: Entry/Exit Criteria (B5)

    struct CriteriaRow {
        let title: String
        let name: String
        let entry: [String]
        let exit: [String]
        let tools: String
        let fields: String
        let defects: String
        let sla: String
    }

    var criteriaRows: [CriteriaRow] {
        policy.handoffs.map { handoff in
            let fieldNames = Set((handoff.entry + handoff.exit).flatMap(fieldsRead))
            return CriteriaRow(
                title: policy.title(of: handoff), name: handoff.name, entry: checkLines(handoff.entry), exit: checkLines(handoff.exit),
                tools: handoff.tools.joined(separator: ", "), fields: fieldNames.sorted().joined(separator: ", "),
                defects: handoff.failureModes.joined(separator: ", "),
                sla: "Respond in \(handoff.sla.response)" + (handoff.sla.completion.map { ", deliver in \($0)" } ?? ""))
        }
    }

    private func fieldsRead(_ check: Check) -> [String] {
        if case .group(let id) = check.kind { return policy.checkGroup(id)?.checks.compactMap(\.kind.field) ?? [] }
        return check.kind.field.map { [$0] } ?? []
    }

    // MARK: Approval Matrix (E7)

    struct ApprovalRow {
        struct Stage {
            let name: String
            let condition: String
            let approvers: String
            let sla: String
            let checklist: [String]
        }
        let asset: String
        let stages: [Stage]
        let stageCount: Int
    }

    var approvalRows: [ApprovalRow] {
        policy.assetTypes.map { asset in
            let stages = asset.reviews.compactMap { step -> ApprovalRow.Stage? in
                guard let stage = policy.reviewStage(step.stage) else { return nil }
                let condition = step.when.map { "only when \(fieldLabel($0.field, in: asset)) is \($0.values.joined(separator: " or "))" } ?? ""
                return ApprovalRow.Stage(
                    name: stage.name, condition: condition,
                    approvers: stage.approvers.map { "\(roleName($0)) (\(people(holding: $0)))" }.joined(separator: "; "),
                    sla: stage.sla.description, checklist: stage.checklist)
            }
            return ApprovalRow(asset: asset.name, stages: stages, stageCount: stages.count)
        }
    }

    private func fieldLabel(_ id: String, in asset: AssetType) -> String {
        (asset.brief.first { $0.id == id }?.label ?? policy.taxonomyField(id)?.label ?? id).lowercased()
    }

    // MARK: Brief forms (C5)

    struct BriefFormModel {
        struct Field {
            let id: String
            let label: String
            let required: Bool
            let help: String?
            let isText: Bool, isLongText: Bool, isURL: Bool, isDate: Bool, isNumber: Bool
            let isChoice: Bool, isMultiChoice: Bool, isCheckbox: Bool, isList: Bool
            let options: [Option]
            let pattern: String?
            let placeholder: String?
            /// What was entered, shown again when the form comes back with problems.
            let value: String
            let ticked: Bool
            /// The mistake to show beside the field.
            let error: String?
        }
        struct Option {
            let value: String
            let selected: Bool
        }
        let id: String
        let name: String
        let description: String?
        let fields: [Field]
        let requiredCount: Int
        let naming: [NamingConvention]
    }

    /// The brief form of an asset type (C5), filled with `values` and each problem beside its field.
    func briefForm(_ asset: AssetType, values: [String: String] = [:], problems: [FieldProblem] = []) -> BriefFormModel {
        let fields = asset.brief.map { field in
            let taxonomy = field.taxonomy.flatMap(policy.taxonomyField)
            let value = values[field.id] ?? ""
            let chosen = Set(BriefValidator.items(value))
            let options = taxonomy?.values.isEmpty == false ? taxonomy!.values : field.options
            return BriefFormModel.Field(
                id: field.id, label: field.label, required: field.required, help: field.help,
                isText: field.type == .text, isLongText: field.type == .longtext, isURL: field.type == .url,
                isDate: field.type == .date, isNumber: field.type == .number, isChoice: field.type == .choice,
                isMultiChoice: field.type == .multichoice, isCheckbox: field.type == .checkbox, isList: field.type == .list,
                options: options.map { BriefFormModel.Option(value: $0, selected: chosen.contains($0)) }, pattern: taxonomy?.pattern,
                placeholder: taxonomy?.example, value: value, ticked: CheckEvaluator.isTrue(value),
                error: problems.filter { $0.field == field.id }.map(\.message).joined(separator: "; ").nilIfEmpty)
        }
        return BriefFormModel(
            id: asset.id, name: asset.name, description: asset.description, fields: fields,
            requiredCount: fields.filter(\.required).count, naming: policy.naming)
    }
}

extension String {
    /// nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
