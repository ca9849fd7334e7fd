import BatonCore
import Foundation

/// A `ReviewPack` as the command line and Slack read it, and as its CSV download holds it.
struct ReviewPackText {
    let pack: ReviewPack

    var title: String {
        "Review pack, \(ScorecardText.day(pack.start)) to \(ScorecardText.day(pack.end.addingTimeInterval(-1)))"
    }

    /// "87.5 % (was 82.0 %, +5.5 points)"; a median in its unit.
    static func compared(_ line: ReviewPack.Line) -> String {
        let now = ScorecardText.value(line.now), before = ScorecardText.value(line.before)
        guard let change = line.change else { return "\(now) (before: \(before))" }
        let unit = line.now.metric.aggregate == .share ? " points" : ""
        return "\(now) (was \(before), \(change >= 0 ? "+" : "")\(ScorecardText.number(change, 1))\(unit))"
    }

    func summary(link: String? = nil) -> String {
        var lines = [title + (link.map { " — \($0)" } ?? "")]
        lines.append("1. SLA performance")
        lines += pack.sla.filter { $0.now.count > 0 || $0.before.count > 0 }.map { "   \($0.label): \(Self.compared($0))" }
        lines.append("2. Dispositions and rejections")
        lines.append("   \(pack.acceptance.label): \(Self.compared(pack.acceptance))")
        if !pack.dispositions.isEmpty { lines.append("   Dispositions: " + pack.dispositions.map { "\($0.label) \($0.now) (was \($0.before))" }.joined(separator: ", ")) }
        if !pack.rejections.isEmpty { lines.append("   Rejections: " + pack.rejections.map { "\($0.label) \($0.now) (was \($0.before))" }.joined(separator: ", ")) }
        lines += pack.suggestions.map { "   Suggested: \($0.text) Because: \($0.reason), \($0.because)." }
        lines.append("3. Definition changes since the last pack")
        if pack.changes.isEmpty { lines.append("   None: the policy did not change.") }
        for change in pack.changes {
            lines.append("   v\(change.version), \(ScorecardText.day(change.at)), by \(change.by):")
            lines += change.lines.map { "     - \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// One row per figure: section, label, now, before, change.
    func csv() -> String {
        var csv = CSVText(header: ["section", "label", "now", "before", "change"])
        csv.append(["period", title, ScorecardText.day(pack.start), ScorecardText.day(pack.previousStart), ""])
        for (section, line) in pack.sla.map({ ("sla", $0) }) + [("dispositions", pack.acceptance)] {
            csv.append([section, line.label, Self.cell(line.now), Self.cell(line.before), line.change.map { ScorecardText.number($0, 4) } ?? ""])
        }
        for count in pack.dispositions { csv.append(["disposition", count.label, String(count.now), String(count.before), String(count.now - count.before)]) }
        for count in pack.rejections { csv.append(["rejection reason", count.label, String(count.now), String(count.before), String(count.now - count.before)]) }
        for suggestion in pack.suggestions { csv.append(["suggestion", suggestion.reason, suggestion.text, suggestion.because, ""]) }
        for change in pack.changes {
            for line in change.lines { csv.append(["definition change", "v\(change.version) \(ScorecardText.day(change.at)) by \(change.by)", line, "", ""]) }
        }
        return csv.text
    }

    private static func cell(_ figure: Figure) -> String { figure.value.map { ScorecardText.number($0, 4) } ?? "" }
}
