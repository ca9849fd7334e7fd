import BatonCore
import Foundation
import Hummingbird

/// The import page: upload a lead CSV with its mapping, see what the import would do (each column's values after
/// the mapping's steps, the first rows, refused rows, remediation problems), then import it — or change the mapping
/// and look again. The same reader and report as `baton import` and `POST /api/v1/imports`.
struct ImportPageRoutes {
    let services: AppServices
    let leads: LeadService
    let pages: PageRenderer

    static let entry = PageRoutes.Entry(title: "Import leads", path: "/leads/import", roles: LeadAPIRoutes.writers)

    var stash: ImportStash { ImportStash(folder: services.configuration.database.folder) }

    func register(on routes: RouteCatalogue) {
        routes.add(.get, Self.entry.path, .page, access: .roles(Self.entry.roles)) { request, context in
            page(["csrf": context.identity?.csrfToken ?? ""], context, request)
        }
        routes.add(.post, Self.entry.path, .page, access: .roles(Self.entry.roles)) { request, context in
            let upload = try await ImportUpload.read(request, context: context)
            guard let file = upload.file, !file.isEmpty else {
                return page(["csrf": context.identity?.csrfToken ?? "", "problem": "Choose a CSV file to import."], context, request, status: .badRequest)
            }
            var model: [String: Any] = ["csrf": context.identity?.csrfToken ?? "", "map": upload.map ?? "", "blank": upload.blank ?? ""]
            let data = Data(file.utf8)
            do throws(LeadCSVColumns.Problem) {
                let reader = try LeadCSVReader(
                    data: data, mapping: try LeadCSVMapping(lines: upload.map, blanks: upload.blank), fieldIDs: leads.fieldIDs,
                    actor: context.identity!.actor)
                model["preview"] = Self.model(LeadImportPreview(reader, pipeline: leads.workflow.pipeline, now: services.clock.now()))
            } catch {
                model["problem"] = error.description
                return page(model, context, request, status: .badRequest)
            }
            model["token"] = try stash.save(data, now: services.clock.now())
            return page(model, context, request)
        }
        routes.add(.post, "/leads/import/{token}", .page, access: .roles(Self.entry.roles), example: "/leads/import/unknown") { request, context in
            let form = try await FormReader.read(request, context: context)
            let token = try context.parameters.require("token")
            guard let file = stash.file(token), let data = FileManager.default.contents(atPath: file) else {
                throw AppError(.notFound, code: "upload_gone", message: "That upload is no longer kept (a day at most); upload the file again.")
            }
            let reader: LeadCSVReader
            do throws(LeadCSVColumns.Problem) {
                reader = try LeadCSVReader(
                    data: data, mapping: try LeadCSVMapping(lines: form["map"], blanks: form["blank"]), fieldIDs: leads.fieldIDs,
                    actor: context.identity!.actor)
            } catch {
                throw AppError.badRequest(error.description)
            }
            let report = try await LeadImport(service: leads).run(reader)
            stash.remove(token)
            return page(["csrf": context.identity?.csrfToken ?? "", "report": Self.model(report)], context, request)
        }
    }

    private func page(_ model: [String: Any], _ context: BatonRequestContext, _ request: Request, status: HTTPResponse.Status = .ok) -> Response {
        pages.page("lead-import", title: Self.entry.title, model: TemplateModel.clean(model), identity: context.identity, path: request.uri.path, status: status)
    }

    private static func model(_ preview: LeadImportPreview) -> [String: Any] {
        [
            "rows": preview.rows, "wouldHold": preview.wouldHold, "refusedCount": preview.rejected.count,
            "outcomes": preview.outcomes.map { "\($0.value) \($0.count)" }.joined(separator: ", "),
            "columns": preview.columns.map { column in
                [
                    "header": column.header, "fills": column.fills, "blank": column.blank, "distinct": column.distinct,
                    "values": column.values.map { "\($0.value) (\($0.count))" }.joined(separator: ", "),
                ] as [String: Any]
            },
            "problems": preview.problems.map { ["text": $0.value, "count": $0.count] },
            "refused": preview.rejected.prefix(50).map { ["line": $0.line, "reason": $0.reason] },
            "sample": preview.sample.map { row in row.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: " · ") },
        ]
    }

    private static func model(_ report: LeadImportReport) -> [String: Any] {
        [
            "rows": report.rows, "created": report.created, "merged": report.merged, "repeated": report.repeated,
            "refused": report.rejected.prefix(200).map { ["line": $0.line, "reason": $0.reason] }, "refusedCount": report.rejected.count,
            "held": report.held.prefix(200).map { ["line": $0.line, "lead": $0.leadId, "status": $0.status.label, "because": $0.because] },
            "heldCount": report.held.count,
        ]
    }
}
