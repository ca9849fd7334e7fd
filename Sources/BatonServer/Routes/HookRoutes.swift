import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// Webhooks in (H9): HubSpot events and form submissions, checked by signature; Salesforce outbound messages for
/// Leads, checked by organisation and answered with the Ack. Both recognise redeliveries.
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
            do throws(HubSpotSignature.Failure) {
                try HubSpotSignature(secret: secret).verify(method: request.method.rawValue, uri: uri, body: body, headers: headers, now: services.clock.now())
            } catch {
                let reason = switch error {
                case .missing: "The request has no HubSpot signature."
                case .stale: "The request is more than 5 minutes old; replays are refused."
                case .mismatch: "The HubSpot signature does not match this request."
                }
                throw AppError(.unauthorized, code: "bad_signature", message: reason)
            }
            let admitted = try await leads.admit(try HubSpotPayload.intakes(from: body, actor: "hook:hubspot"))
            return try LeadJSON.response(["results": LeadJSON.admitted(admitted)])
        }
        routes.add(.post, "/hooks/salesforce", .api, access: .open) { request, context in
            guard let organization = services.configuration.salesforceOrganizationID else {
                throw AppError(.forbidden, code: "hook_disabled", message: "Salesforce outbound messages are off: set BATON_SALESFORCE_ORG_ID.")
            }
            let message = try SalesforceOutboundMessage(xml: Data(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
            guard message.organizationID.prefix(15) == organization.prefix(15) else {
                throw AppError(.unauthorized, code: "unknown_organization", message: "Outbound messages are taken only from the configured Salesforce organisation.")
            }
            _ = try await leads.admit(message.intakes(actor: "hook:salesforce"))
            return Response(
                status: .ok, headers: [.contentType: "text/xml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: SalesforceOutboundMessage.acknowledgement)))
        }
    }
}
