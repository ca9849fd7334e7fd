import BatonStore
import Foundation
import Hummingbird

/// Health, readiness, metrics, the OpenAPI document and the static assets.
struct OperationsRoutes {
    let services: AppServices

    func register(on routes: RouteCatalogue) {
        routes.add(.get, "/healthz", .operations, access: .open) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        routes.add(.get, "/readyz", .operations, access: .open) { _, _ in
            do {
                let database = try await services.store.readiness()
                return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ready: \(database)\n")))
            } catch {
                throw AppError(.serviceUnavailable, code: "not_ready", message: "The database cannot be reached.", retryAfter: 5)
            }
        }
        routes.add(.get, "/metrics", .operations, access: .open) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: services.metrics.emitToBuffer())))
        }
        let openAPI = StaticAsset.load("openapi.json").flatMap { asset in
            Result { StaticAsset(bytes: Array(try OpenAPIDocument.specialised(Data(asset.bytes), for: services.policy.policy)), contentType: asset.contentType) }
                .mapError { _ in AppError(.internalServerError, code: "openapi_invalid", message: "The OpenAPI document could not be read.") }
        }
        routes.add(.get, "/api/openapi.json", .operations, access: .open) { _, _ in try openAPI.get().response }
        let assets = StaticAsset.names.reduce(into: [String: StaticAsset]()) { loaded, name in
            if case .success(let asset) = StaticAsset.load("assets/\(name)") { loaded[name] = asset }
        }
        routes.add(.get, "/assets/{name}", .asset, access: .open, example: "/assets/baton.css") { _, context in
            let name = try context.parameters.require("name")
            guard let asset = assets[name] else { throw AppError.notFound("The asset \(name)") }
            return asset.response
        }
    }
}

/// A file shipped in the module's resources, served with its content type.
struct StaticAsset {
    static let names: Set<String> = ["baton.css", "baton.js", "favicon.svg"]

    let bytes: [UInt8]
    let contentType: String

    static func load(_ relativePath: String) -> Result<StaticAsset, AppError> {
        let url = URL(fileURLWithPath: ResourceFolder.path(relativePath))
        guard let data = FileManager.default.contents(atPath: url.path) else { return .failure(AppError.notFound(relativePath)) }
        let type: String
        switch url.pathExtension {
        case "css": type = "text/css; charset=utf-8"
        case "js": type = "text/javascript; charset=utf-8"
        case "svg": type = "image/svg+xml"
        default: type = "application/json; charset=utf-8"
        }
        return .success(StaticAsset(bytes: Array(data), contentType: type))
    }

    var response: Response {
        Response(
            status: .ok, headers: [.contentType: contentType, .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
