import BatonCore
import HTTPTypes
import Hummingbird

/// Who may call a route: nobody needs to sign in (`nil` roles), or one of `roles`; a bearer token also needs `scope`.
public struct RouteAccess: Sendable {
    public var roles: Set<AccessRole>?
    /// The scope a bearer token needs. Routes without one (pages) do not accept tokens, unless `anyToken`.
    public var scope: APIScope?
    /// Any bearer token may call it, whatever its scopes (who am I).
    public var anyToken = false

    public static let open = RouteAccess(roles: nil, scope: nil)
    public static func roles(_ roles: [AccessRole], scope: APIScope? = nil) -> RouteAccess {
        RouteAccess(roles: Set(roles), scope: scope)
    }
    public static func everyone(scope: APIScope? = nil) -> RouteAccess { roles(AccessRole.allCases, scope: scope) }
    /// Every signed-in person and every token.
    public static let anyone = RouteAccess(roles: Set(AccessRole.allCases), scope: nil, anyToken: true)
}

/// One route of the server as declared: method, path, kind and access. The role-by-route test and the OpenAPI
/// test walk this list, so a route cannot exist without a declared access.
public struct RouteSpec: Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case page, api, operations, asset }

    public var method: HTTPRequest.Method
    /// The path as OpenAPI writes it: `/api/v1/policy/versions/{id}`.
    public var path: String
    public var kind: Kind
    public var access: RouteAccess
    /// A concrete path to call in tests, for paths with parameters.
    public var example: String

    public var description: String { "\(method) \(path)" }
}

/// Registers routes on the router together with their access, and keeps the list.
final class RouteCatalogue: @unchecked Sendable {
    typealias Handler = @Sendable (Request, BatonRequestContext) async throws -> Response

    let router: Router<BatonRequestContext>
    private(set) var specs: [RouteSpec] = []

    init(router: Router<BatonRequestContext>) { self.router = router }

    /// The methods routed at a concrete path (`/api/v1/leads/7`), for a 405's `Allow` header; empty when the path
    /// is not routed at all.
    func methods(at path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return specs.filter { spec in
            let pattern = spec.path.split(separator: "/", omittingEmptySubsequences: false)
            return pattern.count == segments.count
                && zip(pattern, segments).allSatisfy { expected, actual in (expected.hasPrefix("{") && !actual.isEmpty) || expected == actual }
        }.map(\.method)
    }

    func add(
        _ method: HTTPRequest.Method, _ path: String, _ kind: RouteSpec.Kind, access: RouteAccess, example: String? = nil,
        _ handler: @escaping Handler
    ) {
        let spec = RouteSpec(method: method, path: path, kind: kind, access: access, example: example ?? path)
        specs.append(spec)
        router.on(RouterPath(path), method: method) { request, context in
            try AccessControl.authorize(spec, request: request, context: context)
            return try await handler(request, context)
        }
    }
}

/// The one place that decides whether a caller may use a route.
enum AccessControl {
    static func authorize(_ spec: RouteSpec, request: Request, context: BatonRequestContext) throws {
        guard let roles = spec.access.roles else { return }
        guard let identity = context.identity else {
            if spec.kind == .page { throw SignInRequired(next: request.uri.description) }
            throw AppError.unauthenticated
        }
        switch identity.credential {
        case .token(let token):
            if spec.access.anyToken { break }
            guard let scope = spec.access.scope else {
                throw AppError.forbidden("Bearer tokens are for the API; sign in to use this page.")
            }
            guard token.scopes.contains(scope) else {
                throw AppError.forbidden("This token lacks the scope \(scope.rawValue).")
            }
        case .session(let csrf, _):
            if spec.kind == .api, request.method != .get, request.headers[.csrfToken] != csrf {
                throw AppError.forbidden("Send the session's CSRF token in the X-CSRF-Token header.")
            }
        }
        guard roles.contains(identity.account.access) else {
            throw AppError.forbidden("Your role (\(identity.account.access.label)) cannot use this.")
        }
    }
}

/// A page needs a signed-in person; answered with a redirect to the login page.
struct SignInRequired: Error {
    let next: String
}

extension HTTPField.Name {
    static let csrfToken = Self("X-CSRF-Token")!
    static let requestID = Self("X-Request-ID")!
    /// Recognises a retried delivery: the same key never makes a second lead.
    static let idempotencyKey = Self("Idempotency-Key")!
}
