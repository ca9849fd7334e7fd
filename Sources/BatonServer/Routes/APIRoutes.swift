import BatonCore
import Foundation
import Hummingbird

/// JSON under `/api/v1`: who am I, policy versions, people, tokens and the event log.
struct APIRoutes {
    let services: AppServices

    func register(on routes: RouteCatalogue) {
        routes.add(.get, "/api/v1/me", .api, access: .anyone) { _, context in
            let identity = context.identity!
            var body = JSON.account(identity.account)
            if case .token(let token) = identity.credential { body["token"] = JSON.token(token) }
            return try JSON.response(body)
        }
        routes.add(.get, "/api/v1/policy/versions", .api, access: .roles([.admin, .ops, .viewer], scope: .policyRead)) { _, _ in
            let versions = try await services.store.policyVersions()
            return try JSON.response(["versions": versions.map { JSON.version($0, inForce: $0.id == services.policy.version.id, source: false) }])
        }
        routes.add(
            .get, "/api/v1/policy/versions/{id}", .api, access: .roles([.admin, .ops, .viewer], scope: .policyRead),
            example: "/api/v1/policy/versions/1"
        ) { _, context in
            guard let id = Int64(try context.parameters.require("id")), let version = try await services.store.policyVersion(id: id) else {
                throw AppError.notFound("That policy version")
            }
            return try JSON.response(JSON.version(version, inForce: version.id == services.policy.version.id, source: true))
        }
        routes.add(.get, "/api/v1/users", .api, access: .roles([.admin, .ops], scope: .usersRead)) { _, _ in
            try JSON.response(["users": try await services.store.accounts().map(JSON.account)])
        }
        routes.add(.get, "/api/v1/tokens", .api, access: .roles([.admin], scope: .tokensRead)) { _, _ in
            try JSON.response(["tokens": try await services.store.apiTokens().map(JSON.token)])
        }
        routes.add(.post, "/api/v1/tokens", .api, access: .roles([.admin], scope: .tokensWrite)) { request, context in
            let body = try await JSON.decode(TokenRequest.self, from: request, context: context)
            try Self.mayIssue(body, identity: context.identity!)
            let issued = try await TokenIssuer(store: services.store, clock: services.clock)
                .issue(name: body.name, accountEmail: body.account, scopes: body.scopes, actor: context.identity!.actor)
            var json = JSON.token(issued.token)
            json["secret"] = issued.secret
            return try JSON.response(json, status: .created)
        }
        routes.add(.delete, "/api/v1/tokens/{id}", .api, access: .roles([.admin], scope: .tokensWrite), example: "/api/v1/tokens/unknown") {
            _, context in
            let id = try context.parameters.require("id")
            if case .token = context.identity!.credential,
               try await services.store.apiTokens().first(where: { $0.id == id })?.accountID != context.identity!.account.id {
                throw AppError.forbidden("A token may revoke only its own account's tokens; sign in as an admin to revoke others.")
            }
            guard try await services.store.revokeAPIToken(id: id, actor: context.identity!.actor, at: services.clock.now()) else {
                throw AppError.notFound("An unrevoked token '\(id)'")
            }
            return Response(status: .noContent)
        }
        routes.add(.get, "/api/v1/events", .api, access: .roles([.admin, .ops], scope: .eventsRead)) { request, _ in
            let after = Int64(try request.uri.integer("after", default: 0, in: 0...Int.max))
            let limit = try request.uri.integer("limit", default: 100, in: 1...1000)
            let events = try await services.store.events(after: after, limit: limit)
            return try JSON.response(["events": events.map(JSON.event)])
        }
    }

    /// A token may create tokens only for its own account and only with scopes it has itself; an admin's session
    /// may create any token for anyone.
    static func mayIssue(_ body: TokenRequest, identity: Identity) throws {
        guard case .token(let token) = identity.credential else { return }
        let beyond = Set(body.scopes).subtracting(token.scopes)
        guard beyond.isEmpty else {
            throw AppError.forbidden(
                "A token may create tokens only with its own scopes; this one lacks \(beyond.map(\.rawValue).sorted().joined(separator: ", ")).")
        }
        guard body.account.lowercased() == identity.account.email.lowercased() else {
            throw AppError.forbidden("A token may create tokens only for its own account; sign in as an admin to create one for someone else.")
        }
    }

    /// The body of `POST /api/v1/tokens`.
    struct TokenRequest: Decodable {
        let name: String
        /// The email of the account the token acts for.
        let account: String
        let scopes: [APIScope]
    }
}
