import BatonCore
import Foundation
import Hummingbird
import HummingbirdCore

/// What a scorecard page, its CSV or its list of items asks for, read from the query string: the period (`from`,
/// `to`), the segment (`team`, `handoff`, `channel`, `source`) and, for the list, the figure (`metric`, `week`,
/// `part`, `reason`). Anything it cannot use is a 400 that says what it takes.
struct ScorecardRequest: ListLinking {
    var period: ReportPeriod
    var filter: ScorecardFilter
    let parameters: [(name: String, value: String)]

    static let names = ["from", "to", "team", "handoff", "channel", "source"]

    init(_ uri: URI, policy: Policy, now: Date) throws {
        let query = uri.queryParameters
        func text(_ name: String) throws -> String? {
            let values = query[values: Substring(name)]
            guard let value = values.last.map(String.init), !value.isEmpty else { return nil }
            guard values.count == 1, value.count <= 100 else { throw AppError.badRequest("Unknown \(name).", details: ["\(name): give it once, at most 100 characters"]) }
            return value
        }
        do {
            period = try ReportPeriod(from: try text("from") ?? Scorecards.defaultFrom(now: now), to: try text("to"), now: now)
        } catch let problem as ReportPeriod.Problem {
            throw AppError.badRequest("That period cannot be shown.", details: [problem.description])
        }
        if let problem = Scorecards.problem(with: period) { throw AppError.badRequest("That period cannot be shown.", details: [problem]) }
        filter = ScorecardFilter(team: try text("team"), handoff: try text("handoff"), channel: try text("channel"), source: try text("source"))
        let problems = Scorecards.problems(with: filter, policy: policy)
        if !problems.isEmpty { throw AppError.badRequest("That segment cannot be shown.", details: problems) }
        parameters = try Self.names.compactMap { name in try text(name).map { (name, $0) } }
    }
}

/// The figure a list of items is asked for: a metric and, optionally, one week, one part, one reason.
struct ScorecardFigureRequest {
    var metric: ScorecardMetric
    var week: Date?
    var part: String?
    var reason: String?

    init(_ uri: URI) throws {
        let query = uri.queryParameters
        guard let metric = query["metric"].flatMap({ ScorecardMetric(rawValue: String($0)) }) else {
            throw AppError.badRequest("Unknown figure.", details: ["metric: expected one of \(ScorecardMetric.allCases.map(\.rawValue).joined(separator: ", "))"])
        }
        self.metric = metric
        if let text = query["week"].map(String.init), !text.isEmpty {
            guard let day = Timestamp.day(text) else { throw AppError.badRequest("Unknown week.", details: ["week: expected the Monday that starts it, YYYY-MM-DD"]) }
            week = Scorecard.week(of: day)
        }
        part = query["part"].map(String.init).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        reason = query["reason"].map(String.init).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
    }
}
