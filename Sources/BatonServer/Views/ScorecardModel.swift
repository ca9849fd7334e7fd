import BatonCore
import Foundation

/// The template model of the scorecard page: the period and segment form, the five tiles, and every figure with
/// its weekly trend, parts and reasons, each linking to the list of items behind it.
struct ScorecardModel {
    let scorecard: Scorecard
    let request: ScorecardRequest
    let policy: Policy

    static let itemsPath = "/reports/scorecard/items"

    var model: [String: Any] {
        let rows = scorecard.rows.map(row)
        return [
            "from": ScorecardText.day(scorecard.start), "to": ScorecardText.day(scorecard.end.addingTimeInterval(-1)),
            "teams": policy.teams.map { ["id": $0.id, "name": $0.name, "selected": $0.id == request.filter.team] },
            "handoffs": policy.handoffs.map { ["id": $0.id, "name": "\($0.id) · \($0.name)", "selected": $0.id == request.filter.handoff] },
            "channel": request.filter.channel ?? "", "source": request.filter.source ?? "",
            "channels": channelChoices, "segmented": !request.filter.isEmpty,
            "csv": request.link("/reports/scorecard.csv"), "empty": scorecard.isEmpty,
            "tiles": rows.filter { ($0["tile"] as? Bool) == true }, "rows": rows,
            "versions": scorecard.versions.map { ["id": $0.id, "day": ScorecardText.day($0.at)] },
        ]
    }

    /// Channels the policy names (brief channels and UTM mediums), offered as suggestions.
    private var channelChoices: [String] {
        Array(Set(["channel", "utm_medium"].compactMap(policy.taxonomyField).flatMap(\.values))).sorted()
    }

    private func row(_ row: Scorecard.Row) -> [String: Any] {
        let drawing = ScorecardTrendDrawing(row: row, weeks: scorecard.weeks, versions: scorecard.versions)
        return [
            "id": row.metric.rawValue, "label": row.metric.label, "unit": row.metric.aggregate == .share ? "" : row.metric.unit, "counts": row.metric.counts,
            "tile": ScorecardMetric.tiles.contains(row.metric), "value": ScorecardText.value(row.figure), "base": ScorecardText.base(row.figure),
            "link": link(row.metric), "flag": ScorecardText.flag(row) ?? "", "range": row.benchmark?.range ?? "",
            "rangeSource": row.benchmark?.source ?? "", "svg": drawing.svg,
            "weeks": zip(scorecard.weeks, row.trend).map { week, figure in
                // Every key set, even for a week without data: a missing one would be looked up in the row around it.
                ["week": ScorecardText.day(week), "value": ScorecardText.value(figure), "base": figure.count == 0 ? "—" : ScorecardText.base(figure),
                 "hasData": figure.count > 0, "link": link(row.metric, ["week": ScorecardText.day(week)])]
            },
            "parts": row.parts.map { part in
                ["label": part.label, "value": ScorecardText.value(part.figure), "base": ScorecardText.base(part.figure), "link": link(row.metric, ["part": part.label])]
            },
            "reasons": row.reasons.map { reason in
                ["label": reason.label, "count": reason.share.count, "percent": reason.share.percent.map { ScorecardText.number($0, 1) + " %" } ?? "",
                 "link": link(row.metric, ["reason": reason.label])]
            },
        ]
    }

    private func link(_ metric: ScorecardMetric, _ more: [String: String?] = [:]) -> String {
        request.link(Self.itemsPath, changing: more.merging(["metric": metric.rawValue]) { $1 })
    }
}
