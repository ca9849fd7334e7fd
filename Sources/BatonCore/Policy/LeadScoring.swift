/// The written definition of a sales-ready lead (H2): fit against the ideal customer profile, behaviour with
/// weights and decay, the thresholds, and the examples and counterexamples it must agree with (X1).
public struct LeadScoring: Sendable, Equatable, Codable {
    public var fit: [FitCriterion]
    public var behaviour: [BehaviourCriterion]
    /// Fit points a lead needs to count as in the ideal customer profile; below it, the lead goes to nurture (F7).
    public var minimumFit: Double
    /// Total points that make a fitting lead sales-ready.
    public var salesReady: Double
    public var examples: [ScoringExample]

    public init(fit: [FitCriterion], behaviour: [BehaviourCriterion], minimumFit: Double, salesReady: Double, examples: [ScoringExample] = []) {
        self.fit = fit
        self.behaviour = behaviour
        self.minimumFit = minimumFit
        self.salesReady = salesReady
        self.examples = examples
    }
}

/// Points for a firmographic fact, e.g. 20 for a company of 50–5,000 employees.
public struct FitCriterion: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var label: String
    /// Every condition must hold.
    public var conditions: [RoutingCondition]
    public var points: Double

    public init(id: String, label: String, conditions: [RoutingCondition], points: Double) {
        self.id = id
        self.label = label
        self.conditions = conditions
        self.points = points
    }
}

/// Points for something a lead did, e.g. 15 per pricing-page visit, halving every 7 days.
public struct BehaviourCriterion: Sendable, Equatable, Codable, Identifiable {
    /// The activity kind it counts: "demo_request", "webinar_attended"…
    public var id: String
    public var label: String
    /// Points per occurrence (plus `perMinute` × minutes watched, where given).
    public var points: Double
    public var perMinute: Double?
    /// The most points this behaviour can add, however often it happens.
    public var maximum: Double?
    /// Days after which an occurrence counts half; nil for no decay.
    public var halfLifeDays: Double?
    /// A request to talk to sales: from a fitting company, sales-ready at once.
    public var handRaiser: Bool

    public init(id: String, label: String, points: Double, perMinute: Double? = nil, maximum: Double? = nil, halfLifeDays: Double? = nil, handRaiser: Bool = false) {
        self.id = id
        self.label = label
        self.points = points
        self.perMinute = perMinute
        self.maximum = maximum
        self.halfLifeDays = halfLifeDays
        self.handRaiser = handRaiser
    }
}

/// What the definition makes of a lead.
public enum LeadVerdict: String, Sendable, Equatable, Codable, CaseIterable {
    case salesReady = "sales_ready"
    case nurture
    case remediation
}

/// A lead the definition must judge as written: an example (sales-ready) or a counterexample.
public struct ScoringExample: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var label: String
    public var fields: [String: String]
    public var activities: [ExampleActivity]
    public var expect: LeadVerdict

    public init(id: String, label: String, fields: [String: String], activities: [ExampleActivity], expect: LeadVerdict) {
        self.id = id
        self.label = label
        self.fields = fields
        self.activities = activities
        self.expect = expect
    }
}

/// An activity of an example lead, dated this many days before the moment of judging.
public struct ExampleActivity: Sendable, Equatable, Codable {
    public var kind: String
    public var daysAgo: Double
    public var minutes: Double?

    public init(kind: String, daysAgo: Double, minutes: Double? = nil) {
        self.kind = kind
        self.daysAgo = daysAgo
        self.minutes = minutes
    }
}
