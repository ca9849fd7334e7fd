import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// The lead pages: each rep's queue, one lead with its context, score, routing and SLA Timeline (with the actions,
/// registered by `LeadAPIRoutes`), the manager's team view with absences, and the ops queues.
struct LeadPageRoutes {
    let services: AppServices
    let leads: LeadService
    let pages: PageRenderer

    static let queue = PageRoutes.Entry(title: "Leads", path: "/leads", roles: [.admin, .ops, .salesManager, .salesRep])
    static let team = PageRoutes.Entry(title: "Sales team", path: "/leads/team", roles: [.admin, .ops, .salesManager])
    static let queues = PageRoutes.Entry(title: "Lead queues", path: "/leads/queues", roles: [.admin, .ops])
    static let entries = [queue, team, queues]

    /// Statuses a rep still works on.
    static let working: Set<LeadStatus> = [.assigned, .working, .accepted]
    /// The ops queues, in the order of their tabs.
    static let opsQueues: [LeadStatus] = [.remediation, .unrouted, .queued, .nurture, .noConsent]

    var policy: Policy { leads.policy }
    func views(for identity: Identity?) -> LeadViewModels {
        LeadViewModels(policy: policy, now: services.clock.now(), times: TimeText(person: identity?.account.id, policy: policy))
    }

    func register(on routes: RouteCatalogue) {
        routes.add(.get, Self.queue.path, .page, access: .roles(Self.queue.roles)) { request, context in
            let account = context.identity!.account
            let filter = request.uri.queryParameters["owner"].map(String.init)
            var query = LeadQuery(statuses: Self.working, owners: nil, limit: 500)
            let intro: String
            switch account.access {
            case .salesRep:
                query.owners = [account.id]
                intro = "Your open leads."
            case .salesManager:
                query.owners = Set(team(of: account.id).map(\.id))
                intro = "Your team's open leads."
            default:
                intro = "Every open lead."
            }
            if let filter, account.access != .salesRep { query.owners = query.owners.map { $0.intersection([filter]) } ?? [filter] }
            let views = views(for: context.identity)
            let rows = try await services.store.leads(query).map(views.row).sorted { ($0["due"] as? String ?? "~") < ($1["due"] as? String ?? "~") }
            let model: [String: Any] = [
                "leads": rows, "intro": intro, "showOwner": account.access != .salesRep, "ownerFilter": filter.map(views.person) as Any,
            ]
            return pages.page("leads", title: Self.queue.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.get, Self.team.path, .page, access: .roles(Self.team.roles)) { request, context in
            pages.page("lead-team", title: Self.team.title, model: TemplateModel.clean(try await teamModel(context, request)), identity: context.identity, path: request.uri.path)
        }
        routes.add(.post, "/leads/team/absences", .page, access: .roles(Self.team.roles)) { request, context in
            let form = try await FormReader.read(request, context: context)
            let account = context.identity!.account
            guard let person = form["person"], team(of: account.id).contains(where: { $0.id == person }) || account.access != .salesManager,
                  let member = policy.person(person) else {
                throw AppError.badRequest("Choose someone on your team.")
            }
            let calendar = policy.calendar(forPerson: member).flatMap { TimeZone(identifier: $0.timeZone) } ?? .gmt
            guard let starts = Self.day(form["starts"], in: calendar), let lastDay = Self.day(form["ends"], in: calendar), lastDay >= starts else {
                return Response.redirect(to: "/leads/team?problem=" + Self.encoded("Give the first and the last day away, the last on or after the first."), type: .found)
            }
            let ends = lastDay.addingTimeInterval(86400)
            try await services.store.recordAbsence(Absence(person: person, starts: starts, ends: ends, note: form["note"] ?? ""), actor: account.id, at: services.clock.now())
            return Response.redirect(to: "/leads/team?done=" + Self.encoded("Absence recorded for \(member.name)."), type: .found)
        }
        routes.add(.get, Self.queues.path, .page, access: .roles(Self.queues.roles)) { request, context in
            let chosen = request.uri.queryParameters["status"].flatMap { LeadStatus(rawValue: String($0)) }.flatMap { Self.opsQueues.contains($0) ? $0 : nil } ?? .remediation
            let counts = try await services.store.leadCounts()
            let views = views(for: context.identity)
            let rows = try await services.store.leads(LeadQuery(statuses: [chosen], limit: 500)).map(views.row)
            let model: [String: Any] = [
                "tabs": Self.opsQueues.map { ["id": $0.rawValue, "label": $0.label, "count": counts[$0] ?? 0, "current": $0 == chosen] },
                "leads": rows, "queueLabel": chosen.label,
            ]
            return pages.page("lead-queues", title: Self.queues.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.get, "/leads/{id}", .page, access: .roles(LeadAPIRoutes.readers), example: "/leads/1") { request, context in
            let identity = context.identity!
            let lead = try await leads.lead(try LeadAPIRoutes.id(context), visibleTo: identity.account)
            let views = views(for: context.identity)
            var model = views.detail(
                lead, events: try await services.store.leadEvents(id: lead.id), pending: try await services.store.pendingTimers(leadID: lead.id),
                mayWork: leads.access.mayWork(lead, account: identity.account), access: identity.account.access,
                load: try await services.store.routingState(at: services.clock.now()).openLeads)
            model["csrf"] = identity.csrfToken ?? ""
            model["done"] = request.uri.queryParameters["done"].flatMap { Self.doneMessages[String($0)] } as Any
            model["problem"] = request.uri.queryParameters["problem"].map(String.init) as Any
            return pages.page("lead", title: lead.displayName, model: TemplateModel.clean(model), identity: identity, path: request.uri.path)
        }
    }

    /// What a finished action says on the lead's page.
    static let doneMessages = [
        "first-touch": "First touch recorded: the response clock stopped and the disposition clock started.",
        "accept": "Lead accepted.", "reject": "Lead rejected; marketing sees the reason.", "disposition": "Disposition recorded: the handoff is complete.",
        "reassign": "Lead reassigned; the new owner's clock started.", "resubmit": "Lead corrected and decided again.",
    ]

    /// The people a manager leads (and the manager); everyone in sales for ops and admins.
    private func team(of manager: String) -> [Person] {
        let sellers = policy.people.filter { [.salesRep, .salesManager].contains($0.access) }
        guard policy.person(manager)?.access == .salesManager else { return sellers }
        return sellers.filter { $0.manager == manager || $0.id == manager }
    }

    private func teamModel(_ context: BatonRequestContext, _ request: Request) async throws -> [String: Any] {
        let account = context.identity!.account
        let members = team(of: account.id)
        let now = services.clock.now()
        let open = try await services.store.leads(LeadQuery(statuses: Self.working, owners: Set(members.map(\.id)), limit: 5000))
        let absences = try await services.store.absences(endingAfter: now).filter { absence in members.contains { $0.id == absence.person } }
        let capacities = Dictionary((policy.leads?.pools ?? []).flatMap { pool in pool.members.map { ($0.person, $0.capacity) } }) { first, _ in first }
        let views = views(for: context.identity)
        let memberRows = members.map { member -> [String: Any] in
            let theirs = open.filter { $0.owner == member.id }
            let away = absences.first { $0.person == member.id && $0.starts <= now }
            return [
                "id": member.id, "name": member.name, "open": theirs.count, "capacity": capacities[member.id].flatMap { $0 } as Any,
                "untouched": theirs.filter { $0.firstTouch == nil }.count,
                "overdue": theirs.filter { $0.firstTouch == nil && ($0.responseDue ?? .distantFuture) < now }.count,
                "dispositionOverdue": theirs.filter { $0.firstTouch != nil && $0.disposition == nil && ($0.dispositionDue ?? .distantFuture) < now }.count,
                "away": away.map { "until \(views.times.text($0.ends))" } ?? "",
            ]
        }
        let overdue = open.map(views.row).filter { $0["overdue"] as? Bool == true }.sorted { ($0["due"] as? String ?? "") < ($1["due"] as? String ?? "") }
        return [
            "members": memberRows, "overdueLeads": overdue, "csrf": context.identity?.csrfToken ?? "",
            "absences": absences.map { ["name": views.person($0.person), "starts": views.times.value($0.starts) as Any, "ends": views.times.value($0.ends) as Any, "note": $0.note] },
            "done": request.uri.queryParameters["done"].map(String.init) as Any,
            "problem": request.uri.queryParameters["problem"].map(String.init) as Any,
        ]
    }

    /// A `YYYY-MM-DD` form date as the start of that day in `zone`.
    private static func day(_ text: String?, in zone: TimeZone) -> Date? {
        guard let text else { return nil }
        return try? Date(text, strategy: Date.ParseStrategy(format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)", locale: Locale(identifier: "en_US_POSIX"), timeZone: zone))
    }

    /// A message as a query value (Hummingbird decodes it again when the page reads it).
    static func encoded(_ message: String) -> String { message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
}
