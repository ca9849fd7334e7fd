import BatonCore
import Yams

extension PolicyReader {
    func readAssetType(_ node: Node, _ path: String) -> AssetType? {
        guard let map = element(node, path, kind: "asset type") else { return nil }
        defer { map.finish() }
        return AssetType(
            id: map.string("id") ?? "", name: map.string("name") ?? "",
            description: map.string("description", required: false),
            brief: map.list("brief", required: true, readBriefField),
            reviews: map.list("reviews", readReviewStep))
    }

    func readBriefField(_ node: Node, _ path: String) -> BriefField? {
        guard let map = element(node, path, kind: "brief field") else { return nil }
        defer { map.finish() }
        return BriefField(
            id: map.string("id") ?? "", label: map.string("label") ?? "",
            type: map.choice("type", of: BriefField.FieldType.self, allowed: BriefField.FieldType.allCases, default: .text)
                ?? .text,
            required: map.bool("required", default: false), options: map.strings("options"),
            taxonomy: map.string("taxonomy", required: false), help: map.string("help", required: false))
    }

    /// Reads `peer` or `{stage: legal, when: {field: compliance_category, in: [regulated]}}`.
    func readReviewStep(_ node: Node, _ path: String) -> ReviewStep? {
        if let stage = node.scalar?.string { return ReviewStep(stage: stage) }
        guard let map = YAMLMappingReader(node, path: path, subject: "review step", log: log) else { return nil }
        defer { map.finish() }
        let condition = map.mapping("when", subject: "review condition", required: false).map { when in
            defer { when.finish() }
            return FieldCondition(field: when.string("field") ?? "", values: when.strings("in", required: true))
        }
        return ReviewStep(stage: map.string("stage") ?? "", when: condition)
    }

    func readHandoff(_ node: Node, _ path: String) -> Handoff? {
        guard let map = element(node, path, kind: "handoff") else { return nil }
        defer { map.finish() }
        let id = map.string("id") ?? ""
        let raci = map.mapping("raci", subject: "RACI of handoff '\(id)'", required: true).map { raci in
            defer { raci.finish() }
            return RACI(
                responsible: raci.strings("responsible"), accountable: raci.strings("accountable"),
                consulted: raci.strings("consulted"), informed: raci.strings("informed"))
        }
        let channel = map.mapping("channel", subject: "channel of handoff '\(id)'", required: false).map { channel in
            defer { channel.finish() }
            return Channel(
                kind: channel.choice("kind", of: Channel.Kind.self, allowed: Channel.Kind.allCases) ?? .thread,
                target: channel.string("target", required: false))
        }
        let sla = map.mapping("sla", subject: "SLA of handoff '\(id)'", required: true).map(readSLA)
        return Handoff(
            id: id, name: map.string("name") ?? "", from: map.string("from") ?? "", to: map.string("to") ?? "",
            item: map.choice("item", of: Handoff.ItemKind.self, allowed: [.asset, .lead], default: .asset) ?? .asset,
            assetTypes: map.strings("asset_types"), artifacts: map.strings("artifacts", required: true),
            fields: map.strings("fields"), failureModes: map.strings("failure_modes"),
            raci: raci ?? RACI(responsible: [], accountable: []),
            entry: map.list("entry", readCheck), exit: map.list("exit", readCheck), tools: map.strings("tools"),
            channel: channel ?? Channel(kind: .thread),
            sla: sla ?? HandoffSLA(calendar: "", response: BusinessDuration(0, .hours), completion: nil, escalation: []),
            bypassSignOff: map.string("bypass_sign_off", required: false))
    }

    func readProjectTemplate(_ node: Node, _ path: String) -> ProjectTemplate? {
        let assetType = node.mapping?["asset_type"]?.string
        guard let map = YAMLMappingReader(node, path: path, subject: assetType.map { "project template '\($0)'" } ?? "project template", log: log)
        else { return nil }
        defer { map.finish() }
        return ProjectTemplate(
            assetType: map.string("asset_type") ?? "",
            steps: map.list("steps", required: true) { node, path in
                guard let step = element(node, path, kind: "template step") else { return nil }
                defer { step.finish() }
                return TemplateStep(
                    id: step.string("id") ?? "", name: step.string("name") ?? "", role: step.string("role") ?? "",
                    days: step.int("days", required: true) ?? 1, after: step.strings("after"), handoff: step.string("handoff", required: false))
            },
            response: map.duration("response", required: false) ?? BusinessDuration(1, .days),
            rushSignOff: map.string("rush_sign_off", required: false))
    }

    private func readSLA(_ map: YAMLMappingReader) -> HandoffSLA {
        defer { map.finish() }
        let rush = map.mapping("rush", subject: "rush SLA", required: false).map { rush in
            defer { rush.finish() }
            return RushSLA(response: rush.duration("response") ?? BusinessDuration(0, .hours), completion: rush.duration("completion", required: false))
        }
        return HandoffSLA(
            calendar: map.string("calendar") ?? "", response: map.duration("response") ?? BusinessDuration(0, .hours),
            completion: map.duration("completion", required: false),
            escalation: map.list("escalation") { node, path in
                guard let level = YAMLMappingReader(node, path: path, subject: "escalation level", log: log) else { return nil }
                defer { level.finish() }
                return EscalationLevel(
                    after: level.duration("after") ?? BusinessDuration(0, .minutes),
                    action: level.choice("action", of: EscalationLevel.Action.self, allowed: EscalationLevel.Action.allCases)
                        ?? .notify,
                    notify: level.strings("notify"))
            }, rush: rush)
    }
}
