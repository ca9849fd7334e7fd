import BatonCore

/// The Handoff Map (A4) as SVG: one swimlane per team taking part, and for each handoff an arrow from the
/// sending team's lane to the receiving team's, labelled H1…Hn with the first artifact that moves.
struct HandoffMapDrawing {
    let policy: Policy

    static let laneHeight = 76
    static let labelWidth = 150
    static let columnWidth = 178

    /// Teams in policy order that send or receive at least one handoff.
    var lanes: [Team] {
        let involved = Set(policy.handoffs.flatMap { [policy.role($0.from)?.team, policy.role($0.to)?.team] }.compactMap { $0 })
        return policy.teams.filter { involved.contains($0.id) }
    }

    var svg: String {
        let lanes = self.lanes
        let width = Self.labelWidth + policy.handoffs.count * Self.columnWidth + 24
        let height = lanes.count * Self.laneHeight
        var parts = [
            "<svg class=\"handoff-map\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"map-title map-desc\" xmlns=\"http://www.w3.org/2000/svg\">",
            "<title id=\"map-title\">Marketing Handoff Map</title>",
            "<desc id=\"map-desc\">\(SVG.escape(description))</desc>",
            SVG.arrowMarker,
        ]
        for (index, team) in lanes.enumerated() {
            let top = index * Self.laneHeight
            parts.append(
                "<g class=\"lane\" data-team=\"\(SVG.escape(team.id))\"><rect x=\"0\" y=\"\(top)\" width=\"\(width)\" height=\"\(Self.laneHeight)\" class=\"lane-\(index % 2 == 0 ? "even" : "odd")\"/>"
                    + SVG.text(team.name, x: 14, y: top + Self.laneHeight / 2 + 5, className: "lane-label") + "</g>")
        }
        let laneIndex = Dictionary(uniqueKeysWithValues: lanes.enumerated().map { ($1.id, $0) })
        for (column, handoff) in policy.handoffs.enumerated() {
            guard let fromLane = policy.role(handoff.from).flatMap({ laneIndex[$0.team] }),
                let toLane = policy.role(handoff.to).flatMap({ laneIndex[$0.team] })
            else { continue }
            parts.append(arrow(handoff, column: column, fromLane: fromLane, toLane: toLane))
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private func center(_ lane: Int) -> Int { lane * Self.laneHeight + Self.laneHeight / 2 }

    private func arrow(_ handoff: Handoff, column: Int, fromLane: Int, toLane: Int) -> String {
        let x = Self.labelWidth + column * Self.columnWidth + 30
        let y1 = center(fromLane), y2 = center(toLane)
        let direction = y2 >= y1 ? 1 : -1
        let middle = (y1 + y2) / 2
        let artifact = SVG.clip(handoff.artifacts.first ?? "", 24)
        return """
            <g class="handoff" data-handoff="\(SVG.escape(handoff.id))" tabindex="0"><title>\(SVG.escape(policy.title(of: handoff))): \(SVG.escape(handoff.name)). Moves: \(SVG.escape(handoff.artifacts.joined(separator: ", ")))</title>\
            <circle cx="\(x)" cy="\(y1)" r="6" class="node-from"/>\
            <line x1="\(x)" y1="\(y1 + 7 * direction)" x2="\(x)" y2="\(y2 - 9 * direction)" class="handoff-line" marker-end="url(#arrow)"/>\
            <circle cx="\(x)" cy="\(y2)" r="6" class="node-to"/>\
            <rect x="\(x + 10)" y="\(middle - 24)" width="32" height="20" rx="4" class="badge"/>\
            \(SVG.text(handoff.id, x: x + 26, y: middle - 9, className: "badge-label", anchor: "middle"))\
            \(SVG.text(artifact, x: x + 10, y: middle + 12, className: "artifact-label"))</g>
            """
    }

    /// A sentence per handoff for screen readers.
    private var description: String {
        policy.handoffs.map { "\(policy.title(of: $0)): \($0.artifacts.joined(separator: ", "))" }.joined(separator: ". ")
    }
}
