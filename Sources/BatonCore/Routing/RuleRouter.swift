import Foundation

/// The facts of a lead that routing rules test, already normalised (ISO country codes, lowercased domain).
public struct RoutingFacts: Sendable, Equatable {
    public var text: [String: String]
    public var numbers: [String: Double]
    public var companyDomain: String?

    public init(text: [String: String] = [:], numbers: [String: Double] = [:], companyDomain: String? = nil) {
        self.text = text
        self.numbers = numbers
        self.companyDomain = companyDomain
    }
}

/// Finds the first routing rule a lead matches and says why each earlier rule did not (X3).
public struct RuleRouter: Sendable {
    /// The outcome: the rule that matched and its target, or the fallback, with the reasons for every rule tried.
    public struct Decision: Sendable, Equatable {
        public let rule: String?
        public let target: RoutingTarget
        /// Why the matching rule matched: "country is DE or FR; score at least 70".
        public let matchedBecause: String
        /// Each earlier rule with the reason it did not match, in order.
        public let passedOver: [(rule: String, reason: String)]

        public static func == (lhs: Decision, rhs: Decision) -> Bool {
            lhs.rule == rhs.rule && lhs.target == rhs.target && lhs.matchedBecause == rhs.matchedBecause
                && lhs.passedOver.map(\.rule) == rhs.passedOver.map(\.rule) && lhs.passedOver.map(\.reason) == rhs.passedOver.map(\.reason)
        }
    }

    public let rules: [RoutingRule]
    public let fallback: RoutingTarget

    public init(rules: [RoutingRule], fallback: RoutingTarget) {
        self.rules = rules
        self.fallback = fallback
    }

    public func decide(_ facts: RoutingFacts) -> Decision {
        var passedOver: [(rule: String, reason: String)] = []
        for rule in rules {
            switch evaluate(rule, facts) {
            case .success(let (target, because)):
                return Decision(rule: rule.id, target: target, matchedBecause: because, passedOver: passedOver)
            case .failure(let miss):
                passedOver.append((rule.id, miss.reason))
            }
        }
        return Decision(rule: nil, target: fallback, matchedBecause: "no rule matched; the fallback takes it", passedOver: passedOver)
    }

    private func evaluate(_ rule: RoutingRule, _ facts: RoutingFacts) -> Result<(RoutingTarget, String), ConditionMiss> {
        var because: [String] = []
        var target = rule.target ?? fallback
        if !rule.namedAccounts.isEmpty {
            guard let domain = facts.companyDomain else { return .failure(ConditionMiss("company domain unknown")) }
            guard let owner = rule.namedAccounts[domain] else { return .failure(ConditionMiss("\(domain) is not a named account")) }
            because.append("\(domain) is a named account of \(owner)")
            if rule.target == nil { target = .person(owner) }
        }
        for condition in rule.conditions {
            switch condition.test(facts) {
            case .success(let reason): because.append(reason)
            case .failure(let miss): return .failure(miss)
            }
        }
        return .success((target, because.isEmpty ? "matches every lead" : because.joined(separator: "; ")))
    }
}
