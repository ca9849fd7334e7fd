import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// The pages people read: the dashboard, the four policy views, the brief forms, versions and users.
struct PageRoutes {
    let services: AppServices
    let pages: PageRenderer

    /// A page that appears in the navigation, with the roles that may open it.
    struct Entry {
        let title: String
        let path: String
        let roles: [AccessRole]
    }

    static let home = Entry(title: "Overview", path: "/", roles: AccessRole.allCases)
    static let map = Entry(title: "Handoff map", path: "/policy/map", roles: AccessRole.allCases)
    static let criteria = Entry(title: "Entry/exit criteria", path: "/policy/criteria", roles: AccessRole.allCases)
    static let approvals = Entry(title: "Approval matrix", path: "/policy/approvals", roles: AccessRole.allCases)
    static let automation = Entry(title: "Automation rules", path: "/policy/automation", roles: AccessRole.allCases)
    static let briefs = Entry(title: "Briefs", path: "/briefs", roles: [.admin, .ops, .marketer, .reviewer, .viewer])
    static let versions = Entry(title: "Policy versions", path: "/policy/versions", roles: [.admin, .ops])
    static let users = Entry(title: "People", path: "/admin/users", roles: [.admin, .ops])

    static let entries = [home, NotificationPageRoutes.inbox] + WorkPageRoutes.entries + [map, criteria, approvals, automation, briefs] + LeadPageRoutes.entries
        + ReportPageRoutes.entries + [BacktestPageRoutes.entry, AuditPageRoutes.list, versions, users, NotificationPageRoutes.deliveries]
    static let navigation = entries.map { PageRenderer.NavigationEntry(title: $0.title, path: $0.path, roles: Set($0.roles)) }

    var policy: Policy { services.policy.policy }
    var views: PolicyViewModels { PolicyViewModels(policy: policy) }

    func register(on routes: RouteCatalogue) {
        routes.add(.get, Self.home.path, .page, access: .roles(Self.home.roles)) { request, context in
            let identity = context.identity!
            if [.salesRep, .salesManager].contains(identity.account.access) {
                return pages.page(
                    "home-sales", title: "Your work", model: TemplateModel.clean(try await salesHome(identity)), identity: identity, path: request.uri.path)
            }
            var model = overview(context)
            if WorkAccess.actors.contains(identity.account.access) {
                let waiting = try await services.store.countWaitingWork(person: identity.account.id)
                model["work"] = waiting == 0 ? "Nothing waits on you" : "\(waiting) thing\(waiting == 1 ? "" : "s") wait\(waiting == 1 ? "s" : "") on you in My work"
            }
            return pages.page("home", title: Self.home.title, model: model, identity: identity, path: request.uri.path)
        }
        page(routes, Self.map, template: "handoff-map") { _ in
            ["svg": HandoffMapDrawing(policy: policy).svg, "rows": views.mapRows]
        }
        page(routes, Self.criteria, template: "criteria") { _ in ["rows": views.criteriaRows] }
        page(routes, Self.approvals, template: "approvals") { _ in ["rows": views.approvalRows] }
        page(routes, Self.automation, template: "automation") { _ in
            let drawing = AutomationRulesDrawing(policy: policy)
            return ["svg": drawing.svg, "stages": drawing.stages]
        }
        page(routes, Self.briefs) { _ in
            ["assets": policy.assetTypes.map { ["id": $0.id, "name": $0.name, "description": $0.description ?? "", "fields": $0.brief.count] }]
        }
        routes.add(.get, Self.versions.path, .page, access: .roles(Self.versions.roles)) { request, context in
            let versions = try await services.store.policyVersions()
            let times = TimeText(person: context.identity?.account.id, policy: policy)
            let model = versions.map { version in
                [
                    "id": String(version.id), "hash": String(version.hash.prefix(12)), "file": version.file, "loadedBy": version.loadedBy,
                    "loadedAt": times.value(version.loadedAt) as Any,
                    "inForce": version.id == services.policy.version.id,
                ] as [String: Any]
            }
            return pages.page("versions", title: Self.versions.title, model: ["versions": model], identity: context.identity, path: request.uri.path)
        }
        routes.add(.get, Self.users.path, .page, access: .roles(Self.users.roles)) { request, context in
            let accounts = try await services.store.accounts()
            let model = accounts.map { account in
                [
                    "name": account.name, "email": account.email, "role": account.access.label,
                    "status": !account.active ? "Inactive (not in the policy)" : account.hasPassword ? "Can sign in" : "No password yet",
                ]
            }
            return pages.page("users", title: Self.users.title, model: ["accounts": model], identity: context.identity, path: request.uri.path)
        }
    }

    /// The policy overview: what is in force.
    private func overview(_ context: BatonRequestContext) -> [String: Any] {
        let version = services.policy.version
        return [
            "version": version.id, "hash": String(version.hash.prefix(12)),
            "loadedAt": TimeText(person: context.identity?.account.id, policy: policy).value(version.loadedAt) as Any,
            "teams": policy.teams.count, "people": policy.people.count, "handoffs": policy.handoffs.count,
            "assetTypes": policy.assetTypes.count, "name": context.identity?.account.name ?? "",
        ]
    }

    /// A sales rep's or manager's home: their untouched leads, soonest deadline first, and what is overdue.
    private func salesHome(_ identity: Identity) async throws -> [String: Any] {
        let now = services.clock.now()
        var query = LeadQuery(statuses: [.assigned], limit: 10, now: now)
        query.scope = LeadAccess(policy: policy).scope(for: identity.account)
        let untouched = try await services.store.leads(query)
        let count = { (change: (inout LeadQuery) -> Void) async throws -> Int in
            var counted = query
            change(&counted)
            return try await services.store.countLeads(counted)
        }
        let views = LeadViewModels(policy: policy, now: now, times: TimeText(person: identity.account.id, policy: policy))
        let manager = identity.account.access == .salesManager
        // A manager answers for leads waiting for an owner too.
        let overdue = try await count {
            $0.breached = true
            if manager { $0.statuses = [.assigned, .queued, .unrouted] }
        }
        return [
            "name": identity.account.name, "leads": untouched.map(views.row),
            "untouched": try await count { _ in }, "overdue": overdue, "hasOverdue": overdue > 0,
            "overdueLink": manager ? "/leads?status=assigned,queued,unrouted&breached=yes" : "/leads?status=assigned&breached=yes",
            "working": try await count { $0.statuses = [.working, .accepted] },
            "waiting": manager ? try await count { $0.statuses = [.queued, .unrouted] } : 0,
            "manager": manager,
        ]
    }
    /// Registers a GET page whose model does not depend on the request beyond the caller.
    private func page(
        _ routes: RouteCatalogue, _ entry: Entry, template: String? = nil, model: @escaping @Sendable (BatonRequestContext) -> [String: Any]
    ) {
        let name = template ?? String(entry.path.split(separator: "/").last ?? "home")
        routes.add(.get, entry.path, .page, access: .roles(entry.roles)) { request, context in
            pages.page(name, title: entry.title, model: model(context), identity: context.identity, path: request.uri.path)
        }
    }
}
