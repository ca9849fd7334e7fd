import BatonCore
import Foundation

extension NotificationText {
    /// What a work notification says (F3): the transition, what to do, and the brief's essentials (type, objective,
    /// deadline) so the message stands on its own; the Slack button links to the item.
    func workText(_ event: Event, item: WorkItem?) -> String {
        let payload = event.details
        let title = item.map { "\($0.name)" } ?? event.subject ?? "a work item"
        let step = payload["step"].flatMap { step in item?.task(step)?.name } ?? payload["step"] ?? ""
        let stage = payload["stage"].flatMap { id in policy.reviewStage(id)?.name } ?? payload["stage"] ?? ""
        let times = TimeText(person: payload["owner"].flatMap { $0.isEmpty ? nil : $0 }, policy: policy)
        let due = payload["due"].flatMap(IntakeDate.parse).map { " by \(times.text($0))" } ?? ""
        let sentence = switch event.type {
        case "work.offered":
            (payload["owner"] ?? "").isEmpty
                ? "\(step) of \(title) has nobody to take it: give it to someone who holds the role\(due)."
                : "\(step) of \(title) is handed to \(name(payload["owner"])): accept or return it\(due)."
        case "work.returned": "\(title) came back at \(step): \(payload["failure_modes"] ?? "") — \(payload["note"] ?? "")."
        case "work.brief_returned": "The brief of \(title) came back: \(payload["failure_modes"] ?? "") — \(payload["note"] ?? "")."
        case "work.review_opened": "Ready for review: \(title), \(stage) round \(payload["round"] ?? "1")\(due)."
        case "work.approved_with_edits": "\(stage) approved \(title) with edits: \(payload["edits"] ?? ""). Confirm them when done."
        case "work.needs_rework": "Needs rework: \(stage) rejected \(title) (\(payload["reasons"] ?? ""))."
        case "work.approved": "Approved: \(title) passed every review; schedule the launch."
        case "work.scheduled": "Scheduled: \(title) goes live \(payload["for"].flatMap(IntakeDate.parse).map { times.text($0) } ?? "")."
        case "work.launched": "Launched: \(title)\(payload["url"].map { $0.isEmpty ? "" : " at \($0)" } ?? "")."
        case "work.sla_at_risk": "At risk: \(step) of \(title), \(payload["clock"] ?? "") SLA\(due)."
        case "work.sla_breached": "SLA breached: \(name(payload["owner"])) has not met the \(payload["clock"] ?? "") SLA of \(step) on \(title)\(due)."
        case "work.escalation_reminder": "Reminder for \(name(payload["owner"])): \(step) of \(title) is overdue."
        case "work.escalated":
            payload["to"].map { "Escalated: \(step) of \(title) moved to \(name($0)) after the \(payload["clock"] ?? "") SLA was breached." }
                ?? "Escalated: \(step) of \(title), owned by \(name(payload["owner"])), is overdue. \(payload["note"] ?? "")"
        case "work.review_at_risk": "At risk: \(stage) of \(title) waits on your decision\(due)."
        case "work.review_breached": "Review overdue: \(stage) of \(title) waits on \(payload["waiting_on"].map { $0.split(separator: ",").map { name(String($0)) }.joined(separator: ", ") } ?? "")."
        case "work.bypassed": "Gate bypassed on \(title) at \(step): \(payload["tradeoff"] ?? "")."
        case "work.reassigned": "\(step) of \(title) moved to \(name(payload["to"])): \(payload["because"] ?? "")."
        case "work.cancelled": "Cancelled: \(title) — \(payload["because"] ?? "")."
        default: "\(event.type) on \(title)."
        }
        guard let item, let asset = policy.assetType(item.assetType) else { return sentence.trimmingCharacters(in: .whitespaces) }
        var essentials = [asset.name]
        if let objective = item.fields["objective"] { essentials.append(objective.count > 120 ? String(objective.prefix(119)) + "…" : objective) }
        if let deadline = item.deadline { essentials.append("deadline \(TimeText(person: item.requester, policy: policy).text(deadline))") }
        return sentence.trimmingCharacters(in: .whitespaces) + " (" + essentials.joined(separator: "; ") + ")"
    }

    private func name(_ id: String?) -> String { id.flatMap { policy.person($0)?.name } ?? id ?? "nobody" }
}
