/// The marketing-to-sales part of the policy: the lead record, response tiers, routing pools, and picklists.
public struct LeadPolicy: Sendable, Equatable, Codable {
    /// Where leads come from: "hubspot", "salesforce", "web_form", "csv_import"…
    public var sources: [String]
    public var fields: [LeadField]
    /// Response SLA tiers by lead type (H4), first match wins.
    public var responseTiers: [ResponseTier]
    public var pools: [RoutingPool]
    /// Ordered routing rules; the first that matches decides (F4).
    public var routingRules: [RoutingRule]
    /// The owner (a person id) or queue that takes a lead no rule matches.
    public var fallback: String
    /// Reasons sales may give when rejecting a lead (H8).
    public var rejectionReasons: [String]
    /// The disposition picklist (H6).
    public var dispositions: [String]
    /// Business time after first touch within which the owner must record a disposition (H6).
    public var dispositionWithin: BusinessDuration
    /// The sales-ready definition; without one, every valid lead is sales-ready.
    public var scoring: LeadScoring?
    /// Reasons a lead may be closed without a first touch, each recorded with the disposition (H6); without any,
    /// a disposition always needs a first touch.
    public var noContactReasons: [String]
    /// Which leads a sales rep sees besides their own.
    public var repsSee: RepVisibility

    public init(
        sources: [String], fields: [LeadField], responseTiers: [ResponseTier], pools: [RoutingPool],
        routingRules: [RoutingRule] = [], fallback: String,
        rejectionReasons: [String], dispositions: [String],
        dispositionWithin: BusinessDuration = BusinessDuration(5, .days), scoring: LeadScoring? = nil,
        noContactReasons: [String] = [], repsSee: RepVisibility = .own
    ) {
        self.sources = sources
        self.fields = fields
        self.responseTiers = responseTiers
        self.pools = pools
        self.routingRules = routingRules
        self.fallback = fallback
        self.rejectionReasons = rejectionReasons
        self.dispositions = dispositions
        self.dispositionWithin = dispositionWithin
        self.scoring = scoring
        self.noContactReasons = noContactReasons
        self.repsSee = repsSee
    }
}

extension LeadPolicy {
    /// Each pool member's capacity (open leads), from the first pool that names them with one.
    public var capacityByPerson: [String: Int] {
        Dictionary(pools.flatMap { pool in pool.members.compactMap { member in member.capacity.map { (member.person, $0) } } }) { first, _ in first }
    }
}

/// Which leads a sales rep may see: only those they own or owned (`own`), or also their team's (`team`: leads of
/// anyone on the rep's team in the policy).
public enum RepVisibility: String, Sendable, Equatable, Codable, CaseIterable {
    case own
    case team
}

/// One field of the lead record and whether intake requires it (F5).
public struct LeadField: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var label: String
    public var required: Bool

    public init(id: String, label: String, required: Bool) {
        self.id = id
        self.label = label
        self.required = required
    }
}

/// A response SLA for one type of lead, e.g. hand-raisers within 5 business minutes.
///
/// Tiers are tried in order; a tier applies when every condition it sets holds, so a tier without conditions
/// takes every lead that reaches it.
public struct ResponseTier: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var label: String
    /// Human-readable rule, e.g. "demo or contact request from a fitting company".
    public var when: String
    public var response: BusinessDuration
    /// Only hand-raisers (a demo or contact request).
    public var handRaiser: Bool
    public var minimumScore: Double?
    /// An activity the lead must have done within `withinDays`, e.g. "pricing_page_visit".
    public var recentAction: String?
    public var withinDays: Double?

    public init(
        id: String, label: String, when: String, response: BusinessDuration, handRaiser: Bool = false,
        minimumScore: Double? = nil, recentAction: String? = nil, withinDays: Double? = nil
    ) {
        self.id = id
        self.label = label
        self.when = when
        self.response = response
        self.handRaiser = handRaiser
        self.minimumScore = minimumScore
        self.recentAction = recentAction
        self.withinDays = withinDays
    }
}

/// A pool of people that leads are shared across by weighted round-robin.
public struct RoutingPool: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var label: String
    public var members: [PoolMember]

    public init(id: String, label: String, members: [PoolMember]) {
        self.id = id
        self.label = label
        self.members = members
    }
}

/// A person in a routing pool with their share weight and how many open leads they can hold.
public struct PoolMember: Sendable, Equatable, Codable {
    public var person: String
    public var weight: Int
    /// Open leads (assigned, not yet dispositioned) above which the member is skipped; nil for no limit.
    public var capacity: Int?

    public init(person: String, weight: Int, capacity: Int? = nil) {
        self.person = person
        self.weight = weight
        self.capacity = capacity
    }
}
