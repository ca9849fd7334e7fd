import Foundation

/// What a sampled handoff is inspected for (G4), as the system finds it before the auditor confirms: missing fields,
/// missing artifacts, SLA breaches, unclear ownership, and the failure modes recorded on it.
public enum AuditChecklist {
    public static let items: [(id: String, label: String)] = [
        ("missing_fields", "Missing fields"), ("missing_artifacts", "Missing artifacts"), ("sla_breach", "SLA breaches"),
        ("unclear_ownership", "Unclear ownership"), ("failure_mode", "Failure modes"),
    ]

    /// The quarterly alignment review's items (G5), with the evidence a reviewer would attach.
    public static let quarterly: [(id: String, label: String, evidence: [String])] = [
        ("definitions", "Definitions: the sales-ready definition and each handoff's entry and exit criteria still say what both teams mean",
         ["/policy/criteria", "baton policy test"]),
        ("scoring", "Scoring: fit and behaviour points and the thresholds still separate the leads sales accepts from those it rejects",
         ["/reports/scorecard#lead_acceptance", "/reports/leads"]),
        ("routing", "Routing: rules, pools, capacities and the fallback still send each lead to the right person in time",
         ["/policy/automation", "/reports/scorecard#speed_to_lead"]),
        ("feedback", "Feedback loops: rejection reasons and dispositions were reviewed in each review pack and led to changes",
         ["/reports/review-pack", "/policy/versions"]),
    ]

    static func check(_ id: String, problems: [String]) -> AuditCheck {
        let label = items.first { $0.id == id }?.label ?? id
        return AuditCheck(id: id, label: label, passed: problems.isEmpty, detail: problems.joined(separator: "; "))
    }

    /// A closed lead's checklist: the lead fields the policy requires, the context sales needs (activity, campaign),
    /// the response deadline, who owned it, and why it was rejected.
    public static func checks(for lead: LeadRecord, policy: Policy) -> [AuditCheck] {
        let required = policy.leads?.fields.filter(\.required).map(\.id) ?? []
        let missing = required.filter { (lead.fields[$0] ?? "").isEmpty }
        var context: [String] = []
        if lead.activities.isEmpty { context.append("no activity history") }
        if (lead.fields["utm_source"] ?? "").isEmpty && (lead.fields["utm_campaign"] ?? "").isEmpty { context.append("no campaign or UTM source") }
        var late: [String] = []
        if let due = lead.responseDue {
            if let touch = lead.firstTouch, touch.at > due {
                late.append("first touch \(Self.minutes(touch.at.timeIntervalSince(due))) after its deadline")
            } else if lead.firstTouch == nil, (lead.closedAt ?? .distantFuture) > due {
                late.append("closed without a first touch, past its deadline")
            }
        }
        var ownership: [String] = []
        if lead.owner == nil { ownership.append("closed without an owner") }
        if lead.previousOwners.count > 1 { ownership.append("owned by \(lead.previousOwners.count + 1) people in turn") }
        let failure = lead.rejection.map { ["rejected: \($0.reason)"] } ?? (lead.disposition == "bad_fit" ? ["disposition: bad fit"] : [])
        return [
            check("missing_fields", problems: missing.isEmpty ? [] : ["missing \(missing.joined(separator: ", "))"]),
            check("missing_artifacts", problems: context), check("sla_breach", problems: late),
            check("unclear_ownership", problems: ownership), check("failure_mode", problems: failure),
        ]
    }

    /// A closed work item's checklist: its brief's required fields and its handoffs' entry and exit checks as the item
    /// stands (artifact checks apart), its SLA clocks, its owners, and the failure modes of its returns and rejections.
    public static func checks(for item: WorkItem, policy: Policy, asOf now: Date) -> [AuditCheck] {
        let brief = policy.assetType(item.assetType)?.brief.filter(\.required).map(\.id).filter { (item.fields[$0] ?? "").isEmpty } ?? []
        let gates = policy.expanded(item.tasks.compactMap(\.handoff).compactMap(policy.handoff).flatMap { $0.entry + $0.exit })
        let evaluator = WorkWorkflow(policy: policy, policyVersion: nil)
        func failing(_ checks: [Check]) -> [String] {
            evaluator.evaluate(checks, on: item).filter { !$0.passed }.map(\.label).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        }
        let isArtifact: (Check) -> Bool = { if case .artifact = $0.kind { true } else { false } }
        let fields = brief.map { "brief field \($0)" } + failing(gates.filter { !isArtifact($0) })
        let artifacts = failing(gates.filter(isArtifact))
        let missed = item.observations(asOf: now).filter { $0.metric == .slaCompliance && !$0.isHit }
        let ownership = item.tasks.filter { $0.owner == nil }.map { "\($0.name) has no owner" }
            + item.tasks.filter { $0.assignedBecause.contains("reassigned") }.map { "\($0.name) was reassigned by an escalation" }
        let modes = item.tasks.flatMap(\.returns).flatMap(\.failureModes)
            + item.reviews.flatMap(\.rounds).flatMap(\.decisions).filter { $0.verdict == .reject }.flatMap(\.reasons)
        return [
            check("missing_fields", problems: fields), check("missing_artifacts", problems: artifacts),
            check("sla_breach", problems: missed.isEmpty ? [] : ["\(missed.count) clock\(missed.count == 1 ? "" : "s") missed: " + Array(Set(missed.compactMap(\.group))).sorted().joined(separator: ", ")]),
            check("unclear_ownership", problems: ownership),
            check("failure_mode", problems: modes.isEmpty ? [] : [Tally.of(modes).map { "\($0.label) ×\($0.count)" }.joined(separator: ", ")]),
        ]
    }

    static func minutes(_ seconds: TimeInterval) -> String {
        let minutes = Int((seconds / 60).rounded())
        return minutes < 120 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
