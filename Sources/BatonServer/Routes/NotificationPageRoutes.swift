import BatonCore
import Foundation
import Hummingbird

/// The in-app inbox every signed-in person has, and the admins' view of notifications Slack has not taken yet.
struct NotificationPageRoutes {
    let services: AppServices
    let pages: PageRenderer

    static let inbox = PageRoutes.Entry(title: "Inbox", path: "/inbox", roles: AccessRole.allCases)
    static let deliveries = PageRoutes.Entry(title: "Deliveries", path: "/admin/deliveries", roles: [.admin, .ops])

    func register(on routes: RouteCatalogue) {
        routes.add(.get, Self.inbox.path, .page, access: .roles(Self.inbox.roles)) { request, context in
            let person = context.identity!.account.id
            let times = TimeText(person: person, policy: services.policy.policy)
            let items = try await services.store.inbox(for: person, limit: 200)
            // Only what the page shows is read; older items stay unread until they are shown.
            try await services.store.markInboxRead(ids: items.filter { $0.readAt == nil }.map(\.id), at: services.clock.now())
            let model = items.map { item -> [String: Any] in
                [
                    "text": item.text, "at": times.value(item.createdAt) as Any, "unread": item.readAt == nil,
                    "link": ItemPage.path(forSubject: item.subject) as Any,
                ]
            }
            return pages.page("inbox", title: Self.inbox.title, model: TemplateModel.clean(["items": model]), identity: context.identity, path: request.uri.path)
        }
        routes.add(.get, Self.deliveries.path, .page, access: .roles(Self.deliveries.roles)) { request, context in
            let times = TimeText(person: context.identity?.account.id, policy: services.policy.policy)
            let model = try await services.store.failingDeliveries(limit: 500).map { delivery -> [String: Any] in
                [
                    "type": delivery.event.type, "subject": delivery.event.subject as Any, "link": ItemPage.path(forSubject: delivery.event.subject) as Any,
                    "created": times.value(delivery.message.createdAt) as Any, "attempts": delivery.message.attempts,
                    "error": delivery.lastError as Any,
                ]
            }
            return pages.page(
                "deliveries", title: Self.deliveries.title, model: TemplateModel.clean(["deliveries": model]), identity: context.identity,
                path: request.uri.path)
        }
    }
}
