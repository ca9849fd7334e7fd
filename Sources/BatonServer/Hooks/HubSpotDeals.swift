import BatonCore
import Foundation

/// Deals in HubSpot webhook batches (H3): `deal.creation` and `deal.propertyChange` events become outcomes of the
/// leads the deals name. A batch carries only the properties that changed, so each deal's outcome is a partial
/// update over what is already known of it (`OutcomeIntake.parts`). The deal names its lead through a deal
/// property the portal sets: `baton_lead_id` (the lead's id in Baton), `contact_id` (the HubSpot contact Baton
/// received it as) or `contact_email`.
enum HubSpotDeals {
    /// Deal properties that name the lead.
    static let leadProperties = ["baton_lead_id", "contact_id", "contact_email"]

    static func outcomes(from body: Data, actor: String) throws -> [OutcomeIntake] {
        guard let events = (try? JSONDecoder().decode(JSONValue.self, from: body))?.array else { return [] }
        var order: [String] = []
        var deals: [String: (outcome: LeadOutcome, parts: Set<LeadOutcome.Part>, lead: OutcomeLeadReference)] = [:]
        for (index, event) in events.enumerated() {
            guard let object = event.object, let type = object["subscriptionType"]?.string ?? object["eventType"]?.string, type.hasPrefix("deal.") else { continue }
            guard let dealID = object["objectId"]?.scalarText else {
                throw AppError.badRequest("Each HubSpot event needs objectId and eventId.", details: ["[\(index)]: objectId missing"])
            }
            if deals[dealID] == nil {
                order.append(dealID)
                deals[dealID] = (LeadOutcome(origin: "hubspot", reference: dealID, stage: .opportunity), [], OutcomeLeadReference(source: "hubspot"))
            }
            let at = object["occurredAt"]?.number.map { Date(timeIntervalSince1970: $0 / 1000) }
            if type == "deal.creation" {
                deals[dealID]!.parts.formUnion([.stage, .openedAt])
                deals[dealID]!.outcome.openedAt = deals[dealID]!.outcome.openedAt ?? at
            }
            guard let name = object["propertyName"]?.string, let value = object["propertyValue"]?.scalarText else { continue }
            try apply(name, value, at: at, to: &deals[dealID]!, event: index)
        }
        return order.compactMap { id in
            let deal = deals[id]!
            return deal.parts.isEmpty && deal.lead.lookups.isEmpty ? nil
                : OutcomeIntake(outcome: deal.outcome, lead: deal.lead, actor: actor, parts: deal.parts)
        }
    }

    private static func apply(
        _ name: String, _ value: String, at: Date?, to deal: inout (outcome: LeadOutcome, parts: Set<LeadOutcome.Part>, lead: OutcomeLeadReference), event: Int
    ) throws {
        switch name {
        case "dealstage":
            deal.outcome.stage = OutcomeCSVReader.stage(value)
            deal.parts.insert(.stage)
            if deal.outcome.stage != .opportunity, !deal.parts.contains(.closedAt) {
                deal.outcome.closedAt = at
                deal.parts.insert(.closedAt)
            }
        case "amount":
            guard let amount = Double(value), amount.isFinite else {
                throw AppError.badRequest("A deal's amount is not a number.", details: ["[\(event)]: amount \"\(value)\""])
            }
            deal.outcome.amount = amount
            deal.parts.insert(.amount)
        case "deal_currency_code":
            deal.outcome.currency = value
            deal.parts.insert(.currency)
        case "createdate":
            deal.outcome.openedAt = IntakeDate.parse(value)
            deal.parts.insert(.openedAt)
        case "closedate":
            deal.outcome.closedAt = IntakeDate.parse(value)
            deal.parts.insert(.closedAt)
        case "hubspot_owner_id":
            deal.outcome.people = [value]
            deal.parts.insert(.people)
        case "dealname":
            deal.outcome.name = value
            deal.parts.insert(.name)
        case "baton_lead_id":
            deal.lead.leadID = Int64(value)
        case "contact_id":
            deal.lead.sourceID = "contact-\(value)"
        case "contact_email":
            deal.lead.email = value
        default:
            break
        }
    }
}
