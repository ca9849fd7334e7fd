import BatonCore

/// The Automated Handoff Rules diagram (F8): Intake → Validation → Assignment → SLA timer → Escalation,
/// each box listing what the policy configures at that stage for the lead handoff.
struct AutomationRulesDrawing {
    /// One box of the diagram.
    struct Stage {
        let title: String
        let lines: [String]
    }

    let stages: [Stage]

    init(policy: Policy) {
        let leads = policy.leads
        let leadHandoff = policy.handoffs.first { $0.item == .lead }
        let required = leads?.fields.filter(\.required).map(\.label) ?? []
        stages = [
            Stage(title: "Intake", lines: (leads?.sources ?? []).map { $0.replacingOccurrences(of: "_", with: " ") }),
            Stage(
                title: "Validation",
                lines: ["Required: " + required.joined(separator: ", ")] + (leadHandoff?.entry.map(\.label) ?? [])),
            Stage(
                title: "Assignment",
                lines: (leads?.routingRules ?? []).enumerated().map { "\($0.offset + 1). \($0.element.label.isEmpty ? $0.element.id : $0.element.label)" }
                    + (leads?.pools ?? []).map { pool in
                    "\(pool.label): " + pool.members.map { "\(policy.person($0.person)?.name ?? $0.person) ×\($0.weight)" }.joined(separator: ", ")
                } + ["Fallback: " + Self.owner(leads?.fallback, in: policy)]),
            Stage(title: "SLA timer", lines: (leads?.responseTiers ?? []).map { "\($0.label): \($0.response)" }),
            Stage(
                title: "Escalation",
                lines: (leadHandoff?.sla.escalation ?? []).map { level in
                    (level.after.amount == 0 ? "At deadline" : "+\(level.after.compact)") + ": \(level.action.rawValue) \(level.notify.joined(separator: ", "))"
                }),
        ]
    }

    /// "Sam Whitaker" for a person id, "the sdr-triage queue" for `queue:sdr-triage`.
    static func owner(_ fallback: String?, in policy: Policy) -> String {
        guard let fallback else { return "none" }
        if fallback.hasPrefix("queue:") { return "the \(fallback.dropFirst("queue:".count)) queue" }
        return policy.person(fallback)?.name ?? fallback
    }

    static let boxWidth = 210
    static let gap = 34
    static let lineHeight = 17

    var svg: String {
        let wrapped = stages.map { stage in stage.lines.flatMap { SVG.wrap($0, width: 27, lines: 3) } }
        let height = 70 + (wrapped.map(\.count).max() ?? 0) * Self.lineHeight
        let width = stages.count * Self.boxWidth + (stages.count - 1) * Self.gap + 4
        var parts = [
            "<svg class=\"automation-rules\" viewBox=\"0 0 \(width) \(height + 4)\" role=\"img\" aria-labelledby=\"rules-title\" xmlns=\"http://www.w3.org/2000/svg\">",
            "<title id=\"rules-title\">Automated Handoff Rules: \(stages.map(\.title).joined(separator: " → "))</title>",
            SVG.arrowMarker,
        ]
        for (index, stage) in stages.enumerated() {
            let x = 2 + index * (Self.boxWidth + Self.gap)
            var box = "<g class=\"stage\" data-stage=\"\(SVG.escape(stage.title))\"><rect x=\"\(x)\" y=\"2\" width=\"\(Self.boxWidth)\" height=\"\(height)\" rx=\"8\" class=\"stage-box\"/>"
            box += SVG.text(stage.title, x: x + 14, y: 30, className: "stage-title")
            for (line, text) in wrapped[index].enumerated() {
                box += SVG.text(text, x: x + 14, y: 56 + line * Self.lineHeight, className: "stage-line")
            }
            parts.append(box + "</g>")
            if index < stages.count - 1 {
                let startX = x + Self.boxWidth + 3
                parts.append("<line x1=\"\(startX)\" y1=\"\(height / 2)\" x2=\"\(startX + Self.gap - 8)\" y2=\"\(height / 2)\" class=\"handoff-line\" marker-end=\"url(#arrow)\"/>")
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}
