@testable import BatonCore
import BatonPolicy
import BatonTestSupport
import Foundation
import Testing

/// A blog post from brief to launch through the pure workflow: gates, returns, sign-offs, reviews and rounds.
@Suite("Work flow: handoffs, gates, reviews")
struct WorkFlowTests {
    static let policy = try! PolicyLoader.load(contentsOf: examplePolicyPath).policy
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    let workflow = WorkWorkflow(policy: Self.policy, policyVersion: 1)

    func newBlog() throws -> WorkItem {
        var roster = WorkRoster()
        return try workflow.create(WorkRequest(assetType: "blog", fields: blogBrief(now: Self.now)), id: 7, by: "maya", roster: &roster, at: Self.now).0
    }

    static let visualBrief = [
        "draft_link": "https://docs.google.com/document/d/abc", "stats_to_visualise": "42% faster reports", "chart_types": "bar chart",
        "tone_references": "https://www.figma.com/file/tone", "placements": "hero\nmid-article", "alt_text": "Bar chart of report times",
    ]
    static let seoReady = [
        "internal_links": "https://northwind.example/a\nhttps://northwind.example/b\nhttps://northwind.example/c",
        "meta_description": String(repeating: "Lakehouse reporting explained. ", count: 5), "schema_identified": "yes",
    ]
    static let designSpec = [
        "figma_link": "https://www.figma.com/file/lakehouse", "responsive_specs": "yes", "asset_exports": "hero.svg", "font_fallbacks": "Inter, Arial",
        "accessibility_notes": "Contrast 4.5:1, alt text from the brief",
    ]

    @Test("submitting is blocked until the exit checks pass, and the answer lists each failed check with why")
    func exitGate() throws {
        var item = try newBlog()
        let writer = try #require(item.tasks[0].owner)
        _ = try workflow.accept(&item, step: "copy", by: writer, at: Self.now)
        #expect(item.status == .inProgress)
        let blocked = try workflow.submit(&item, step: "copy", by: writer, at: Self.now)
        let refusal = try #require(blocked.refusal)
        #expect(refusal.code == "gate_failed")
        #expect(refusal.message.contains("3 of 6 exit checks (Definition of Done) fail"))
        #expect(refusal.details.contains("At least 3 internal links: internal_links has 0 of at least 3"))
        #expect(blocked.events.map(\.type) == ["work.gate_failed"])
        #expect(item.tasks[0].status == .active, "nothing moves on a blocked submit")
        _ = try workflow.updateFields(&item, Self.seoReady, by: writer, at: Self.now)
        let passed = try workflow.submit(&item, step: "copy", by: writer, at: Self.now)
        #expect(passed.refusal == nil)
        #expect(item.tasks[0].status == .submitted)
        #expect(item.tasks[1].status == .offered)
        #expect(passed.events.last?.type == "work.offered")
        #expect(passed.events.last?.announce == ["notifications"])
    }

    @Test("the receiver returns at the entry gate with failure modes and a note; the sender works again")
    func returnAtEntry() throws {
        var item = try newBlog()
        let writer = item.tasks[0].owner!, designer = item.tasks[1].owner!
        _ = try workflow.accept(&item, step: "copy", by: writer, at: Self.now)
        _ = try workflow.updateFields(&item, Self.seoReady, by: writer, at: Self.now)
        _ = try workflow.submit(&item, step: "copy", by: writer, at: Self.now)
        #expect(try workflow.accept(&item, step: "design", by: designer, at: Self.now).refusal?.details.contains("Draft linked: draft_link is empty") == true)
        #expect(throws: WorkActionError.self) { try workflow.returnWork(&item, step: "design", failureModes: [], note: "no", by: designer, at: Self.now) }
        #expect(throws: WorkActionError.self) { try workflow.returnWork(&item, step: "design", failureModes: ["rude"], note: "no", by: designer, at: Self.now) }
        let returned = try workflow.returnWork(&item, step: "design", failureModes: ["missing visual brief"], note: "No stats to chart", by: designer, at: Self.now)
        #expect(returned.events.first?.type == "work.returned")
        #expect(returned.events.first?.payload["recipients"] == writer)
        #expect(item.tasks[0].status == .active)
        #expect(item.tasks[0].returns.first?.failureModes == ["missing visual brief"])
        #expect(item.tasks[1].status == .waiting)
        _ = try workflow.updateFields(&item, Self.visualBrief, by: writer, at: Self.now)
        _ = try workflow.submit(&item, step: "copy", by: writer, at: Self.now)
        #expect(try workflow.accept(&item, step: "design", by: designer, at: Self.now).refusal == nil)
        #expect(item.tasks[0].status == .done)
        #expect(item.tasks[1].status == .active)
    }

    @Test("a sign_off check passes only with the named role's sign-off, recorded with who and when")
    func signOff() throws {
        var item = try newBlog()
        try moveToDesign(&item)
        let designer = item.tasks[1].owner!
        _ = try workflow.updateFields(&item, Self.designSpec, by: designer, at: Self.now)
        let blocked = try workflow.submit(&item, step: "design", by: designer, at: Self.now)
        #expect(blocked.refusal?.details == ["Component names match the CMS library: component_names needs the sign-off of a design-lead"])
        #expect(throws: WorkActionError.self) { try workflow.signOff(&item, field: "component_names", by: "kenji", at: Self.now) }
        _ = try workflow.signOff(&item, field: "component_names", by: "lea", at: Self.now)
        #expect(item.signOffs == [SignOff(field: "component_names", role: "design-lead", person: "lea", at: Self.now)])
        #expect(try workflow.submit(&item, step: "design", by: designer, at: Self.now).refusal == nil)
    }

    @Test("a bypass needs a written trade-off and the sign-off of the role the handoff names; it is recorded")
    func bypass() throws {
        var item = try newBlog()
        let writer = item.tasks[0].owner!
        _ = try workflow.accept(&item, step: "copy", by: writer, at: Self.now)
        #expect(throws: WorkActionError.self) { try workflow.bypass(&item, step: "copy", tradeoff: "", by: "ines", at: Self.now) }
        #expect((try? workflow.bypass(&item, step: "copy", tradeoff: "SEO later", by: writer, at: Self.now)) == nil, "a writer is not head of content")
        let change = try workflow.bypass(&item, step: "copy", tradeoff: "Meta description follows after launch", by: "ines", at: Self.now)
        #expect(change.events.first?.type == "work.bypassed")
        #expect(item.bypasses.first?.checks.count == 3)
        #expect(try workflow.submit(&item, step: "copy", by: writer, at: Self.now).refusal == nil)
    }

    @Test("reviews: a reject needs a reason; rework opens round 2; edits are confirmed without a new round; approved, scheduled, launched")
    func reviews() throws {
        var item = try newBlog()
        try moveToReviews(&item)
        #expect(item.status == .inReview)
        #expect(item.reviews.map(\.stage) == ["peer", "seo", "brand", "final"], "legal only for regulated categories")
        let peer = item.reviews[0]
        let checklist = { (stage: String) in Self.policy.reviewStage(stage)!.checklist }
        #expect(throws: WorkActionError.self) { try workflow.decide(&item, stage: "peer", ReviewInput(verdict: .approve), by: peer.reviewers[0], at: Self.now) }
        _ = try workflow.decide(&item, stage: "peer", ReviewInput(verdict: .approve, checked: checklist("peer")), by: peer.reviewers[0], at: Self.now)
        #expect(item.reviews[0].status == .approved, "one peer decision is enough")
        _ = try workflow.decide(&item, stage: "seo", ReviewInput(verdict: .approve, checked: checklist("seo")), by: item.reviews[1].reviewers[0], at: Self.now)
        let noReason = #expect(throws: WorkActionError.self) { try workflow.decide(&item, stage: "brand", ReviewInput(verdict: .reject), by: "claire", at: Self.now) }
        #expect(noReason?.kind == .invalid)
        _ = try workflow.decide(&item, stage: "brand", ReviewInput(verdict: .reject, reasons: ["wrong format"], note: "Use the brand kit"), by: "claire", at: Self.now)
        #expect(item.status == .rework)
        #expect(throws: WorkActionError.self) { try workflow.decide(&item, stage: "brand", ReviewInput(verdict: .approve), by: "claire", at: Self.now) }
        _ = try workflow.resubmitForReview(&item, by: item.tasks.last!.owner!, at: Self.now)
        #expect(item.reviews[2].rounds.count == 2)
        _ = try workflow.decide(&item, stage: "brand", ReviewInput(verdict: .approveWithEdits, edits: ["Swap the hero image"], checked: checklist("brand")), by: "claire", at: Self.now)
        #expect(item.reviews[2].status == .edits)
        #expect(item.reviews[3].status == .waiting, "the next stage waits for the edits")
        _ = try workflow.confirmEdits(&item, stage: "brand", by: item.tasks.last!.owner!, at: Self.now)
        #expect(item.reviews[2].status == .approved)
        #expect(item.reviews[2].rounds.count == 2, "confirming edits opens no new round")
        #expect(item.reworkRounds == 1)
        _ = try workflow.decide(&item, stage: "final", ReviewInput(verdict: .approve, checked: checklist("final")), by: "dev", at: Self.now)
        #expect(item.status == .approved)
        _ = try workflow.schedule(&item, for: Self.now.addingTimeInterval(86400), by: "maya", at: Self.now)
        let launched = try workflow.launch(&item, url: "https://northwind.example/blog/lakehouse", by: "maya", at: Self.now)
        #expect(item.status == .launched)
        #expect(launched.events.last?.payload["on_time"] == "yes")
        #expect(!launched.cancelClocks.isEmpty)
    }

    @Test("several reviewers combine by one rule: any reject → rework; else any edits → edits; else approve")
    func combine() {
        #expect(ReviewOutcome.combine([.approve, .approveWithEdits, .reject]) == .reject)
        #expect(ReviewOutcome.combine([.approve, .approveWithEdits]) == .approveWithEdits)
        #expect(ReviewOutcome.combine([.approve, .approve]) == .approve)
        #expect(ReviewOutcome.combine([]) == nil)
        var stage = ReviewStageRun(stage: "brand", name: "Brand", reviewers: ["claire", "henrik"], rule: .all, primary: nil)
        var round = ReviewRound(number: 1, openedAt: Self.now, due: nil)
        round.decisions = [ReviewDecision(reviewer: "claire", verdict: .approve, reasons: [], note: "", edits: [], checked: [], at: Self.now)]
        #expect(ReviewOutcome.result(of: stage, round: round) == nil, "under `all`, henrik has not decided")
        round.decisions.append(ReviewDecision(reviewer: "henrik", verdict: .approveWithEdits, reasons: [], note: "", edits: ["x"], checked: [], at: Self.now))
        #expect(ReviewOutcome.result(of: stage, round: round)?.0 == .approveWithEdits)
        round.decisions[1].revokedAt = Self.now
        #expect(ReviewOutcome.result(of: stage, round: round) == nil, "a revoked decision does not count")
        stage.rule = .primary
        stage.primary = "claire"
        #expect(ReviewOutcome.result(of: stage, round: round)?.0 == .approve)
    }

    @Test("an action the state does not allow is a conflict with the reason")
    func conflicts() throws {
        var item = try newBlog()
        let error = #expect(throws: WorkActionError.self) { try workflow.submit(&item, step: "copy", by: "maya", at: Self.now) }
        #expect(error?.kind == .conflict)
        #expect(error?.message.contains("only work in progress can be submitted") == true)
        #expect(throws: WorkActionError.self) { try workflow.accept(&item, step: "design", by: "kenji", at: Self.now) }
        #expect(throws: WorkActionError.self) { try workflow.schedule(&item, for: Self.now, by: "maya", at: Self.now) }
    }

    @Test("a returned brief goes back to the requester, who fixes and resubmits it")
    func briefReturn() throws {
        var item = try newBlog()
        let writer = item.tasks[0].owner!
        _ = try workflow.returnWork(&item, step: "copy", failureModes: ["missing context"], note: "Which pillar page?", by: writer, at: Self.now)
        #expect(item.status == .briefReturned)
        var roster = WorkRoster()
        var fields = blogBrief(now: Self.now)
        fields["message"] = "Link to the lakehouse pillar page."
        _ = try workflow.editBrief(&item, WorkRequest(assetType: "blog", fields: fields), submit: true, by: "maya", roster: &roster, at: Self.now)
        #expect(item.status == .requested)
        #expect(item.tasks[0].status == .offered)
        #expect(item.fields["message"] == "Link to the lakehouse pillar page.")
    }

    // MARK: - Moving an item along

    func moveToDesign(_ item: inout WorkItem) throws {
        let writer = item.tasks[0].owner!
        _ = try workflow.accept(&item, step: "copy", by: writer, at: Self.now)
        _ = try workflow.updateFields(&item, Self.seoReady.merging(Self.visualBrief) { $1 }, by: writer, at: Self.now)
        _ = try workflow.submit(&item, step: "copy", by: writer, at: Self.now)
        _ = try workflow.accept(&item, step: "design", by: item.tasks[1].owner!, at: Self.now)
    }

    func moveToReviews(_ item: inout WorkItem) throws {
        try moveToDesign(&item)
        _ = try workflow.updateFields(&item, Self.designSpec, by: item.tasks[1].owner!, at: Self.now)
        _ = try workflow.signOff(&item, field: "component_names", by: "lea", at: Self.now)
        _ = try workflow.submit(&item, step: "design", by: item.tasks[1].owner!, at: Self.now)
        let developer = item.tasks[2].owner!
        #expect(try workflow.accept(&item, step: "web-build", by: developer, at: Self.now).refusal == nil)
        _ = try workflow.submit(&item, step: "web-build", by: developer, at: Self.now)
    }
}

@Suite("Work flow: moving and stopping work")
struct WorkReassignTests {
    let workflow = WorkWorkflow(policy: WorkFlowTests.policy, policyVersion: 1)

    @Test("a task goes to another holder of its role, with why, and their clock starts afresh; anyone else is refused")
    func reassign() throws {
        var roster = WorkRoster()
        var (item, _) = try workflow.create(WorkRequest(assetType: "blog", fields: blogBrief(now: WorkFlowTests.now)), id: 1, by: "ines", roster: &roster, at: WorkFlowTests.now)
        let writer = item.tasks[0].owner!, other = writer == "maya" ? "jonas" : "maya"
        #expect(throws: WorkActionError.self) { try workflow.reassignTask(&item, step: "copy", to: "kenji", because: "x", by: "ines", roster: &roster, at: WorkFlowTests.now) }
        let later = WorkFlowTests.now.addingTimeInterval(3600)
        let change = try workflow.reassignTask(&item, step: "copy", to: other, because: "\(writer) is at a conference", by: "ines", roster: &roster, at: later)
        #expect(item.tasks[0].owner == other)
        #expect(item.tasks[0].assignedBecause.contains("is at a conference"))
        #expect(item.tasks[0].responseDue! > later)
        #expect(change.events.first?.type == "work.reassigned")
        #expect(roster.openTasks[other] == 1 && roster.openTasks[writer] == 0)
    }

    @Test("cancelled work stops every clock and needs a reason")
    func cancel() throws {
        var roster = WorkRoster()
        var (item, _) = try workflow.create(WorkRequest(assetType: "blog", fields: blogBrief(now: WorkFlowTests.now)), id: 1, by: "ines", roster: &roster, at: WorkFlowTests.now)
        #expect(throws: WorkActionError.self) { try workflow.cancel(&item, because: " ", by: "ines", at: WorkFlowTests.now) }
        let change = try workflow.cancel(&item, because: "Campaign dropped", by: "ines", at: WorkFlowTests.now)
        #expect(item.status == .cancelled)
        #expect(change.cancelClocks.contains("task:copy:response"))
        #expect(throws: WorkActionError.self) { try workflow.cancel(&item, because: "again", by: "ines", at: WorkFlowTests.now) }
    }
}

@Suite("Work flow: review rules")
struct WorkReviewRuleTests {
    let workflow = WorkWorkflow(policy: WorkFlowTests.policy, policyVersion: 1)

    /// A landing page in its web launch QA stage, with Omar reviewing.
    func inWebQA() throws -> WorkItem {
        var roster = WorkRoster()
        var fields = blogBrief(now: WorkFlowTests.now)
        fields = [
            "campaign_id": "NW-27Q1-LAKEHOUSE", "objective": "Demo requests", "audience": "data-leader", "message": "One copy of the data",
            "cta": "Book a demo", "offer": "demo", "channels": "paid-search", "form_fields": "email\ncompany", "region": "emea",
            "crm_campaign": "7015g000000AbCdEAF", "utm_medium": "cpc", "compliance_category": "standard", "deadline": fields["deadline"]!,
        ]
        var (item, _) = try workflow.create(WorkRequest(assetType: "landing-page", fields: fields), id: 2, by: "dev", roster: &roster, at: WorkFlowTests.now)
        item.tasks = item.tasks.map { var task = $0; task.status = .done; return task }
        item.status = .inReview
        item.reviews = [ReviewStageRun(stage: "web-qa", name: "Web launch QA", reviewers: ["omar"], rule: .any, primary: nil)]
        item.reviews[0].status = .open
        item.reviews[0].rounds = [ReviewRound(number: 1, openedAt: WorkFlowTests.now, due: nil)]
        return item
    }

    @Test("web launch QA cannot approve while tracking validation is unticked (E4)")
    func checklistBlocks() throws {
        var item = try inWebQA()
        let unticked = #expect(throws: WorkActionError.self) {
            try workflow.decide(&item, stage: "web-qa", ReviewInput(verdict: .approve, checked: ["Link check", "Form routing test", "Mobile responsiveness"]), by: "omar", at: WorkFlowTests.now)
        }
        #expect(unticked?.kind == .gate && unticked?.details == ["Tracking validation"])
        _ = try workflow.decide(&item, stage: "web-qa", ReviewInput(verdict: .approve, checked: ["Link check", "Form routing test", "Tracking validation", "Mobile responsiveness"]), by: "omar", at: WorkFlowTests.now)
        #expect(item.status == .approved)
    }

    @Test("a decision is revoked while its round is open, and the reviewer decides again")
    func revoke() throws {
        var item = try inWebQA()
        item.reviews[0].rule = .all
        item.reviews[0].reviewers = ["omar", "lea"]
        _ = try workflow.decide(&item, stage: "web-qa", ReviewInput(verdict: .reject, reasons: ["broken links"]), by: "omar", at: WorkFlowTests.now)
        #expect(throws: WorkActionError.self) { try workflow.revoke(&item, stage: "web-qa", by: "lea", at: WorkFlowTests.now) }
        _ = try workflow.revoke(&item, stage: "web-qa", by: "omar", at: WorkFlowTests.now)
        #expect(item.reviews[0].rounds[0].standing.isEmpty)
        _ = try workflow.decide(&item, stage: "web-qa", ReviewInput(verdict: .reject, reasons: ["broken links"]), by: "omar", at: WorkFlowTests.now)
        #expect(throws: WorkActionError.self) { try workflow.decide(&item, stage: "web-qa", ReviewInput(verdict: .reject, reasons: ["x"]), by: "kenji", at: WorkFlowTests.now) }
    }
}

@Suite("Work flow: what a probe found")
struct WorkProbeTests {
    let workflow = WorkWorkflow(policy: WorkFlowTests.policy, policyVersion: 1)

    func blog() throws -> WorkItem {
        var roster = WorkRoster()
        return try workflow.create(WorkRequest(assetType: "blog", fields: blogBrief(now: WorkFlowTests.now)), id: 9, by: "maya", roster: &roster, at: WorkFlowTests.now).0
    }

    @Test("a cancelled item takes no further steps")
    func cancelledIsClosed() throws {
        var item = try blog()
        _ = try workflow.cancel(&item, because: "dropped", by: "maya", at: WorkFlowTests.now)
        let error = #expect(throws: WorkActionError.self) { try workflow.accept(&item, step: "copy", by: item.tasks[0].owner!, at: WorkFlowTests.now) }
        #expect(error?.code == "closed")
        #expect(throws: WorkActionError.self) { try workflow.signOff(&item, field: "component_names", by: "lea", at: WorkFlowTests.now) }
    }

    @Test("the brief is amended only through editBrief, not as a field, and dates lie between yesterday and three years ahead")
    func briefRules() throws {
        var item = try blog()
        #expect(throws: WorkActionError.self) { try workflow.updateFields(&item, ["cta": "Buy now"], by: item.tasks[0].owner!, at: WorkFlowTests.now) }
        var roster = WorkRoster()
        var fields = blogBrief(now: WorkFlowTests.now)
        fields["cta"] = "Start a free trial"
        _ = try workflow.editBrief(&item, WorkRequest(assetType: "blog", fields: fields), submit: true, by: "maya", roster: &roster, at: WorkFlowTests.now)
        #expect(item.fields["cta"] == "Start a free trial" && item.status == .requested)
        fields["deadline"] = "1900-01-01"
        #expect(workflow.problems(WorkRequest(assetType: "blog", fields: fields), at: WorkFlowTests.now).map(\.message) == ["1900-01-01 is in the past"])
    }

    @Test("nobody signs off their own step while a colleague holds the role")
    func independentSignOff() throws {
        var item = try blog()
        item.tasks[1].owner = "lea"  // the design lead designs this one herself
        // As the only design lead, she may sign off her own work.
        _ = try workflow.signOff(&item, field: "component_names", by: "lea", at: WorkFlowTests.now)
        var policy = WorkFlowTests.policy
        policy.people = policy.people.map { var person = $0; if person.id == "kenji" { person.roles.append("design-lead") }; return person }
        let strict = WorkWorkflow(policy: policy, policyVersion: 1)
        item.signOffs = []
        let error = #expect(throws: WorkActionError.self) { try strict.signOff(&item, field: "component_names", by: "lea", at: WorkFlowTests.now) }
        #expect(error?.code == "own_work" && error?.message.contains("Kenji Watanabe") == true)
        _ = try strict.signOff(&item, field: "component_names", by: "kenji", at: WorkFlowTests.now)
    }

    @Test("peer reviewers are chosen when the review opens, leaving out whoever wrote it by then")
    func reviewersAtOpening() throws {
        var item = try blog()
        item.tasks = item.tasks.map { var task = $0; task.owner = "jonas"; return task }
        item.reviews[0].reviewers = ["jonas"]
        _ = workflow.openRound(&item, stage: 0, at: WorkFlowTests.now)
        #expect(item.reviews[0].reviewers == ["maya"])
    }
}
