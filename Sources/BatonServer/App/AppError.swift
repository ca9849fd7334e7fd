import Foundation
import Hummingbird

/// An error a caller caused, with the HTTP status, a stable code and the details a person needs to fix it.
///
/// Only the server maps errors to statuses; the JSON form is `{"error": {"code", "message", "details"}}`.
public struct AppError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var details: [String]
    /// Seconds the caller should wait before trying again, sent as `Retry-After` (with 429 and 503).
    public var retryAfter: TimeInterval?

    public init(_ status: HTTPResponse.Status, code: String, message: String, details: [String] = [], retryAfter: TimeInterval? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.retryAfter = retryAfter
    }

    static let unauthenticated = AppError(.unauthorized, code: "unauthenticated", message: "Sign in or send a valid bearer token.")
    static func forbidden(_ message: String) -> AppError { AppError(.forbidden, code: "forbidden", message: message) }
    static func notFound(_ what: String) -> AppError { AppError(.notFound, code: "not_found", message: "\(what) was not found.") }
    static func badRequest(_ message: String, details: [String] = []) -> AppError {
        AppError(.badRequest, code: "bad_request", message: message, details: details)
    }
}

extension AppError: CustomStringConvertible {
    public var description: String { ([message] + details).joined(separator: "\n") }
}
