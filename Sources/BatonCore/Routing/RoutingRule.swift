/// One ordered routing rule (F4): conditions on a lead's territory, segment and score, or a named-account list,
/// and where matching leads go.
public struct RoutingRule: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var label: String
    /// Every condition must hold for the rule to match; a rule with none matches every lead.
    public var conditions: [RoutingCondition]
    /// Company domain → person id; a rule with named accounts matches only those domains.
    public var namedAccounts: [String: String]
    /// Where matching leads go; for named accounts, the account's owner instead.
    public var target: RoutingTarget?

    public init(id: String, label: String, conditions: [RoutingCondition] = [], namedAccounts: [String: String] = [:], target: RoutingTarget?) {
        self.id = id
        self.label = label
        self.conditions = conditions
        self.namedAccounts = namedAccounts
        self.target = target
    }
}

/// Where a routed lead goes.
public enum RoutingTarget: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    case person(String)
    case pool(String)
    case queue(String)

    /// Reads `pool:emea-sdr`, `queue:sdr-triage` or a person id.
    public init(parsing text: String) {
        if text.hasPrefix("pool:") {
            self = .pool(String(text.dropFirst(5)))
        } else if text.hasPrefix("queue:") {
            self = .queue(String(text.dropFirst(6)))
        } else {
            self = .person(text)
        }
    }

    public var description: String {
        switch self {
        case .person(let id): id
        case .pool(let id): "pool:\(id)"
        case .queue(let id): "queue:\(id)"
        }
    }
}

/// A test on one fact of a lead.
public enum RoutingCondition: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The fact's value is one of these (case-insensitive): country, region, state, industry, source, tier.
    case oneOf(fact: String, values: [String])
    /// The fact's number lies in a range: company_size, score.
    case range(fact: String, min: Double?, max: Double?)
    /// The fact's text contains one of these words (case-insensitive), e.g. a job title naming a seniority.
    case mentions(fact: String, words: [String])

    public var fact: String {
        switch self {
        case .oneOf(let fact, _), .range(let fact, _, _), .mentions(let fact, _): fact
        }
    }

    public var description: String {
        switch self {
        case .oneOf(let fact, let values): "\(fact) is \(values.joined(separator: " or "))"
        case .range(let fact, let min?, let max?): "\(fact) \(min.compactText)–\(max.compactText)"
        case .range(let fact, let min?, nil): "\(fact) at least \(min.compactText)"
        case .range(let fact, nil, let max?): "\(fact) at most \(max.compactText)"
        case .range(let fact, nil, nil): "\(fact) known"
        case .mentions(let fact, let words): "\(fact) mentions \(words.joined(separator: " or "))"
        }
    }

    /// Tests the condition on a lead's facts: why it holds, or why it does not.
    public func test(_ facts: RoutingFacts) -> Result<ConditionMatch, ConditionMiss> {
        switch self {
        case .oneOf(let fact, let values):
            guard let value = facts.text(fact), !value.isEmpty else { return .failure(ConditionMiss(.unknown(fact: fact))) }
            guard values.contains(where: { $0.equalsIgnoringCase(value) }) else {
                return .failure(ConditionMiss(.notOneOf(fact: fact, value: value, values: values)))
            }
            return .success(ConditionMatch(.isValue(fact: fact, value: value)))
        case .range(let fact, let min, let max):
            guard let value = facts.number(fact) else { return .failure(ConditionMiss(.unknown(fact: fact))) }
            if let min, value < min { return .failure(ConditionMiss(.below(fact: fact, value: value, min: min))) }
            if let max, value > max { return .failure(ConditionMiss(.above(fact: fact, value: value, max: max))) }
        case .mentions(let fact, let words):
            guard let value = facts.text(fact), !value.isEmpty else { return .failure(ConditionMiss(.unknown(fact: fact))) }
            let tokens = Self.words(value)
            guard let word = words.first(where: { tokens.contains($0.lowercased()) }) else {
                return .failure(ConditionMiss(.mentionsNone(fact: fact, value: value, words: words)))
            }
            return .success(ConditionMatch(.mentions(fact: fact, word: word)))
        }
        return .success(ConditionMatch(.holds(self)))
    }

    /// The lowercased words of a text: its runs of letters and digits. ASCII text (nearly every job title) is read
    /// byte by byte; other text by its characters.
    static func words(_ text: String) -> [String] {
        guard text.isASCII else {
            return text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        var words: [String] = [], word: [UInt8] = []
        word.reserveCapacity(32)
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39, 0x61...0x7A: word.append(byte)
            case 0x41...0x5A: word.append(byte | 0x20)
            default:
                guard !word.isEmpty else { continue }
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// Facts a condition may test, and whether they are numbers.
    public static let textFacts: Set<String> = ["country", "region", "state", "industry", "source", "tier", "job_title"]
    public static let numberFacts: Set<String> = ["company_size", "score"]
}

/// Why a condition holds for a lead: "country is DE".
///
/// Like a miss, a match keeps what it saw and writes its sentence only when someone reads it: a backtest replays
/// millions of leads and reads the reasons of the few that move.
public struct ConditionMatch: Sendable, Equatable {
    /// What was observed.
    public enum Cause: Sendable, Equatable {
        /// The fact has one of the values asked for: this one.
        case isValue(fact: String, value: String)
        /// The fact's text mentions this word of those asked for.
        case mentions(fact: String, word: String)
        /// A condition that holds as written (a number in its range).
        case holds(RoutingCondition)
        /// The company's domain is a named account of this owner.
        case namedAccount(domain: String, owner: String)
    }

    /// What was observed.
    public let cause: Cause

    public init(_ cause: Cause) { self.cause = cause }

    /// The sentence: "country is DE", "job_title mentions director".
    public var reason: String {
        switch cause {
        case .isValue(let fact, let value): "\(fact) is \(value)"
        case .mentions(let fact, let word): "\(fact) mentions \(word)"
        case .holds(let condition): condition.description
        case .namedAccount(let domain, let owner): "\(domain) is a named account of \(owner)"
        }
    }
}

/// Why a condition does not hold for a lead: "country is DE, not US or CA".
///
/// Routing tries every rule in order, so a lead that matches late misses many; a miss keeps what it saw and
/// writes its sentence only when someone reads it.
public struct ConditionMiss: Error, Sendable, Equatable {
    /// What was observed.
    public enum Cause: Sendable, Equatable {
        case unknown(fact: String)
        case notOneOf(fact: String, value: String, values: [String])
        case below(fact: String, value: Double, min: Double)
        case above(fact: String, value: Double, max: Double)
        case mentionsNone(fact: String, value: String, words: [String])
        case noCompanyDomain
        case notNamedAccount(domain: String)
        /// A reason read back from storage.
        case written(String)
    }

    public let cause: Cause

    public init(_ cause: Cause) { self.cause = cause }

    public var reason: String {
        switch cause {
        case .unknown(let fact): "\(fact) unknown"
        case .notOneOf(let fact, let value, let values): "\(fact) is \(value), not \(values.joined(separator: " or "))"
        case .below(let fact, let value, let min): "\(fact) \(value.compactText) is below \(min.compactText)"
        case .above(let fact, let value, let max): "\(fact) \(value.compactText) is above \(max.compactText)"
        case .mentionsNone(let fact, let value, let words): "\(fact) '\(value)' mentions none of \(words.joined(separator: ", "))"
        case .noCompanyDomain: "company domain unknown"
        case .notNamedAccount(let domain): "\(domain) is not a named account"
        case .written(let text): text
        }
    }
}
