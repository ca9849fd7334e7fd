import BatonCore
import Foundation

/// A `LeadReport` as `baton report leads` prints it and as its CSV download holds it. Figures with nothing to
/// divide by read "no data", never 0 %.
struct LeadReportText {
    let report: LeadReport

    /// The KPIs as (label, share) and (label, spread) rows, in the order `docs/metrics.md` defines them.
    var shares: [(String, Share)] {
        let metrics = report.metrics
        return [
            ("Lead → MQL", metrics.leadToMQL), ("Acceptance", metrics.acceptance), ("MQL → SQL (accepted)", metrics.mqlToSQL),
            ("SQL → opportunity", metrics.sqlToOpportunity), ("Response SLA met", metrics.responseSLA), ("Never touched", metrics.neverTouched),
            ("Lead → won", metrics.conversion),
        ]
    }

    var spreads: [(String, Spread)] {
        let metrics = report.metrics
        return [
            ("Speed to lead, business minutes", metrics.speedToLeadBusiness), ("Speed to lead, wall-clock minutes", metrics.speedToLeadWall),
            ("System delay (arrival → owner notified), minutes", metrics.systemDelay),
            ("Human delay (notified → first touch), minutes", metrics.humanDelay),
            ("First contact → won, days", report.deals.daysToWon),
        ]
    }

    func summary() -> String {
        var lines = ["Leads that arrived \(Self.day(report.from)) to \(Self.day(report.to)): \(report.metrics.leads)"]
        guard !report.isEmpty else { return (lines + ["No lead arrived in this period: there is nothing to report."]).joined(separator: "\n") }
        lines += shares.map { label, share in "  \(label): \(Self.percent(share)) (\(share.count) of \(share.total))" }
        lines.append("  Context completeness of MQLs: \(report.metrics.contextCompleteness.map { Self.number($0, 1) + " %" } ?? "no data")")
        lines += spreads.map { label, spread in "  \(label): \(Self.spread(spread))" }
        if !report.metrics.rejectionReasons.isEmpty {
            lines.append("Rejections by reason: " + report.metrics.rejectionReasons.map { "\($0.label) \($0.count)" }.joined(separator: ", "))
        }
        for conversion in report.conversions {
            lines.append("Conversion by \(conversion.segment.label.lowercased()) (leads, MQLs, accepted, opportunities, won, lead → won):")
            lines += conversion.rows.map { row in
                "  \(row.value): \(row.leads) leads, \(row.mqls) MQLs, \(row.accepted) accepted, \(row.opportunities) opportunities, \(row.won) won, \(Self.percent(row.conversion))"
            }
        }
        if !report.deals.dealsByPerson.isEmpty {
            lines.append("Won deals by sales person:")
            lines += report.deals.dealsByPerson.map { "  \($0.label): \($0.count)" }
        }
        lines.append("Seams (minutes waiting to reach each step: median, slowest 10 %):")
        lines += report.seams.seams.map { "  \($0.from) → \($0.to): \(Self.spread($0.wait))" }
        return lines.joined(separator: "\n")
    }

    /// One row per figure: section, label, count, total, percent, median, p90, mean.
    func csv() -> String {
        var csv = CSVText(header: ["section", "label", "count", "total", "percent", "median", "p90", "mean"])
        csv.append(["period", "\(Self.day(report.from)) to \(Self.day(report.to))", String(report.metrics.leads), "", "", "", "", ""])
        for (label, share) in shares { csv.append(Self.cells("kpi", label, share)) }
        for (label, spread) in spreads { csv.append(Self.cells("kpi", label, spread)) }
        csv.append(["kpi", "Context completeness of MQLs", "", "", report.metrics.contextCompleteness.map { Self.number($0, 4) } ?? "", "", "", ""])
        for reason in report.metrics.rejectionReasons { csv.append(["rejection reason", reason.label, String(reason.count), "", "", "", "", ""]) }
        for conversion in report.conversions {
            for row in conversion.rows { csv.append(Self.cells("conversion by \(conversion.segment.rawValue)", row.value, row.conversion)) }
        }
        for person in report.deals.dealsByPerson { csv.append(["won deals by person", person.label, String(person.count), "", "", "", "", ""]) }
        for seam in report.seams.seams { csv.append(Self.cells("seam", "\(seam.from) → \(seam.to)", seam.wait)) }
        return csv.text
    }

    private static func cells(_ section: String, _ label: String, _ share: Share) -> [String] {
        [section, label, String(share.count), String(share.total), share.percent.map { number($0, 4) } ?? "", "", "", ""]
    }

    private static func cells(_ section: String, _ label: String, _ spread: Spread) -> [String] {
        [section, label, String(spread.count), "", "", spread.median.map { number($0, 4) } ?? "", spread.p90.map { number($0, 4) } ?? "", spread.mean.map { number($0, 4) } ?? ""]
    }

    static func percent(_ share: Share) -> String { share.percent.map { number($0, 2) + " %" } ?? "no data" }

    static func spread(_ spread: Spread) -> String {
        guard let median = spread.median, let p90 = spread.p90 else { return "no data" }
        return "median \(number(median, 2)), 90th percentile \(number(p90, 2)) (n = \(spread.count))"
    }

    static func number(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    static func day(_ date: Date) -> String { String(Timestamp.text(date).prefix(10)) }
}
