import BatonCore
import Foundation
import Hummingbird
import HummingbirdCore

/// What the lead report page or its CSV asks for: the period (`from`, `to`; by default the scorecard's thirteen
/// weeks) and the segment conversion is split by (`by`, default source).
struct LeadReportRequest: ListLinking {
    var period: ReportPeriod
    var segment: LeadConversion.Segment
    let parameters: [(name: String, value: String)]

    init(_ uri: URI, now: Date) throws {
        let query = uri.queryParameters
        func text(_ name: String) -> String? { query[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : String($0.prefix(100)) } }
        do {
            period = try ReportPeriod(from: text("from") ?? Scorecards.defaultFrom(now: now), to: text("to"), now: now)
        } catch {
            throw AppError.badRequest("That period cannot be shown.", details: [error.description])
        }
        guard let segment = LeadConversion.Segment(rawValue: text("by") ?? "source") else {
            throw AppError.badRequest("Unknown split.", details: ["by: expected one of \(LeadConversion.Segment.allCases.map(\.rawValue).joined(separator: ", "))"])
        }
        self.segment = segment
        parameters = ["from", "to", "by"].compactMap { name in text(name).map { (name, $0) } }
    }
}
