import BatonCore
import Yams

extension PolicyReader {
    func readLeads(_ map: YAMLMappingReader) -> LeadPolicy {
        defer { map.finish() }
        return LeadPolicy(
            sources: map.strings("sources", required: true),
            fields: map.list("fields", required: true) { node, path in
                guard let field = element(node, path, kind: "lead field") else { return nil }
                defer { field.finish() }
                return LeadField(
                    id: field.string("id") ?? "", label: field.string("label") ?? "",
                    required: field.bool("required", default: false))
            },
            responseTiers: map.list("response_tiers", required: true) { node, path in
                guard let tier = element(node, path, kind: "response tier") else { return nil }
                defer { tier.finish() }
                return ResponseTier(
                    id: tier.string("id") ?? "", label: tier.string("label") ?? "", when: tier.string("when") ?? "",
                    response: tier.duration("response") ?? BusinessDuration(0, .minutes))
            },
            pools: map.list("pools") { node, path in
                guard let pool = element(node, path, kind: "routing pool") else { return nil }
                defer { pool.finish() }
                return RoutingPool(
                    id: pool.string("id") ?? "", label: pool.string("label") ?? "",
                    members: pool.list("members", required: true, readPoolMember))
            },
            fallback: map.string("fallback") ?? "",
            rejectionReasons: map.strings("rejection_reasons", required: true),
            dispositions: map.strings("dispositions", required: true))
    }

    /// Reads `ana` (weight 1) or `{person: ana, weight: 2}`.
    private func readPoolMember(_ node: Node, _ path: String) -> PoolMember? {
        if let person = node.scalar?.string { return PoolMember(person: person, weight: 1) }
        guard let map = YAMLMappingReader(node, path: path, subject: "pool member", log: log) else { return nil }
        defer { map.finish() }
        let weight = map.int("weight") ?? 1
        if weight < 1 { log.add("pool weight must be 1 or more, found \(weight)", atPath: map.childPath("weight")) }
        return PoolMember(person: map.string("person") ?? "", weight: max(weight, 1))
    }
}
