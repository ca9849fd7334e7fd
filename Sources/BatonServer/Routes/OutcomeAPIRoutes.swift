import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// What became of leads, from a CRM integration over JSON (H3): `POST /api/v1/outcomes` with up to 1,000
/// opportunities or deals, each recorded on its lead or kept until the lead arrives.
struct OutcomeAPIRoutes {
    let outcomes: OutcomeService

    static let writers: [AccessRole] = [.admin, .ops]

    func register(on routes: RouteCatalogue) {
        routes.add(.post, "/api/v1/outcomes", .api, access: .roles(Self.writers, scope: .leadsWrite)) { request, context in
            let body = try await JSON.decode(OutcomesRequest.self, from: request, context: context)
            let intakes = try body.intakes(actor: context.identity!.actor)
            let receipts = try await outcomes.record(intakes)
            return try JSON.response(["results": zip(intakes, receipts).map { intake, receipt in
                [
                    "reference": intake.outcome.reference, "result": receipt.result.rawValue,
                    "lead_id": receipt.leadID.map { $0 as Any } ?? NSNull(), "reason": receipt.reason.map { $0 as Any } ?? NSNull(),
                ] as [String: Any]
            }])
        }
    }
}

/// The body of `POST /api/v1/outcomes`.
struct OutcomesRequest: Decodable {
    let outcomes: [StrictObject<Item>]

    /// One opportunity or deal.
    struct Item: Decodable {
        let reference: String
        let stage: String
        let origin: String?
        let amount: Double?
        let currency: String?
        let opened_at: String?
        let closed_at: String?
        let people: [String]?
        let name: String?
        let lead: StrictObject<Lead>
    }

    /// How the outcome names its lead.
    struct Lead: Decodable {
        let id: Int64?
        let source: String?
        let source_id: String?
        let email: String?
    }

    /// The outcomes as intakes; every problem of every item at once (400) when any is wrong.
    func intakes(actor: String) throws -> [OutcomeIntake] {
        guard (1...OutcomeService.maximumBatch).contains(outcomes.count) else {
            throw AppError.badRequest("Send between 1 and 1,000 outcomes at once.", details: ["outcomes: \(outcomes.count) given"])
        }
        var problems: [String] = []
        let intakes = outcomes.map(\.value).enumerated().compactMap { index, item -> OutcomeIntake? in
            let at = "outcomes[\(index)]"
            let before = problems.count
            let reference = item.reference.trimmedWhitespace
            if reference.isEmpty || reference.count > 200 { problems.append("\(at).reference: expected 1 to 200 characters") }
            let stage = LeadOutcome.Stage(rawValue: item.stage)
            if stage == nil { problems.append("\(at).stage: expected opportunity, won or lost") }
            let origin = item.origin ?? "api"
            if origin.isEmpty || origin.count > 40 || !origin.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                problems.append("\(at).origin: expected 1 to 40 letters, digits, - or _")
            }
            if let amount = item.amount, !amount.isFinite || abs(amount) > 1e15 { problems.append("\(at).amount: expected a number") }
            let opened = item.opened_at.map(IntakeDate.parse)
            let closed = item.closed_at.map(IntakeDate.parse)
            if opened == .some(nil) { problems.append("\(at).opened_at: expected \(IntakeDate.expected)") }
            if closed == .some(nil) { problems.append("\(at).closed_at: expected \(IntakeDate.expected)") }
            let named = item.lead.value
            let lead = OutcomeLeadReference(leadID: named.id, source: named.source, sourceID: named.source_id, email: named.email)
            if lead.lookups.isEmpty { problems.append("\(at).lead: give its id, its source and source_id, or its email") }
            guard problems.count == before, let stage else { return nil }
            let outcome = LeadOutcome(
                origin: origin, reference: reference, stage: stage, amount: item.amount, currency: item.currency, openedAt: opened ?? nil,
                closedAt: closed ?? nil, people: item.people ?? [], name: item.name)
            return OutcomeIntake(outcome: outcome, lead: lead, actor: actor)
        }
        guard problems.isEmpty else { throw AppError.badRequest("Some outcomes cannot be read; nothing was recorded.", details: problems) }
        return intakes
    }
}
