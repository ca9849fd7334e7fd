import BatonCore
import BatonStore
import Foundation

/// The lead handoff as the routes, hooks and imports use it: admission through the policy in force, and each rep or
/// manager action as one stored step.
struct LeadService: Sendable {
    let store: any BatonStorage
    let clock: any Clock
    let workflow: LeadWorkflow

    /// The policy's lead field ids.
    let fieldIDs: Set<String>
    /// Who may see and work which lead.
    let access: LeadAccess
    private let admissions: LeadAdmissionQueue
    /// Outcomes, matched against the leads admission creates.
    let outcomes: OutcomeService

    init(store: any BatonStorage, clock: any Clock, policy: PolicyInForce) {
        self.store = store
        self.clock = clock
        workflow = LeadWorkflow(pipeline: LeadPipeline(policy: policy.policy), policyVersion: policy.version.id)
        fieldIDs = Set(policy.policy.leads?.fields.map(\.id) ?? [])
        access = LeadAccess(policy: policy.policy)
        admissions = LeadAdmissionQueue(store: store, clock: clock, workflow: workflow)
        outcomes = OutcomeService(store: store, clock: clock, workflow: workflow)
    }

    var policy: Policy { workflow.pipeline.policy }

    /// Admits leads; concurrent callers share a transaction (see `LeadAdmissionQueue`). Outcomes that arrived
    /// before their lead are then matched to the new leads.
    func admit(_ intakes: [LeadIntake]) async throws -> [LeadAdmission] {
        let admitted = try await admissions.admit(intakes)
        try await outcomes.matchPending(newLeads: admitted.filter { $0.outcome == .created }.map(\.lead))
        return admitted
    }

    /// Runs one rep or manager action; refusals become 409 with the reason, an unknown lead 404.
    func act(on id: Int64, _ action: @escaping @Sendable (LeadWorkflow, inout LeadRecord, inout RoutingState, Date) throws -> LeadChange) async throws -> LeadRecord {
        let now = clock.now()
        let workflow = self.workflow
        do {
            return try await store.changeLead(id: id, at: now) { lead, state in try action(workflow, &lead, &state, now) }
        } catch let error as LeadActionError {
            throw AppError(.conflict, code: error.code, message: error.message)
        } catch let error as StoreError where error.code == "not_found" {
            throw AppError.notFound("Lead \(id)")
        }
    }

    /// The lead, when `account` may see it: 404 for an unknown lead, 403 for someone else's.
    func lead(_ id: Int64, visibleTo account: Account) async throws -> LeadRecord {
        guard let lead = try await store.lead(id: id) else { throw AppError.notFound("Lead \(id)") }
        guard access.mayView(lead, account: account) else { throw AppError.forbidden("This lead belongs to someone else.") }
        return lead
    }

    /// The lead, when `account` may work it (see `LeadAccess`): 404 unknown, 403 someone else's.
    func workableLead(_ id: Int64, by account: Account) async throws -> LeadRecord {
        let lead = try await lead(id, visibleTo: account)
        guard access.mayWork(lead, account: account) else {
            throw AppError.forbidden("Only the lead's owner, their manager, ops or an admin can do this.")
        }
        return lead
    }

    /// Reassigns several leads to one person, each as its own step: a lead the caller may not work, or that cannot
    /// move (closed, already theirs), is refused with the reason and the others still move.
    func reassign(_ ids: [Int64], to person: String, because reason: String, by identity: Identity) async throws -> BulkReassignment {
        var outcome = BulkReassignment()
        for id in ids {
            do {
                _ = try await workableLead(id, by: identity.account)
                _ = try await act(on: id) { workflow, lead, _, now in
                    try workflow.reassign(&lead, to: person, because: reason, by: identity.actor, at: now)
                }
                outcome.reassigned.append(id)
            } catch let error as AppError {
                outcome.refused.append((id, error.message))
            }
        }
        return outcome
    }
}

/// What a bulk reassignment did: the leads moved, and each refused one with why.
struct BulkReassignment {
    var reassigned: [Int64] = []
    var refused: [(lead: Int64, reason: String)] = []
}
