import BatonCore
import Foundation

/// What the lead pages show, as template models: queue rows with their deadlines, one lead's full context, score
/// breakdown, routing explanation and SLA Timeline, and the actions the reader may take on it.
struct LeadViewModels {
    let policy: Policy
    let now: Date
    /// The reader's zone, in which every time is shown.
    let times: TimeText

    func person(_ id: String?) -> String { id.flatMap { policy.person($0)?.name } ?? id ?? "" }

    /// One row of a queue.
    func row(_ lead: LeadRecord) -> [String: Any] {
        let due = lead.nextDeadline  // only a lead someone still has to act on counts down
        return [
            "id": String(lead.id), "name": lead.displayName, "company": lead.fields["company"] ?? "", "title": lead.fields["job_title"] ?? "",
            "country": lead.fields["country"] ?? "", "status": lead.status.label, "statusID": lead.status.rawValue,
            "tier": tierLabel(lead.tier), "score": lead.score.total.compactText, "owner": person(lead.owner), "queue": lead.queue ?? "",
            "source": lead.source, "campaign": lead.fields["utm_campaign"] ?? "", "received": times.value(lead.receivedAt) as Any, "updated": times.value(lead.updatedAt) as Any,
            "due": times.value(due) as Any, "dueLabel": lead.firstTouch == nil ? "First touch" : "Disposition",
            "overdue": due.map { $0 < now } ?? false, "because": lead.because,
            "problems": lead.problems.map(\.description), "hasProblems": !lead.problems.isEmpty,
        ]
    }

    func tierLabel(_ id: String?) -> String { policy.leads?.responseTiers.first { $0.id == id }?.label ?? id ?? "" }

    /// The lead page: context, score, routing, timeline and actions.
    /// `load` is each person's open leads, shown when reassigning.
    func detail(_ lead: LeadRecord, events: [Event], pending: [PlannedTimer], mayWork: Bool, access: AccessRole, load: [String: Int]) -> [String: Any] {
        var model = row(lead)
        let labels = Dictionary(uniqueKeysWithValues: (policy.leads?.fields ?? []).map { ($0.id, $0.label) })
        model["fields"] = fixFields(lead)
        model["extras"] = lead.extras.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] }
        model["hasExtras"] = !lead.extras.isEmpty
        model["activities"] = lead.activities.reversed().map { activity in
            [
                "kind": activity.kind.replacingOccurrences(of: "_", with: " "), "at": times.value(activity.at) as Any,
                "title": activity.title ?? activity.url ?? "", "url": SafeLink.href(activity.url) ?? "", "minutes": activity.minutes.map { "\($0.compactText) min" } ?? "",
            ]
        }
        model["utm"] = ["utm_source", "utm_medium", "utm_campaign"].compactMap { key in
            lead.fields[key].map { ["name": labels[key] ?? key, "value": $0] }
        }
        let completeness = ContextCompleteness(lead)
        model["completeness"] = completeness.percent
        model["missing"] = completeness.items.filter { !$0.present }.map(\.label)
        model["hasMissing"] = completeness.percent < 100
        model["scoreLines"] = lead.score.lines.map { line in
            ["kind": line.kind, "label": line.label, "points": line.points.compactText, "because": line.because]
        }
        model["fit"] = lead.score.fit.compactText
        model["behaviour"] = lead.score.behaviour.compactText
        model["scoreBecause"] = lead.score.because
        model["readiness"] = lead.readiness.map { ["label": $0.label, "passed": $0.passed, "reason": $0.reason] }
        if let assignment = lead.assignment {
            model["routing"] = [
                "summary": assignment.summary, "rule": assignment.ruleLabel ?? assignment.rule ?? "fallback", "because": assignment.matchedBecause,
                "passedOver": assignment.passedOver.map { ["rule": $0.rule, "reason": $0.reason] }, "hasPassedOver": !assignment.passedOver.isEmpty,
                "skipped": assignment.skipped.sorted { $0.key < $1.key }.map { ["person": person($0.key), "reason": $0.value] },
                "hasSkipped": !assignment.skipped.isEmpty,
            ]
        }
        var seen: Set<String> = [lead.owner].compactMap { $0 }.reduce(into: []) { $0.insert($1) }
        model["previousOwners"] = lead.previousOwners.filter { seen.insert($0).inserted }.map(person).joined(separator: ", ")
        model["timeline"] = timeline(events: events, pending: pending)
        model["firstTouch"] = lead.firstTouch.map { ["channel": $0.channel, "by": person($0.by), "at": times.value($0.at) as Any, "note": $0.note ?? ""] }
        model["rejection"] = lead.rejection.map { ["reason": $0.reason.replacingOccurrences(of: "_", with: " "), "by": person($0.by), "note": $0.note ?? ""] }
        model["disposition"] = lead.disposition?.replacingOccurrences(of: "_", with: " ") ?? ""
        model["actions"] = actions(lead, mayWork: mayWork, access: access, load: load)
        model["noContactReason"] = lead.noContactReason?.replacingOccurrences(of: "_", with: " ") ?? ""
        return model
    }

    /// The lead's fields as the correction form shows them: those with a problem first, each with its problem and
    /// the input that fits it (a country list, a consent checkbox, an email, phone or number box).
    private func fixFields(_ lead: LeadRecord) -> [[String: Any]] {
        let fields = policy.leads?.fields ?? []
        let problems = Dictionary(lead.problems.map { ($0.field, $0.reason) }) { first, second in "\(first); \(second)" }
        let ordered = fields.filter { problems[$0.id] != nil } + fields.filter { problems[$0.id] == nil }
        return ordered.map { field in
            let value = lead.fields[field.id] ?? ""
            var row: [String: Any] = [
                "id": field.id, "label": field.label, "value": value, "required": field.required, "problem": problems[field.id] ?? "",
            ]
            switch field.id {
            case "country":
                let current = Country(value)?.code
                row["countries"] = Country.all.map { ["code": $0.code, "name": $0.name, "selected": $0.code == current] as [String: Any] }
            case LeadValidator.consentField:
                row["consent"] = true
                row["checked"] = CheckEvaluator.isTrue(value)
            default:
                row["input"] = switch field.id {
                case "email": "email"
                case "phone", "mobile_phone": "tel"
                case "company_size": "number"
                default: "text"
                }
            }
            return row
        }
    }

    /// The forms the reader may use now; each is shown only when the step is allowed. No form starts on a
    /// consequential choice: every picklist opens on a blank "Choose…".
    private func actions(_ lead: LeadRecord, mayWork: Bool, access: AccessRole, load: [String: Int]) -> [String: Any] {
        guard mayWork else { return [:] }
        let open = [.assigned, .working, .accepted, .queued, .unrouted].contains(lead.status)
        let owned = lead.owner != nil
        let choices = { (ids: [String]) in ids.map { ["id": $0, "label": $0.replacingOccurrences(of: "_", with: " ")] } }
        var actions: [String: Any] = [:]
        if open, owned, lead.firstTouch == nil {
            actions["firstTouch"] = ["channels": LeadTouch.channels.map { ["id": $0, "label": $0.capitalized] }]
        }
        if open, owned, lead.acceptedAt == nil { actions["accept"] = true }
        if open, owned {
            actions["reject"] = ["reasons": choices(policy.leads?.rejectionReasons ?? [])]
        }
        if open, owned, lead.firstTouch != nil || !(policy.leads?.noContactReasons ?? []).isEmpty {
            let withoutContact = lead.firstTouch == nil ? choices(policy.leads?.noContactReasons ?? []) : []
            actions["disposition"] = [
                "choices": choices(policy.leads?.dispositions ?? []), "noContact": withoutContact, "needsReason": lead.firstTouch == nil,
                "verb": "Record disposition",
            ]
        }
        if lead.status == .closed, let current = lead.disposition {
            actions["disposition"] = [
                "choices": choices((policy.leads?.dispositions ?? []).filter { $0 != current }), "noContact": [[String: String]](), "needsReason": false,
                "verb": "Change disposition",
            ]
        }
        if open, [.admin, .ops, .salesManager].contains(access) {
            let choices = ReassignChoices(policy: policy, load: load)
            actions["reassign"] = ["people": choices.choices(choices.sellers(excluding: lead.owner))]
        }
        if LeadStatus.held.contains(lead.status), [.admin, .ops].contains(access) { actions["resubmit"] = true }
        actions["any"] = !actions.isEmpty
        return actions
    }

    /// The SLA Timeline rows: planned against actual.
    func timeline(events: [Event], pending: [PlannedTimer]) -> [[String: Any]] {
        SLATimeline(events: events, pending: pending, now: now).steps.map { step in
            var row: [String: Any] = [
                "label": label(step), "planned": times.value(step.planned) as Any,
                "actual": times.value(step.actual) as Any, "state": step.state.rawValue,
                "stateLabel": stateLabel(step), "actor": step.actor.map { $0 == "system" ? "Baton" : person($0) } ?? "",
            ]
            if let offset = step.offset(now: now), step.state != .upcoming { row["offset"] = Self.duration(offset) }
            return row
        }
    }

    private func stateLabel(_ step: SLATimeline.Step) -> String {
        switch step.state {
        case .happened: ""
        case .onTime: "on time"
        case .late: SLATimeline.timerEvents.contains(step.event) ? "acted" : "late"
        case .upcoming: "planned"
        case .overdue: "overdue"
        }
    }

    /// What a timeline step says, in words.
    private func label(_ step: SLATimeline.Step) -> String {
        let payload = step.payload
        let level = Int(payload["level"] ?? "0").map { $0 + 1 } ?? 1
        switch step.event {
        case "lead.submitted": return "Form submitted"
        case "lead.received": return "Received from \(payload["source"] ?? "a source")"
        case "lead.validated": return "Validated"
        case "lead.remediation": return "Sent to remediation"
        case "lead.scored": return "Scored \(payload["score"] ?? "")"
        case "lead.qualified": return "Sales-ready" + (payload["tier"].map { $0.isEmpty ? "" : " (\(tierLabel($0)))" } ?? "")
        case "lead.nurture": return "Sent to nurture"
        case "lead.no_consent": return "No consent: no outreach"
        case "lead.routed": return "Routed: \(payload["summary"] ?? "")"
        case "lead.assigned": return "Assigned to \(person(payload["owner"]))"
        case "lead.queued": return "Waiting in the \(payload["queue"] ?? "") queue"
        case "lead.owner_notified": return "\(person(payload["recipient"])) notified (\(payload["channel"] ?? ""))"
        case "lead.sla_at_risk": return "SLA at risk"
        case "lead.sla_breached": return "Response SLA breached"
        case "lead.escalation_reminder": return "Escalation level \(level): owner reminded"
        case "lead.escalated": return "Escalation level \(level): \(payload["note"] ?? "manager notified")"
        case "lead.reassigned":
            let from = payload["from"].flatMap { $0.isEmpty ? nil : person($0) } ?? "the queue"
            return "Reassigned from \(from) to \(person(payload["to"])): \(payload["because"] ?? "")"
        case "lead.first_touch": return "First touch by \(payload["channel"] ?? "")"
        case "lead.accepted": return "Accepted by sales"
        case "lead.rejected": return "Rejected: \((payload["reason"] ?? "").replacingOccurrences(of: "_", with: " "))"
        case "lead.disposition_changed":
            return "Disposition changed from \((payload["from"] ?? "").replacingOccurrences(of: "_", with: " ")) to \((payload["disposition"] ?? "").replacingOccurrences(of: "_", with: " "))"
        case "lead.disposition": return "Disposition: \((payload["disposition"] ?? "").replacingOccurrences(of: "_", with: " "))"
        case "lead.disposition_overdue": return level == 1 ? "Disposition overdue: owner reminded" : "Disposition overdue: manager told"
        case "lead.resubmitted": return "Corrected and resubmitted (\(payload["changed"] ?? ""))"
        case "lead.first_touch_due": return "First touch due"
        case "lead.disposition_due": return "Disposition due"
        case "timer.at_risk": return "At-risk warning"
        case "timer.breach": return "Response SLA deadline"
        case "timer.escalate": return "Escalation level \(level)"
        case "timer.disposition_due": return level == 1 ? "Disposition reminder" : "Disposition escalation to the manager"
        default: return step.event
        }
    }

    /// "4m 05s", "2h 10m", "3d 4h"; negative durations read "-".
    static func duration(_ seconds: TimeInterval) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let total = Int(abs(seconds).rounded())
        switch total {
        case ..<60: return "\(sign)\(total)s"
        case ..<3600: return "\(sign)\(total / 60)m \(String(format: "%02d", total % 60))s"
        case ..<86400: return "\(sign)\(total / 3600)h \(String(format: "%02d", total % 3600 / 60))m"
        default: return "\(sign)\(total / 86400)d \(total % 86400 / 3600)h"
        }
    }
}
