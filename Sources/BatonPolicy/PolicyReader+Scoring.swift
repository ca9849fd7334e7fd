import BatonCore
import Yams

extension PolicyReader {
    /// Reads `leads.scoring`: thresholds, fit and behaviour criteria, and the examples the definition must agree with.
    func readScoring(_ map: YAMLMappingReader, declared: Set<String>) -> LeadScoring {
        defer { map.finish() }
        return LeadScoring(
            fit: map.list("fit", required: true) { node, path in
                guard let criterion = element(node, path, kind: "fit criterion") else { return nil }
                defer { criterion.finish() }
                return FitCriterion(
                    id: criterion.string("id") ?? "", label: criterion.string("label") ?? "",
                    conditions: readConditions(criterion, subject: "conditions of fit criterion", factKind: "fit fact", declared: declared),
                    points: criterion.double("points") ?? 0)
            },
            behaviour: map.list("behaviour", required: true) { node, path in
                guard let criterion = element(node, path, kind: "behaviour criterion") else { return nil }
                defer { criterion.finish() }
                return BehaviourCriterion(
                    id: criterion.string("action") ?? "", label: criterion.string("label") ?? "",
                    points: criterion.double("points") ?? 0, perMinute: criterion.double("per_minute"),
                    maximum: criterion.double("max"), halfLifeDays: criterion.double("half_life_days"),
                    handRaiser: criterion.bool("hand_raiser", default: false))
            },
            minimumFit: map.double("minimum_fit") ?? 0,
            salesReady: map.double("sales_ready") ?? 0,
            examples: map.list("examples", readExample))
    }

    private func readExample(_ node: Node, _ path: String) -> ScoringExample? {
        guard let map = element(node, path, kind: "scoring example") else { return nil }
        defer { map.finish() }
        var fields: [String: String] = [:]
        if let lead = map.mapping("lead", subject: "example lead", required: true) {
            lead.acceptAllKeys()
            for entry in lead.pairs {
                log.sourceMap.record(lead.childPath(entry.key), entry.value.position)
                fields[entry.key] = entry.value.string ?? ""
            }
        }
        let activities = map.list("activities") { node, path -> ExampleActivity? in
            guard let activity = element(node, path, kind: "example activity") else { return nil }
            defer { activity.finish() }
            return ExampleActivity(kind: activity.string("action") ?? "", daysAgo: activity.double("days_ago") ?? 0, minutes: activity.double("minutes"))
        }
        return ScoringExample(
            id: map.string("id") ?? "", label: map.string("label") ?? "", fields: fields, activities: activities,
            expect: map.choice("expect", of: LeadVerdict.self, allowed: LeadVerdict.allCases) ?? .salesReady)
    }
}
