import Foundation
import Hummingbird

/// Reads an `application/x-www-form-urlencoded` body and enforces CSRF protection on it: the token comes in the
/// `_csrf` field (HTML forms) or the `X-CSRF-Token` header (scripts).
///
/// Every form post goes through here, so no form can skip the check.
enum FormReader {
    /// The name of the hidden field carrying the CSRF token.
    static let csrfField = "_csrf"
    /// The cookie that carries the CSRF token for forms shown before sign-in (login, setup): double submit, with a
    /// token the server signed, so a cookie planted by someone else does not pass.
    static let preSessionCookie = "baton_form"

    static func read(_ request: Request, context: BatonRequestContext) async throws -> FormFields {
        let fields = try FormFields(body: String(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
        let expected = context.identity?.csrfToken ?? request.cookies[preSessionCookie].flatMap { cookie in
            ServerSignature.verified(cookie.value).map { _ in cookie.value }
        }
        guard let expected, let sent = fields[csrfField] ?? request.headers[.csrfToken], Secrets.equal(expected, sent) else {
            throw AppError.forbidden("This form has expired or did not come from Baton. Reload the page and try again.")
        }
        return fields
    }

    /// A fresh token for a pre-sign-in form and the cookie that carries it.
    static func preSessionToken(secure: Bool) -> (token: String, cookie: Cookie) {
        let token = ServerSignature.sign(Secrets.make())
        return (token, Cookie(name: preSessionCookie, value: token, maxAge: 3600, path: "/", secure: secure, httpOnly: true, sameSite: .strict))
    }
}
