import BatonCore
import BatonPolicy
import BatonTestSupport
import Foundation
import Testing

/// The SLA clocks of work: response and completion per handoff, rush SLAs, review time boxes, escalation.
@Suite("Work clocks: response, completion, rush, review time boxes")
struct WorkClockTests {
    static let policy = try! PolicyLoader.load(contentsOf: examplePolicyPath).policy
    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // Fri 15 Jan 2027, 09:00 in Berlin
    let workflow = WorkWorkflow(policy: Self.policy, policyVersion: 1)

    func accepted(rush: String? = nil, by requester: String = "maya") throws -> (WorkItem, WorkChange) {
        var roster = WorkRoster()
        var (item, _) = try workflow.create(WorkRequest(assetType: "blog", fields: blogBrief(now: Self.now), rush: rush), id: 3, by: requester, roster: &roster, at: Self.now)
        let change = try workflow.accept(&item, step: "copy", by: item.tasks[0].owner!, at: Self.now)
        return (item, change)
    }

    @Test("the completion clock of a step is its handoff's completion SLA on the owner's calendar, with the handoff's escalation")
    func completion() throws {
        let (item, change) = try accepted()
        // H1: completion 3 business days; Friday 09:00 + 3 working days = Wednesday 09:00 Berlin.
        #expect(item.tasks[0].completionDue == Date(timeIntervalSince1970: 1_800_000_000 + 5 * 86400))
        let clock = item.tasks[0].completionClock
        #expect(change.startTimers.map(\.kind) == [.atRisk, .breach, .escalate, .escalate])
        #expect(change.startTimers.allSatisfy { $0.clock == clock })
        #expect(change.cancelClocks.contains(item.tasks[0].responseClock))
    }

    @Test("a completion breach escalates to the manager: breach tells owner and manager; level 2 notifies manager and design lead")
    func escalation() throws {
        var (item, change) = try accepted()
        let owner = item.tasks[0].owner!
        let manager = Self.policy.person(owner)!.manager!
        var roster = WorkRoster()
        let breach = try #require(change.startTimers.first { $0.kind == .breach })
        let breached = workflow.fire(breach, on: &item, roster: &roster, at: breach.due)
        #expect(breached.events.map(\.type) == ["work.sla_breached"])
        #expect(breached.events[0].payload["recipients"] == "\(owner),\(manager)")
        #expect(breached.events[0].payload["clock"] == "completion")
        let level2 = try #require(change.startTimers.last)
        let escalated = workflow.fire(level2, on: &item, roster: &roster, at: level2.due)
        #expect(escalated.events.map(\.type) == ["work.escalated"])
        #expect(Set(escalated.events[0].payload["recipients"]!.split(separator: ",").map(String.init)) == Set([manager, "lea"]))
        #expect(escalated.events[0].announce == ["notifications"])
    }

    @Test("a timer whose clock stopped does nothing")
    func stale() throws {
        var (item, change) = try accepted()
        let breach = try #require(change.startTimers.first { $0.kind == .breach })
        _ = try workflow.bypass(&item, step: "copy", tradeoff: "ship it", by: "ines", at: Self.now)
        _ = try workflow.submit(&item, step: "copy", by: item.tasks[0].owner!, at: Self.now)
        var roster = WorkRoster()
        #expect(workflow.fire(breach, on: &item, roster: &roster, at: breach.due).events.isEmpty)
    }

    @Test("a rush signed off by the role the template names runs on the rush SLAs, restarting running clocks")
    func rush() throws {
        var (item, _) = try accepted(rush: "The webinar recap slips a week")
        #expect(item.rushRequested != nil)
        #expect(item.rush == nil, "Maya does not hold the rush sign-off role")
        #expect(throws: WorkActionError.self) { try workflow.signOffRush(&item, by: "maya", at: Self.now) }
        let change = try workflow.signOffRush(&item, by: "ines", at: Self.now)
        #expect(item.rush?.signedOffBy == "ines")
        // H1's rush completion is 1 business day: Monday 09:00.
        #expect(item.tasks[0].completionDue == Date(timeIntervalSince1970: 1_800_000_000 + 3 * 86400))
        #expect(change.cancelClocks.contains(item.tasks[0].completionClock))
        let (own, _) = try accepted(rush: "Launch event moved", by: "ines")
        #expect(own.rush?.signedOffBy == "ines", "a requester who holds the role signs off their own rush")
    }

    @Test("a review round is time-boxed on the reviewer's calendar; its breach tells the reviewers who have not decided and their managers")
    func reviewTimeBox() throws {
        var item = WorkItem(
            id: 4, assetType: "blog", name: "x", requester: "maya", status: .inReview, fields: blogBrief(now: Self.now), deadline: nil, createdAt: Self.now,
            policyVersion: 1)
        item.reviews = [ReviewStageRun(stage: "brand", name: "Brand review", reviewers: ["claire", "henrik"], rule: .all, primary: nil)]
        item.reviews[0].status = .open
        item.reviews[0].rounds = [ReviewRound(number: 1, openedAt: Self.now, due: Self.now.addingTimeInterval(86400))]
        item.reviews[0].rounds[0].decisions = [ReviewDecision(reviewer: "claire", verdict: .approve, reasons: [], note: "", edits: [], checked: [], at: Self.now)]
        var roster = WorkRoster()
        let timer = PlannedTimer(kind: .breach, due: Self.now.addingTimeInterval(86400), clock: "review:brand:1")
        let change = workflow.fire(timer, on: &item, roster: &roster, at: timer.due)
        #expect(change.events.map(\.type) == ["work.review_breached"])
        #expect(change.events[0].payload["recipients"] == "henrik")
        #expect(workflow.fire(PlannedTimer(kind: .breach, due: timer.due, clock: "review:brand:2"), on: &item, roster: &roster, at: timer.due).events.isEmpty)
    }
}

extension WorkClockTests {
    @Test("an escalation level that reassigns gives the task to another holder of the role, whose clock starts afresh")
    func escalationReassigns() throws {
        var policy = Self.policy
        let index = try #require(policy.handoffs.firstIndex { $0.id == "H1" })
        policy.handoffs[index].sla.escalation.append(EscalationLevel(after: BusinessDuration(1, .days), action: .reassign, notify: ["owner", "manager"]))
        let workflow = WorkWorkflow(policy: policy, policyVersion: 1)
        var roster = WorkRoster()
        var (item, _) = try workflow.create(WorkRequest(assetType: "blog", fields: blogBrief(now: Self.now)), id: 5, by: "ines", roster: &roster, at: Self.now)
        let writer = try #require(item.tasks[0].owner)
        let started = try workflow.accept(&item, step: "copy", by: writer, at: Self.now)
        let reassign = try #require(started.startTimers.last { $0.kind == .escalate })
        let change = workflow.fire(reassign, on: &item, roster: &roster, at: reassign.due)
        let other = writer == "maya" ? "jonas" : "maya"
        #expect(item.tasks[0].owner == other)
        #expect(item.tasks[0].assignedBecause.hasPrefix("completion SLA breached: escalation level 3 reassigned it"))
        #expect(change.events.first?.type == "work.escalated" && change.events.first?.payload["to"] == other)
        #expect(item.tasks[0].completionDue! > reassign.due, "the new owner's clock starts at the reassignment")
    }
}
