@testable import BatonCore
import Foundation
import Testing

/// The scorecard's figures on a small history whose every figure is counted by hand below.
@Suite("Scorecard: work and lead KPIs by hand")
struct ScorecardTests {
    /// Monday 4 January 2027, 00:00 UTC: the first week of the period.
    static let t0 = Timestamp.day("2027-01-04")!
    static func at(_ hours: Double) -> Date { t0.addingTimeInterval(hours * 3600) }
    static let policy = Policy(
        organization: "Test", teams: [Team(id: "content", name: "Content", calendar: "c"), Team(id: "sales", name: "Sales", calendar: "c")],
        roles: [Role(id: "writer", name: "Writer", team: "content", capacity: nil), Role(id: "designer", name: "Designer", team: "content", capacity: nil)],
        people: [Person(id: "ana", name: "Ana", email: "ana@x.example", team: "sales", roles: [], access: .salesRep, manager: nil, calendar: nil)])

    /// Item 1: the brief accepted at once; design returns the draft once, then takes it; one review stage rejects
    /// once and approves the second round; launched two hours after its deadline. The write step's exit gate was
    /// bypassed.
    static var launched: WorkItem {
        var item = WorkItem(id: 1, assetType: "blog", name: "Post", requester: "maya", status: .launched, fields: ["channels": "email\nwebinar"], deadline: at(48), createdAt: t0, policyVersion: 1)
        var write = WorkTask(step: "write", name: "Write", role: "writer", owner: "maya", assignedBecause: "", after: [], handoff: "H1")
        write.status = .done
        (write.offeredAt, write.acceptedAt, write.responseDue, write.submittedAt, write.completionDue) = (at(0), at(1), at(2), at(10), at(8))
        write.returns = [HandoffReturn(by: "design", person: "kenji", at: at(11), failureModes: ["missing context"], note: "no stats")]
        var design = WorkTask(step: "design", name: "Design", role: "designer", owner: "kenji", assignedBecause: "", after: ["write"], handoff: nil)
        design.status = .done
        (design.offeredAt, design.acceptedAt, design.responseDue, design.submittedAt, design.completionDue) = (at(10), at(20), at(21), at(30), at(40))
        item.tasks = [write, design]
        var stage = ReviewStageRun(stage: "brand", name: "Brand review", reviewers: ["claire"], rule: .all, primary: nil)
        var first = ReviewRound(number: 1, openedAt: at(30), due: at(32))
        first.closedAt = at(33)
        var second = ReviewRound(number: 2, openedAt: at(40), due: at(42))
        second.closedAt = at(41)
        stage.rounds = [first, second]
        stage.status = .approved
        item.reviews = [stage]
        item.bypasses = [WorkException(kind: .bypass, step: "write", gate: "exit", checks: ["cta"], tradeoff: "CTA later", signedOffBy: "ines", role: "content-lead", at: at(9))]
        item.launchedAt = at(50)
        return item
    }

    /// Item 2: the brief went back to the requester two hours in, an hour after its response deadline.
    static var briefReturned: WorkItem {
        var item = WorkItem(id: 2, assetType: "blog", name: "Other", requester: "maya", status: .briefReturned, fields: [:], deadline: nil, createdAt: t0, policyVersion: 1)
        var write = WorkTask(step: "write", name: "Write", role: "writer", owner: "jonas", assignedBecause: "", after: [], handoff: "H1")
        (write.offeredAt, write.responseDue) = (at(0), at(1))
        write.returns = [HandoffReturn(by: "write", person: "jonas", at: at(2), failureModes: ["unclear priority"], note: "which first?")]
        item.tasks = [write]
        return item
    }

    /// Lead 1 arrives in week 1, is accepted and touched in 2 business minutes within its SLA; lead 2 arrives in
    /// week 2, is rejected as not ICP and never touched past its deadline.
    static var journeys: [LeadJourney] {
        var one = LeadJourney(leadID: 1)
        (one.receivedAt, one.qualifiedAt, one.assignedAt, one.owner, one.acceptedAt) = (at(1), at(1), at(1), "ana", at(2))
        (one.touchedAt, one.touchBusinessSeconds, one.touchWithinSLA, one.channel, one.opportunities) = (at(1.05), 120, true, "email", 1)
        var two = LeadJourney(leadID: 2)
        (two.receivedAt, two.qualifiedAt, two.assignedAt, two.responseDue) = (at(8 * 24), at(8 * 24), at(8 * 24), at(8 * 24 + 1))
        (two.rejectedAt, two.rejectionReason, two.channel) = (at(8 * 24 + 2), "not_icp", "cpc")
        return [one, two]
    }

    static func scorecard(_ filter: ScorecardFilter = ScorecardFilter(), benchmarks: [Benchmark] = []) -> Scorecard {
        // The journeys come in two parts, the later first, as a scorecard's two halves are read side by side.
        Scorecard(
            journeys: [Array(journeys.suffix(1)), Array(journeys.dropLast())], items: [launched, briefReturned], policy: policy, benchmarks: benchmarks, from: t0, to: at(14 * 24), filter: filter,
            versions: [.init(id: 1, at: t0.addingTimeInterval(-86_400)), .init(id: 2, at: at(100))], asOf: at(10 * 24))
    }

    func figure(_ card: Scorecard, _ metric: ScorecardMetric) throws -> Figure { try #require(card.row(metric)).figure }

    @Test("asset KPIs: brief compliance, gate returns, bypasses, cycle time, rework, on time, SLA clocks")
    func workFigures() throws {
        let card = Self.scorecard()
        #expect(try figure(card, .briefCompliance).share == Share(1, of: 2), "item 1's brief accepted at once, item 2's returned")
        #expect(try figure(card, .gateReturns).share == Share(2, of: 4), "returns: design's and the brief's; acceptances: write and design")
        #expect(try figure(card, .bypasses).share == Share(1, of: 2), "write's exit (bypassed) and design's entry")
        let cycle = try figure(card, .cycleTime)
        #expect(cycle.spread.count == 3 && cycle.value == 11, "write 10 h, design 20 h, brand review 11 h")
        #expect(try figure(card, .reworkRounds).value == 1)
        #expect(try figure(card, .onTimeDelivery).share == Share(0, of: 1))
        let returns = try #require(card.row(.gateReturns))
        #expect(returns.reasons.map(\.label) == ["missing context", "unclear priority"])
        #expect(returns.reasons.first?.share == Share(1, of: 4))
        let parts = try #require(card.row(.cycleTime)).parts
        #expect(parts.map(\.label) == ["Brand review (review)", "Design", "Write"])
    }

    @Test("SLA compliance counts clocks of both kinds: 4 of 6 on item 1, 0 of 1 on item 2, 1 of 2 leads")
    func slaCompliance() throws {
        let card = Self.scorecard(benchmarks: [Benchmark(metric: .slaCompliance, min: 90, max: nil)])
        let row = try #require(card.row(.slaCompliance))
        #expect(row.figure.share == Share(5, of: 9))
        #expect(row.parts.map(\.label) == ["Lead response", "Review round", "Task completion", "Task response"])
        #expect(row.parts.map(\.figure.share) == [Share(1, of: 2), Share(1, of: 2), Share(1, of: 2), Share(2, of: 3)])
        #expect(row.reading == .below)
    }

    @Test("lead KPIs agree with LeadMetrics for the same cohort, and trend by the week each lead arrived")
    func leadFigures() throws {
        let card = Self.scorecard()
        let metrics = LeadMetrics(Self.journeys, asOf: Self.at(10 * 24))
        #expect(try figure(card, .leadAcceptance).share == metrics.acceptance)
        #expect(try figure(card, .leadToMQL).share == metrics.leadToMQL)
        #expect(try figure(card, .mqlToSQL).share == metrics.mqlToSQL)
        #expect(try figure(card, .sqlToOpportunity).share == metrics.sqlToOpportunity)
        #expect(try figure(card, .speedToLead).spread == metrics.speedToLeadBusiness)
        #expect(card.weeks == [Self.t0, Self.at(7 * 24)])
        let trend = try #require(card.row(.leadAcceptance)).trend
        #expect(trend.map(\.value) == [100, 0])
        #expect(card.versions.map(\.id) == [2], "only versions loaded in the period are marked")
        #expect(card.observations(of: .leadAcceptance, reason: "not_icp").map(\.subject) == [.lead(2)])
    }

    @Test("a segment keeps the leads and items it names; a period with nothing in it has no data, not zeros")
    func segmentsAndEmpty() throws {
        let email = Self.scorecard(ScorecardFilter(channel: "EMAIL"))
        #expect(try figure(email, .leadAcceptance).share == Share(1, of: 1))
        #expect(try figure(email, .briefCompliance).share == Share(1, of: 1), "item 2 lists no channel")
        let sales = Self.scorecard(ScorecardFilter(team: "sales"))
        #expect(try figure(sales, .leadAcceptance).share == Share(1, of: 1), "lead 1's owner is on the sales team; lead 2 has none")
        #expect(try figure(sales, .briefCompliance).count == 0)
        let content = Self.scorecard(ScorecardFilter(team: "content"))
        #expect(try figure(content, .briefCompliance).share == Share(1, of: 2), "both items have content roles")
        let empty = Scorecard(journeys: [], items: [], policy: Self.policy, benchmarks: [], from: Self.t0, to: Self.at(24), asOf: Self.at(24))
        #expect(empty.isEmpty)
        #expect(empty.rows.allSatisfy { $0.figure.value == nil && $0.reading == nil })
    }

    @Test("weeks start on Monday 00:00 UTC; a benchmark reads below, within or above its range")
    func weeksAndBenchmarks() {
        #expect(Scorecard.week(of: Self.at(6 * 24 + 23)) == Self.t0)
        #expect(Scorecard.week(of: Self.at(7 * 24)) == Self.at(7 * 24))
        #expect(Scorecard.week(of: Self.t0.addingTimeInterval(-1)) == Self.at(-7 * 24))
        let range = Benchmark(metric: .leadToMQL, min: 10, max: 15)
        #expect([9.9, 10, 15, 15.1].map(range.reading) == [.below, .within, .within, .above])
        #expect(range.range == "10–15")
        #expect(Benchmark(metric: .speedToLead, min: nil, max: 5).range == "at most 5")
    }
}
