import BatonCore
import BatonTestSupport
import Testing

@testable import BatonPolicy

@Suite("baton policy check")
struct PolicyCheckTests {
    /// Loads `text`, expecting it to be refused; returns the problems.
    func problems(_ text: String) -> [PolicyProblem] {
        do {
            _ = try PolicyLoader.parse(text, file: "policy.yaml")
            Issue.record("the policy was accepted")
            return []
        } catch { return error.problems }
    }

    /// Expects a problem at the mutation's exact position whose message contains `message`.
    func expectProblem(_ mutation: PolicyMutation, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = problems(mutation.text)
        let match = found.first { $0.line == mutation.line && $0.column == mutation.column && $0.message.contains(message) }
        #expect(match != nil, "expected '\(message)' at \(mutation.line):\(mutation.column), found:\n\(found.map(\.description).joined(separator: "\n"))", sourceLocation: sourceLocation)
        #expect(match?.file == "policy.yaml", sourceLocation: sourceLocation)
    }

    @Test("the example policy is valid and complete")
    func examplePolicyIsValid() throws {
        let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
        #expect(policy.handoffs.map(\.id) == ["H1", "H2", "H3", "H4", "H5", "H6"])
        #expect(policy.handoffs.map { policy.title(of: $0) }.contains("H6 Marketing Ops → Sales"))
        #expect(Set(policy.assetTypes.map(\.id)) == ["blog", "landing-page", "ad-set", "email-nurture", "webinar", "case-study"])
        #expect(policy.calendar("berlin")?.workingHours.count == 5)
        #expect(policy.leads?.responseTiers.first?.response == BusinessDuration(5, .minutes))
    }

    @Test("an unknown team is reported where it is named")
    func unknownTeam() throws {
        let mutation = PolicyMutation(try examplePolicyText(), replacing: "team: design }", with: "team: desgin }", offset: 6)
        expectProblem(mutation, "unknown team 'desgin'; expected one of: content, design")
    }

    @Test("an unknown person is reported where it is named")
    func unknownPerson() throws {
        let mutation = PolicyMutation(try examplePolicyText(), replacing: "manager: ines }", with: "manager: agnes }", after: "id: maya", offset: 9)
        expectProblem(mutation, "unknown person 'agnes'")
    }

    @Test("a handoff to a role no one holds")
    func roleNoOneHolds() throws {
        let base = try examplePolicyText().replacingOccurrences(
            of: "  - { id: designer, name: Designer, team: design, capacity: 6 }",
            with: "  - { id: designer, name: Designer, team: design, capacity: 6 }\n  - { id: illustrator, name: Illustrator, team: design }")
        let mutation = PolicyMutation(base, replacing: "to: designer", with: "to: illustrator", after: "id: H1", offset: 4)
        expectProblem(mutation, "goes to role 'illustrator', which no one holds")
    }

    @Test("a RACI without an Accountable")
    func noAccountable() throws {
        let mutation = PolicyMutation(try examplePolicyText(), replacing: "accountable: [content-lead]", with: "accountable: []", offset: 13)
        expectProblem(mutation, "has no Accountable role; expected exactly one")
    }

    @Test("a RACI with two Accountable")
    func twoAccountable() throws {
        let mutation = PolicyMutation(
            try examplePolicyText(), replacing: "accountable: [content-lead]", with: "accountable: [content-lead, design-lead]", offset: 13)
        expectProblem(mutation, "has 2 Accountable roles (content-lead, design-lead); expected exactly one")
    }

    @Test("an SLA on a missing calendar")
    func slaOnMissingCalendar() throws {
        let mutation = PolicyMutation(
            try examplePolicyText(), replacing: "calendar: berlin\n      response: 4h\n      completion: 3d",
            with: "calendar: munich\n      response: 4h\n      completion: 3d", offset: 10)
        expectProblem(mutation, "unknown calendar 'munich'; expected one of: berlin, new-york")
    }

    @Test("a duplicate id names the first definition")
    func duplicateID() throws {
        let text = try examplePolicyText()
        let mutation = PolicyMutation(text, replacing: "{ id: lukas,", with: "{ id: ana,", offset: 6)
        let firstLine = PolicyMutation(text, replacing: "{ id: ana,", with: "{ id: ana,").line
        expectProblem(mutation, "duplicate person id 'ana'; first defined at line \(firstLine)")
    }

    @Test("a check on a field the item does not have")
    func unknownField() throws {
        let mutation = PolicyMutation(try examplePolicyText(), replacing: "field: draft_link,", with: "field: draft_url,", offset: 7)
        expectProblem(mutation, "refers to unknown field 'draft_url'")
    }

    @Test("an unknown check kind lists the known ones")
    func unknownCheckKind() throws {
        let mutation = PolicyMutation(try examplePolicyText(), replacing: "check: present, field: copy_doc", with: "check: exists, field: copy_doc", offset: 7)
        expectProblem(mutation, "unknown check kind 'exists'; expected one of: present, length, number, pattern, one_of, min_items, checkbox, artifact")
    }

    @Test("a bad duration says what a duration looks like")
    func badDuration() throws {
        let mutation = PolicyMutation(try examplePolicyText(), replacing: "response: 2h\n      completion: 3d", with: "response: 2w\n      completion: 3d", offset: 10)
        expectProblem(mutation, "'response' in SLA of handoff 'H4' is not a duration: expected a number of business minutes, hours or days such as 30m, 4h or 2d, found '2w'")
    }

    @Test("a misspelt key is reported with the keys expected")
    func unknownKey() throws {
        let mutation = PolicyMutation(try examplePolicyText(), replacing: "    failure_modes: [missing context, missing visual brief", with: "    failure_mode: [missing context, missing visual brief", offset: 4)
        expectProblem(mutation, "unknown key 'failure_mode' in handoff 'H1'; expected one of:")
    }

    @Test("routing rules are read in order with their conditions")
    func routingRules() throws {
        let leads = try #require(try PolicyLoader.load(contentsOf: examplePolicyPath).policy.leads)
        #expect(leads.routingRules.map(\.id) == ["named-accounts", "north-america", "emea"])
        #expect(leads.routingRules[0].namedAccounts["contoso.com"] == "ana")
        #expect(leads.routingRules[1].conditions == [.oneOf(fact: "country", values: ["US", "CA"]), .range(fact: "company_size", min: 50, max: nil)])
        #expect(leads.routingRules[2].target == .pool("emea-sdr"))
    }

    @Test("a routing rule to an unknown pool, or on an unknown fact")
    func badRoutingRule() throws {
        let pool = PolicyMutation(try examplePolicyText(), replacing: "to: pool:emea-sdr", with: "to: pool:emea-sdrs", offset: 4)
        expectProblem(pool, "unknown routing pool 'emea-sdrs'; expected one of: emea-sdr, na-sdr")
        let fact = PolicyMutation(try examplePolicyText(), replacing: "when: { region: emea,", with: "when: { territory: emea,", offset: 8)
        expectProblem(fact, "unknown routing fact 'territory'")
    }

    @Test("broken YAML is reported at the place the parser stopped")
    func brokenYAML() {
        let found = problems("organization: x\nteams: [a, b\nroles: []\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 3 && found.first?.message.hasPrefix("not valid YAML") == true, "\(found)")
    }

    @Test("every problem is reported at once, top to bottom")
    func allProblemsAtOnce() throws {
        var text = try examplePolicyText()
        text = PolicyMutation(text, replacing: "team: design }", with: "team: desgin }").text
        text = PolicyMutation(text, replacing: "response: 2h\n      completion: 3d", with: "response: soon\n      completion: 3d").text
        text = PolicyMutation(text, replacing: "accountable: [content-lead]", with: "accountable: []").text
        let found = problems(text)
        #expect(found.count == 3, "\(found)")
        #expect(found.map(\.line) == found.map(\.line).sorted())
    }

    @Test("benchmarks: an unknown metric, a range upside down, a range without bounds and a metric twice are each reported where written")
    func benchmarks() throws {
        let base = try examplePolicyText()
        expectProblem(
            PolicyMutation(base, replacing: "metric: lead_to_mql,", with: "metric: lead_to_sql,", offset: 8),
            "'metric' in benchmark is 'lead_to_sql'; expected one of: brief_compliance, rework_rounds")
        expectProblem(
            PolicyMutation(base, replacing: "min: 10, max: 15", with: "min: 15, max: 10", offset: 5), "benchmark 'lead_to_mql' has 'min' 15 above 'max' 10")
        expectProblem(
            PolicyMutation(base, replacing: "{ metric: speed_to_lead, max: 5,", with: "{ metric: speed_to_lead,"),
            "benchmark 'speed_to_lead' needs 'min', 'max' or both, in business minutes (median)")
        expectProblem(
            PolicyMutation(base, replacing: "metric: rework_rounds,", with: "metric: brief_compliance,", offset: 8),
            "duplicate benchmark metric 'brief_compliance'")
        let policy = try PolicyLoader.load(contentsOf: examplePolicyPath).policy
        #expect(policy.benchmarks.first == Benchmark(metric: .leadToMQL, min: 10, max: 15, source: "SalesHive conversion benchmarks"))
    }
}
