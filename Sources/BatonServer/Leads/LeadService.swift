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

    init(store: any BatonStorage, clock: any Clock, policy: PolicyInForce) {
        self.store = store
        self.clock = clock
        workflow = LeadWorkflow(pipeline: LeadPipeline(policy: policy.policy), policyVersion: policy.version.id)
        fieldIDs = Set(policy.policy.leads?.fields.map(\.id) ?? [])
        access = LeadAccess(policy: policy.policy)
        admissions = LeadAdmissionQueue(store: store, clock: clock, workflow: workflow)
    }

    var policy: Policy { workflow.pipeline.policy }

    /// Admits leads; concurrent callers share a transaction (see `LeadAdmissionQueue`).
    func admit(_ intakes: [LeadIntake]) async throws -> [LeadAdmission] {
        try await admissions.admit(intakes)
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
}
