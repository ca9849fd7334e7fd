import BatonCore
import Foundation
import Hummingbird

/// `POST /api/v1/imports`: a lead CSV as the body (HubSpot and Salesforce export headers understood; `map=HEADER=FIELD`
/// query parameters for anything else). Answers with the import report: good rows imported, bad rows by line.
struct ImportRoutes {
    let leads: LeadService

    /// Larger than other bodies: an export of 100,000 leads is about 20 MB.
    static let maximumUpload = 64 * 1024 * 1024

    func register(on routes: RouteCatalogue) {
        routes.add(.post, "/api/v1/imports", .api, access: .roles(LeadAPIRoutes.writers, scope: .leadsWrite)) { request, context in
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: Self.maximumUpload)
            } catch is HTTPError {
                throw AppError(.contentTooLarge, code: "file_too_large", message: "An import holds at most 64 MB; split the file.")
            }
            let reader: LeadCSVReader
            do throws(LeadCSVColumns.Problem) {
                let mapping = try LeadCSVColumns.mapping(request.uri.queryParameters.getAll("map"))
                reader = try LeadCSVReader(
                    stream: InputStream(data: Data(buffer: body)), mapping: mapping, fieldIDs: leads.fieldIDs, actor: context.identity!.actor)
            } catch {
                throw AppError(.badRequest, code: "invalid_csv", message: error.description)
            }
            let report = try await LeadImport(service: leads).run(reader)
            return try LeadJSON.response(report, status: report.created > 0 ? .created : .ok)
        }
    }
}
