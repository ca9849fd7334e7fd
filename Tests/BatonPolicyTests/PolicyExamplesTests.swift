import BatonCore
import BatonPolicy
import BatonTestSupport
import Foundation
import Testing

@Suite("baton policy test: the sales-ready definition against its examples")
struct PolicyExamplesTests {
    static let now = Date(timeIntervalSince1970: 1_795_510_800)

    @Test("every example and counterexample of the example policy agrees with the definition")
    func examplePolicy() throws {
        let results = PolicyExamples(policy: try PolicyLoader.load(contentsOf: examplePolicyPath).policy).run(at: Self.now)
        #expect(results.count == 5)
        #expect(results.filter { !$0.passed }.isEmpty)
        #expect(results.map(\.verdict) == [.salesReady, .salesReady, .nurture, .nurture, .remediation])
    }

    @Test("a definition that disagrees with a counterexample fails and names the criteria that decided")
    func disagreement() throws {
        let loose = PolicyMutation(try examplePolicyText(), replacing: "minimum_fit: 30", with: "minimum_fit: 5")
        let results = PolicyExamples(policy: try PolicyLoader.parse(loose.text, file: "policy.yaml").policy).run(at: Self.now)
        let failed = results.filter { !$0.passed }
        #expect(failed.map(\.example.id) == ["demo-from-tiny-agency"])
        #expect(failed.first?.verdict == .salesReady)
        #expect(failed.first?.because == "hand-raiser: demo_request from a company that fits (fit 10)")
        #expect(failed.first?.criteria == ["served-region +10 (region is emea)", "demo_request +40 (1 demo_request)"])
    }

    @Test("an example naming an unknown field or an unscored action is a policy problem with its position")
    func badExample() throws {
        let field = PolicyMutation(try examplePolicyText(), replacing: "industry: Retail, company_size: \"400\"", with: "sector: Retail, company_size: \"400\"")
        do {
            _ = try PolicyLoader.parse(field.text, file: "policy.yaml")
            Issue.record("the policy was accepted")
        } catch {
            #expect(error.problems.map(\.line) == [field.line])
            #expect(error.problems.first?.message.hasPrefix("unknown lead field 'sector'") == true)
        }
    }

    @Test("policy check warns when a lead can end up unrouted")
    func unroutedWarning() throws {
        let noFallback = PolicyMutation(try examplePolicyText(), replacing: "  fallback: queue:sdr-triage\n", with: "")
        let loaded = try PolicyLoader.parse(noFallback.text, file: "policy.yaml")
        #expect(loaded.warnings.map(\.message) == [
            "warning: leads have no fallback: a lead that no rule matches, or whose pool has nobody free, goes to the unrouted queue; expected 'fallback: queue:NAME' or a person id"
        ])
        #expect(try PolicyLoader.load(contentsOf: examplePolicyPath).warnings.isEmpty)
    }
}
