import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import Foundation

/// A clock that stands still until a test moves it.
public final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

/// The password every test account gets.
public let testPassword = "correct-horse-battery"

/// A server configuration on the example policy and a fresh database file, with cheap bcrypt.
public func testConfiguration(policy: String = examplePolicyPath, port: Int = 0) -> ServerConfiguration {
    ServerConfiguration(port: port, policyPath: policy, database: .sqlite(path: temporaryDirectory() + "/baton.sqlite"), bcryptCost: 4, logLevel: .error)
}

/// One example-policy person per access role, by email.
public let exampleLogins: [AccessRole: String] = [
    .admin: "rhea@northwind.example", .ops: "tomas@northwind.example", .marketer: "maya@northwind.example",
    .reviewer: "claire@northwind.example", .salesRep: "ana@northwind.example", .salesManager: "sam@northwind.example",
    .viewer: "grace@northwind.example",
]

/// Opens the store of `configuration`, loads the policy and gives every example login the test password.
public func prepareAccounts(_ configuration: ServerConfiguration, clock: any Clock) async throws -> SQLiteStore {
    guard case .sqlite(let path) = configuration.database else { preconditionFailure("the test server runs on SQLite") }
    let store = try SQLiteStore(path: path)
    try await prepareAccounts(configuration, store: store, clock: clock)
    return store
}

/// Loads the policy into `store` and gives every example login the test password.
public func prepareAccounts(_ configuration: ServerConfiguration, store: any BatonStorage, clock: any Clock) async throws {
    let admin = AccountAdministration(store: store, clock: clock, bcryptCost: 4)
    try await admin.loadPolicy(at: configuration.policyPath)
    for email in exampleLogins.values { try await admin.setPassword(email: email, password: testPassword) }
}

/// Admits one hand-raiser from a fitting German retailer through the example policy: at the manual clock's start
/// (a Friday morning in Berlin) it becomes lead 1, owned by Ana.
@discardableResult
public func seedLead(_ store: SQLiteStore, clock: any Clock) async throws -> LeadRecord {
    let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
    let submission = LeadSubmission(
        source: "api",
        fields: [
            "email": "m.weber@kaufhaus-nord.de", "first_name": "Maren", "last_name": "Weber", "company": "Kaufhaus Nord",
            "job_title": "Head of Analytics", "country": "DE", "industry": "Retail", "company_size": "400", "consent_email": "yes",
            "utm_source": "linkedin", "utm_campaign": "NWA-2611-retail-demo",
        ],
        activities: [LeadActivity(kind: "demo_request", at: clock.now(), title: "Request a demo", url: "https://northwind.example/demo")])
    let workflow = LeadWorkflow(pipeline: LeadPipeline(policy: policy), policyVersion: nil)
    return try await store.admitLeads([LeadIntake(submission: submission, idempotencyKey: nil, actor: "test")], at: clock.now(), workflow: workflow)[0].lead
}

/// A complete blog brief of the example policy, due `daysAhead` days after `now`.
public func blogBrief(now: Date, daysAhead: Int = 30) -> [String: String] {
    [
        "campaign_id": "NW-27Q1-LAKEHOUSE", "objective": "Readers see why a lakehouse cuts reporting time.", "audience": "data-leader",
        "message": "One copy of the data, every team's reports.", "cta": "Book a demo", "channels": "organic-search\nemail",
        "title": "Lakehouse reporting without the copies", "primary_keyword": "lakehouse reporting", "funnel_stage": "consideration",
        "product_line": "core-analytics", "compliance_category": "standard",
        "deadline": String(Timestamp.text(now.addingTimeInterval(Double(daysAhead) * 86400)).prefix(10)),
    ]
}

/// Work item 1: a blog post Maya requested, its first step offered to a writer.
@discardableResult
public func seedWorkItem(_ store: SQLiteStore, clock: any Clock) async throws -> WorkItem {
    let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
    let workflow = WorkWorkflow(policy: policy, policyVersion: nil)
    let request = WorkRequest(assetType: "blog", fields: blogBrief(now: clock.now()))
    return try await store.createWorkItem(at: clock.now()) { id, roster in
        let (item, change) = try workflow.create(request, id: id, by: "maya", roster: &roster, at: clock.now())
        return (item, change, workflow.summary(item))
    }
}
