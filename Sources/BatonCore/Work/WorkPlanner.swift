import Foundation

/// Turns a project template into an item's tasks (F2): an owner for each step, picked among the role's holders by
/// weighted round-robin, passing over people who are absent or at their role's capacity; and dates on each owner's
/// calendar, planned back from the deadline when it can be met, otherwise forward from now with the reason (D7).
public struct WorkPlanner: Sendable {
    public let policy: Policy
    /// Each person's business time.
    public let times: [String: BusinessTime]

    public init(policy: Policy, times: [String: BusinessTime]) {
        self.policy = policy
        self.times = times
    }

    /// Picks the owner of a step among the holders of `role`, excluding `excluded`; nil with the reason when nobody
    /// can take it. The pick spends round-robin credit and counts as one more open task for the person chosen.
    public func pickOwner(role: String, excluding excluded: Set<String> = [], roster: inout WorkRoster) -> (owner: String?, because: String) {
        let holders = policy.holders(of: role).filter { !excluded.contains($0.id) }
        let roleName = policy.role(role)?.name ?? role
        guard !holders.isEmpty else { return (nil, "nobody else holds the role \(roleName)") }
        let limit = policy.role(role)?.capacity
        let pool = RoutingPool(id: "role:\(role)", label: roleName, members: holders.map { PoolMember(person: $0.id, weight: 1) })
        let pick = WeightedRoundRobin(pool: pool).pick(credits: roster.credits[pool.id] ?? [:]) { person in
            if roster.absent.contains(person) { return .absent }
            if let limit, roster.openTasks[person, default: 0] >= limit { return .atCapacity(open: roster.openTasks[person, default: 0], limit: limit) }
            return nil
        }
        let names = { (id: String) in policy.person(id)?.name ?? id }
        let passed = pick.skipped.sorted { $0.key < $1.key }
            .map { "\(names($0.key)) (\($0.value.description.replacingOccurrences(of: "leads", with: "tasks")))" }
        let skippedText = passed.isEmpty ? "" : "; passed over " + passed.joined(separator: ", ")
        guard let owner = pick.person else { return (nil, "no \(roleName.lowercased()) can take it now\(skippedText)") }
        roster.credits[pool.id] = pick.credits
        roster.openTasks[owner, default: 0] += 1
        let among = holders.map { names($0.id) }.joined(separator: ", ")
        return (owner, "picked by round-robin among the \(roleName.lowercased())s (\(among))\(skippedText)")
    }

    /// The tasks of a new item with owners and planned dates, and what planning found about the deadline.
    public func plan(
        template: ProjectTemplate, reviewDays: Int, requester: String, deadline: Date?, roster: inout WorkRoster, at now: Date
    ) -> (tasks: [WorkTask], summary: WorkPlanSummary) {
        let order = Self.order(template)
        var tasks: [String: WorkTask] = [:]
        for step in order {
            let (owner, because) = pickOwner(role: step.role, roster: &roster)
            tasks[step.id] = WorkTask(step: step.id, name: step.name, role: step.role, owner: owner, assignedBecause: because, after: step.after, handoff: step.handoff)
        }
        // Forward: as early as the dependencies allow.
        var earliest: [String: (start: Date, due: Date)] = [:]
        for step in order {
            let start = step.after.compactMap { earliest[$0]?.due }.max() ?? now
            let due = time(for: tasks[step.id]?.owner, role: step.role)?.deadline(from: start, addingWorkingDays: step.days) ?? start
            earliest[step.id] = (start, due)
        }
        let leaves = order.filter { template.dependents(of: $0.id).isEmpty }
        let tasksDone = leaves.compactMap { earliest[$0.id]?.due }.max() ?? now
        let requesterTime = time(for: requester, role: nil)
        let finish = requesterTime?.deadline(from: tasksDone, addingWorkingDays: reviewDays) ?? tasksDone
        let critical = Self.criticalPath(order, earliest: earliest).map { id in template.step(id)?.name ?? id }
        let path = (critical + (reviewDays > 0 ? ["reviews (\(reviewDays) business day\(reviewDays == 1 ? "" : "s"))"] : [])).joined(separator: " → ")

        var planned = earliest
        var summary = WorkPlanSummary(feasible: true, earliestFinish: finish, criticalPath: critical, note: "planned forward from the request; critical path: \(path)")
        if let deadline {
            if finish > deadline {
                summary.feasible = false
                let late = requesterTime.map { Int(($0.workingSeconds(from: deadline, to: finish) / 3600).rounded(.up)) } ?? 0
                summary.note = "the deadline cannot be met: the earliest finish is \(late) working hour\(late == 1 ? "" : "s") after it; critical path: \(path)"
            } else if let reviewsStart = requesterTime?.start(before: deadline, workingDays: reviewDays) {
                // Backward: as late as the deadline allows, so nothing waits on work finished too early.
                for step in order.reversed() {
                    let due = template.dependents(of: step.id).compactMap { planned[$0.id]?.start }.min() ?? reviewsStart
                    let start = time(for: tasks[step.id]?.owner, role: step.role)?.start(before: due, workingDays: step.days) ?? due
                    planned[step.id] = (max(start, earliest[step.id]?.start ?? now), due)
                }
                summary.note = "planned back from the deadline; critical path: \(path)"
            }
        }
        let result = template.steps.compactMap { step -> WorkTask? in
            guard var task = tasks[step.id] else { return nil }
            task.plannedStart = planned[step.id]?.start
            task.plannedDue = planned[step.id]?.due
            return task
        }
        return (result, summary)
    }

    /// The business time of a person, else of the role's team.
    public func time(for person: String?, role: String?) -> BusinessTime? {
        if let person, let time = times[person] { return time }
        guard let team = role.flatMap(policy.role).flatMap({ policy.team($0.team) }), let calendar = policy.calendar(team.calendar) else {
            return policy.calendars.first.flatMap(BusinessTime.init)
        }
        return BusinessTime(calendar)
    }

    /// Steps in an order where each comes after the steps it waits for (ties in the order written).
    static func order(_ template: ProjectTemplate) -> [TemplateStep] {
        var done: Set<String> = []
        var result: [TemplateStep] = []
        let known = Set(template.steps.map(\.id))
        while result.count < template.steps.count {
            guard let next = template.steps.first(where: { !done.contains($0.id) && $0.after.allSatisfy { done.contains($0) || !known.contains($0) } }) else { break }
            done.insert(next.id)
            result.append(next)
        }
        return result
    }

    /// The chain of steps that ends last, walked back through the dependency that ends last.
    static func criticalPath(_ order: [TemplateStep], earliest: [String: (start: Date, due: Date)]) -> [String] {
        guard var current = order.max(by: { (earliest[$0.id]?.due ?? .distantPast) < (earliest[$1.id]?.due ?? .distantPast) }) else { return [] }
        var path = [current.id]
        while let previous = current.after.compactMap({ id in order.first { $0.id == id } })
            .max(by: { (earliest[$0.id]?.due ?? .distantPast) < (earliest[$1.id]?.due ?? .distantPast) }) {
            path.insert(previous.id, at: 0)
            current = previous
        }
        return path
    }
}
