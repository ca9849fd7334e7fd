/// Where a lead stands on its path from intake to disposition.
public enum LeadStatus: String, Sendable, Equatable, Codable, CaseIterable {
    /// Failed validation or a required enrichment check; waits for ops to fix it (F6).
    case remediation
    /// Valid but not sales-ready or not in the ideal customer profile (F7).
    case nurture
    /// Sales-ready but without consent to be contacted: recorded, no outreach.
    case noConsent = "no_consent"
    /// Waiting in a named queue (the fallback, e.g. `sdr-triage`) for someone to assign it.
    case queued
    /// No rule, pool or fallback could take it; visible to ops.
    case unrouted
    /// Owned by a rep, waiting for the first touch; the response SLA runs.
    case assigned
    /// The owner has touched it; the disposition clock runs.
    case working
    case accepted
    case rejected
    /// A disposition is recorded; the handoff is complete.
    case closed

    /// Statuses of leads held back from sales, which a correction or new activity decides again.
    public static let held: Set<LeadStatus> = [.remediation, .nurture, .noConsent]

    /// Statuses that count against a rep's capacity.
    public static let open: Set<LeadStatus> = [.assigned, .working, .accepted]

    /// What a person calls it.
    public var label: String {
        switch self {
        case .remediation: "Remediation"
        case .nurture: "Nurture"
        case .noConsent: "No consent"
        case .queued: "Queued"
        case .unrouted: "Unrouted"
        case .assigned: "Assigned"
        case .working: "Working"
        case .accepted: "Accepted"
        case .rejected: "Rejected"
        case .closed: "Closed"
        }
    }
}
