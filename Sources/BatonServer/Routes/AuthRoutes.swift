import BatonCore
import Foundation
import Hummingbird

/// Sign-in, sign-out and the first admin's setup link.
struct AuthRoutes {
    let services: AppServices
    let pages: PageRenderer

    static let sessionLifetime: TimeInterval = 12 * 3600
    static let genericFailure = "That email and password do not match an account that can sign in."
    static let setupLinkInvalid = AppError(
        .notFound, code: "setup_link_invalid",
        message: "This setup link is unknown, used or expired. Run `baton user password EMAIL` on the server instead.")
    /// Failed sign-ins from one address, across accounts, before it must wait (one account at one address: 5).
    static let failuresPerAddress = 20

    func register(on routes: RouteCatalogue) {
        routes.add(.get, "/login", .page, access: .open) { request, context in
            loginPage(next: request.uri.queryParameters["next"].map(String.init) ?? "/", error: nil, identity: context.identity)
        }
        routes.add(.post, "/login", .page, access: .open) { request, context in try await signIn(request, context) }
        routes.add(.post, "/logout", .page, access: .everyone()) { request, context in
            _ = try await FormReader.read(request, context: context)
            if case .session(_, let cookieHash)? = context.identity?.credential {
                try await services.store.deleteSession(tokenHash: cookieHash, actor: context.identity!.actor, at: services.clock.now())
            }
            var response = Response(status: .seeOther, headers: [.location: "/login"])
            response.setCookie(sessionCookie(value: "", maxAge: 0))
            return response
        }
        routes.add(.get, "/setup/{token}", .page, access: .open, example: "/setup/unknown") { request, context in
            guard try await services.store.setupTokenIsLive(hash: Secrets.hash(try context.parameters.require("token")), at: services.clock.now()) else {
                throw Self.setupLinkInvalid
            }
            let form = FormReader.preSessionToken(secure: services.configuration.secureCookies)
            var response = pages.page(
                "setup", title: "Set your password",
                model: ["token": try context.parameters.require("token"), "csrf": form.token], identity: nil)
            response.setCookie(form.cookie)
            return response
        }
        routes.add(.post, "/setup/{token}", .page, access: .open, example: "/setup/unknown") { request, context in
            try await setUp(request, context)
        }
    }

    private func loginPage(next: String, error: String?, identity: Identity?, status: HTTPResponse.Status = .ok) -> Response {
        let form = FormReader.preSessionToken(secure: services.configuration.secureCookies)
        var response = pages.page(
            "login", title: "Sign in", model: TemplateModel.clean(["next": Self.safeNext(next), "error": error as Any, "csrf": form.token]), identity: nil,
            status: status)
        response.setCookie(form.cookie)
        return response
    }

    private func signIn(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let form = try await FormReader.read(request, context: context)
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let next = form["next"] ?? "/"
        // One account at one address, and one address across accounts, are limited apart: someone guessing at an
        // account from one place never locks its owner out elsewhere.
        let pair = ["\(email)@\(context.clientAddress)"], address = [context.clientAddress]
        let now = services.clock.now()
        let waits = [await services.throttle.retryAfter(pair, now: now), await services.addressThrottle.retryAfter(address, now: now)]
        if let wait = waits.compactMap({ $0 }).max() {
            let minutes = Int((wait / 60).rounded(.up))
            var response = loginPage(
                next: next, error: "Too many attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").", identity: nil,
                status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        let account = try await services.store.account(email: email)
        var hash: String?
        if let account, account.active { hash = try await services.store.passwordHash(accountID: account.id) }
        // bcrypt runs whether or not the account exists, so the answer's timing does not tell which emails are real.
        let verified = try await services.hasher.verify(form["password"] ?? "", against: hash)
        guard let account, verified else {
            await services.throttle.record(pair, now: now)
            await services.addressThrottle.record(address, now: now)
            return loginPage(next: next, error: Self.genericFailure, identity: nil, status: .unauthorized)
        }
        await services.throttle.clear(pair)
        return try await startSession(for: account.id, redirectTo: Self.safeNext(next))
    }

    private func setUp(_ request: Request, _ context: BatonRequestContext) async throws -> Response {
        let form = try await FormReader.read(request, context: context)
        let token = try context.parameters.require("token")
        let password = form["password"] ?? ""
        let problem = PasswordHasher.weakness(of: password) ?? (password == form["confirm"] ? nil : "The two passwords differ.")
        if let problem {
            let fresh = FormReader.preSessionToken(secure: services.configuration.secureCookies)
            var response = pages.page(
                "setup", title: "Set your password", model: ["token": token, "csrf": fresh.token, "error": problem], identity: nil,
                status: .badRequest)
            response.setCookie(fresh.cookie)
            return response
        }
        guard let accountID = try await services.store.redeemSetupToken(hash: Secrets.hash(token), at: services.clock.now()) else {
            throw Self.setupLinkInvalid
        }
        try await services.store.setPassword(
            accountID: accountID, hash: try await services.hasher.hash(password), actor: accountID, at: services.clock.now())
        return try await startSession(for: accountID, redirectTo: "/")
    }

    private func startSession(for accountID: String, redirectTo target: String) async throws -> Response {
        let secret = Secrets.make()
        let now = services.clock.now()
        try await services.store.createSession(
            tokenHash: Secrets.hash(secret),
            session: Session(accountID: accountID, csrfToken: Secrets.make(), expiresAt: now.addingTimeInterval(Self.sessionLifetime)),
            at: now)
        var response = Response(status: .seeOther, headers: [.location: target])
        response.setCookie(sessionCookie(value: secret, maxAge: Int(Self.sessionLifetime)))
        return response
    }

    private func sessionCookie(value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: AuthenticationMiddleware.sessionCookie, value: value, maxAge: maxAge, path: "/",
            secure: services.configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }

    /// Only same-site paths: never redirect a person to another site after sign-in.
    /// Browsers drop tabs and line breaks from addresses, so "/\t/evil.example" would become "//evil.example": a
    /// target with any white space or control character is refused too.
    static func safeNext(_ next: String) -> String {
        let printable = next.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !$0.properties.isWhitespace }
        return printable && next.hasPrefix("/") && !next.hasPrefix("//") && !next.contains("\\") ? next : "/"
    }
}
