import BatonCore
import BatonPolicy
import BatonTestSupport
import Testing

@Suite("baton policy diff")
struct PolicyDiffTests {
    func diff(_ change: (String) -> String) throws -> [String] {
        let text = try examplePolicyText()
        let old = try PolicyLoader.parse(text, file: "old.yaml").policy
        let new = try PolicyLoader.parse(change(text), file: "new.yaml").policy
        return PolicyDiff(old: old, new: new).changes
    }

    @Test("an SLA change reads as a sentence")
    func slaChange() throws {
        let changes = try diff { $0.replacingOccurrences(of: "      response: 4h\n      completion: 2d", with: "      response: 4h\n      completion: 1d") }
        #expect(changes == ["H2 Design → Web: completion SLA 2 business days → 1"])
    }

    @Test("identical policies have no changes")
    func noChanges() throws {
        #expect(try diff { $0 }.isEmpty)
    }

    @Test("people, checks, RACI and escalation changes are named")
    func severalChanges() throws {
        let changes = try diff { text in
            text.replacingOccurrences(of: "access: sales_rep, manager: sam, calendar: new-york }\n  - { id: priya", with: "access: sales_manager, manager: sam, calendar: new-york }\n  - { id: priya")
                .replacingOccurrences(of: "      - { check: present, field: draft_link, label: Draft linked }\n", with: "")
                .replacingOccurrences(of: "accountable: [content-lead]", with: "accountable: [design-lead]")
                .replacingOccurrences(of: "{ after: 15m, action: notify, notify: [manager] }", with: "{ after: 10m, action: notify, notify: [manager] }")
        }
        #expect(changes.contains("Person Jordan Reyes (jordan): access Sales rep → Sales manager"))
        #expect(changes.contains("H1 Content → Design: entry checks removed: Draft linked"))
        #expect(changes.contains("H1 Content → Design: Accountable content-lead → design-lead"))
        #expect(changes.contains("H6 Marketing Ops → Sales: escalation levels added: notify manager 10 business minutes after the deadline"))
    }
}

@Suite("baton policy diff: routing")
struct RoutingDiffTests {
    @Test("reordered routing rules and a changed condition are named")
    func routingChanges() throws {
        let text = try examplePolicyText()
        let changed = text.replacingOccurrences(of: "company_size: { min: 50 } }\n      to: pool:na-sdr", with: "company_size: { min: 100 } }\n      to: pool:na-sdr")
        let changes = PolicyDiff(old: try PolicyLoader.parse(text, file: "a").policy, new: try PolicyLoader.parse(changed, file: "b").policy).changes
        #expect(changes == ["Routing rule North America, 50+ employees (north-america): conditions country is US or CA; company_size at least 50 → country is US or CA; company_size at least 100"])
    }
}
