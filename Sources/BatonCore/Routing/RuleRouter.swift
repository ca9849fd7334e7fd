import Foundation

/// The facts of a lead that routing rules test, already normalised (ISO country codes, lowercased domain).
public struct RoutingFacts: Sendable, Equatable {
    /// Facts as text, read before `fields`.
    public var text: [String: String]
    /// Facts as numbers, read before `fields`.
    public var numbers: [String: Double]
    /// The lead's fields, read for any other fact as text and, when it reads as one, as a number — but for the
    /// facts Baton works out itself: country, region and company_size as text, country and company_size as
    /// numbers (`isDerived`). Shared with the validated lead, not copied.
    public var fields: [String: String]
    public var companyDomain: String?
    /// The lead's score and response tier once it is judged, which routing rules test as the facts `score` and
    /// `tier` (nil while fit criteria read the lead). Kept beside the lead's own facts, so that routing a judged lead
    /// copies neither of them.
    public var judged: Judged?

    /// What judging adds to a lead's facts for routing.
    public struct Judged: Sendable, Equatable {
        public var score: Double
        public var tier: String?

        public init(score: Double, tier: String?) {
            self.score = score
            self.tier = tier
        }
    }

    public init(text: [String: String] = [:], numbers: [String: Double] = [:], fields: [String: String] = [:], companyDomain: String? = nil) {
        self.text = text
        self.numbers = numbers
        self.fields = fields
        self.companyDomain = companyDomain
    }

    /// A text fact: the lead's, or its tier once judged.
    func text(_ fact: String) -> String? {
        if let judged, fact == "tier" { return judged.tier }
        if let value = text[fact] { return value }
        return Self.isDerived(fact) ? nil : fields[fact]
    }

    /// A number fact: the lead's, or its score once judged.
    func number(_ fact: String) -> Double? {
        if let judged, fact == "score" { return judged.score }
        if let value = numbers[fact] { return value }
        return Self.isDerived(fact, asNumber: true) ? nil : fields[fact].flatMap(Double.init)
    }

    /// Facts Baton works out from a lead (its ISO country, the country's sales region, the company's size in
    /// employees), never read from a field of the same name as text (nor country and company_size as numbers):
    /// unknown when Baton cannot work them out. Compared by name rather than looked up in a set: a routing rule and a
    /// fit criterion ask for a fact of every lead.
    static func isDerived(_ fact: String, asNumber: Bool = false) -> Bool {
        fact == "country" || fact == "company_size" || (!asNumber && fact == "region")
    }
}

/// Finds the first routing rule a lead matches and says why each earlier rule did not (X3).
public struct RuleRouter: Sendable {
    /// The outcome: the rule that matched and its target, or the fallback, with the reasons for every rule tried.
    public struct Decision: Sendable, Equatable {
        public let rule: String?
        public let target: RoutingTarget
        /// What made the matching rule match, in order: none for a rule that matches every lead, or the fallback.
        public let matches: [ConditionMatch]
        /// Each earlier rule with the reason it did not match, in order.
        public let passedOver: [PassedRule]

        /// Why the matching rule matched: "country is DE or FR; score at least 70".
        public var matchedBecause: String {
            guard rule != nil else { return "no rule matched; the fallback takes it" }
            return matches.isEmpty ? "matches every lead" : matches.map(\.reason).joined(separator: "; ")
        }
    }

    public let rules: [RoutingRule]
    public let fallback: RoutingTarget

    public init(rules: [RoutingRule], fallback: RoutingTarget) {
        self.rules = rules
        self.fallback = fallback
    }

    public func decide(_ facts: RoutingFacts) -> Decision {
        var passedOver: [PassedRule] = []
        for rule in rules {
            switch evaluate(rule, facts) {
            case .success(let (target, matches)):
                return Decision(rule: rule.id, target: target, matches: matches, passedOver: passedOver)
            case .failure(let miss):
                passedOver.append(PassedRule(rule: rule.id, miss: miss))
            }
        }
        return Decision(rule: nil, target: fallback, matches: [], passedOver: passedOver)
    }

    private func evaluate(_ rule: RoutingRule, _ facts: RoutingFacts) -> Result<(RoutingTarget, [ConditionMatch]), ConditionMiss> {
        var matches: [ConditionMatch] = []
        var target = rule.target ?? fallback
        if !rule.namedAccounts.isEmpty {
            guard let domain = facts.companyDomain else { return .failure(ConditionMiss(.noCompanyDomain)) }
            guard let owner = rule.namedAccounts[domain] else { return .failure(ConditionMiss(.notNamedAccount(domain: domain))) }
            matches.append(ConditionMatch(.namedAccount(domain: domain, owner: owner)))
            if rule.target == nil { target = .person(owner) }
        }
        for condition in rule.conditions {
            switch condition.test(facts) {
            case .success(let match): matches.append(match)
            case .failure(let miss): return .failure(miss)
            }
        }
        return .success((target, matches))
    }
}

/// A rule that did not match, and why; stored with the lead as `{"rule": …, "reason": …}`.
public struct PassedRule: Sendable, Equatable, Codable {
    public var rule: String
    public var miss: ConditionMiss

    public init(rule: String, miss: ConditionMiss) {
        self.rule = rule
        self.miss = miss
    }

    public var reason: String { miss.reason }

    /// Equal when they name the same rule and read the same, whether fresh or read back from storage.
    public static func == (lhs: PassedRule, rhs: PassedRule) -> Bool { lhs.rule == rhs.rule && lhs.reason == rhs.reason }

    private enum CodingKeys: String, CodingKey { case rule, reason }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rule = try container.decode(String.self, forKey: .rule)
        miss = ConditionMiss(.written(try container.decode(String.self, forKey: .reason)))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(reason, forKey: .reason)
    }
}
