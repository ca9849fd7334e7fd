import Foundation

/// The lead-side KPIs (G2) of one lead, as scorecard observations, all dated by the lead's arrival: a lead counts in
/// the week it arrived, as in `LeadMetrics`, whose figures these agree with for the same cohort.
extension LeadJourney {
    /// Appends the lead's observations to `result`: a scorecard of a quarter gathers hundreds of thousands of
    /// them into one array rather than one array per lead.
    public func observe(asOf now: Date, into result: inout [Observation]) {
        guard let arrived = receivedAt else { return }
        let me = Observation.Subject.lead(leadID)
        result.append(Observation(.leadToMQL, me, at: arrived, hit: qualifiedAt != nil))
        if acceptedAt != nil || rejectedAt != nil {
            result.append(Observation(.leadAcceptance, me, at: arrived, hit: acceptedAt != nil, reasons: acceptedAt == nil ? [rejectionReason ?? "(no reason)"] : []))
        }
        if qualifiedAt != nil { result.append(Observation(.mqlToSQL, me, at: arrived, hit: acceptedAt != nil)) }
        if acceptedAt != nil { result.append(Observation(.sqlToOpportunity, me, at: arrived, hit: opportunities > 0)) }
        if touchedAt != nil, let seconds = touchBusinessSeconds {
            result.append(Observation(.speedToLead, me, at: arrived, value: Double(seconds) / 60, group: tier))
        }
        if responseIsDue(asOf: now) {
            result.append(Observation(.slaCompliance, me, at: arrived, hit: metResponseDeadline, group: "Lead response"))
        }
    }
}
