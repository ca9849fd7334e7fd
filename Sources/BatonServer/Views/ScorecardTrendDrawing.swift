import BatonCore
import Foundation

/// One figure's weekly trend as SVG: a point per week with data (a gap where a week has none), the benchmark's
/// range as a dashed band, and a dashed vertical line labelled "v3" where a policy version came into force.
/// Readable without colour: values are in each point's title and in the weekly table beside the chart, flags in words.
struct ScorecardTrendDrawing {
    let row: Scorecard.Row
    let weeks: [Date]
    let versions: [Scorecard.VersionMark]
    var width = 320
    var height = 96

    private let left = 34, right = 8, top = 14, bottom = 18

    var svg: String {
        let values = row.trend.map(\.value)
        let top = topOfScale(values)
        let plotWidth = width - left - right, plotHeight = height - self.top - bottom
        func x(_ index: Int) -> Double { Double(left) + (weeks.count <= 1 ? Double(plotWidth) / 2 : Double(index) * Double(plotWidth) / Double(weeks.count - 1)) }
        func y(_ value: Double) -> Double { Double(self.top) + Double(plotHeight) * (1 - min(max(value / top, 0), 1)) }
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" class=\"trend\" role=\"img\" aria-label=\"\(SVG.escape(label(values)))\">"]
        parts.append("<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" class=\"trend-axis\"/>")
        parts.append(SVG.text(Self.short(top), x: left - 4, y: self.top + 4, className: "trend-scale", anchor: "end"))
        parts.append(SVG.text("0", x: left - 4, y: height - bottom, className: "trend-scale", anchor: "end"))
        if let benchmark = row.benchmark {
            let high = y(benchmark.max ?? top), low = y(benchmark.min ?? 0)
            parts.append("<rect x=\"\(left)\" y=\"\(Self.f(high))\" width=\"\(plotWidth)\" height=\"\(Self.f(max(low - high, 1)))\" class=\"trend-range\"><title>range \(SVG.escape(benchmark.range))</title></rect>")
        }
        for version in versions {
            guard let first = weeks.first else { break }
            let span = weeks.count <= 1 ? 1 : weeks[weeks.count - 1].timeIntervalSince(first)
            let position = Double(left) + Double(plotWidth) * min(max(version.at.timeIntervalSince(first) / span, 0), 1)
            parts.append("<line x1=\"\(Self.f(position))\" y1=\"\(self.top - 4)\" x2=\"\(Self.f(position))\" y2=\"\(height - bottom)\" class=\"trend-version\"/>")
            parts.append(SVG.text("v\(version.id)", x: Int(position) + 2, y: self.top - 4, className: "trend-version-label"))
        }
        var run: [String] = []
        func closeRun() {
            if run.count > 1 { parts.append("<polyline points=\"\(run.joined(separator: " "))\" class=\"trend-line\"/>") }
            run = []
        }
        for (index, value) in values.enumerated() {
            guard let value else { closeRun(); continue }
            run.append("\(Self.f(x(index))),\(Self.f(y(value)))")
        }
        closeRun()
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            let title = "week of \(ScorecardText.day(weeks[index])): \(ScorecardText.value(row.trend[index]))"
            parts.append("<circle cx=\"\(Self.f(x(index)))\" cy=\"\(Self.f(y(value)))\" r=\"3\" class=\"trend-point\"><title>\(SVG.escape(title))</title></circle>")
        }
        if let first = weeks.first, let last = weeks.last {
            parts.append(SVG.text(String(ScorecardText.day(first).dropFirst(5)), x: left, y: height - 4, className: "trend-scale"))
            parts.append(SVG.text(String(ScorecardText.day(last).dropFirst(5)), x: width - right, y: height - 4, className: "trend-scale", anchor: "end"))
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// The top of the scale: 100 for a percentage, else a little above the largest value or bound.
    private func topOfScale(_ values: [Double?]) -> Double {
        if row.metric.aggregate == .share { return 100 }
        let largest = (values.compactMap { $0 } + [row.benchmark?.max, row.benchmark?.min].compactMap { $0 }).max() ?? 1
        return max(largest * 1.15, 1)
    }

    private func label(_ values: [Double?]) -> String {
        let weeksWithData = values.compactMap { $0 }.count
        return "\(row.metric.label) by week: \(weeksWithData) of \(weeks.count) weeks with data"
            + (row.benchmark.map { ", range \($0.range)" } ?? "") + (versions.isEmpty ? "" : ", policy versions " + versions.map { "v\($0.id)" }.joined(separator: ", "))
    }

    private static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private static func short(_ value: Double) -> String { value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", value) }
}
