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

    public init(
        sources: [String], fields: [LeadField], responseTiers: [ResponseTier], pools: [RoutingPool],
        routingRules: [RoutingRule] = [], fallback: String,
        rejectionReasons: [String], dispositions: [String]
    ) {
        self.sources = sources
        self.fields = fields
        self.responseTiers = responseTiers
        self.pools = pools
        self.routingRules = routingRules
        self.fallback = fallback
        self.rejectionReasons = rejectionReasons
        self.dispositions = dispositions
    }
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
public struct ResponseTier: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var label: String
    /// Human-readable rule, e.g. "demo or contact request from a fitting company".
    public var when: String
    public var response: BusinessDuration

    public init(id: String, label: String, when: String, response: BusinessDuration) {
        self.id = id
        self.label = label
        self.when = when
        self.response = response
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

/// A person in a routing pool with their share weight.
public struct PoolMember: Sendable, Equatable, Codable {
    public var person: String
    public var weight: Int

    public init(person: String, weight: Int) {
        self.person = person
        self.weight = weight
    }
}
