import BatonCore
import BatonStore

/// The one place that decides, per work item, who may see it and who may act on it — for pages and the API alike.
///
/// - seeing: admins, ops, marketers, reviewers and viewers see every item (marketing work is the team's);
///   sales reps and managers see none;
/// - a task (accept, return, submit, bypass, reassign): its owner, the owner's manager, ops and admins; a task with
///   no owner, any holder of its role (to take it);
/// - the brief (edit, resubmit, rush): the requester, ops and admins;
/// - what the creator does after review (confirm edits, resubmit, schedule, launch): the owners of the last steps,
///   the requester, ops and admins;
/// - fields the roles fill in: any task owner, the requester, ops and admins;
/// - reviews and sign-offs: anyone who sees the item and is not a viewer; the workflow then requires the reviewer
///   or the role the policy names, and says so when it is someone else.
struct WorkAccess: Sendable {
    let policy: Policy
    let workflow: WorkWorkflow

    /// What an action needs of the person acting.
    enum Action: Sendable {
        case task(String)
        case brief
        case creator
        case fields
        /// Comments, review decisions and sign-offs.
        case participate
    }

    func mayView(account: Account) -> Bool {
        [.admin, .ops, .marketer, .reviewer, .viewer].contains(account.access)
    }

    func mayAct(_ action: Action, on item: WorkItem, account: Account) -> Bool {
        guard mayView(account: account), account.access != .viewer else { return false }
        if [.admin, .ops].contains(account.access) { return true }
        let me = account.id
        switch action {
        case .task(let step):
            guard let task = item.task(step) else { return false }
            // Work nobody could take may be taken by any holder of its role.
            guard let owner = task.owner else { return workflow.holds(me, role: task.role) }
            return owner == me || policy.person(owner)?.manager == me
        case .brief:
            return item.requester == me
        case .creator:
            return item.requester == me || workflow.creators(item).contains(me)
        case .fields:
            return item.requester == me || item.owners.contains(me)
        case .participate:
            return true
        }
    }

    /// Who may request work.
    static let requesters: [AccessRole] = [.admin, .ops, .marketer]
    /// Who may read work items.
    static let readers: [AccessRole] = [.admin, .ops, .marketer, .reviewer, .viewer]
    /// Who may act on work items (each action then checks the item, see `mayAct`).
    static let actors: [AccessRole] = [.admin, .ops, .marketer, .reviewer]
}
