import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// Marketing work over JSON: intake, lists, one item with its gates and history, and every action of the path —
/// each also reachable as an HTML form on the item page (`POST /work/{id}/<action>`).
struct WorkAPIRoutes {
    let services: AppServices
    let work: WorkService

    /// The body of `POST /api/v1/work`.
    struct CreateRequest: Decodable {
        let type: String
        let fields: [String: String]
        let name: String?
        let rush: String?
        let draft: Bool?
    }

    func register(on routes: RouteCatalogue) {
        routes.add(.post, "/api/v1/work", .api, access: .roles(WorkAccess.requesters, scope: .workWrite)) { request, context in
            let body = try await JSON.decode(CreateRequest.self, from: request, context: context)
            let item = try await work.create(
                WorkRequest(assetType: body.type, fields: body.fields, name: body.name, rush: body.rush, draft: body.draft ?? false),
                by: context.identity!)
            return try WorkJSON.response(WorkJSON.View(item, workflow: work.workflow), status: .created)
        }
        routes.add(.get, "/api/v1/work", .api, access: .roles(WorkAccess.readers, scope: .workRead)) { request, context in
            guard work.access.mayView(account: context.identity!.account) else { throw AppError.forbidden("Your role does not see marketing work.") }
            let list = try WorkListRequest(request.uri, now: services.clock.now(), api: true)
            let items = try await services.store.workItems(list.query)
            return try WorkJSON.response(WorkJSON.Page(
                items: items.map { WorkJSON.View($0, workflow: work.workflow) }, total: try await services.store.countWorkItems(list.query),
                limit: list.query.limit, offset: list.query.offset))
        }
        routes.add(.get, "/api/v1/work/{id}", .api, access: .roles(WorkAccess.readers, scope: .workRead), example: "/api/v1/work/1") { _, context in
            try WorkJSON.response(WorkJSON.View(try await work.item(try Self.id(context), visibleTo: context.identity!.account), workflow: work.workflow))
        }
        routes.add(.get, "/api/v1/work/{id}/events", .api, access: .roles(WorkAccess.readers, scope: .workRead), example: "/api/v1/work/1/events") {
            _, context in
            let item = try await work.item(try Self.id(context), visibleTo: context.identity!.account)
            return try JSON.response(["events": try await services.store.workEvents(id: item.id).map(JSON.event)])
        }
        action("accept", StepInput.self, on: routes, needs: { .task($0.step) }) { workflow, item, _, now, input, actor in
            try workflow.accept(&item, step: input.step, by: actor, at: now)
        }
        action("return", ReturnInput.self, on: routes, needs: { .task($0.step) }) { workflow, item, _, now, input, actor in
            try workflow.returnWork(&item, step: input.step, failureModes: input.reasons, note: input.note, by: actor, at: now)
        }
        action("submit", StepInput.self, on: routes, needs: { .task($0.step) }) { workflow, item, _, now, input, actor in
            try workflow.submit(&item, step: input.step, by: actor, at: now)
        }
        action("reassign", ReassignInput.self, on: routes, needs: { .task($0.step) }) { workflow, item, roster, now, input, actor in
            try workflow.reassignTask(&item, step: input.step, to: input.to, because: input.reason ?? "reassigned", by: actor, roster: &roster, at: now)
        }
        action("bypass", BypassInput.self, on: routes, needs: { _ in .participate }) { workflow, item, _, now, input, actor in
            try workflow.bypass(&item, step: input.step, tradeoff: input.tradeoff, by: actor, at: now)
        }
        action("sign-off", SignOffInput.self, on: routes, needs: { _ in .participate }) { workflow, item, _, now, input, actor in
            try workflow.signOff(&item, field: input.field, by: actor, at: now)
        }
        action("fields", FieldsInput.self, on: routes, needs: { _ in .fields }) { workflow, item, _, now, input, actor in
            try workflow.updateFields(&item, input.fields, by: actor, at: now)
        }
        action("comment", CommentInput.self, on: routes, needs: { _ in .participate }) { workflow, item, _, now, input, actor in
            try workflow.comment(&item, text: input.text, by: actor, at: now)
        }
        action("decide", DecideInput.self, on: routes, needs: { _ in .participate }) { workflow, item, _, now, input, actor in
            try workflow.decide(&item, stage: input.stage, input.review, by: actor, at: now)
        }
        action("revoke", StageInput.self, on: routes, needs: { _ in .participate }) { workflow, item, _, now, input, actor in
            try workflow.revoke(&item, stage: input.stage, by: actor, at: now)
        }
        action("confirm-edits", StageInput.self, on: routes, needs: { _ in .creator }) { workflow, item, _, now, input, actor in
            try workflow.confirmEdits(&item, stage: input.stage, by: actor, at: now)
        }
        action("resubmit", PlainInput.self, on: routes, needs: { _ in .creator }) { workflow, item, _, now, _, actor in
            try workflow.resubmitForReview(&item, by: actor, at: now)
        }
        action("schedule", ScheduleInput.self, on: routes, needs: { _ in .creator }) { workflow, item, _, now, input, actor in
            try workflow.schedule(&item, for: try input.date(on: workflow.planner.time(for: item.requester, role: nil)), by: actor, at: now)
        }
        action("launch", LaunchInput.self, on: routes, needs: { _ in .creator }) { workflow, item, _, now, input, actor in
            try workflow.launch(&item, url: input.url, by: actor, at: now)
        }
        // The brief's form twin is WorkPageRoutes' own: it shows the form again with each mistake beside its field.
        action("brief", BriefInput.self, on: routes, formTwin: false, needs: { _ in .brief }) { workflow, item, roster, now, input, actor in
            try workflow.editBrief(&item, WorkRequest(assetType: item.assetType, fields: input.fields, name: input.name, rush: input.rush), submit: input.submit, by: actor, roster: &roster, at: now)
        }
        action("cancel", CancelInput.self, on: routes, needs: { _ in .brief }) { workflow, item, _, now, input, actor in
            try workflow.cancel(&item, because: input.reason, by: actor, at: now)
        }
        action("rush-sign-off", PlainInput.self, on: routes, needs: { _ in .participate }) { workflow, item, _, now, _, actor in
            try workflow.signOffRush(&item, by: actor, at: now)
        }
    }

    /// Registers the action as `POST /api/v1/work/{id}/<name>` (JSON) and `POST /work/{id}/<name>` (a form, sent back
    /// to the item page with what happened, or with the problem and its details).
    private func action<Input: WorkActionInput>(
        _ name: String, _ input: Input.Type, on routes: RouteCatalogue, formTwin: Bool = true, needs: @escaping @Sendable (Input) -> WorkAccess.Action,
        _ apply: @escaping @Sendable (WorkWorkflow, inout WorkItem, inout WorkRoster, Date, Input, String) throws -> WorkChange
    ) {
        @Sendable func perform(_ id: Int64, _ decoded: Input, _ identity: Identity) async throws -> WorkItem {
            try await work.act(on: id, needs: needs(decoded), revision: decoded.revision, by: identity) { workflow, item, roster, now in
                try apply(workflow, &item, &roster, now, decoded, identity.account.id)
            }
        }
        routes.add(.post, "/api/v1/work/{id}/\(name)", .api, access: .roles(WorkAccess.actors, scope: .workWrite), example: "/api/v1/work/1/\(name)") {
            request, context in
            let id = try Self.id(context)
            _ = try await work.item(id, visibleTo: context.identity!.account)  // decided before the input is read
            let decoded = try await JSON.decode(Input.self, from: request, context: context)
            return try WorkJSON.response(WorkJSON.View(try await perform(id, decoded, context.identity!), workflow: work.workflow))
        }
        guard formTwin else { return }
        routes.add(.post, "/work/{id}/\(name)", .page, access: .roles(WorkAccess.actors), example: "/work/1/\(name)") { request, context in
            let id = try Self.id(context)
            let form = try await FormReader.read(request, context: context)
            _ = try await work.item(id, visibleTo: context.identity!.account)
            do {
                _ = try await perform(id, try Input(form: form), context.identity!)
                return Response.redirect(to: "/work/\(id)?done=\(name)", type: .found)
            } catch let error as AppError where [.badRequest, .conflict, .unprocessableContent, .forbidden].contains(error.status) {
                let message = ([error.message] + error.details).joined(separator: "\n")
                return Response.redirect(to: "/work/\(id)?problem=" + LeadPageRoutes.encoded(message), type: .found)
            }
        }
    }

    static func id(_ context: BatonRequestContext) throws -> Int64 {
        guard let id = Int64(try context.parameters.require("id")) else { throw AppError.notFound("That work item") }
        return id
    }
}
