import Foundation

/// Where a policy sent one lead, to whom, and why: the unit a backtest compares (X2).
public struct LeadRoute: Sendable, Equatable {
    public enum Destination: String, Sendable, Equatable, CaseIterable {
        case sales, nurture, remediation
        case noConsent = "no_consent"

        public var label: String {
            switch self {
            case .sales: "Sales"
            case .nurture: "Nurture"
            case .remediation: "Remediation"
            case .noConsent: "No consent"
            }
        }
    }

    public var destination: Destination
    public var owner: String?
    public var queue: String?
    public var tier: String?
    public var because: String

    public init(destination: Destination, owner: String? = nil, queue: String? = nil, tier: String? = nil, because: String) {
        self.destination = destination
        self.owner = owner
        self.queue = queue
        self.tier = tier
        self.because = because
    }

    /// Where a policy's pipeline sends a lead it decided.
    public init(_ decision: LeadDecision) {
        let destination: Destination = switch decision.status {
        case .remediation: .remediation
        case .noConsent: .noConsent
        case .assigned, .queued, .unrouted: .sales
        default: .nurture
        }
        self.init(
            destination: destination, owner: decision.assignment?.owner, queue: decision.assignment?.queue, tier: decision.tier,
            because: destination == .sales ? decision.assignment?.summary ?? decision.because : decision.because)
    }

    /// Where routing sent a sales-ready lead of the given response tier.
    public init(_ assignment: LeadAssignment, tier: String?) {
        self.init(destination: .sales, owner: assignment.owner, queue: assignment.queue, tier: tier, because: assignment.summary)
    }

    /// Whether a lead that went this way goes another way under `candidate`: to another destination, or in sales
    /// to another person.
    public func moved(to candidate: LeadRoute) -> Bool {
        destination != candidate.destination || (candidate.destination == .sales && owner != candidate.owner)
    }

    /// "Sales: Ana Souza", "Sales: queue sdr-triage", "Nurture".
    public func describe(_ policy: Policy) -> String {
        guard destination == .sales else { return destination.label }
        if let owner { return "Sales: \(policy.person(owner)?.name ?? owner)" }
        return "Sales: queue \(queue ?? "unrouted")"
    }
}
