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

    static let queue = PageRoutes.Entry(title: "Leads", path: "/leads", roles: [.admin, .ops, .salesManager, .salesRep, .viewer])
    static let team = PageRoutes.Entry(title: "Sales team", path: "/leads/team", roles: [.admin, .ops, .salesManager])
    static let queues = PageRoutes.Entry(title: "Lead queues", path: "/leads/queues", roles: [.admin, .ops])
    static let entries = [queue, team, queues, ImportPageRoutes.entry]

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
            let intro = switch account.access {
            case .salesRep: "Your leads."
            case .salesManager: "Your team's leads, and leads waiting for an owner."
            default: "Every lead."
            }
            var model = try await listModel(request, context, path: Self.queue.path, statusFixed: false)
            model["intro"] = intro
            return pages.page("leads", title: Self.queue.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.post, "/leads/bulk/reassign", .page, access: .roles(LeadAPIRoutes.reassigners)) { request, context in
            let form = try await FormReader.read(request, context: context)
            let back = AuthRoutes.safeNext(form["back"] ?? Self.queue.path)
            let separator = back.contains("?") ? "&" : "?"
            let ids = form.list("lead").compactMap { Int64($0) }.prefix(LeadPayloadReader.maximumBatch).map { $0 }
            guard !ids.isEmpty, let person = form["to"].flatMap({ $0.isEmpty ? nil : $0 }) else {
                return Response.redirect(to: back + separator + "problem=" + Self.encoded("Tick the leads to move and choose who takes them."), type: .found)
            }
            let outcome = try await leads.reassign(
                ids, to: person, because: form["reason"].flatMap { $0.isEmpty ? nil : $0 } ?? "reassigned by a manager", by: context.identity!)
            var message = "\(outcome.reassigned.count) lead\(outcome.reassigned.count == 1 ? "" : "s") reassigned to \(policy.person(person)?.name ?? person)."
            if !outcome.refused.isEmpty {
                message += " Not moved: " + outcome.refused.map { "lead \($0.lead) (\($0.reason))" }.joined(separator: "; ")
            }
            return Response.redirect(to: back + separator + (outcome.refused.isEmpty ? "done=" : "problem=") + Self.encoded(message), type: .found)
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
            var model = try await listModel(request, context, path: Self.queues.path, statusFixed: true, status: chosen)
            model["tabs"] = Self.opsQueues.map { ["id": $0.rawValue, "label": $0.label, "count": counts[$0] ?? 0, "current": $0 == chosen] }
            model["queueLabel"] = chosen.label
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
            model["problem"] = Self.message(request, "problem") as Any
            return pages.page("lead", title: lead.displayName, model: TemplateModel.clean(model), identity: identity, path: request.uri.path)
        }
    }

    /// A lead list page's model: the reader's leads as the query string filters, sorts and pages them.
    /// `status` fixes the list to one status (a queue's tab).
    private func listModel(
        _ request: Request, _ context: BatonRequestContext, path: String, statusFixed: Bool, status: LeadStatus? = nil
    ) async throws -> [String: Any] {
        let identity = context.identity!
        let account = identity.account
        let now = services.clock.now()
        let waiting: Set<LeadStatus> = [.queued, .unrouted]
        let list = try LeadListRequest(
            request.uri, defaultStatus: status?.rawValue ?? "open", defaultSort: status.map { waiting.contains($0) ? .due : .received } ?? .due, now: now,
            scope: leads.access.scope(for: account))
        var query = list.query
        if let status { query.statuses = [status] }
        let found = try await services.store.leads(query)
        let total = try await services.store.countLeads(query)
        let mayReassign = LeadAPIRoutes.reassigners.contains(account.access)
        let choices = ReassignChoices(policy: policy, load: mayReassign ? try await services.store.routingState(at: now).openLeads : [:])
        let owners: [Person]? = switch account.access {
        case .salesRep: nil
        case .salesManager: leads.access.reports(of: account.id) + [policy.person(account.id)].compactMap { $0 }
        default: choices.sellers()
        }
        var model = LeadListModel(
            request: list, views: views(for: identity), path: path, leads: found, total: total, owners: owners,
            reassignTo: mayReassign ? choices.sellers() : nil, load: choices.load, offersStatus: !statusFixed
        ).model()
        model["csrf"] = identity.csrfToken ?? ""
        model["back"] = request.uri.description
        model["done"] = Self.message(request, "done") as Any
        model["problem"] = Self.message(request, "problem") as Any
        return model
    }

    /// What a finished action says on the lead's page.
    static let doneMessages = [
        "first-touch": "First touch recorded: the response clock stopped and the disposition clock started.",
        "accept": "Lead accepted.", "reject": "Lead rejected; marketing sees the reason.", "disposition": "Disposition recorded.",
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
        let capacities = policy.leads?.capacityByPerson ?? [:]
        let views = views(for: context.identity)
        let memberRows = members.map { member -> [String: Any] in
            let theirs = open.filter { $0.owner == member.id }
            let away = absences.first { $0.person == member.id && $0.starts <= now }
            return [
                "id": member.id, "name": member.name, "open": theirs.count, "capacity": capacities[member.id] as Any,
                "untouched": theirs.filter { $0.firstTouch == nil }.count,
                "overdue": theirs.filter { $0.firstTouch == nil && ($0.responseDue ?? .distantFuture) < now }.count,
                "dispositionOverdue": theirs.filter { $0.firstTouch != nil && $0.disposition == nil && ($0.dispositionDue ?? .distantFuture) < now }.count,
                "away": away.map { "until \(views.times.text($0.ends))" } ?? "",
            ]
        }
        // The query lists them soonest deadline first (its default order).
        let overdue = open.filter { ($0.nextDeadline ?? .distantFuture) < now }.map(views.row)
        // The next four weeks at the recent volume: can the team meet its response SLAs (X4, D7)?
        let simulation = try await Simulations(store: services.store).run(Simulations.Request(weeks: 4), policy: policy, now: now)
        return [
            "capacityWarnings": simulation.map { Simulations.warnings($0, policy: policy) } ?? [],
            "members": memberRows, "overdueLeads": overdue, "csrf": context.identity?.csrfToken ?? "",
            "absences": absences.map { ["name": views.person($0.person), "starts": views.times.value($0.starts) as Any, "ends": views.times.value($0.ends) as Any, "note": $0.note] },
            "done": Self.message(request, "done") as Any,
            "problem": Self.message(request, "problem") as Any,
        ]
    }

    /// A `YYYY-MM-DD` form date as the start of that day in `zone`.
    private static func day(_ text: String?, in zone: TimeZone) -> Date? {
        guard let text else { return nil }
        let date = try? Date(text, strategy: Date.ParseStrategy(format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)", locale: Locale(identifier: "en_US_POSIX"), timeZone: zone))
        return date.flatMap { IntakeDate.plausible.contains($0) ? $0 : nil }
    }

    /// A message as a query value, signed by the server (Hummingbird decodes it again when the page reads it).
    static func encoded(_ message: String) -> String {
        ServerSignature.sign(message).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// A message carried by `encoded` back from a redirect; nil unless the server signed it, so a crafted link cannot
    /// put its own words in the page's notice or alert.
    static func message(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].flatMap { ServerSignature.verified(String($0)) }
    }
}
