import BatonCore
import Testing

@Suite("Routing rules")
struct RuleRouterTests {
    let router = RuleRouter(
        rules: [
            RoutingRule(id: "named-accounts", label: "Named accounts", namedAccounts: ["contoso.com": "ana", "fabrikam.com": "jordan"], target: nil),
            RoutingRule(
                id: "enterprise-na", label: "North America enterprise",
                conditions: [.oneOf(fact: "country", values: ["US", "CA"]), .range(fact: "company_size", min: 1000, max: nil)],
                target: .pool("na-sdr")),
            RoutingRule(
                id: "hot-emea", label: "EMEA, score 70+",
                conditions: [.oneOf(fact: "region", values: ["emea"]), .range(fact: "score", min: 70, max: nil)], target: .pool("emea-sdr")),
        ],
        fallback: .queue("sdr-triage"))

    @Test("Baton's own facts are never read from a field of the same name; a field named source stands for the submission's")
    func derivedFacts() {
        let probe = RuleRouter(
            rules: [
                RoutingRule(id: "region", label: "", conditions: [.oneOf(fact: "region", values: ["mars"])], target: .queue("a")),
                RoutingRule(id: "country", label: "", conditions: [.oneOf(fact: "country", values: ["xx"])], target: .queue("a")),
                RoutingRule(id: "size", label: "", conditions: [.range(fact: "company_size", min: 1, max: nil)], target: .queue("a")),
                RoutingRule(id: "partner", label: "", conditions: [.oneOf(fact: "source", values: ["partner"]), .range(fact: "employees", min: 40, max: 40)], target: .queue("b")),
            ],
            fallback: .queue("none"))
        let unknown = ValidatedLead(fields: ["region": "Mars", "country": "XX", "company_size": "12", "source": "partner", "employees": "40"])
        let decision = probe.decide(unknown.facts(source: "web"))
        #expect(decision.rule == "partner" && decision.matchedBecause == "source is partner; employees 40–40")
        #expect(decision.passedOver.map(\.reason) == ["region unknown", "country unknown", "company_size unknown"])
        let known = ValidatedLead(fields: ["country": "DE"], country: Country("DE"), companySize: 250).facts(source: "web")
        let sized = probe.decide(known)
        #expect(sized.rule == "size" && sized.matchedBecause == "company_size at least 1")
        #expect(sized.passedOver.map(\.reason) == ["region is emea, not mars", "country is DE, not xx"])
    }

    @Test("a named account goes to its owner before any territory rule")
    func namedAccount() {
        let decision = router.decide(RoutingFacts(text: ["country": "US"], numbers: ["company_size": 5000], companyDomain: "contoso.com"))
        #expect(decision.rule == "named-accounts" && decision.target == .person("ana"))
        #expect(decision.matchedBecause == "contoso.com is a named account of ana")
        #expect(decision.passedOver.isEmpty)
    }

    @Test("the matching rule is stored with why it matched and why earlier rules did not")
    func explanation() {
        let decision = router.decide(RoutingFacts(text: ["country": "DE", "region": "EMEA"], numbers: ["score": 82, "company_size": 300], companyDomain: "initech.de"))
        #expect(decision.rule == "hot-emea" && decision.target == .pool("emea-sdr"))
        #expect(decision.matchedBecause == "region is EMEA; score at least 70")
        #expect(decision.passedOver.map(\.rule) == ["named-accounts", "enterprise-na"])
        #expect(decision.passedOver.map(\.reason) == ["initech.de is not a named account", "country is DE, not US or CA"])
    }

    @Test("a lead no rule matches goes to the fallback, with every rule's reason")
    func fallback() {
        let decision = router.decide(RoutingFacts(text: ["country": "US"], numbers: ["company_size": 40]))
        #expect(decision.rule == nil && decision.target == .queue("sdr-triage"))
        #expect(decision.passedOver.map(\.reason) == ["company domain unknown", "company_size 40 is below 1000", "region unknown"])
    }

    @Test("values match whatever their case, accented letters included", arguments: [
        ("emea", true), ("EmEa", true), ("emeb", false), ("eme", false), ("emea ", false),
    ])
    func caseInsensitive(region: String, matches: Bool) {
        let decision = router.decide(RoutingFacts(text: ["region": region], numbers: ["score": 90]))
        #expect((decision.rule == "hot-emea") == matches)
    }

    @Test("a value list with letters beyond ASCII matches case-insensitively")
    func accents() {
        let rule = RoutingRule(id: "dach", label: "DACH", conditions: [.oneOf(fact: "state", values: ["Österreich", "Zürich"])], target: .queue("dach"))
        let router = RuleRouter(rules: [rule], fallback: .queue("rest"))
        #expect(router.decide(RoutingFacts(text: ["state": "ÖSTERREICH"])).rule == "dach")
        #expect(router.decide(RoutingFacts(text: ["state": "zürich"])).rule == "dach")
        #expect(router.decide(RoutingFacts(text: ["state": "zurich"])).rule == nil)
    }

    @Test("a title mentions a word whatever its case and punctuation, beyond ASCII too", arguments: [
        ("VP, Marketing", true), ("Head of Growth/Marketing", true), ("marketing-ops lead", true), ("Marketingleiter", false),
        ("MARKETING", true), ("Directrice marketing & communication", true), ("Responsable Märketing", false), ("", false),
        ("Ärztin / Marketing", true), ("Market", false),
    ])
    func mentions(title: String, matches: Bool) {
        let rule = RoutingRule(id: "marketing", label: "Marketing", conditions: [.mentions(fact: "job_title", words: ["Marketing"])], target: .queue("m"))
        let router = RuleRouter(rules: [rule], fallback: .queue("rest"))
        #expect((router.decide(RoutingFacts(text: ["job_title": title])).rule == "marketing") == matches)
    }

    @Test("targets parse from policy text")
    func targets() {
        #expect(RoutingTarget(parsing: "pool:emea-sdr") == .pool("emea-sdr"))
        #expect(RoutingTarget(parsing: "queue:sdr-triage") == .queue("sdr-triage"))
        #expect(RoutingTarget(parsing: "ana") == .person("ana"))
    }
}
