import Foundation

/// Everything the lead side reports for one cohort: the KPIs, conversion by the asked segments, won deals, and the
/// seams (G2, H1, H3, H5). `isEmpty` says there is no lead to report on, so no figure is shown as a fact.
public struct LeadReport: Sendable, Equatable {
    public var from: Date
    public var to: Date
    public var metrics: LeadMetrics
    public var conversions: [LeadConversion]
    public var deals: DealReport
    public var seams: SeamReport

    public init(_ journeys: [LeadJourney], from: Date, to: Date, segments: [LeadConversion.Segment], asOf now: Date) {
        self.from = from
        self.to = to
        metrics = LeadMetrics(journeys, asOf: now)
        conversions = segments.map { LeadConversion(journeys, by: $0) }
        deals = DealReport(journeys)
        seams = SeamReport(journeys)
    }

    public var isEmpty: Bool { metrics.leads == 0 }
}
