import BatonCore
import Foundation

/// The template model of the review pack page: its three sections, and links to the packs before and after it.
struct ReviewPackModel {
    let pack: ReviewPack
    let weeks: Int
    let schedule: ReviewPackSchedule?
    let now: Date

    var model: [String: Any] {
        let span = Double(weeks * 7 * 86_400)
        func day(_ date: Date) -> String { ScorecardText.day(date) }
        func line(_ line: ReviewPack.Line) -> [String: Any] {
            ["label": line.label, "now": ScorecardText.value(line.now), "before": ScorecardText.value(line.before),
             "nowBase": ScorecardText.base(line.now), "beforeBase": ScorecardText.base(line.before),
             "change": line.change.map { ($0 >= 0 ? "+" : "") + ScorecardText.number($0, 1) + (line.now.metric.aggregate == .share ? " points" : "") } ?? "—"]
        }
        return [
            "weeks": weeks, "from": day(pack.start), "to": day(pack.end.addingTimeInterval(-1)),
            "previousFrom": day(pack.previousStart), "previousTo": day(pack.start.addingTimeInterval(-1)),
            "earlier": "/reports/review-pack?ending=\(day(pack.start.addingTimeInterval(-1)))",
            "later": "/reports/review-pack?ending=\(day(pack.end.addingTimeInterval(span - 1)))",
            "csv": "/reports/review-pack.csv?ending=\(day(pack.end.addingTimeInterval(-1)))", "empty": pack.isEmpty,
            "inProgress": pack.end > now ? "This period is not over yet: its figures are those so far, beside a whole period before." : "",
            "schedule": schedule.map { "every \($0.everyWeeks) weeks at \($0.time) (\($0.calendar)) to \($0.channels.isEmpty ? "the inboxes" : $0.channels.joined(separator: ", "))" } ?? "",
            "sla": pack.sla.filter { $0.now.count > 0 || $0.before.count > 0 }.map(line), "acceptance": line(pack.acceptance),
            "dispositions": pack.dispositions.map { ["label": $0.label, "now": $0.now, "before": $0.before] },
            "rejections": pack.rejections.map { ["label": $0.label, "now": $0.now, "before": $0.before] },
            "suggestions": pack.suggestions.map { ["reason": $0.reason, "text": $0.text, "because": $0.because] },
            "changes": pack.changes.map { ["version": $0.version, "day": day($0.at), "by": $0.by, "lines": $0.lines] },
        ]
    }
}
