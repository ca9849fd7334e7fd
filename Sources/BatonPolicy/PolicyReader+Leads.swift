import BatonCore
import Yams

extension PolicyReader {
    func readLeads(_ map: YAMLMappingReader) -> LeadPolicy {
        defer { map.finish() }
        let sources = map.strings("sources", required: true)
        let fields = map.list("fields", required: true) { node, path -> LeadField? in
            guard let field = element(node, path, kind: "lead field") else { return nil }
            defer { field.finish() }
            return LeadField(
                id: field.string("id") ?? "", label: field.string("label") ?? "",
                required: field.bool("required", default: false))
        }
        // Every declared field can drive routing and fit criteria, besides the facts Baton works out.
        let declared = Set(fields.map(\.id))
        return LeadPolicy(
            sources: sources,
            fields: fields,
            responseTiers: map.list("response_tiers", required: true) { node, path in
                guard let tier = element(node, path, kind: "response tier") else { return nil }
                defer { tier.finish() }
                return ResponseTier(
                    id: tier.string("id") ?? "", label: tier.string("label") ?? "", when: tier.string("when") ?? "",
                    response: tier.duration("response") ?? BusinessDuration(0, .minutes),
                    handRaiser: tier.bool("hand_raiser", default: false), minimumScore: tier.double("min_score"),
                    recentAction: tier.string("recent_action", required: false), withinDays: tier.double("within_days"))
            },
            pools: map.list("pools") { node, path in
                guard let pool = element(node, path, kind: "routing pool") else { return nil }
                defer { pool.finish() }
                let capacity = pool.int("capacity")
                return RoutingPool(
                    id: pool.string("id") ?? "", label: pool.string("label") ?? "",
                    members: pool.list("members", required: true, readPoolMember).map { member in
                        var member = member
                        member.capacity = member.capacity ?? capacity
                        return member
                    })
            },
            routingRules: map.list("routing_rules") { readRoutingRule($0, $1, declared: declared) },
            fallback: map.string("fallback", required: false) ?? "",
            rejectionReasons: map.strings("rejection_reasons", required: true),
            dispositions: map.strings("dispositions", required: true),
            dispositionWithin: map.duration("disposition_within", required: false) ?? BusinessDuration(5, .days),
            scoring: map.mapping("scoring", subject: "sales-ready definition", required: false).map { readScoring($0, declared: declared) },
            noContactReasons: map.strings("no_contact_reasons"),
            repsSee: map.choice("reps_see", of: RepVisibility.self, allowed: RepVisibility.allCases, required: false, default: .own) ?? .own)
    }

    /// Reads `when` conditions: a list (or one value) for text facts, `{mentions: [...]}` for words in a text
    /// fact, `{min, max}` for number facts. Besides Baton's own facts, any field the policy declares (`declared`:
    /// UTM and campaign fields, custom ones) can be tested as text, by words, or as a number.
    func readConditions(_ map: YAMLMappingReader, subject: String, factKind: String, declared: Set<String>) -> [RoutingCondition] {
        guard let when = map.mapping("when", subject: subject, required: false) else { return [] }
        when.acceptAllKeys()
        var conditions: [RoutingCondition] = []
        for entry in when.pairs {
            let fact = entry.key, value = entry.value
            let factPath = when.childPath(fact)
            log.sourceMap.record(factPath, value.position)
            let isText = RoutingCondition.textFacts.contains(fact), isNumber = RoutingCondition.numberFacts.contains(fact)
            let isField = !isText && !isNumber && declared.contains(fact)
            let mentions = value.mapping?.keys.contains { $0.string == "mentions" } == true
            if (isText || isField) && mentions {
                guard let words = YAMLMappingReader(value, path: factPath, subject: "words of \(fact)", log: log) else { continue }
                conditions.append(.mentions(fact: fact, words: words.strings("mentions", required: true)))
                words.finish()
            } else if isText || (isField && value.mapping == nil) {
                let values = value.sequence.map { $0.compactMap(\.string) } ?? value.string.map { [$0] } ?? []
                conditions.append(.oneOf(fact: fact, values: values))
            } else if isNumber || isField {
                guard let range = YAMLMappingReader(value, path: factPath, subject: "range of \(fact)", log: log) else { continue }
                conditions.append(.range(fact: fact, min: range.double("min"), max: range.double("max")))
                range.finish()
            } else {
                let known = RoutingCondition.textFacts.union(RoutingCondition.numberFacts).union(declared).sorted().joined(separator: ", ")
                log.add("unknown \(factKind) '\(fact)'; expected one of: \(known)", at: entry.keyPosition)
            }
        }
        return conditions
    }

    /// Reads a rule: `when` conditions, `named_accounts`, and `to`.
    private func readRoutingRule(_ node: Node, _ path: String, declared: Set<String>) -> RoutingRule? {
        guard let map = element(node, path, kind: "routing rule") else { return nil }
        defer { map.finish() }
        let conditions = readConditions(map, subject: "conditions of routing rule", factKind: "routing fact", declared: declared)
        var accounts: [String: String] = [:]
        if let named = map.mapping("named_accounts", subject: "named accounts", required: false) {
            named.acceptAllKeys()
            for entry in named.pairs {
                let domain = entry.key, owner = entry.value
                log.sourceMap.record(named.childPath(domain), owner.position)
                accounts[domain.lowercased()] = owner.string ?? ""
            }
        }
        let target = map.string("to", required: accounts.isEmpty).map(RoutingTarget.init(parsing:))
        return RoutingRule(
            id: map.string("id") ?? "", label: map.string("label", required: false) ?? "", conditions: conditions,
            namedAccounts: accounts, target: target)
    }

    /// Reads `ana` (weight 1) or `{person: ana, weight: 2}`.
    private func readPoolMember(_ node: Node, _ path: String) -> PoolMember? {
        if let person = node.scalar?.string { return PoolMember(person: person, weight: 1) }
        guard let map = YAMLMappingReader(node, path: path, subject: "pool member", log: log) else { return nil }
        defer { map.finish() }
        let weight = map.int("weight") ?? 1
        if weight < 1 { log.add("pool weight must be 1 or more, found \(weight)", atPath: map.childPath("weight")) }
        return PoolMember(person: map.string("person") ?? "", weight: max(weight, 1), capacity: map.int("capacity"))
    }
}
