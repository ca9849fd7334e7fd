import BatonCore
import Foundation

/// The template model of the lead report page, built from the same rows as the text and CSV (`LeadReportText`).
struct LeadReportModel {
    let report: LeadReport
    let request: LeadReportRequest

    var model: [String: Any] {
        let text = LeadReportText(report: report)
        func spread(_ label: String, _ spread: Spread) -> [String: Any] {
            ["label": label, "median": spread.median.map { LeadReportText.number($0, 1) } ?? "no data",
             "p90": spread.p90.map { LeadReportText.number($0, 1) } ?? "no data", "count": spread.count]
        }
        return [
            "from": ScorecardText.day(report.from), "to": ScorecardText.day(report.to), "leads": report.metrics.leads, "one": report.metrics.leads == 1,
            "empty": report.isEmpty, "csv": request.link("/reports/leads.csv"),
            "segments": LeadConversion.Segment.allCases.map { ["id": $0.rawValue, "label": $0.label, "selected": $0 == request.segment] },
            "shares": text.shares.map { label, share in
                ["label": label, "value": LeadReportText.percent(share), "base": share.total == 0 ? "" : "\(share.count) of \(share.total)"]
            } + [["label": "Context completeness of MQLs", "value": report.metrics.contextCompleteness.map { LeadReportText.number($0, 1) + " %" } ?? "no data", "base": ""]],
            "spreads": text.spreads.map(spread),
            "seams": report.seams.seams.map { spread("\($0.from) → \($0.to)", $0.wait) },
            "conversions": report.conversions.map { conversion in
                ["segment": conversion.segment.label, "rows": conversion.rows.map { row in
                    ["value": row.value, "leads": row.leads, "mqls": row.mqls, "accepted": row.accepted, "opportunities": row.opportunities,
                     "won": row.won, "conversion": LeadReportText.percent(row.conversion)]
                }]
            },
            "reasons": report.metrics.rejectionReasons.map { ["label": $0.label, "count": $0.count] },
            "deals": report.deals.dealsByPerson.map { ["label": $0.label, "count": $0.count] },
        ]
    }
}
