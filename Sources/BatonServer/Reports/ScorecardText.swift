import BatonCore
import Foundation

/// A `Scorecard` as `baton reports scorecard` prints it and as its CSV download holds it, and the way every page
/// writes a figure: "87.5 %", "3.1 business minutes (median)", "no data".
struct ScorecardText {
    let scorecard: Scorecard

    /// A figure's value in its unit, or "no data".
    static func value(_ figure: Figure) -> String {
        guard let value = figure.value else { return "no data" }
        return figure.metric.aggregate == .share ? number(value, 1) + " %" : number(value, 1)
    }

    /// The value with its unit and base: "87.5 % (35 of 40)", "3.1 business minutes (median), n = 12".
    static func described(_ figure: Figure) -> String {
        guard figure.value != nil else { return "no data" }
        switch figure.metric.aggregate {
        case .share: return "\(value(figure)) (\(figure.share.count) of \(figure.share.total))"
        case .median: return "\(value(figure)) \(figure.metric.unit), 90th percentile \(figure.spread.p90.map { number($0, 1) } ?? "–"), n = \(figure.count)"
        case .mean: return "\(value(figure)) \(figure.metric.unit), n = \(figure.count)"
        }
    }

    /// "35 of 40" for a share, "n = 12" for a median or mean, blank without data.
    static func base(_ figure: Figure) -> String {
        guard figure.count > 0 else { return "" }
        return figure.metric.aggregate == .share ? "\(figure.share.count) of \(figure.share.total)" : "n = \(figure.count)"
    }

    /// "below the range 10–15 (SalesHive)", nil when the figure is within its range or has none.
    static func flag(_ row: Scorecard.Row) -> String? {
        guard let reading = row.reading, reading != .within, let benchmark = row.benchmark else { return nil }
        return "\(reading.rawValue) the range \(benchmark.range)" + (benchmark.source.map { " (\($0))" } ?? "")
    }

    static func day(_ date: Date) -> String { String(Timestamp.text(date).prefix(10)) }

    static func number(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    func summary() -> String {
        let last = scorecard.end.addingTimeInterval(-1)
        var lines = ["Handoff Health Scorecard, \(Self.day(scorecard.start)) to \(Self.day(last))"]
        guard !scorecard.isEmpty else { return (lines + ["Nothing was handed off in this period: there is nothing to report."]).joined(separator: "\n") }
        for row in scorecard.rows {
            var line = "  \(row.metric.label): \(Self.described(row.figure))"
            if let flag = Self.flag(row) { line += "  ⚑ \(flag)" }
            lines.append(line)
            lines += row.parts.map { "      \($0.label): \(Self.described($0.figure))" }
            lines += row.reasons.prefix(5).map { "      \($0.label): \($0.share.count)" }
        }
        if !scorecard.versions.isEmpty {
            lines.append("Policy versions that came into force: " + scorecard.versions.map { "v\($0.id) on \(Self.day($0.at))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// One row per figure: metric, label, week (blank for the whole period), part, reason, count, total, value, flag.
    func csv() -> String {
        var csv = CSVText(header: ["metric", "label", "week", "part", "reason", "count", "total", "value", "flag"])
        for row in scorecard.rows {
            let id = row.metric.rawValue, label = row.metric.label
            csv.append(Self.cells(id, label, week: "", part: "", reason: "", row.figure) + [Self.flag(row) ?? ""])
            for (week, figure) in zip(scorecard.weeks, row.trend) { csv.append(Self.cells(id, label, week: Self.day(week), part: "", reason: "", figure) + [""]) }
            for part in row.parts { csv.append(Self.cells(id, label, week: "", part: part.label, reason: "", part.figure) + [""]) }
            for reason in row.reasons {
                csv.append([id, label, "", "", reason.label, String(reason.share.count), String(reason.share.total), reason.share.percent.map { Self.number($0, 4) } ?? "", ""])
            }
        }
        for version in scorecard.versions { csv.append(["policy_version", "v\(version.id)", Self.day(version.at), "", "", "", "", "", ""]) }
        return csv.text
    }

    private static func cells(_ id: String, _ label: String, week: String, part: String, reason: String, _ figure: Figure) -> [String] {
        [id, label, week, part, reason, String(figure.metric.aggregate == .share ? figure.share.count : figure.count),
         figure.metric.aggregate == .share ? String(figure.share.total) : "", figure.value.map { number($0, 4) } ?? ""]
    }
}
