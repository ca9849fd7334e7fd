import BatonCore
import Foundation

/// What a notification says, in the inbox and in Slack (F3): one sentence on what happened and what to do, with a
/// link to the item. Only transitions are announced (assigned, at risk, breached, escalated, reassigned, rejected,
/// overdue dispositions), so every message asks for something.
struct NotificationText {
    let policy: Policy
    let publicURL: String

    func text(_ event: Event, lead: LeadRecord?) -> String {
        let payload = event.details
        let who = lead.map { $0.displayName + ($0.fields["company"].map { " (\($0))" } ?? "") } ?? event.subject ?? "an item"
        // The owner when it happened, which the event carries; the lead may have moved on since.
        let owner = person(payload["owner"].flatMap { $0.isEmpty ? nil : $0 } ?? lead?.owner)
        // Shown on the owner's clock, named: the deadline runs on their working calendar.
        let times = TimeText(person: payload["owner"].flatMap { $0.isEmpty ? nil : $0 } ?? payload["to"] ?? lead?.owner, policy: policy)
        let due = payload["due"].flatMap(IntakeDate.parse).map { " — first touch due \(times.text($0))" } ?? ""
        switch event.type {
        case ReviewPackService.eventType: return payload["summary"] ?? "The review pack is ready."
        case "audit.fix_decided":
            return "An audit fix is yours: \(payload["fix"] ?? "") — due \(payload["due"].flatMap(IntakeDate.parse).map(times.text) ?? "soon")."
        case "lead.assigned":
            let tier = lead?.tier.flatMap { id in policy.leads?.responseTiers.first { $0.id == id }?.label } ?? "Lead"
            return "\(tier) for \(owner): \(who)\(due)."
        case "lead.queued": return "\(who) matched no routing rule and waits in the unrouted queue."
        case "lead.sla_at_risk": return "\(who) is at risk: three quarters of \(owner)'s response time has passed\(due)."
        case "lead.sla_breached": return "Response SLA breached: \(owner) has not touched \(who)\(due)."
        case "lead.escalation_reminder": return "Reminder for \(owner): \(who) is waiting for a first touch."
        case "lead.escalated": return "Escalated: \(who), owned by \(owner), is overdue. \(payload["note"] ?? "")".trimmingCharacters(in: .whitespaces)
        case "lead.reassigned":
            let from = payload["from"].flatMap { $0.isEmpty ? nil : person($0) } ?? "the queue"
            return "\(who) moved from \(from) to \(person(payload["to"])): \(payload["because"] ?? "")\(due)."
        case "lead.rejected": return "\(person(event.actor)) rejected \(who): \((payload["reason"] ?? "").replacingOccurrences(of: "_", with: " "))."
        case "lead.disposition_overdue": return "\(who) has no disposition yet; \(owner) touched it and the disposition is overdue."
        default: return "\(event.type) on \(who)."
        }
    }

    /// The full address of the item's page.
    func link(_ event: Event) -> String? {
        ItemPage.path(forSubject: event.subject).map { publicURL + $0 }
    }

    /// The Slack incoming-webhook body: the text as the fallback and a section with a button to the item.
    /// The text is escaped as Slack asks, so a name like `<!channel>` or `<https://evil.example|Click>` is shown as
    /// written, never as a mention or a link.
    func slackBody(_ event: Event, text unescaped: String) throws -> Data {
        let text = Self.slackEscaped(unescaped)
        var blocks: [[String: Any]] = [["type": "section", "text": ["type": "mrkdwn", "text": text]]]
        if let link = link(event) {
            let button: [String: Any] = ["type": "button", "text": ["type": "plain_text", "text": "Open in Baton"], "url": link]
            blocks.append(["type": "actions", "elements": [button]])
        }
        return try JSONSerialization.data(withJSONObject: ["text": text, "blocks": blocks], options: [.sortedKeys])
    }

    /// `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;`: the only characters Slack's message text gives a meaning.
    static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    private func person(_ id: String?) -> String { id.flatMap { policy.person($0)?.name } ?? id ?? "nobody" }
}
