import Foundation

/// Conversion split by one attribute of the lead (G2, H3): how many leads of each source, channel, rule or rep
/// became MQLs, were accepted, opened an opportunity and won a deal.
public struct LeadConversion: Sendable, Equatable {
    /// What leads are grouped by.
    public enum Segment: String, Sendable, CaseIterable, Codable {
        /// The UTM source, the UTM medium (channel), the UTM campaign, the intake system, the routing rule that
        /// placed the lead, its current owner, its response tier.
        case source, channel, campaign, intake, rule, rep, tier

        public var label: String {
            switch self {
            case .source: "Source"
            case .channel: "Channel"
            case .campaign: "Campaign"
            case .intake: "Intake"
            case .rule: "Routing rule"
            case .rep: "Rep"
            case .tier: "Tier"
            }
        }

        /// The journey's value for this segment; "(none)" when it has none.
        public func value(of journey: LeadJourney) -> String {
            let value: String? = switch self {
            case .source: journey.source
            case .channel: journey.channel
            case .campaign: journey.campaign
            case .intake: journey.intake
            case .rule: journey.rule
            case .rep: journey.owner
            case .tier: journey.tier
            }
            return value ?? Self.none
        }

        public static let none = "(none)"
    }

    /// One group's funnel.
    public struct Row: Sendable, Equatable, Codable {
        public var value: String
        public var leads: Int
        public var mqls: Int
        public var accepted: Int
        public var opportunities: Int
        public var won: Int
        public var wonAmount: Double

        /// Leads with a won deal of the group's leads.
        public var conversion: Share { Share(won, of: leads) }
    }

    public var segment: Segment
    /// Groups by number of leads, largest first (ties by value).
    public var rows: [Row]

    public init(_ journeys: [LeadJourney], by segment: Segment) {
        self.segment = segment
        var rows: [String: Row] = [:]
        for journey in journeys {
            let value = segment.value(of: journey)
            var row = rows[value] ?? Row(value: value, leads: 0, mqls: 0, accepted: 0, opportunities: 0, won: 0, wonAmount: 0)
            row.leads += 1
            if journey.qualifiedAt != nil { row.mqls += 1 }
            if journey.acceptedAt != nil { row.accepted += 1 }
            if journey.opportunities > 0 { row.opportunities += 1 }
            if journey.won > 0 { row.won += 1 }
            row.wonAmount += journey.wonAmount
            rows[value] = row
        }
        self.rows = rows.values.sorted { ($0.leads, $1.value) > ($1.leads, $0.value) }
    }
}

/// What sales made of the leads (H3): won deals per sales person, and how long from first contact to won.
public struct DealReport: Sendable, Equatable {
    /// Leads with a won deal per sales person named on the deal, most first (ties by name).
    public var dealsByPerson: [Tally]
    /// First contact (the lead's submission, else its arrival) → its first won deal, in days.
    public var daysToWon: Spread

    public init(_ journeys: [LeadJourney]) {
        let won = journeys.filter { $0.won > 0 }
        dealsByPerson = Tally.of(won.flatMap(\.dealPeople))
        daysToWon = Spread(won.compactMap { journey in
            LeadMetrics.minutes(from: journey.submittedAt ?? journey.receivedAt, to: journey.wonAt).map { $0 / 1440 }
        })
    }
}
