import BatonCore
import BatonStore
import Foundation

/// The lead report (`baton reports leads`, and the pages that show it), read from the journeys the store keeps.
public struct LeadReports: Sendable {
    let store: any JourneyStore

    public init(store: any JourneyStore) { self.store = store }

    public func report(_ period: ReportPeriod, segments: [LeadConversion.Segment], now: Date) async throws -> LeadReport {
        let journeys = try await store.leadJourneys(receivedFrom: period.start, before: period.end)
        return LeadReport(journeys, from: period.start, to: period.end.addingTimeInterval(-1), segments: segments, asOf: now)
    }

    /// The report as text and as CSV.
    public static func text(_ report: LeadReport) -> String { LeadReportText(report: report).summary() }
    public static func csv(_ report: LeadReport) -> String { LeadReportText(report: report).csv() }
}
