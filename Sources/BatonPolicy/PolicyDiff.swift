import BatonCore

/// What changed between two policies, as sentences a marketing-ops lead would write in a change log:
/// "H3 Design → Web: completion SLA 2 business days → 1".
public struct PolicyDiff: Sendable {
    public let old: Policy
    public let new: Policy

    public init(old: Policy, new: Policy) {
        self.old = old
        self.new = new
    }

    /// Every change, grouped by section in policy-file order.
    public var changes: [String] {
        var lines = value("Organisation name", old.organization, new.organization)
        lines += keyed("Calendar", old.calendars, new.calendars, name: \.name, compare: calendar)
        lines += keyed("Team", old.teams, new.teams, name: \.name) { old, new in
            value("name", old.name, new.name) + value("calendar", old.calendar, new.calendar)
        }
        lines += keyed("Role", old.roles, new.roles, name: \.name) { old, new in
            value("name", old.name, new.name) + value("team", old.team, new.team)
        }
        lines += keyed("Person", old.people, new.people, name: \.name, compare: person)
        lines += keyed("Taxonomy field", old.taxonomy, new.taxonomy, name: \.label) { old, new in
            list("values", old.values, new.values) + value("pattern", old.pattern ?? "none", new.pattern ?? "none")
        }
        lines += keyed("Naming convention", old.naming, new.naming, name: \.label) { old, new in
            value("pattern", old.pattern, new.pattern)
        }
        lines += keyed("Check group", old.checkLibrary, new.checkLibrary, name: \.label) { old, new in
            list("checks", old.checks.map(\.label), new.checks.map(\.label))
        }
        lines += keyed("Review stage", old.reviewStages, new.reviewStages, name: \.name) { old, new in
            value("SLA", old.sla, new.sla) + list("approvers", old.approvers, new.approvers)
                + list("checklist", old.checklist, new.checklist)
        }
        lines += keyed("Asset type", old.assetTypes, new.assetTypes, name: \.name, compare: assetType)
        lines += keyed("Handoff", old.handoffs, new.handoffs, title: { new.title(of: $0) }, compare: handoff)
        lines += leads(old.leads, new.leads)
        lines += value("Review pack", Self.describe(old.reviewPack), Self.describe(new.reviewPack))
        lines += keyed("Benchmark", old.benchmarks, new.benchmarks, name: \.metric.label) { old, new in
            value("range", old.range, new.range)
        }
        return lines
    }

    // MARK: - Sections

    private func calendar(_ old: BusinessCalendar, _ new: BusinessCalendar) -> [String] {
        value("time zone", old.timeZone, new.timeZone)
            + value("working hours", Self.hours(old.workingHours), Self.hours(new.workingHours))
            + list("holidays", old.holidays.map { "\($0.name) (\($0.date))" }, new.holidays.map { "\($0.name) (\($0.date))" })
    }

    private func person(_ old: Person, _ new: Person) -> [String] {
        value("name", old.name, new.name) + value("access", old.access.label, new.access.label) + value("team", old.team, new.team)
            + list("roles", old.roles, new.roles) + value("manager", old.manager ?? "none", new.manager ?? "none")
            + value("email", old.email, new.email) + value("calendar", old.calendar ?? "team's", new.calendar ?? "team's")
    }

    private func assetType(_ old: AssetType, _ new: AssetType) -> [String] {
        var lines = value("name", old.name, new.name) + list("brief fields", old.brief.map(\.id), new.brief.map(\.id))
        for field in new.brief {
            guard let before = old.brief.first(where: { $0.id == field.id }) else { continue }
            if before.required != field.required {
                lines.append("brief field '\(field.id)' is now \(field.required ? "required" : "optional")")
            }
            lines += value("type of brief field '\(field.id)'", before.type.rawValue, field.type.rawValue)
        }
        return lines + list("review stages", old.reviews.map(\.stage), new.reviews.map(\.stage))
    }

    private func handoff(_ old: Handoff, _ new: Handoff) -> [String] {
        var lines = value("name", old.name, new.name) + value("from", old.from, new.from) + value("to", old.to, new.to)
        lines += value("response SLA", old.sla.response, new.sla.response)
        if let before = old.sla.completion, let after = new.sla.completion {
            lines += value("completion SLA", before, after)
        } else {
            lines += value("completion SLA", old.sla.completion?.description ?? "none", new.sla.completion?.description ?? "none")
        }
        lines += value("SLA calendar", old.sla.calendar, new.sla.calendar)
        lines += list("escalation levels", old.sla.escalation.map(Self.describe), new.sla.escalation.map(Self.describe))
        lines += list("entry checks", old.entry.map(\.label), new.entry.map(\.label))
        lines += list("exit checks", old.exit.map(\.label), new.exit.map(\.label))
        lines += list("artifacts", old.artifacts, new.artifacts)
        lines += list("asset types", old.assetTypes, new.assetTypes)
        lines += list("failure modes", old.failureModes, new.failureModes)
        lines += list("Responsible", old.raci.responsible, new.raci.responsible)
        lines += value("Accountable", old.raci.accountable.joined(separator: ", "), new.raci.accountable.joined(separator: ", "))
        lines += list("Consulted", old.raci.consulted, new.raci.consulted)
        lines += list("Informed", old.raci.informed, new.raci.informed)
        lines += value("channel", Self.describe(old.channel), Self.describe(new.channel))
        return lines
    }

    private func leads(_ old: LeadPolicy?, _ new: LeadPolicy?) -> [String] {
        switch (old, new) {
        case (nil, nil): return []
        case (nil, _?): return ["Lead handling added"]
        case (_?, nil): return ["Lead handling removed"]
        case let (old?, new?):
            var lines = keyed("Response tier", old.responseTiers, new.responseTiers, name: \.label) { old, new in
                value("response SLA", old.response, new.response) + value("rule", old.when, new.when)
            }
            lines += keyed("Routing rule", old.routingRules, new.routingRules, name: \.label) { old, new in
                value("conditions", old.conditions.map(\.description).joined(separator: "; "), new.conditions.map(\.description).joined(separator: "; "))
                    + value("target", old.target?.description ?? "account owner", new.target?.description ?? "account owner")
                    + list("named accounts", old.namedAccounts.map { "\($0.key) → \($0.value)" }.sorted(), new.namedAccounts.map { "\($0.key) → \($0.value)" }.sorted())
            }
            if old.routingRules.map(\.id) != new.routingRules.map(\.id), Set(old.routingRules.map(\.id)) == Set(new.routingRules.map(\.id)) {
                lines.append("Routing rules reordered: \(new.routingRules.map(\.id).joined(separator: " → "))")
            }
            lines += keyed("Routing pool", old.pools, new.pools, name: \.label) { old, new in
                list("members", old.members.map(Self.describe), new.members.map(Self.describe))
            }
            let required = { (policy: LeadPolicy) in policy.fields.filter(\.required).map(\.id) }
            lines += prefixed("Leads", list("required fields", required(old), required(new)))
            lines += prefixed("Leads", value("fallback", old.fallback, new.fallback))
            lines += prefixed("Leads", list("sources", old.sources, new.sources))
            lines += prefixed("Leads", list("rejection reasons", old.rejectionReasons, new.rejectionReasons))
            lines += prefixed("Leads", list("dispositions", old.dispositions, new.dispositions))
            return lines
        }
    }

    // MARK: - Building blocks

    /// Added and removed elements by id, then the changes of each element kept, prefixed with its title.
    private func keyed<T: Identifiable>(
        _ noun: String, _ old: [T], _ new: [T], name: (T) -> String, compare: (T, T) -> [String]
    ) -> [String] where T.ID == String {
        keyed(noun, old, new, title: { "\(noun) \(name($0)) (\($0.id))" }, compare: compare)
    }

    private func keyed<T: Identifiable>(
        _ noun: String, _ old: [T], _ new: [T], title: (T) -> String, compare: (T, T) -> [String]
    ) -> [String] where T.ID == String {
        let oldIDs = Set(old.map(\.id)), newIDs = Set(new.map(\.id))
        var lines = old.filter { !newIDs.contains($0.id) }.map { "\(noun) removed: \(title($0))" }
        lines += new.filter { !oldIDs.contains($0.id) }.map { "\(noun) added: \(title($0))" }
        for element in new {
            guard let before = old.first(where: { $0.id == element.id }) else { continue }
            lines += prefixed(title(element), compare(before, element))
        }
        return lines
    }

    private func prefixed(_ title: String, _ changes: [String]) -> [String] { changes.map { "\(title): \($0)" } }

    private func value(_ label: String, _ old: String, _ new: String) -> [String] {
        old == new ? [] : ["\(label) \(old) → \(new)"]
    }

    /// "completion SLA 2 business days → 1" when the unit stays, the full form otherwise.
    private func value(_ label: String, _ old: BusinessDuration, _ new: BusinessDuration) -> [String] {
        guard old != new else { return [] }
        return ["\(label) \(old) → \(old.unit == new.unit ? String(new.amount) : new.description)"]
    }

    private func list(_ label: String, _ old: [String], _ new: [String]) -> [String] {
        let added = new.filter { !old.contains($0) }, removed = old.filter { !new.contains($0) }
        var lines: [String] = []
        if !added.isEmpty { lines.append("\(label) added: \(added.joined(separator: ", "))") }
        if !removed.isEmpty { lines.append("\(label) removed: \(removed.joined(separator: ", "))") }
        return lines
    }

    static func describe(_ pack: ReviewPackSchedule?) -> String {
        guard let pack else { return "none" }
        return "every \(pack.everyWeeks) weeks from \(pack.starting) at \(pack.time) (\(pack.calendar)) to \(pack.channels.isEmpty ? "inboxes only" : pack.channels.joined(separator: ", "))"
    }

    static func describe(_ level: EscalationLevel) -> String {
        let when = level.after.amount == 0 ? "at the deadline" : "\(level.after) after the deadline"
        return "\(level.action.rawValue) \(level.notify.joined(separator: " and ")) \(when)"
    }

    static func describe(_ channel: Channel) -> String {
        channel.kind.rawValue + (channel.target.map { " \($0)" } ?? "")
    }

    static func describe(_ member: PoolMember) -> String { "\(member.person) ×\(member.weight)" }

    static func hours(_ days: [WorkingDay]) -> String {
        days.map { "\($0.day.rawValue) \($0.start)-\($0.end)" }.joined(separator: ", ")
    }
}
