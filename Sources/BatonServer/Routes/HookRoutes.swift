import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// Webhooks in (H9): HubSpot events and form submissions, checked by signature; Salesforce outbound messages for
/// Leads and Opportunities (their outcomes, H3), checked by the secret token in the endpoint URL, the organisation
/// and optionally the sender's address, and answered with the Ack. Both recognise redeliveries.
struct HookRoutes {
    let services: AppServices
    let leads: LeadService

    func register(on routes: RouteCatalogue) {
        routes.add(.post, "/hooks/hubspot", .api, access: .open) { request, context in
            guard let secret = services.configuration.hubspotSecret else {
                throw AppError(.forbidden, code: "hook_disabled", message: "HubSpot webhooks are off: set BATON_HUBSPOT_SECRET to the app's client secret.")
            }
            let body = Data(buffer: try await request.body.collect(upTo: context.maxUploadSize))
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let uri = services.configuration.publicURL + request.uri.description
            let version: HubSpotSignature.Version
            do throws(HubSpotSignature.Failure) {
                version = try HubSpotSignature(secret: secret).verify(
                    method: request.method.rawValue, uri: uri, body: body, headers: headers, now: services.clock.now())
            } catch {
                let reason = switch error {
                case .missing: "The request has no HubSpot signature."
                case .stale: "The request is more than 5 minutes old; replays are refused."
                case .mismatch: "The HubSpot signature does not match this request."
                }
                throw AppError(.unauthorized, code: "bad_signature", message: reason)
            }
            let intakes = try HubSpotPayload.intakes(from: body, actor: "hook:hubspot")
            // v1 and v2 carry no time, so an old request could be sent again at any time: take it only once.
            let legacyIDs = version == .legacy ? HubSpotPayload.deliveryIDs(in: body) : []
            if try await services.store.anyDeliverySeen(source: "hubspot", ids: legacyIDs) {
                throw AppError(
                    .conflict, code: "replayed_delivery",
                    message: "This delivery was taken before. Requests signed with v1 or v2 signatures are taken once; use v3 signatures to have retries answered normally.")
            }
            let deals = try HubSpotDeals.outcomes(from: body, actor: "hook:hubspot")
            let admitted = intakes.isEmpty ? [] : try await leads.admit(intakes)
            let receipts = deals.isEmpty ? [] : try await leads.outcomes.record(deals)
            try await services.store.rememberDeliveries(source: "hubspot", ids: legacyIDs, at: services.clock.now())
            return try LeadJSON.response(HubSpotHookResult(
                results: LeadJSON.admitted(admitted),
                outcomes: zip(deals, receipts).map { .init(deal: $0.outcome.reference, result: $1.result.rawValue, leadId: $1.leadID, reason: $1.reason) }))
        }
        routes.add(.post, "/hooks/salesforce/{token}", .api, access: .open, example: "/hooks/salesforce/unknown") { request, context in
            guard let organization = services.configuration.salesforceOrganizationID, let expected = services.configuration.salesforceHookToken else {
                throw AppError(
                    .forbidden, code: "hook_disabled",
                    message: "Salesforce outbound messages are off: set BATON_SALESFORCE_ORG_ID and BATON_SALESFORCE_HOOK_TOKEN.")
            }
            guard Secrets.equal(expected, try context.parameters.require("token")) else {
                throw AppError(.unauthorized, code: "bad_hook_token", message: "The endpoint URL's token is not this server's Salesforce hook token.")
            }
            let allowed = services.configuration.salesforceAllowedAddresses
            guard allowed.isEmpty || allowed.contains(where: { $0.contains(context.clientAddress) }) else {
                throw AppError(.forbidden, code: "address_not_allowed", message: "Outbound messages are taken only from the allowed Salesforce addresses.")
            }
            let message = try SalesforceOutboundMessage(xml: Data(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
            guard message.organizationID.prefix(15) == organization.prefix(15) else {
                throw AppError(.unauthorized, code: "unknown_organization", message: "Outbound messages are taken only from the configured Salesforce organisation.")
            }
            // Read every opportunity first: a message with one that cannot be read is refused whole, and retried.
            let outcomes = try SalesforceOpportunity.outcomes(message, actor: "hook:salesforce")
            let intakes = message.intakes(actor: "hook:salesforce")
            if !intakes.isEmpty { _ = try await leads.admit(intakes) }
            if !outcomes.isEmpty { _ = try await leads.outcomes.record(outcomes) }
            return Response(
                status: .ok, headers: [.contentType: "text/xml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: SalesforceOutboundMessage.acknowledgement)))
        }
    }
}

/// What the HubSpot hook answers: the leads its contact events and forms gave, and the outcomes its deal events gave.
struct HubSpotHookResult: Encodable {
    struct Outcome: Encodable {
        let deal: String
        let result: String
        let leadId: Int64?
        let reason: String?
    }

    let results: [LeadJSON.Admitted]
    let outcomes: [Outcome]
}
