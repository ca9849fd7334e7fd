import BatonCore
import BatonPolicy
import BatonStore
import Foundation
import Hummingbird
import Logging
import Prometheus

/// Everything a running server shares between requests.
struct AppServices: Sendable {
    let configuration: ServerConfiguration
    let store: any BatonStorage
    let clock: any Clock
    let policy: PolicyInForce
    let hasher: PasswordHasher
    /// Failed sign-ins per account at one address.
    let throttle: Throttle
    /// Failed sign-ins per address, whatever the account.
    let addressThrottle: Throttle
    /// Website form posts per address.
    let formThrottle: Throttle
    let metrics: PrometheusCollectorRegistry
}

/// The one place the server is assembled, used by `baton serve`, `baton demo` and the tests alike.
///
/// Throws `PolicyInvalid` when the policy file has problems, so that an invalid policy never starts a server.
public func buildApplication(
    _ configuration: ServerConfiguration, store: any BatonStorage, clock: any Clock = SystemClock(), logger: Logger? = nil
) async throws -> (application: some ApplicationProtocol, routes: [RouteSpec], startup: StartupReport) {
    var logger = logger ?? Logger(label: "baton")
    logger.logLevel = configuration.logLevel
    let policy = try await Startup.loadPolicy(configuration, store: store, clock: clock)
    try await ServerSignature.adopt(from: store)
    let setupLink = try await Startup.setupLink(configuration, policy: policy.policy, store: store, clock: clock)
    let services = AppServices(
        configuration: configuration, store: store, clock: clock, policy: policy, hasher: PasswordHasher(cost: configuration.bcryptCost),
        throttle: Throttle(), addressThrottle: Throttle(limit: AuthRoutes.failuresPerAddress), formThrottle: Throttle(limit: WebFormRoutes.postsPerMinute, window: 60), metrics: PrometheusCollectorRegistry())
    let library = try await PageRenderer.loadLibrary()

    let router = Router(context: BatonRequestContext.self)
    let catalogue = RouteCatalogue(router: router)
    let navigation = PageRoutes.navigation
    let pages = PageRenderer(library: library, navigation: navigation, organization: policy.policy.organization)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.trustedProxies))
    router.add(middleware: RequestMetricsMiddleware(registry: services.metrics))
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware(pages: pages, routes: catalogue))
    router.add(middleware: AuthenticationMiddleware(store: store, clock: clock))

    OperationsRoutes(services: services).register(on: catalogue)
    AuthRoutes(services: services, pages: pages).register(on: catalogue)
    PageRoutes(services: services, pages: pages).register(on: catalogue)
    APIRoutes(services: services).register(on: catalogue)
    let leads = LeadService(store: store, clock: clock, policy: policy)
    LeadAPIRoutes(services: services, leads: leads).register(on: catalogue)
    OutcomeAPIRoutes(outcomes: leads.outcomes).register(on: catalogue)
    HookRoutes(services: services, leads: leads).register(on: catalogue)
    ImportRoutes(leads: leads).register(on: catalogue)
    ImportPageRoutes(services: services, leads: leads, pages: pages).register(on: catalogue)
    LeadPageRoutes(services: services, leads: leads, pages: pages).register(on: catalogue)
    ReportPageRoutes(services: services, pages: pages).register(on: catalogue)
    AuditPageRoutes(services: services, pages: pages).register(on: catalogue)
    BacktestPageRoutes(services: services, pages: pages).register(on: catalogue)
    NotificationPageRoutes(services: services, pages: pages).register(on: catalogue)
    WebFormRoutes(services: services, leads: leads, pages: pages).register(on: catalogue)
    let work = WorkService(store: store, clock: clock, policy: policy)
    WorkAPIRoutes(services: services, work: work).register(on: catalogue)
    WorkPageRoutes(services: services, work: work, pages: pages).register(on: catalogue)
    let timers = SLATimerService(leads: leads, work: work, claimant: configuration.claimant, logger: logger)
    let notifications = NotificationService(store: store, clock: clock, policy: policy.policy, configuration: configuration, logger: logger)
    let reviewPacks = ReviewPackService(store: store, clock: clock, policy: policy.policy, configuration: configuration, logger: logger)

    let application = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Baton"),
        services: [timers, notifications, reviewPacks],
        logger: logger)
    return (application, catalogue.specs, StartupReport(
        policyVersion: policy.version, setupLink: setupLink, timers: timers, notifications: notifications, reviewPacks: reviewPacks))
}

/// What the console should tell the person who started the server.
public struct StartupReport: Sendable {
    public let policyVersion: PolicyVersion
    /// The one-time link for the first admin, printed only while no password is set.
    public let setupLink: String?
    /// The SLA loop the application runs; tests call `fireDue()` after moving their clock.
    public let timers: SLATimerService
    /// The notification loop; tests call `deliverDue()` after moving their clock.
    public let notifications: NotificationService
    /// The review pack's schedule; tests call `postDue()` after moving their clock.
    public let reviewPacks: ReviewPackService
}
