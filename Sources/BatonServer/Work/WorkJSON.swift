import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// Work items as the API shows them: the stored item in snake_case with ISO 8601 times, plus what is derived from
/// it — the summary (who it waits on, blocked, next deadline), the gates its tasks stand at, and its UTM tags.
enum WorkJSON {
    struct View: Encodable {
        let item: WorkItem
        let summary: WorkSummary
        let gates: [WorkGate]
        let utm: UTM

        struct UTM: Encodable {
            let parameters: [String: String]
            let taggedUrl: String?
            let problems: [String]
        }

        init(_ item: WorkItem, workflow: WorkWorkflow) {
            self.item = item
            summary = workflow.summary(item)
            gates = item.tasks.compactMap { workflow.gate(item, step: $0.step) }
            let tags = UTMTags(item: item.fields, name: item.name, policy: workflow.policy)
            utm = UTM(parameters: Dictionary(tags.parameters.map { ($0.key, $0.value) }) { first, _ in first }, taggedUrl: tags.taggedURL, problems: tags.problems)
        }

        enum CodingKeys: String, CodingKey { case summary, gates, utm }

        func encode(to encoder: any Encoder) throws {
            try item.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(summary, forKey: .summary)
            try container.encode(gates, forKey: .gates)
            try container.encode(utm, forKey: .utm)
        }
    }

    struct Page: Encodable {
        let items: [View]
        let total: Int
        let limit: Int
        let offset: Int
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        try LeadJSON.response(value, status: status)
    }
}

extension WorkGate: Encodable {
    enum CodingKeys: String, CodingKey { case step, side, handoffs, passes, checks, bypass }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(step, forKey: .step)
        try container.encode(side.rawValue, forKey: .side)
        try container.encode(handoffs, forKey: .handoffs)
        try container.encode(passes, forKey: .passes)
        try container.encode(results, forKey: .checks)
        try container.encodeIfPresent(bypass, forKey: .bypass)
    }
}
