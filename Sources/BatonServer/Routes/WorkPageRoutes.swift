import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// The marketing work pages: brief intake (F1), "My work", the team board, the item list and the item page. The
/// item's actions are registered by `WorkAPIRoutes` as forms beside their JSON routes.
struct WorkPageRoutes {
    let services: AppServices
    let work: WorkService
    let pages: PageRenderer

    static let mine = PageRoutes.Entry(title: "My work", path: "/work", roles: WorkAccess.actors)
    static let board = PageRoutes.Entry(title: "Work board", path: "/work/board", roles: WorkAccess.readers)
    static let list = PageRoutes.Entry(title: "Work items", path: "/work/items", roles: WorkAccess.readers)
    static let entries = [mine, board]
    /// The board's columns, in the order work moves.
    static let columns: [WorkStatus] = [.requested, .briefReturned, .inProgress, .inReview, .rework, .approved, .scheduled]
    static let cardsPerColumn = 25
    /// What the item page says after each action (any other `done` is ignored: only these words can be shown).
    static let doneMessages = [
        "accept": "Accepted: the work is yours and its clock runs.", "return": "Returned, with your reasons.", "submit": "Submitted and handed over.",
        "bypass": "Gate bypassed; the trade-off is recorded.", "sign-off": "Signed off.", "fields": "Fields saved.", "comment": "Comment added.",
        "decide": "Decision recorded.", "revoke": "Decision revoked.", "confirm-edits": "Edits confirmed.", "resubmit": "Sent back to review.",
        "schedule": "Launch scheduled.", "launch": "Marked launched.", "reassign": "Reassigned.", "cancel": "Work cancelled.", "rush-sign-off": "Rush signed off.",
    ]

    var policy: Policy { work.policy }

    private func lists(_ identity: Identity?) -> WorkListModels {
        WorkListModels(workflow: work.workflow, times: TimeText(person: identity?.account.id, policy: policy), now: services.clock.now())
    }

    func register(on routes: RouteCatalogue) {
        routes.add(.get, "/briefs/{assetType}", .page, access: .roles(PageRoutes.briefs.roles), example: "/briefs/blog") { request, context in
            let id = try context.parameters.require("assetType")
            guard let asset = policy.assetType(id) else { throw AppError.notFound("The asset type '\(id)'") }
            let model = briefModel(asset, brief: BriefFormInput(), problems: [], action: "/briefs/\(id)", context: context)
            return pages.page("brief-form", title: "\(asset.name) brief", model: model, identity: context.identity, path: request.uri.path)
        }
        routes.add(.post, "/briefs/{assetType}", .page, access: .roles(WorkAccess.requesters), example: "/briefs/blog") { request, context in
            let id = try context.parameters.require("assetType")
            guard let asset = policy.assetType(id) else { throw AppError.notFound("The asset type '\(id)'") }
            let form = try await FormReader.read(request, context: context)
            let brief = BriefFormInput(form: form)
            let workRequest = WorkRequest(assetType: id, fields: brief.fields, name: brief.name, rush: brief.rush, draft: form["submit"] == "draft")
            let problems = work.workflow.problems(workRequest, at: services.clock.now())
            guard problems.isEmpty else {
                let model = briefModel(asset, brief: brief, problems: problems, action: "/briefs/\(id)", context: context)
                return pages.page("brief-form", title: "\(asset.name) brief", model: model, identity: context.identity, path: request.uri.path, status: .badRequest)
            }
            let item = try await work.create(workRequest, by: context.identity!)
            let message = item.status == .draft ? "Draft saved. Finish it when you are ready." : "Brief submitted as \(item.name)."
            return Response.redirect(to: "/work/\(item.id)?done=" + LeadPageRoutes.encoded(message), type: .found)
        }
        routes.add(.get, Self.mine.path, .page, access: .roles(Self.mine.roles)) { request, context in
            let me = context.identity!.account.id
            let page = try request.uri.integer("page", default: 1, in: 1...1_000_000)
            let per = 50
            let total = try await services.store.countWaitingWork(person: me)
            let waiting = try await services.store.waitingWork(person: me, limit: per, offset: (page - 1) * per)
            var requested = WorkQuery(statuses: Set(WorkStatus.allCases).subtracting([.launched, .cancelled]), limit: 10, now: services.clock.now())
            requested.person = me
            requested.sort = .updated
            requested.descending = true
            let rows = lists(context.identity)
            let model: [String: Any] = [
                "waiting": waiting.map(rows.waiting), "count": total,
                "pager": WorkListModels.pager(total: total, page: page, perPage: per) { "/work?page=\($0)" },
                "involved": try await services.store.workRows(requested).map(rows.row),
                "assetTypes": policy.assetTypes.map { ["id": $0.id, "name": $0.name] },
            ]
            return pages.page("my-work", title: Self.mine.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.get, Self.board.path, .page, access: .roles(Self.board.roles)) { request, context in
            try requireViewer(context)
            let filters = try WorkListRequest(request.uri, now: services.clock.now())
            let counts = try await services.store.workCounts(filters.query)
            var columns: [[String: Any]] = []
            let rows = lists(context.identity)
            for status in Self.columns {
                var query = filters.query
                query.statuses = [status]
                if [.approved, .scheduled].contains(status) { query.sort = .deadline }
                query.limit = Self.cardsPerColumn
                query.offset = 0
                let cards = try await services.store.workRows(query).map(rows.row)
                columns.append([
                    "label": status.label, "id": status.rawValue, "count": counts[status] ?? 0, "cards": cards,
                    "more": (counts[status] ?? 0) > cards.count, "link": filters.link(Self.list.path, changing: ["status": status.rawValue]),
                ])
            }
            var model = filterModel(filters, path: Self.board.path)
            model["board"] = true
            model["columns"] = columns
            let breached = try await services.store.countWorkItems({ var query = filters.query; query.breached = true; return query }())
            let blocked = try await services.store.countWorkItems({ var query = filters.query; query.blocked = true; return query }())
            model["breachedText"] = "\(breached) item\(breached == 1 ? "" : "s") past an SLA deadline"
            model["blockedText"] = "\(blocked) blocked at a gate"
            return pages.page("work-board", title: Self.board.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.get, Self.list.path, .page, access: .roles(Self.list.roles)) { request, context in
            try requireViewer(context)
            let filters = try WorkListRequest(request.uri, now: services.clock.now())
            let total = try await services.store.countWorkItems(filters.query)
            var model = filterModel(filters, path: Self.list.path)
            model["rows"] = try await services.store.workRows(filters.query).map(lists(context.identity).row)
            model["pager"] = WorkListModels.pager(total: total, page: filters.page, perPage: filters.perPage) { filters.link(Self.list.path, changing: ["page": String($0)]) }
            model["sorts"] = WorkSort.allCases.map { sort in
                ["label": sort.label, "link": filters.link(Self.list.path, changing: ["sort": sort.rawValue]), "current": sort == filters.query.sort] as [String: Any]
            }
            return pages.page("work-items", title: Self.list.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.get, "/work/{id}", .page, access: .roles(WorkAccess.readers), example: "/work/1") { request, context in
            let account = context.identity!.account
            let item = try await work.item(try WorkAPIRoutes.id(context), visibleTo: account)
            let events = try await services.store.workEvents(id: item.id)
            var model = WorkItemModel(
                item: item, events: events, workflow: work.workflow, access: work.access, account: account,
                times: TimeText(person: account.id, policy: policy), now: services.clock.now(),
                everything: request.uri.queryParameters["all"] == "yes"
            ).model()
            model["csrf"] = context.identity?.csrfToken ?? ""
            model["done"] = LeadPageRoutes.message(request, "done") ?? request.uri.queryParameters["done"].flatMap { Self.doneMessages[String($0)] }
            model["problem"] = LeadPageRoutes.message(request, "problem")
            return pages.page("work-item", title: item.name, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.post, "/work/{id}/brief", .page, access: .roles(WorkAccess.actors), example: "/work/1/brief") { request, context in
            try await postBrief(request, context)
        }
        routes.add(.get, "/work/{id}/brief", .page, access: .roles(WorkAccess.requesters), example: "/work/1/brief") { request, context in
            let item = try await work.item(try WorkAPIRoutes.id(context), visibleTo: context.identity!.account)
            guard let asset = policy.assetType(item.assetType) else { throw AppError.notFound("The asset type '\(item.assetType)'") }
            let editable = [.draft, .briefReturned].contains(item.status) && work.access.mayAct(.brief, on: item, account: context.identity!.account)
            var brief = BriefFormInput()
            brief.fields = item.fields
            brief.name = item.name
            brief.rush = item.rushRequested
            var model = briefModel(asset, brief: brief, problems: [], action: "/work/\(item.id)/brief", context: context)
            model["revision"] = item.revision
            model["mayRequest"] = editable
            model["locked"] = editable ? "" : "Only the requester, ops or an admin change a brief, and only while it is a draft or has come back."
            model["returned"] = item.tasks.flatMap(\.returns).last.map { "\($0.failureModes.joined(separator: ", ")) — \($0.note)" } ?? ""
            return pages.page("brief-form", title: "\(asset.name) brief", model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
    }

    /// A changed brief of a draft or a returned item: the form again with each mistake beside its field (400), or
    /// the item page once it is saved (and, with "submit", sent on).
    private func postBrief(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let identity = context.identity!
        let form = try await FormReader.read(request, context: context)
        let item = try await work.item(try WorkAPIRoutes.id(context), visibleTo: identity.account)
        guard let asset = policy.assetType(item.assetType) else { throw AppError.notFound("The asset type '\(item.assetType)'") }
        guard work.access.mayAct(.brief, on: item, account: identity.account) else {
            throw AppError.forbidden("Only the requester, ops or an admin can change the brief.")
        }
        let brief = BriefFormInput(form: form)
        let submit = form["submit"] != "draft"
        let workRequest = WorkRequest(assetType: item.assetType, fields: brief.fields, name: brief.name, rush: brief.rush, draft: !submit)
        let problems = work.workflow.problems(workRequest, at: services.clock.now())
        guard problems.isEmpty else {
            var model = briefModel(asset, brief: brief, problems: problems, action: "/work/\(item.id)/brief", context: context)
            model["revision"] = try form.revision() ?? item.revision
            return pages.page("brief-form", title: "\(asset.name) brief", model: model, identity: identity, path: request.uri.path, status: .badRequest)
        }
        do {
            _ = try await work.act(on: item.id, needs: .brief, revision: try form.revision(), by: identity) { workflow, item, roster, now in
                try workflow.editBrief(&item, workRequest, submit: submit, by: identity.account.id, roster: &roster, at: now)
            }
        } catch let error as AppError where [.badRequest, .conflict, .unprocessableContent].contains(error.status) {
            return Response.redirect(to: "/work/\(item.id)?problem=" + LeadPageRoutes.encoded(([error.message] + error.details).joined(separator: "\n")), type: .found)
        }
        let message = submit ? "Brief sent on." : "Draft saved."
        return Response.redirect(to: "/work/\(item.id)?done=" + LeadPageRoutes.encoded(message), type: .found)
    }

    /// The brief form with what was entered, each problem beside its field and the rest above the form.
    func briefModel(_ asset: AssetType, brief: BriefFormInput, problems: [FieldProblem], action: String, context: BatonRequestContext) -> [String: Any] {
        let briefFields = Set(asset.brief.map(\.id))
        let other = problems.filter { !briefFields.contains($0.field) && !["name", "rush"].contains($0.field) }.map(\.description)
        return TemplateModel.clean([
            "form": PolicyViewModels(policy: policy).briefForm(asset, values: brief.fields, problems: problems), "action": action,
            "csrf": context.identity?.csrfToken ?? "", "hasProblems": !problems.isEmpty, "problemCount": problems.count, "plural": problems.count != 1,
            "otherProblems": (other.isEmpty ? nil : other) as Any,
            "nameValue": brief.name ?? "", "namePattern": policy.naming.first?.pattern ?? "",
            "nameError": problems.first { $0.field == "name" }?.message ?? "",
            "rushChecked": brief.rush != nil, "rushTradeoff": brief.rush ?? "", "rushError": problems.first { $0.field == "rush" }?.message ?? "",
            "rushRole": policy.projectTemplate(for: asset.id)?.rushSignOff.flatMap { policy.role($0)?.name.lowercased() } ?? "admin",
            "mayRequest": context.identity.map { WorkAccess.requesters.contains($0.account.access) } ?? false,
        ].compactMapValues { $0 })
    }

    private func requireViewer(_ context: BatonRequestContext) throws {
        guard work.access.mayView(account: context.identity!.account) else { throw AppError.forbidden("Your role does not see marketing work.") }
    }

    /// The filters of the board and the list, with their current values.
    private func filterModel(_ filters: WorkListRequest, path: String) -> [String: Any] {
        let query = filters.query
        return [
            "filterPath": path,
            "q": query.search ?? "", "campaign": query.campaign ?? "",
            "types": policy.assetTypes.map { ["id": $0.id, "name": $0.name, "selected": query.assetTypes?.contains($0.id) ?? false] as [String: Any] },
            "people": policy.people.filter { [.marketer, .ops, .admin, .reviewer].contains($0.access) }
                .map { ["id": $0.id, "name": $0.name, "selected": query.person == $0.id] as [String: Any] },
            "statuses": WorkListRequest.statusGroups.map { ["id": $0.id, "label": $0.label, "selected": filters.statusGroup == $0.id] as [String: Any] },
            "onlyBreached": query.breached == true, "onlyBlocked": query.blocked == true, "onlyRush": query.rush == true,
            "filtered": query.search != nil || query.campaign != nil || query.assetTypes != nil || query.person != nil || query.breached != nil || query.blocked != nil,
        ]
    }
}
