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

    private struct Miss: Error {
        let reason: String
    }

    private func evaluate(_ rule: RoutingRule, _ facts: RoutingFacts) -> Result<(RoutingTarget, String), Miss> {
        var because: [String] = []
        if !rule.namedAccounts.isEmpty {
            guard let domain = facts.companyDomain else { return .failure(Miss(reason: "company domain unknown")) }
            guard let owner = rule.namedAccounts[domain] else { return .failure(Miss(reason: "\(domain) is not a named account")) }
            because.append("\(domain) is a named account of \(owner)")
            if rule.target == nil {
                return conditions(rule, facts, because).map { (.person(owner), $0) }
            }
        }
        return conditions(rule, facts, because).map { (rule.target ?? fallback, $0) }
    }

    private func conditions(_ rule: RoutingRule, _ facts: RoutingFacts, _ because: [String]) -> Result<String, Miss> {
        var because = because
        for condition in rule.conditions {
            switch condition {
            case .oneOf(let fact, let values):
                guard let value = facts.text[fact], !value.isEmpty else { return .failure(Miss(reason: "\(fact) unknown")) }
                guard values.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) else {
                    return .failure(Miss(reason: "\(fact) is \(value), not \(values.joined(separator: " or "))"))
                }
            case .range(let fact, let min, let max):
                guard let value = facts.numbers[fact] else { return .failure(Miss(reason: "\(fact) unknown")) }
                if let min, value < min { return .failure(Miss(reason: "\(fact) \(value.compactText) is below \(min.compactText)")) }
                if let max, value > max { return .failure(Miss(reason: "\(fact) \(value.compactText) is above \(max.compactText)")) }
            }
            because.append(condition.description)
        }
        return .success(because.isEmpty ? "matches every lead" : because.joined(separator: "; "))
    }
}

