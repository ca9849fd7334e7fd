import BatonCore
import BatonStore
import Foundation
import Hummingbird

/// The marketing work handoff as the routes use it: intake through the policy in force, and each action as one
/// stored step, with the item's summary kept beside it. Refusals become HTTP errors with the reason.
struct WorkService: Sendable {
    let store: any BatonStorage
    let clock: any Clock
    let workflow: WorkWorkflow
    let access: WorkAccess

    init(store: any BatonStorage, clock: any Clock, policy: PolicyInForce) {
        self.store = store
        self.clock = clock
        workflow = WorkWorkflow(policy: policy.policy, policyVersion: policy.version.id)
        access = WorkAccess(policy: policy.policy, workflow: workflow)
    }

    var policy: Policy { workflow.policy }

    /// Creates an item (or a draft) from a request; 400 with each problem by field when the brief is wrong.
    func create(_ request: WorkRequest, by identity: Identity) async throws -> WorkItem {
        let now = clock.now()
        let problems = workflow.problems(request, at: now)
        guard problems.isEmpty else { throw Self.briefProblems(problems) }
        let workflow = self.workflow
        do {
            return try await store.createWorkItem(at: now) { id, roster in
                let (item, change) = try workflow.create(request, id: id, by: identity.account.id, roster: &roster, at: now)
                return (item, change, workflow.summary(item))
            }
        } catch let error as WorkActionError {
            throw Self.appError(error)
        }
    }

    /// The item, when `account` may see it: 404 unknown, 403 for people who see no marketing work.
    func item(_ id: Int64, visibleTo account: Account) async throws -> WorkItem {
        guard access.mayView(account: account) else { throw AppError.forbidden("Your role does not see marketing work.") }
        guard let item = try await store.workItem(id: id) else { throw AppError.notFound("Work item \(id)") }
        return item
    }

    /// Runs one action on an item as one step. `needs` is checked against the item as stored, inside the step, so a
    /// change made meanwhile cannot slip past it; `revision`, when given, must be the item's (409 otherwise: someone
    /// changed it since the form was read). A gate that blocks still stores its result, then answers 422.
    func act(
        on id: Int64, needs: WorkAccess.Action, revision: Int?, by identity: Identity,
        _ action: @escaping @Sendable (WorkWorkflow, inout WorkItem, inout WorkRoster, Date) throws -> WorkChange
    ) async throws -> WorkItem {
        // Who may see work at all is decided here; the item itself is read once, inside the step (unknown: 404).
        guard access.mayView(account: identity.account) else { throw AppError.forbidden("Your role does not see marketing work.") }
        let now = clock.now()
        let workflow = self.workflow
        let access = self.access
        let account = identity.account
        do {
            let (item, change) = try await store.changeWorkItem(id: id, at: now) { item, roster in
                guard access.mayAct(needs, on: item, account: account) else { throw AppError.forbidden(Self.refusal(needs)) }
                if let revision, revision != item.revision {
                    throw WorkActionError(.conflict, code: "stale", message: "someone changed this item since you opened it; reload it and try again")
                }
                let change = try action(workflow, &item, &roster, now)
                return (change, workflow.summary(item))
            }
            if let refusal = change.refusal { throw Self.appError(refusal) }
            return item
        } catch let error as WorkActionError {
            throw Self.appError(error)
        } catch let error as StoreError where error.code == "not_found" {
            throw AppError.notFound("Work item \(id)")
        }
    }

    static func appError(_ error: WorkActionError) -> AppError {
        let status: HTTPResponse.Status = switch error.kind {
        case .conflict: .conflict
        case .invalid: .badRequest
        case .forbidden: .forbidden
        case .gate: .unprocessableContent
        }
        return AppError(status, code: error.code, message: Self.sentence(error.message), details: error.details)
    }

    /// 400 with every problem of a brief by field path (`fields.campaign_id: is required`).
    static func briefProblems(_ problems: [FieldProblem]) -> AppError {
        AppError(
            .badRequest, code: "invalid_brief", message: "The brief has \(problems.count) mistake\(problems.count == 1 ? "" : "s").",
            details: problems.map { ["name", "rush", "asset_type"].contains($0.field) ? "\($0.field): \($0.message)" : "fields.\($0.field): \($0.message)" })
    }

    private static func refusal(_ action: WorkAccess.Action) -> String {
        switch action {
        case .task: "Only the task's owner, their manager, ops or an admin can do this."
        case .brief: "Only the requester, ops or an admin can change the brief."
        case .creator: "Only the people making the work, the requester, ops or an admin can do this."
        case .fields: "Only the item's task owners, the requester, ops or an admin can fill in its fields."
        case .participate: "Viewers cannot act on work."
        }
    }

    /// A message from the core as a sentence: capitalised, with a full stop.
    private static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }
}
