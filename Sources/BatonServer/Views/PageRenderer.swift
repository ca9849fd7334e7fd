import BatonCore
import Foundation
import Hummingbird
import Mustache

/// Renders server-side HTML: a page template inside the shared layout, with navigation fitted to the reader's role.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    /// Navigation entries with the roles that may open them, from the route catalogue.
    let navigation: [NavigationEntry]
    let organization: String

    struct NavigationEntry: Sendable {
        let title: String
        let path: String
        let roles: Set<AccessRole>
    }

    /// Loads every `.mustache` file in the module's `Resources/templates` folder.
    static func loadLibrary() async throws -> MustacheLibrary {
        let library = try await MustacheLibrary(directory: ResourceFolder.path("templates"))
        guard library.getTemplate(named: "layout") != nil else {
            throw AppError(.internalServerError, code: "templates_missing", message: "The HTML templates are missing from the build.")
        }
        return library
    }

    /// A full page: `template` rendered with `model`, inside the layout.
    func page(
        _ template: String, title: String, model: Any, identity: Identity?, path: String = "", status: HTTPResponse.Status = .ok
    ) -> Response {
        let content = library.render(model, withTemplate: template) ?? ""
        let layout = Layout(
            title: title, organization: organization, content: content, signedIn: identity.map(SignedIn.init),
            navigation: identity.map { identity in
                let visible = navigation.filter { $0.roles.contains(identity.account.access) }
                // The entry the page belongs to: the longest path that is the page's or one of its parents.
                let current = visible.map(\.path).filter { $0 == path || ($0 != "/" && path.hasPrefix($0 + "/")) }.max { $0.count < $1.count }
                return visible.map { Layout.Link(title: $0.title, path: $0.path, current: $0.path == current) }
            } ?? [])
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: library.render(layout, withTemplate: "layout") ?? "")))
    }

    func errorPage(_ error: AppError, identity: Identity?) -> Response {
        page(
            "error", title: error.status == .notFound ? "Page not found" : "Something is wrong",
            model: ["status": String(error.status.code), "message": error.message, "details": error.details], identity: identity,
            status: error.status)
    }

    struct Layout {
        struct Link {
            let title: String
            let path: String
            let current: Bool
        }
        let title: String
        let organization: String
        let content: String
        let signedIn: SignedIn?
        let navigation: [Link]
    }

    struct SignedIn {
        let name: String
        let role: String
        let csrf: String

        init(_ identity: Identity) {
            name = identity.account.name
            role = identity.account.access.label
            csrf = identity.csrfToken ?? ""
        }
    }
}
