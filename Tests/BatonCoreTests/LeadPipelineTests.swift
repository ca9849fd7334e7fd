import BatonCore
import BatonPolicy
import BatonTestSupport
import Foundation
import Testing

@Suite("Lead pipeline: scoring, sales-ready, routing, response SLA")
struct LeadPipelineTests {
    static let policy = try! PolicyLoader.load(contentsOf: examplePolicyPath).policy
    /// Tuesday 2026-11-24 10:00 in Berlin (09:00 UTC): the Berlin office is open, New York is not.
    static let tuesdayMorning = Date(timeIntervalSince1970: 1_795_510_800)

    static func lead(_ changes: [String: String] = [:], activities: [LeadActivity] = []) -> LeadSubmission {
        let base = [
            "email": "m.weber@kaufhaus-nord.de", "last_name": "Weber", "company": "Kaufhaus Nord", "job_title": "Head of Analytics",
            "country": "DE", "industry": "Retail", "company_size": "400", "consent_email": "yes",
        ]
        return LeadSubmission(source: "api", fields: base.merging(changes) { $1 }, activities: activities)
    }

    static func demo(_ at: Date = tuesdayMorning) -> [LeadActivity] { [LeadActivity(kind: "demo_request", at: at)] }

    @Test("UTM and campaign fields, and any declared field, drive routing rules and fit criteria")
    func utmFieldsDriveRules() throws {
        let text = try examplePolicyText()
            .replacingOccurrences(of: "  routing_rules:\n", with: """
                  routing_rules:
                    - id: partner-campaign
                      label: Leads from the partner campaign go to Lukas's pool
                      when: { utm_source: [partner-portal], utm_campaign: { mentions: [partners] } }
                      to: pool:na-sdr

                """)
            .replacingOccurrences(of: "    fit:\n", with: """
                    fit:
                      - { id: paid-social, label: Came from paid social, when: { utm_medium: [paid_social] }, points: 5 }

                """)
        let policy = try PolicyLoader.parse(text, file: "policy.yaml").policy
        let pipeline = LeadPipeline(policy: policy)
        let fields = ["utm_source": "Partner-Portal", "utm_campaign": "NWA-27Q1 partners push", "utm_medium": "paid_social"]
        let (decision, _) = pipeline.decide(Self.lead(fields, activities: Self.demo()), at: Self.tuesdayMorning, state: RoutingState())
        #expect(decision.assignment?.rule == "partner-campaign", "\(decision.assignment?.summary ?? "")")
        #expect(decision.assignment?.matchedBecause.contains("utm_source is Partner-Portal") == true)
        #expect(decision.score.lines.map(\.criterion).contains("paid-social"))
        let (other, _) = pipeline.decide(Self.lead(activities: Self.demo()), at: Self.tuesdayMorning, state: RoutingState())
        #expect(other.assignment?.rule == "emea")
        #expect(other.assignment?.passedOver.contains { $0.reason == "utm_source unknown" } == true, "why the rule missed is stored")

        let typo = text.replacingOccurrences(of: "when: { utm_source: [partner-portal]", with: "when: { utm_sauce: [partner-portal]")
        #expect(throws: PolicyInvalid.self) { try PolicyLoader.parse(typo, file: "policy.yaml") }
    }

    @Test("a policy that reads leads alike but for its thresholds judges from another's judgement as it would itself")
    func readsAlike() throws {
        let text = try examplePolicyText()
        let stricter = try PolicyLoader.parse(text.replacingOccurrences(of: "sales_ready: 60", with: "sales_ready: 95"), file: "c.yaml").policy
        let rescored = try PolicyLoader.parse(text.replacingOccurrences(of: "points: 35", with: "points: 30"), file: "d.yaml").policy
        let (current, next) = (LeadPipeline(policy: Self.policy), LeadPipeline(policy: stricter))
        #expect(text.contains("points: 35") && current.readsLike(next) && !current.readsLike(LeadPipeline(policy: rescored)))
        let leads = [
            Self.lead(activities: Self.demo()), Self.lead(), Self.lead(["consent_email": "no"], activities: Self.demo()),
            Self.lead(["company_size": "12"], activities: Self.demo()), Self.lead(["email": "not an address"]),
            Self.lead(activities: [LeadActivity(kind: "pricing_page_visit", at: Self.tuesdayMorning), LeadActivity(kind: "webinar", at: Self.tuesdayMorning, minutes: 40)]),
        ]
        for lead in leads {
            let own = next.judge(lead, at: Self.tuesdayMorning)
            let read = next.judge(lead, readAs: current.judge(lead, at: Self.tuesdayMorning), at: Self.tuesdayMorning)
            #expect(read.decision == own.decision && read.routable == own.routable)
            #expect(next.route(read, at: Self.tuesdayMorning, state: RoutingState()).0 == next.route(own, at: Self.tuesdayMorning, state: RoutingState()).0)
            // Judged without words (as a backtest judges), the lead goes where it goes with words, and no reason is written.
            let silent = next.judge(lead, readAs: current.judge(lead, at: Self.tuesdayMorning, wording: .silent), at: Self.tuesdayMorning, wording: .silent)
            let (quiet, said) = (next.route(silent, at: Self.tuesdayMorning, state: RoutingState()).0, next.route(own, at: Self.tuesdayMorning, state: RoutingState()).0)
            #expect(silent.routable == own.routable && quiet.status == said.status && quiet.tier == said.tier && quiet.assignment == said.assignment)
            #expect(quiet.score.total == said.score.total && quiet.score.verdict == said.score.verdict && quiet.problems.isEmpty == said.problems.isEmpty)
            #expect(quiet.because.isEmpty && quiet.score.lines.isEmpty && quiet.readiness.allSatisfy(\.reason.isEmpty))
        }
    }

    @Test("a hand-raiser from a fitting company is sales-ready, routed by the EMEA rule to the pool, on a 5-minute clock")
    func handRaiser() throws {
        let (decision, state) = LeadPipeline(policy: Self.policy).decide(Self.lead(activities: Self.demo()), at: Self.tuesdayMorning, state: RoutingState())
        #expect(decision.status == .assigned)
        #expect(decision.score.verdict == .salesReady && decision.score.handRaiser == "demo_request")
        #expect(decision.score.lines.map(\.criterion) == ["target-industry", "mid-market", "decision-maker", "served-region", "demo_request"])
        #expect(decision.score.fit == 65 && decision.score.total == 105)
        #expect(decision.tier == "hand-raiser")
        let assignment = try #require(decision.assignment)
        #expect(assignment.rule == "emea" && assignment.pool == "emea-sdr" && assignment.owner == "ana")
        #expect(assignment.passedOver.map(\.reason) == ["kaufhaus-nord.de is not a named account", "country is DE, not US or CA"])
        #expect(assignment.summary.hasPrefix("Routed to Ana Souza by rule emea (region is emea; company_size at least 50) through pool emea-sdr"))
        #expect(decision.responseDue == Self.tuesdayMorning.addingTimeInterval(300))
        #expect(decision.timers.map(\.kind) == [.atRisk, .breach, .escalate, .escalate, .escalate])
        #expect(decision.timers.last?.due == Self.tuesdayMorning.addingTimeInterval(300 + 3600), "reassign an hour after the deadline")
        #expect(state.openLeads["ana"] == 1 && state.credits["emea-sdr"] != nil)
    }

    @Test("a person listed twice in a pool keeps the limit given, as the policy's capacities read it")
    func duplicateMember() throws {
        let text = try examplePolicyText().replacingOccurrences(
            of: "      capacity: 60\n      members: [{ person: ana, weight: 2 }, lukas]",
            with: "      members: [{ person: ana, weight: 2 }, { person: ana, weight: 1, capacity: 1 }, lukas]")
        let policy = try PolicyLoader.parse(text, file: "policy.yaml").policy
        #expect(policy.leads?.capacityByPerson["ana"] == 1)
        let pipeline = LeadPipeline(policy: policy)
        for _ in 0..<3 {
            let (decision, _) = pipeline.decide(Self.lead(activities: Self.demo()), at: Self.tuesdayMorning, state: RoutingState(openLeads: ["ana": 1]))
            #expect(decision.assignment?.owner == "lukas" && decision.assignment?.skipped["ana"]?.hasPrefix("at capacity") == true)
        }
    }

    @Test("the round-robin shares a pool 2:1 and skips the absent")
    func pool() {
        let pipeline = LeadPipeline(policy: Self.policy)
        var state = RoutingState()
        var owners: [String] = []
        for _ in 0..<6 {
            let (decision, next) = pipeline.decide(Self.lead(activities: Self.demo()), at: Self.tuesdayMorning, state: state)
            owners.append(decision.assignment?.owner ?? "-")
            state = next
        }
        #expect(owners.filter { $0 == "ana" }.count == 4 && owners.filter { $0 == "lukas" }.count == 2)
        state.absent = ["ana"]
        let (decision, _) = pipeline.decide(Self.lead(activities: Self.demo()), at: Self.tuesdayMorning, state: state)
        #expect(decision.assignment?.owner == "lukas" && decision.assignment?.skipped == ["ana": "absent"])
    }

    @Test("an escalation's reroute passes over whoever already had the lead, and says so")
    func rerouteExcluding() throws {
        let pipeline = LeadPipeline(policy: Self.policy)
        let lead = Self.lead(activities: Self.demo())
        let (first, state) = pipeline.decide(lead, at: Self.tuesdayMorning, state: RoutingState())
        let owner = try #require(first.assignment?.owner)
        var facts = pipeline.validate(lead).facts(source: lead.source)
        facts.judged = RoutingFacts.Judged(score: first.score.total, tier: first.tier)
        let (again, _) = pipeline.reroute(facts, at: Self.tuesdayMorning, state: state, excluding: [owner])
        #expect(again.rule == first.assignment?.rule && again.owner != nil && again.owner != owner)
        #expect(again.skipped == [owner: "already had this lead"] && again.summary.contains("(already had this lead)"))
    }

    @Test("when everyone in the pool is at capacity the lead goes to the fallback queue, with the reasons")
    func capacity() {
        let state = RoutingState(openLeads: ["ana": 60, "lukas": 75])
        let (decision, _) = LeadPipeline(policy: Self.policy).decide(Self.lead(activities: Self.demo()), at: Self.tuesdayMorning, state: state)
        #expect(decision.status == .queued && decision.assignment?.queue == "sdr-triage")
        #expect(decision.assignment?.skipped == ["ana": "at capacity (60 of 60 open leads)", "lukas": "at capacity (75 of 60 open leads)"])
        #expect(decision.assignment?.summary.contains("nobody in pool emea-sdr could take it") == true)
    }

    @Test("without a fallback, a lead no rule matches waits in the unrouted queue")
    func unrouted() throws {
        let text = PolicyMutation(try examplePolicyText(), replacing: "  fallback: queue:sdr-triage\n", with: "").text
        let policy = try PolicyLoader.parse(text, file: "policy.yaml").policy
        let lead = Self.lead(["country": "JP", "email": "k.sato@example.co.jp"], activities: Self.demo())
        let (decision, _) = LeadPipeline(policy: policy).decide(lead, at: Self.tuesdayMorning, state: RoutingState())
        #expect(decision.status == .unrouted && decision.assignment?.queue == "unrouted" && decision.assignment?.owner == nil)
        #expect(decision.assignment?.summary.hasPrefix("Queued in unrouted by the fallback: no rule matched") == true)
    }

    @Test("a US lead at night in New York still gets an owner; the SLA clock starts when their day does")
    func outsideHours() throws {
        let lead = Self.lead(["country": "US", "email": "r.diaz@brightloop.io", "industry": "Software"], activities: Self.demo())
        let (decision, _) = LeadPipeline(policy: Self.policy).decide(lead, at: Self.tuesdayMorning, state: RoutingState())
        #expect(decision.assignment?.pool == "na-sdr" && decision.assignment?.owner == "jordan")
        // 04:00 in New York: the 5 business minutes run from 08:30 New York time (13:30 UTC).
        #expect(decision.responseDue == Self.tuesdayMorning.addingTimeInterval(4.5 * 3600 + 300))
    }

    @Test("a lead outside the ICP goes to nurture; a broken one to remediation; no consent is recorded and held")
    func notForSales() {
        let pipeline = LeadPipeline(policy: Self.policy)
        let tiny = pipeline.decide(Self.lead(["company_size": "3", "industry": "Agency", "job_title": "Designer", "country": "NG"], activities: Self.demo()), at: Self.tuesdayMorning, state: RoutingState()).0
        #expect(tiny.status == .nurture && tiny.because == "fit 10 is below the ICP minimum of 30" && tiny.assignment == nil)
        let broken = pipeline.decide(Self.lead(["email": "nope"], activities: Self.demo()), at: Self.tuesdayMorning, state: RoutingState()).0
        #expect(broken.status == .remediation && broken.problems.map(\.field) == ["email"])
        let noActivity = pipeline.decide(Self.lead(), at: Self.tuesdayMorning, state: RoutingState()).0
        #expect(noActivity.status == .remediation)
        #expect(noActivity.problems.map(\.description) == ["readiness: Activity context attached: last_activity is empty"])
        let declined = pipeline.decide(Self.lead(["consent_email": "no"], activities: Self.demo()), at: Self.tuesdayMorning, state: RoutingState()).0
        #expect(declined.status == .noConsent && declined.assignment == nil && declined.because.hasSuffix("no consent to be contacted: recorded, no outreach"))
    }

    @Test("behaviour decays: a pricing visit 14 days ago counts a quarter; repeated visits are capped")
    func decay() throws {
        let scoring = try #require(Self.policy.leads?.scoring)
        let facts = RoutingFacts()
        let validated = ValidatedLead(fields: [:], extras: [:], problems: [], consent: true)
        let old = LeadScorer(scoring: scoring).score(validated, facts: facts, activities: [LeadActivity(kind: "pricing_page_visit", at: Self.tuesdayMorning.addingTimeInterval(-14 * 86_400))], at: Self.tuesdayMorning)
        #expect(old.behaviour == 3.8)
        let many = (0..<5).map { _ in LeadActivity(kind: "pricing_page_visit", at: Self.tuesdayMorning) }
        let capped = LeadScorer(scoring: scoring).score(validated, facts: facts, activities: many, at: Self.tuesdayMorning)
        #expect(capped.behaviour == 30 && capped.lines.first?.because == "5 × pricing_page_visit, decayed by age, capped at 30")
    }

    @Test("the high-intent tier needs a score of 70 and a pricing visit within 7 days")
    func tiers() {
        let pipeline = LeadPipeline(policy: Self.policy)
        let recent = [LeadActivity(kind: "pricing_page_visit", at: Self.tuesdayMorning), LeadActivity(kind: "webinar_attended", at: Self.tuesdayMorning, minutes: 30)]
        #expect(pipeline.decide(Self.lead(activities: recent), at: Self.tuesdayMorning, state: RoutingState()).0.tier == "high-intent")
        let stale = recent.map { LeadActivity(kind: $0.kind, at: Self.tuesdayMorning.addingTimeInterval(-8 * 86_400), minutes: $0.minutes) }
        let decision = pipeline.decide(Self.lead(activities: stale + [LeadActivity(kind: "webinar_attended", at: Self.tuesdayMorning, minutes: 60)]), at: Self.tuesdayMorning, state: RoutingState()).0
        #expect(decision.tier == "standard")
    }
}
