import BatonCore
import BatonStore

/// The one place that decides, per lead, who may see it and who may work it — for pages, the API and every list.
///
/// - admins and ops: every lead, and may work every lead;
/// - viewers: see every lead, work none;
/// - sales managers: leads their reports or they own or owned, and leads nobody owns (to assign them); they work
///   those their reports or they own, and unowned ones;
/// - sales reps: leads they own or owned (with `reps_see: team`, also their team's); they work only their own;
/// - everyone else: no leads.
struct LeadAccess: Sendable {
    let policy: Policy

    /// The leads `account` may see, as a list filter.
    func scope(for account: Account) -> LeadScope {
        switch account.access {
        case .admin, .ops, .viewer:
            return .all
        case .salesManager:
            return .people(Set(reports(of: account.id).map(\.id) + [account.id]), unowned: true)
        case .salesRep:
            guard policy.leads?.repsSee == .team, let me = policy.person(account.id) else { return .people([account.id], unowned: false) }
            let team = policy.people.filter { $0.team == me.team && [.salesRep, .salesManager].contains($0.access) }
            return .people(Set(team.map(\.id) + [account.id]), unowned: false)
        case .marketer, .reviewer:
            return .none
        }
    }

    func mayView(_ lead: LeadRecord, account: Account) -> Bool { scope(for: account).contains(lead) }

    /// May this person act on the lead: its owner, the owner's manager, or ops and admins.
    func mayWork(_ lead: LeadRecord, account: Account) -> Bool {
        switch account.access {
        case .admin, .ops: true
        case .salesManager: lead.owner.map { $0 == account.id || policy.person($0)?.manager == account.id } ?? true
        case .salesRep: lead.owner == account.id
        case .viewer, .marketer, .reviewer: false
        }
    }

    /// The people who report to `manager`.
    func reports(of manager: String) -> [Person] { policy.people.filter { $0.manager == manager } }
}
