import BatonCore
import BatonStore
import Hummingbird

/// Finds who is calling: a `Bearer` token in the Authorization header, or the session cookie.
///
/// An invalid bearer token is refused at once (401); a stale cookie just leaves the caller anonymous.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = BatonRequestContext
    let store: any BatonStorage
    let clock: any Clock

    static let sessionCookie = "baton_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer ") else { throw AppError.unauthenticated }  // the scheme is case-insensitive
            let secret = String(authorization.dropFirst("Bearer ".count))
            guard let token = try await store.apiToken(secretHash: Secrets.hash(secret)),
                let account = try await store.account(id: token.accountID), account.active
            else { throw AppError(.unauthorized, code: "invalid_token", message: "The bearer token is unknown or revoked.") }
            context.identity = Identity(account: account, credential: .token(token))
        } else if let cookie = request.cookies[Self.sessionCookie]?.value {
            let cookieHash = Secrets.hash(cookie)
            if let session = try await store.session(tokenHash: cookieHash, at: clock.now()),
                let account = try await store.account(id: session.accountID), account.active
            {
                context.identity = Identity(account: account, credential: .session(csrfToken: session.csrfToken, cookieHash: cookieHash))
            }
        }
        return try await next(request, context)
    }
}
