import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// The audit pages (G4, G5): the list with the open fixes and the forms to draw a month's sample or start a
/// quarter's review; one audit, each entry inspected with its checklist, finding, fix, owner and due date.
struct AuditPageRoutes {
    let services: AppServices
    let pages: PageRenderer

    static let list = PageRoutes.Entry(title: "Audits", path: "/audits", roles: [.admin, .ops, .viewer])
    /// Who draws samples and records inspections.
    static let auditors: [AccessRole] = [.admin, .ops]

    var policy: Policy { services.policy.policy }
    var service: AuditService { AuditService(store: services.store, clock: services.clock, policy: policy) }

    func register(on routes: RouteCatalogue) {
        routes.add(.get, Self.list.path, .page, access: .roles(Self.list.roles)) { request, context in
            var model = models(context).list(try await services.store.audits(), mayEdit: Self.auditors.contains(context.identity!.account.access))
            model["csrf"] = context.identity?.csrfToken ?? ""
            model["done"] = LeadPageRoutes.message(request, "done") as Any
            model["problem"] = LeadPageRoutes.message(request, "problem") as Any
            return pages.page("audits", title: Self.list.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.post, Self.list.path, .page, access: .roles(Self.auditors)) { request, context in
            let form = try await FormReader.read(request, context: context)
            guard let size = (form["size"] ?? "").isEmpty ? 15 : Int(form["size"] ?? "") else {
                return Self.back(problem: "The size is a whole number of handoffs, \(AuditSampler.sizes.lowerBound) to \(AuditSampler.sizes.upperBound).")
            }
            let seed = (form["seed"] ?? "").isEmpty ? nil : UInt64(form["seed"] ?? "")
            if !(form["seed"] ?? "").isEmpty && seed == nil { return Self.back(problem: "The seed is a whole number from 0 to 18446744073709551615.") }
            return try await created { try await service.sample(month: form["month"] ?? "", size: size, seed: seed, by: context.identity!.account.id) }
        }
        routes.add(.post, "/audits/quarterly", .page, access: .roles(Self.auditors)) { request, context in
            let form = try await FormReader.read(request, context: context)
            return try await created { try await service.startQuarterly(form["quarter"] ?? "", by: context.identity!.account.id) }
        }
        routes.add(.get, "/audits/{id}", .page, access: .roles(Self.list.roles), example: "/audits/1") { request, context in
            guard let audit = try await services.store.audit(id: try Self.id(context)) else { throw AppError.notFound("Audit \(try Self.id(context))") }
            var model = models(context).detail(audit, mayEdit: Self.auditors.contains(context.identity!.account.access), csrf: context.identity?.csrfToken ?? "")
            model["done"] = LeadPageRoutes.message(request, "done") as Any
            model["problem"] = LeadPageRoutes.message(request, "problem") as Any
            return pages.page("audit", title: audit.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path)
        }
        routes.add(.post, "/audits/{id}/entries/{entry}", .page, access: .roles(Self.auditors), example: "/audits/1/entries/1") { request, context in
            let (id, entry) = (try Self.id(context), try Self.entry(context))
            let form = try await FormReader.read(request, context: context)
            let found = Set(form.list("found"))
            let audit = try await services.store.audit(id: id)
            let checks = audit?.entries[safe: entry - 1]?.checks.map(\.id) ?? []
            let input = AuditInspection(
                passed: Dictionary(uniqueKeysWithValues: checks.map { ($0, !found.contains($0)) }), finding: form["finding"] ?? "", fix: form["fix"] ?? "",
                fixOwner: (form["fix_owner"] ?? "").isEmpty ? nil : form["fix_owner"],
                fixDue: (form["fix_due"] ?? "").isEmpty ? nil : Timestamp.day(form["fix_due"] ?? "").map { $0.addingTimeInterval(86_399) },
                evidence: (form["evidence"] ?? "").split(whereSeparator: \.isNewline).map(String.init))
            return try await changed(id, entry: entry) {
                _ = try await service.inspect(id, entry: entry - 1, input, revision: Int(form["revision"] ?? ""), by: context.identity!.account.id)
                return "Entry \(entry) recorded."
            }
        }
        routes.add(.post, "/audits/{id}/entries/{entry}/fix-done", .page, access: .roles(Self.auditors), example: "/audits/1/entries/1/fix-done") { request, context in
            let (id, entry) = (try Self.id(context), try Self.entry(context))
            _ = try await FormReader.read(request, context: context)
            return try await changed(id, entry: entry) {
                _ = try await service.completeFix(id, entry: entry - 1, by: context.identity!.account.id)
                return "The fix of entry \(entry) is done."
            }
        }
    }

    private func models(_ context: BatonRequestContext) -> AuditModels {
        AuditModels(policy: policy, now: services.clock.now())
    }

    /// To the new audit, or back to the list with why it could not be made.
    private func created(_ make: () async throws -> Audit) async throws -> Response {
        do {
            let audit = try await make()
            return Response.redirect(to: "/audits/\(audit.id)?done=" + LeadPageRoutes.encoded("\(audit.title) started." + (audit.note.isEmpty ? "" : " \(audit.note)")), type: .found)
        } catch let problem as AuditProblem {
            return Self.back(problem: problem.description.prefix(1).uppercased() + problem.description.dropFirst() + ".")
        }
    }

    /// Back to the entry with what happened, or with why it was refused.
    private func changed(_ id: Int64, entry: Int, _ change: () async throws -> String) async throws -> Response {
        let page = "/audits/\(id)"
        do {
            let message = try await change()
            return Response.redirect(to: "\(page)?done=" + LeadPageRoutes.encoded(message) + "#entry-\(entry)", type: .found)
        } catch let error as AppError where error.status == .badRequest || error.status == .conflict {
            return Response.redirect(to: "\(page)?problem=" + LeadPageRoutes.encoded("Entry \(entry): \(error.message)") + "#entry-\(entry)", type: .found)
        }
    }

    private static func back(problem: String) -> Response {
        Response.redirect(to: "/audits?problem=" + LeadPageRoutes.encoded(problem), type: .found)
    }

    static func id(_ context: BatonRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self), id > 0 else { throw AppError.notFound("That audit") }
        return id
    }

    static func entry(_ context: BatonRequestContext) throws -> Int {
        guard let entry = context.parameters.get("entry", as: Int.self), (1...100).contains(entry) else { throw AppError.notFound("That entry") }
        return entry
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
