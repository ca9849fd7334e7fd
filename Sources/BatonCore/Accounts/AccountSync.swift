import Foundation

/// How accounts follow the policy's people: who is created, who is updated (email, name or access changed, or back
/// in the policy), who is deactivated (no longer in it), each with the event that records it. A store applies the
/// steps; the rule is here once.
public enum AccountSync {
    /// One change to one account.
    public enum Step: Sendable, Equatable {
        case create(Account)
        case update(Account)
        /// The account leaves the policy: it can no longer sign in and its sessions end.
        case deactivate(id: String)
    }

    /// The steps that make `existing` match `people`, and their events (actor "system", at `now`).
    public static func plan(existing: [Account], people: [Person], policyVersion: Int64, at now: Date) -> (steps: [Step], events: [NewEvent]) {
        let current = Dictionary(existing.map { ($0.id, $0) }) { first, _ in first }
        var steps: [Step] = []
        var events: [NewEvent] = []
        func event(_ type: String, _ id: String, _ payload: [String: String]) {
            events.append(NewEvent(type: type, subject: "account:\(id)", actor: "system", at: now, policyVersion: policyVersion, payload: payload))
        }
        for person in people {
            let wanted = Account(id: person.id, email: person.email, name: person.name, access: person.access, active: true, hasPassword: false)
            if let account = current[person.id] {
                guard account.email != wanted.email || account.name != wanted.name || account.access != wanted.access || !account.active else { continue }
                steps.append(.update(wanted))
                event("account.updated", person.id, ["email": wanted.email, "access": wanted.access.rawValue])
            } else {
                steps.append(.create(wanted))
                event("account.created", person.id, ["email": wanted.email, "access": wanted.access.rawValue])
            }
        }
        let kept = Set(people.map(\.id))
        for account in existing.sorted(by: { $0.id < $1.id }) where account.active && !kept.contains(account.id) {
            steps.append(.deactivate(id: account.id))
            event("account.deactivated", account.id, ["reason": "no longer in the policy"])
        }
        return (steps, events)
    }
}
