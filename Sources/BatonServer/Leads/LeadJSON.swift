import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// Leads as the API shows them: the stored record in snake_case with ISO 8601 times, plus context completeness.
enum LeadJSON {
    /// One lead with its derived figures.
    struct View: Encodable {
        let lead: LeadRecord
        let contextCompleteness: ContextCompleteness

        init(_ lead: LeadRecord) {
            self.lead = lead
            contextCompleteness = ContextCompleteness(lead)
        }

        enum CodingKeys: String, CodingKey { case lead, contextCompleteness, contextPercent }

        func encode(to encoder: any Encoder) throws {
            try lead.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(contextCompleteness.items, forKey: .contextCompleteness)
            try container.encode(contextCompleteness.percent, forKey: .contextPercent)
        }
    }

    /// One page of a lead list, with how many leads match in all.
    struct Page: Encodable {
        let leads: [View]
        let total: Int
        let limit: Int
        let offset: Int
    }

    /// The answer to "why was this lead routed to this person" (X3).
    struct Explanation: Encodable {
        let leadId: Int64
        let status: LeadStatus
        let because: String
        let owner: String?
        let queue: String?
        let routing: LeadAssignment?
        let score: LeadScore
        let tier: String?
        let responseDue: Date?
        /// Reassignments after routing, each with who, when and why.
        let reassignments: [Reassignment]
    }

    struct Reassignment: Encodable {
        let from: String
        let to: String
        let because: String
        let by: String
        let at: Date
    }

    /// The result of admitting one lead.
    struct Admitted: Encodable {
        let index: Int
        let outcome: LeadAdmission.Outcome
        let leadId: Int64
        let status: LeadStatus
        let owner: String?
        let queue: String?
        let because: String
    }

    static func admitted(_ admissions: [LeadAdmission]) -> [Admitted] {
        admissions.enumerated().map { index, admission in
            Admitted(
                index: index, outcome: admission.outcome, leadId: admission.lead.id, status: admission.lead.status,
                owner: admission.lead.owner, queue: admission.lead.queue, because: admission.lead.because)
        }
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder().encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func explanation(_ lead: LeadRecord, events: [Event]) -> Explanation {
        let reassignments = events.filter { $0.type == "lead.reassigned" }.map { event in
            let payload = event.details
            return Reassignment(from: payload["from"] ?? "", to: payload["to"] ?? "", because: payload["because"] ?? "", by: event.actor, at: event.at)
        }
        return Explanation(
            leadId: lead.id, status: lead.status, because: lead.because, owner: lead.owner, queue: lead.queue, routing: lead.assignment,
            score: lead.score, tier: lead.tier, responseDue: lead.responseDue, reassignments: reassignments)
    }
}
