@testable import BatonCore
import Foundation
import Testing

/// The monthly audit's sample, the checklist the system finds, and inspections with fixes.
@Suite("Audits")
struct AuditTests {
    static let t0 = Timestamp.day("2026-10-01")!
    static func candidates(leads: Int, work: Int) -> [AuditSampler.Candidate] {
        (1...max(leads, 1)).prefix(leads).map { AuditSampler.Candidate(subject: "lead:\($0)", closedAt: t0, isLead: true) }
            + (1...max(work, 1)).prefix(work).map { AuditSampler.Candidate(subject: "work:\($0)", closedAt: t0, isLead: false) }
    }

    @Test("a seed draws the same sample whatever order the handoffs are read in; half leads, half work; a short month takes all and says so")
    func sample() {
        let all = Self.candidates(leads: 40, work: 30)
        let first = AuditSampler(seed: 7, size: 15).draw(all, period: "October 2026")
        let again = AuditSampler(seed: 7, size: 15).draw(all.reversed(), period: "October 2026")
        #expect(first.sample == again.sample && first.note.isEmpty)
        #expect(first.sample.filter(\.isLead).count == 8 && first.sample.filter { !$0.isLead }.count == 7)
        #expect(AuditSampler(seed: 8, size: 15).draw(all, period: "October 2026").sample != first.sample, "another seed, another sample")
        let fewWork = AuditSampler(seed: 7, size: 15).draw(Self.candidates(leads: 40, work: 3), period: "October 2026")
        #expect(fewWork.sample.count == 15 && fewWork.sample.filter { !$0.isLead }.count == 3, "the leads make up what work lacks")
        let short = AuditSampler(seed: 7, size: 15).draw(Self.candidates(leads: 5, work: 3), period: "October 2026")
        #expect(short.sample.count == 8)
        #expect(short.note == "Only 8 handoffs closed in October 2026 (5 leads, 3 work items); the sample has all of them, not the 15 asked for.")
        #expect(AuditSampler(seed: 7, size: 10).draw([], period: "October 2026").note.hasSuffix("there is nothing to sample."))
    }

    @Test("a work item's checklist: the SLA clocks it missed and the failure modes of its returns")
    func workChecks() throws {
        let policy = ScorecardTests.policy
        let checks = AuditChecklist.checks(for: ScorecardTests.launched, policy: policy, asOf: ScorecardTests.at(100))
        #expect(checks.map(\.id) == ["missing_fields", "missing_artifacts", "sla_breach", "unclear_ownership", "failure_mode"])
        let byID = Dictionary(uniqueKeysWithValues: checks.map { ($0.id, $0) })
        #expect(byID["sla_breach"]?.detail == "2 clocks missed: Review round, Task completion")
        #expect(byID["failure_mode"]?.detail == "missing context ×1")
        #expect(byID["unclear_ownership"]?.passed == true && byID["missing_fields"]?.passed == true)
    }

    @Test("an inspection needs a finding when a check fails, a fix needs an owner and a due date; a fix is done once")
    func inspect() throws {
        let policy = ScorecardTests.policy
        let workflow = AuditWorkflow(policy: policy)
        let entry = AuditEntry(subject: "lead:1", title: "Ana's lead", closedAt: Self.t0, checks: [
            AuditCheck(id: "sla_breach", label: "SLA breaches", passed: false, detail: "first touch 40 min after its deadline"),
            AuditCheck(id: "missing_fields", label: "Missing fields", passed: true, detail: ""),
        ])
        var audit = Audit(kind: .monthly, period: "2026-10", seed: 7, requested: 10, note: "", entries: [entry], by: "rhea", at: Self.t0)
        audit.id = 3
        let now = Self.t0.addingTimeInterval(40 * 86_400)
        #expect(throws: WorkActionError.self) { try workflow.inspect(&audit, entry: 0, AuditInspection(passed: [:], finding: ""), by: "rhea", at: now) }
        #expect(throws: WorkActionError.self) { try workflow.inspect(&audit, entry: 0, AuditInspection(passed: ["typo": true], finding: "x"), by: "rhea", at: now) }
        #expect(throws: WorkActionError.self) { try workflow.inspect(&audit, entry: 0, AuditInspection(passed: [:], finding: "late", fix: "Add a rep", fixOwner: "nobody", fixDue: now), by: "rhea", at: now) }
        #expect(throws: WorkActionError.self) { try workflow.inspect(&audit, entry: 0, AuditInspection(passed: [:], finding: "late", fix: "Add a rep", fixOwner: "ana"), by: "rhea", at: now) }
        let due = now.addingTimeInterval(14 * 86_400)
        let events = try workflow.inspect(&audit, entry: 0, AuditInspection(passed: ["missing_fields": false], finding: "late, company missing", fix: "Add a rep to EMEA", fixOwner: "ana", fixDue: due), by: "rhea", at: now)
        #expect(events.map(\.type) == ["audit.inspected", "audit.fix_decided"])
        #expect(events.last?.payload["recipients"] == "ana" && events.last?.announce == ["notifications"], "the fix's owner is told")
        #expect(audit.entries[0].checks.map(\.passed) == [false, false] && audit.openFixes.count == 1 && audit.revision == 2)
        let done = try workflow.completeFix(&audit, entry: 0, by: "ana", at: now.addingTimeInterval(86_400))
        #expect(done.first?.payload["on_time"] == "yes" && audit.openFixes.isEmpty)
        #expect(throws: WorkActionError.self) { try workflow.completeFix(&audit, entry: 0, by: "ana", at: now) }
    }
}
