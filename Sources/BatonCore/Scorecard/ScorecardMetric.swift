/// A figure of the Handoff Health Scorecard (G1, G2, G7, X5), with one definition each (`docs/metrics.md`).
/// The raw values are the ids the policy's `benchmarks` section and the scorecard's links use.
public enum ScorecardMetric: String, Sendable, Equatable, CaseIterable, Codable {
    // The five tiles (G7).
    case briefCompliance = "brief_compliance"
    case reworkRounds = "rework_rounds"
    case speedToLead = "speed_to_lead"
    case leadAcceptance = "lead_acceptance"
    case slaCompliance = "sla_compliance"
    // The rest of the asset side (G1).
    case onTimeDelivery = "on_time_delivery"
    case gateReturns = "gate_returns"
    case bypasses
    case cycleTime = "cycle_time"
    // The rest of the lead side (G2).
    case leadToMQL = "lead_to_mql"
    case mqlToSQL = "mql_to_sql"
    case sqlToOpportunity = "sql_to_opportunity"

    /// How a figure is made of its observations.
    public enum Aggregate: Sendable, Equatable {
        /// The percentage of observations that are 1 (met, accepted, returned).
        case share
        /// The median value, with the 90th percentile beside it.
        case median
        /// The mean value.
        case mean
    }

    /// Which handoffs it measures: the work (assets), the leads, or both.
    public enum Side: String, Sendable, Equatable {
        case work, leads, both
    }

    public var aggregate: Aggregate {
        switch self {
        case .reworkRounds: .mean
        case .speedToLead, .cycleTime: .median
        default: .share
        }
    }

    public var side: Side {
        switch self {
        case .briefCompliance, .reworkRounds, .onTimeDelivery, .gateReturns, .bypasses, .cycleTime: .work
        case .speedToLead, .leadAcceptance, .leadToMQL, .mqlToSQL, .sqlToOpportunity: .leads
        case .slaCompliance: .both
        }
    }

    /// The five tiles at the top of the scorecard.
    public static let tiles: [ScorecardMetric] = [.briefCompliance, .reworkRounds, .speedToLead, .leadAcceptance, .slaCompliance]

    public var label: String {
        switch self {
        case .briefCompliance: "Brief compliance"
        case .reworkRounds: "Rework rounds"
        case .speedToLead: "Speed to lead"
        case .leadAcceptance: "Lead acceptance"
        case .slaCompliance: "SLA compliance"
        case .onTimeDelivery: "On-time delivery"
        case .gateReturns: "Gate returns"
        case .bypasses: "Gate bypasses"
        case .cycleTime: "Cycle time per stage"
        case .leadToMQL: "Lead → MQL"
        case .mqlToSQL: "MQL → SQL (accepted)"
        case .sqlToOpportunity: "SQL → opportunity"
        }
    }

    /// The unit of the figure: "%", "rounds per item", "business minutes", "hours".
    public var unit: String {
        switch aggregate {
        case .share: "%"
        case .mean: "rounds per reviewed item"
        case .median: self == .speedToLead ? "business minutes (median)" : "hours (median)"
        }
    }

    /// What one observation is, in words, for the page that lists the items behind a figure.
    public var counts: String {
        switch self {
        case .briefCompliance: "briefs accepted at the first pass, of briefs accepted or returned"
        case .reworkRounds: "review rounds after the first, per item whose reviews finished"
        case .speedToLead: "arrival to first touch, in the toucher's business minutes, per touched lead"
        case .leadAcceptance: "leads sales accepted, of leads sales accepted or rejected"
        case .slaCompliance: "clocks stopped by their deadline (lead response, task response and completion, review rounds), of clocks stopped or past their deadline"
        case .onTimeDelivery: "items launched by their deadline, of launched items with a deadline"
        case .gateReturns: "work returned at a gate, of gate decisions (accepted or returned)"
        case .bypasses: "gates passed by a signed-off bypass, of gates passed"
        case .cycleTime: "offered to handed over per task, first round opened to approved per review stage, in hours"
        case .leadToMQL: "leads that became sales-ready, of leads that arrived"
        case .mqlToSQL: "MQLs sales accepted, of MQLs"
        case .sqlToOpportunity: "accepted leads with an opportunity, of accepted leads"
        }
    }
}
