import BatonStore
import Foundation
import Hummingbird
import Logging

/// Turns every error into the answer its caller understands: JSON under `/api` and `/hooks`, an HTML page elsewhere.
///
/// Unexpected errors are logged with the request id and answered 500 without internals.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = BatonRequestContext
    let pages: PageRenderer
    /// The routes, to tell a method the path does not take (405) from a path that does not exist (404).
    let routes: RouteCatalogue

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let signIn as SignInRequired {
            let next = signIn.next.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "?"])) ?? "/"
            return Response(status: .seeOther, headers: [.location: "/login?next=\(next)"])
        } catch let error as any HTTPResponseError where error.status == .notFound {
            let allowed = routes.methods(at: request.uri.path)
            guard !allowed.isEmpty else { return respond(Self.appError(from: error), to: request, context: context) }
            var response = respond(
                AppError(.methodNotAllowed, code: "method_not_allowed", message: "This address does not take \(request.method.rawValue)."),
                to: request, context: context)
            response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            return response
        } catch {
            let appError = Self.appError(from: error)
            if appError.status == .internalServerError {
                context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            }
            return respond(appError, to: request, context: context)
        }
    }

    private func respond(_ error: AppError, to request: Request, context: Context) -> Response {
        var response = Self.wantsJSON(request) ? Self.json(error) : pages.errorPage(error, identity: context.identity)
        if let wait = error.retryAfter { response.headers[.retryAfter] = String(Int(wait.rounded(.up))) }
        return response
    }

    /// JSON for the API and hooks, and for anyone who asks for it (a website form posted by script).
    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.uri.path
        return path.hasPrefix("/api/") || path.hasPrefix("/hooks/") || path == "/api"
            || (request.headers[.accept]?.contains("application/json") ?? false)
    }

    static func appError(from error: any Error) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case let error as StoreError where error.code == "database_unavailable":
            return AppError(.serviceUnavailable, code: "database_unavailable", message: "The database is not answering; nothing was changed. Try again shortly.", retryAfter: 5)
        case let error as DecodingError:
            return AppError.badRequest("The request body is not what this endpoint expects.", details: [JSONErrorDescription.describe(error)])
        case let error as any HTTPResponseError:
            switch error.status {
            case .notFound: return AppError(.notFound, code: "not_found", message: "There is nothing at this address.")
            case .contentTooLarge:
                return AppError(.contentTooLarge, code: "body_too_large", message: "The request body is larger than the 2 MiB this server accepts.")
            default: return AppError(error.status, code: "http_\(error.status.code)", message: error.status.reasonPhrase)
            }
        default:
            return AppError(.internalServerError, code: "internal", message: "Something went wrong on our side; it has been logged.")
        }
    }

    /// `{"error": {"code", "message", "details"}}`.
    static func json(_ error: AppError) -> Response {
        let body: [String: Any] = ["error": ["code": error.code, "message": error.message, "details": error.details]]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return Response(
            status: error.status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Describes a JSON decoding failure by where it broke: the field path, or the line and column of a syntax error.
enum JSONErrorDescription {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context) where context.debugDescription.hasPrefix("Cannot initialize"):
            return "\(path(context.codingPath)): not one of the values this field takes"
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "malformed JSON" + (context.codingPath.isEmpty ? "" : " at \(path(context.codingPath))")
                + ": " + (underlying ?? context.debugDescription)
        case .keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(typeName(type)), found null"
        @unknown default:
            return "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the body" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        case is Double.Type, is Float.Type: "a number"
        case is [Any].Type: "a list"
        default: String(describing: type).hasPrefix("Dictionary") ? "an object" : "a value of another kind"
        }
    }
}
