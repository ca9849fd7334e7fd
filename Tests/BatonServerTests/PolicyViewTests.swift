import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import BatonTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite("Policy views")
struct PolicyViewTests {
    static let policy = try! PolicyLoader.load(contentsOf: examplePolicyPath).policy

    func pages(_ body: @escaping @Sendable (any TestClientProtocol, BrowserSession) async throws -> Void) async throws {
        let clock = ManualClock()
        let configuration = testConfiguration()
        let store = try await prepareAccounts(configuration, clock: clock)
        try await buildApplication(configuration, store: store, clock: clock).application.test(.router) { client in
            let session = try #require(try await client.signIn("grace@northwind.example"))
            try await body(client, session)
        }
    }

    @Test("the Handoff Map draws a swimlane per team and every handoff with its artifact")
    func handoffMap() async throws {
        let policy = Self.policy
        try await pages { client, session in
            let html = try await client.execute("/policy/map", as: session).text
            for team in ["Content", "Design", "Web", "Lifecycle", "Paid", "Marketing Ops", "Analytics", "Sales"] {
                #expect(html.contains("class=\"lane-label\" text-anchor=\"start\">\(team.replacingOccurrences(of: "&", with: "&amp;"))</text>"), "lane \(team)")
            }
            for handoff in policy.handoffs {
                #expect(html.contains("data-handoff=\"\(handoff.id)\""))
                #expect(html.contains(">\(handoff.id)</text>"))
            }
            #expect(!html.contains("Brand &amp; Legal</text>"), "teams without handoffs get no lane")
            #expect(html.contains("Draft (Google Doc link)"))
        }
    }

    @Test("the criteria table lists DoR, DoD, tools and defects with library checks spelled out")
    func criteria() async throws {
        try await pages { client, session in
            let html = try await client.execute("/policy/criteria", as: session).text
            #expect(html.contains("DoR (entry)") && html.contains("DoD (exit)") && html.contains("Tools / fields") && html.contains("Common defects"))
            #expect(html.contains("SEO-ready: Title is 30–60 characters"))
            #expect(html.contains("Web launch QA: Analytics tags verified firing"))
            #expect(html.contains("Respond in 4 business hours, deliver in 3 business days"))
        }
    }

    @Test("the Approval Matrix shows stages, approvers with names, SLA and checklist, with conditions")
    func approvals() async throws {
        try await pages { client, session in
            let html = try await client.execute("/policy/approvals", as: session).text
            #expect(html.contains("Landing page"))
            #expect(html.contains("Legal counsel (Henrik Berg)"))
            #expect(html.contains("only when compliance category is performance-claims or customer-data"))
            #expect(html.contains("Tracking validation"))
        }
    }

    @Test("the Automated Handoff Rules diagram has its five stages as configured")
    func automation() async throws {
        try await pages { client, session in
            let html = try await client.execute("/policy/automation", as: session).text
            for stage in ["Intake", "Validation", "Assignment", "SLA timer", "Escalation"] {
                #expect(html.contains("data-stage=\"\(stage)\""))
            }
            #expect(html.contains("Hand-raiser: 5 business minutes"))
            #expect(html.contains("Ana Souza ×2"))
        }
    }

    @Test("each brief form has exactly the policy's fields, dropdowns and required marks")
    func briefForms() async throws {
        let policy = Self.policy
        try await pages { client, session in
            for asset in policy.assetTypes {
                let html = try await client.execute("/briefs/\(asset.id)", as: session).text
                let fields = html.matches(of: /data-field="([^"]+)"/).map { String($0.1) }
                #expect(fields == asset.brief.map(\.id), "\(asset.id) fields")
                #expect(html.matches(of: /aria-required="true"/).count == asset.brief.filter(\.required).count, "\(asset.id) required marks")
            }
            let blog = try await client.execute("/briefs/blog", as: session).text
            #expect(blog.contains("<option>consideration</option>"), "funnel stage dropdown from the taxonomy")
            #expect(blog.contains("pattern=\"^NW-[0-9]{2}Q[1-4]-[A-Z0-9]{2,12}$\""))
            #expect(try await client.execute("/briefs/podcast", as: session).status == .notFound)
        }
    }
}

@Suite("Policy versions across restarts")
struct PolicyVersionTests {
    @Test("a restart on the same policy keeps its version; a changed policy becomes a new one")
    func versions() async throws {
        let folder = temporaryDirectory()
        let policyPath = folder + "/policy.yaml"
        try examplePolicyText().write(toFile: policyPath, atomically: true, encoding: .utf8)
        let configuration = ServerConfiguration(policyPath: policyPath, database: .sqlite(path: folder + "/baton.sqlite"), bcryptCost: 4)
        let first = try await buildApplication(configuration, store: try await configuration.database.open(), clock: ManualClock())
        let again = try await buildApplication(configuration, store: try await configuration.database.open(), clock: ManualClock())
        #expect(first.startup.policyVersion.id == again.startup.policyVersion.id)
        try examplePolicyText().replacingOccurrences(of: "completion: 2d", with: "completion: 1d").write(toFile: policyPath, atomically: true, encoding: .utf8)
        let changed = try await buildApplication(configuration, store: try await configuration.database.open(), clock: ManualClock())
        #expect(changed.startup.policyVersion.id == first.startup.policyVersion.id + 1)
        #expect(changed.startup.policyVersion.hash == ContentHash.sha256(try String(contentsOfFile: policyPath, encoding: .utf8)))
    }

    @Test("an invalid policy never starts a server")
    func invalidPolicy() async throws {
        let folder = temporaryDirectory()
        try examplePolicyText().replacingOccurrences(of: "team: design }", with: "team: desgin }").write(toFile: folder + "/p.yaml", atomically: true, encoding: .utf8)
        let configuration = ServerConfiguration(policyPath: folder + "/p.yaml", database: .sqlite(path: folder + "/b.sqlite"))
        await #expect(throws: PolicyInvalid.self) {
            _ = try await buildApplication(configuration, store: try await configuration.database.open(), clock: ManualClock())
        }
    }
}
