import BatonCore
import Foundation
import Hummingbird

/// `POST /api/v1/imports`: a lead CSV as the body (HubSpot and Salesforce export headers understood; `map=HEADER=FIELD`
/// query parameters with their steps for anything else, `blank=` for placeholder values). Answers with the import
/// report: good rows imported, bad rows by line; with `dry_run=true`, with the preview and nothing stored.
struct ImportRoutes {
    let leads: LeadService

    /// Larger than other bodies: an export of 100,000 leads is about 20 MB.
    static let maximumUpload = 64 * 1024 * 1024

    /// The whole body of an import, at most `maximumUpload`.
    static func upload(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: maximumUpload)
        } catch is HTTPError {
            throw AppError(.contentTooLarge, code: "file_too_large", message: "An import holds at most 64 MB; split the file.")
        }
    }

    func register(on routes: RouteCatalogue) {
        routes.add(.post, "/api/v1/imports", .api, access: .roles(LeadAPIRoutes.writers, scope: .leadsWrite)) { request, context in
            let parameters = request.uri.queryParameters
            if let unknown = parameters.map(\.key).first(where: { !["map", "blank", "dry_run"].contains($0) }) {
                throw AppError.badRequest("Unknown parameter \(unknown).", details: ["expected any of: blank, dry_run, map"])
            }
            let dryRun = parameters["dry_run"].map(String.init)
            guard [nil, "true", "false"].contains(dryRun) else {
                throw AppError.badRequest("Unknown dry_run.", details: ["dry_run: expected true or false"])
            }
            let body = try await Self.upload(request)
            let reader: LeadCSVReader
            do throws(LeadCSVColumns.Problem) {
                let mapping = try LeadCSVMapping(parameters.getAll("map"), blanks: parameters.getAll("blank"))
                reader = try LeadCSVReader(data: Data(buffer: body), mapping: mapping, fieldIDs: leads.fieldIDs, actor: context.identity!.actor)
            } catch {
                throw AppError(.badRequest, code: "invalid_csv", message: error.description)
            }
            if dryRun == "true" {
                return try LeadJSON.response(LeadImportPreview(reader, pipeline: leads.workflow.pipeline, now: leads.clock.now()))
            }
            let report = try await LeadImport(service: leads).run(reader)
            return try LeadJSON.response(report, status: report.created > 0 ? .created : .ok)
        }
    }
}
