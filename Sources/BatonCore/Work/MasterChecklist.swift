import Foundation

/// The master checklist of a handoff (G8) for one item: the reusable template of what a well-run handoff has,
/// each item passed or not with why, so its completion can be shown per handoff.
public enum MasterChecklist {
    public static func evaluate(_ handoff: Handoff, item: WorkItem, workflow: WorkWorkflow) -> [CheckResult] {
        let policy = workflow.policy
        let asset = policy.assetType(item.assetType)
        let sender = item.tasks.first { $0.handoff == handoff.id }
        let receivers = item.tasks.filter { task in task.after.contains { item.task($0)?.handoff == handoff.id } }
        let required = asset?.brief.filter(\.required).map(\.id) ?? []
        let missing = required.filter { (item.fields[$0] ?? "").isEmpty }
        let metadata = asset?.brief.filter { $0.taxonomy != nil }.map(\.id) ?? []
        let missingMetadata = metadata.filter { (item.fields[$0] ?? "").isEmpty }
        let nameProblem = AssetName(policy: policy)?.problem(with: item.name)
        let utm = UTMTags(item: item.fields, name: item.name, policy: policy)
        let stages = item.reviews
        func result(_ label: String, _ passed: Bool, _ yes: String, _ no: String) -> CheckResult {
            CheckResult(label: label, passed: passed, reason: passed ? yes : no)
        }
        return [
            result("Workflow mapped", sender != nil && !receivers.isEmpty, "step \(sender?.name ?? "") hands on to \(receivers.map(\.name).joined(separator: ", "))", "no step of this item hands on here"),
            result("RACI", handoff.raci.accountable.count == 1 && !handoff.raci.responsible.isEmpty, "one accountable role, responsible \(handoff.raci.responsible.joined(separator: ", "))", "the RACI needs exactly one accountable and a responsible role"),
            result("Definition of Ready", !handoff.entry.isEmpty, "\(handoff.entry.count) entry check\(handoff.entry.count == 1 ? "" : "s")", "no entry checks are written"),
            result("Definition of Done", !handoff.exit.isEmpty, "\(handoff.exit.count) exit check\(handoff.exit.count == 1 ? "" : "s")", "no exit checks are written"),
            result("Brief attached", missing.isEmpty, "every required brief field is filled", "missing: \(missing.joined(separator: ", "))"),
            result("Metadata", missingMetadata.isEmpty, "taxonomy fields filled", "missing: \(missingMetadata.joined(separator: ", "))"),
            result("File naming", nameProblem == nil, "\(item.name) follows the convention", nameProblem ?? ""),
            result("Channel", handoff.channel.kind == .thread || handoff.channel.target != nil, "\(handoff.channel.kind.rawValue) \(handoff.channel.target ?? "on the item")", "the \(handoff.channel.kind.rawValue) channel names no target"),
            result("SLA acknowledged", !receivers.isEmpty && receivers.allSatisfy { $0.acceptedAt != nil }, "the receiver accepted the work", "the receiver has not accepted yet"),
            result("Review stages", !stages.isEmpty, stages.map(\.name).joined(separator: ", "), "the asset type has no review stages"),
            result("Approvers", !stages.isEmpty && stages.allSatisfy { !$0.reviewers.isEmpty }, "every stage has reviewers", "a stage has nobody to review"),
            result("Measurement fields", utm.problems.isEmpty && item.campaign != nil, "UTM tags built from the taxonomy", utm.problems.first ?? "no campaign ID to attribute to"),
            result("Edge-case path", handoff.bypassSignOff != nil, "a bypass needs the sign-off of \(handoff.bypassSignOff.flatMap { policy.role($0)?.name } ?? "")", "no bypass_sign_off role: only the normal path exists"),
        ]
    }
}
