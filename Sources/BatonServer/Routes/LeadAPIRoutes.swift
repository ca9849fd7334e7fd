import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// The lead handoff over JSON: intake (one or a batch of up to 1,000), queues, one lead with its explanation, and
/// the rep's and manager's actions.
struct LeadAPIRoutes {
    let services: AppServices
    let leads: LeadService

    static let writers: [AccessRole] = [.admin, .ops, .marketer]
    static let readers: [AccessRole] = [.admin, .ops, .salesManager, .salesRep, .viewer]
    static let sales: [AccessRole] = [.admin, .ops, .salesManager, .salesRep]
    /// Who may give leads to someone else.
    static let reassigners: [AccessRole] = [.admin, .ops, .salesManager]

    func register(on routes: RouteCatalogue) {
        routes.add(.post, "/api/v1/leads", .api, access: .roles(Self.writers, scope: .leadsWrite)) { request, context in
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            var reader = LeadPayloadReader(fieldIDs: leads.fieldIDs, source: "api")
            let submissions = try reader.read(Data(buffer: body))
            let key = request.headers[.idempotencyKey]
            let fingerprint = key.map { _ in ContentHash.sha256(Data(buffer: body)) }
            let intakes = submissions.enumerated().map { index, submission in
                LeadIntake(
                    submission: submission,
                    // Keys belong to the account that sends them: another integration cannot claim or replay them.
                    idempotencyKey: key.map { "\(context.identity!.account.id)/" + (submissions.count == 1 ? $0 : "\($0)#\(index)") },
                    actor: context.identity!.actor, fingerprint: fingerprint)
            }
            let admitted = try await leads.admit(intakes)
            if admitted.contains(where: { $0.outcome == .keyReused }) {
                // As the IETF Idempotency-Key draft asks: the key names one request, and this is another.
                throw AppError(
                    .unprocessableContent, code: "idempotency_key_reused",
                    message: "This Idempotency-Key was used before with a different body; send a new key for a new request.")
            }
            let results = LeadJSON.admitted(admitted)
            let created = admitted.contains { $0.outcome == .created }
            return try LeadJSON.response(["results": results], status: created ? .created : .ok)
        }
        routes.add(.get, "/api/v1/leads", .api, access: .roles(Self.readers, scope: .leadsRead)) { request, context in
            let list = try LeadListRequest(
                request.uri, defaultStatus: "all", now: services.clock.now(), scope: leads.access.scope(for: context.identity!.account), api: true)
            let found = try await services.store.leads(list.query)
            return try LeadJSON.response(LeadJSON.Page(
                leads: found.map(LeadJSON.View.init), total: try await services.store.countLeads(list.query), limit: list.query.limit,
                offset: list.query.offset))
        }
        routes.add(.post, "/api/v1/leads/bulk/reassign", .api, access: .roles(Self.reassigners, scope: .leadsWrite)) { request, context in
            let body = try await JSON.decode(BulkReassignRequest.self, from: request, context: context)
            guard body.leads.count <= LeadPayloadReader.maximumBatch else {
                throw AppError.badRequest("Reassign at most 1,000 leads at once.", details: ["leads: \(body.leads.count) given"])
            }
            let outcome = try await leads.reassign(body.leads, to: body.to, because: body.reason ?? "reassigned by a manager", by: context.identity!)
            return try JSON.response([
                "reassigned": outcome.reassigned, "refused": outcome.refused.map { ["lead": $0.lead, "reason": $0.reason] as [String: Any] },
            ])
        }
        routes.add(.get, "/api/v1/leads/{id}", .api, access: .roles(Self.readers, scope: .leadsRead), example: "/api/v1/leads/1") { _, context in
            try LeadJSON.response(LeadJSON.View(try await leads.lead(try Self.id(context), visibleTo: context.identity!.account)))
        }
        routes.add(.get, "/api/v1/leads/{id}/explain", .api, access: .roles(Self.readers, scope: .leadsRead), example: "/api/v1/leads/1/explain") {
            _, context in
            let lead = try await leads.lead(try Self.id(context), visibleTo: context.identity!.account)
            return try LeadJSON.response(LeadJSON.explanation(lead, events: try await services.store.leadEvents(id: lead.id)))
        }
        action("first-touch", FirstTouchRequest.self, roles: Self.sales, on: routes) { workflow, lead, _, now, body, actor in
            try workflow.recordFirstTouch(&lead, channel: body.channel, note: body.note, by: actor, at: now)
        }
        action("accept", EmptyRequest.self, roles: Self.sales, on: routes) { workflow, lead, _, now, _, actor in
            try workflow.accept(&lead, by: actor, at: now)
        }
        action("reject", RejectRequest.self, roles: Self.sales, on: routes) { workflow, lead, _, now, body, actor in
            try workflow.reject(&lead, reason: body.reason, note: body.note, by: actor, at: now)
        }
        action("disposition", DispositionRequest.self, roles: Self.sales, on: routes) { workflow, lead, _, now, body, actor in
            try workflow.recordDisposition(&lead, body.disposition, reason: body.reason, by: actor, at: now)
        }
        action("reassign", ReassignRequest.self, roles: Self.reassigners, on: routes) { workflow, lead, _, now, body, actor in
            try workflow.reassign(&lead, to: body.to, because: body.reason ?? "reassigned by a manager", by: actor, at: now)
        }
        action("resubmit", ResubmitRequest.self, roles: [.admin, .ops], on: routes) { workflow, lead, state, now, body, actor in
            // Only what differs is a correction; a resubmit that corrects nothing is refused rather than decided again.
            let changed = body.fields.filter { key, value in (lead.fields[key] ?? lead.extras[key] ?? "") != value.trimmedWhitespace }
            guard !changed.isEmpty else {
                throw LeadActionError(code: "nothing_changed", message: "nothing was corrected: change at least one field before resubmitting")
            }
            return try workflow.resubmit(&lead, fields: changed, state: &state, by: actor, at: now)
        }
    }

    /// Registers the action twice, as `POST /api/v1/leads/{id}/<name>` (JSON, tokens or session with CSRF header) and
    /// `POST /leads/{id}/<name>` (an HTML form, sent back to the lead's page with what happened): decode the input,
    /// check the caller may work the lead, apply.
    private func action<Input: LeadActionInput>(
        _ name: String, _ input: Input.Type, roles: [AccessRole], on routes: RouteCatalogue,
        _ apply: @escaping @Sendable (LeadWorkflow, inout LeadRecord, inout RoutingState, Date, Input, String) throws -> LeadChange
    ) {
        @Sendable func perform(_ id: Int64, _ decoded: Input, _ identity: Identity) async throws -> LeadRecord {
            try await leads.act(on: id) { workflow, lead, state, now in
                try apply(workflow, &lead, &state, now, decoded, identity.actor)
            }
        }
        routes.add(.post, "/api/v1/leads/{id}/\(name)", .api, access: .roles(roles, scope: .leadsWrite), example: "/api/v1/leads/1/\(name)") {
            request, context in
            let id = try Self.id(context)
            _ = try await leads.workableLead(id, by: context.identity!.account)  // decided before the input is read
            let decoded = try await JSON.decode(Input.self, from: request, context: context)
            return try LeadJSON.response(LeadJSON.View(try await perform(id, decoded, context.identity!)))
        }
        routes.add(.post, "/leads/{id}/\(name)", .page, access: .roles(roles), example: "/leads/1/\(name)") { request, context in
            let id = try Self.id(context)
            let form = try await FormReader.read(request, context: context)
            _ = try await leads.workableLead(id, by: context.identity!.account)  // decided before the input is read
            do {
                _ = try await perform(id, try Input(form: form, fieldIDs: leads.fieldIDs), context.identity!)
                return Response.redirect(to: "/leads/\(id)?done=\(name)", type: .found)
            } catch let error as AppError where [.badRequest, .conflict].contains(error.status) {
                let message = ([error.message] + error.details).joined(separator: " ")
                return Response.redirect(to: "/leads/\(id)?problem=" + LeadPageRoutes.encoded(message), type: .found)
            }
        }
    }

    static func id(_ context: BatonRequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")) else { throw AppError.notFound("That lead") }
        return id
    }
}
