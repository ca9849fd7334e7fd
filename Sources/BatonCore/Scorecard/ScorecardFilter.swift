/// The segment a scorecard is narrowed to (G6): a team, a handoff, a channel, a source. Each applies to both kinds
/// of handoff where it means something, and a lead handoff keeps only leads, an asset handoff only work.
///
/// - team: leads whose owner is on the team; work with a task owned by, or a role of, the team;
/// - handoff: for the lead handoff, every lead; for an asset handoff, the work with a task that hands on at it;
/// - channel: leads whose UTM medium is it; work whose brief lists it among its channels;
/// - source: leads whose UTM source is it; work whose first channel (its UTM source) is it.
/// Channel and source compare without regard to case.
public struct ScorecardFilter: Sendable, Equatable {
    public var team: String?
    public var handoff: String?
    public var channel: String?
    public var source: String?

    public init(team: String? = nil, handoff: String? = nil, channel: String? = nil, source: String? = nil) {
        self.team = team
        self.handoff = handoff
        self.channel = channel
        self.source = source
    }

    public var isEmpty: Bool { self == ScorecardFilter() }

    public func keeps(_ journey: LeadJourney, policy: Policy) -> Bool {
        if let handoff, policy.handoff(handoff)?.item != .lead { return false }
        if let team, journey.owner.flatMap(policy.person)?.team != team { return false }
        if let channel, !Self.same(journey.channel, channel) { return false }
        if let source, !Self.same(journey.source, source) { return false }
        return true
    }

    public func keeps(_ item: WorkItem, policy: Policy) -> Bool {
        if let handoff, !item.tasks.contains(where: { $0.handoff == handoff }) { return false }
        if let team, !item.tasks.contains(where: { task in
            task.owner.flatMap(policy.person)?.team == team || policy.role(task.role)?.team == team
        }) { return false }
        let channels = (item.fields["channels"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        if let channel, !channels.contains(where: { Self.same($0, channel) }) { return false }
        if let source, !Self.same(channels.first, source) { return false }
        return true
    }

    private static func same(_ value: String?, _ wanted: String) -> Bool {
        value.map { $0.lowercased() == wanted.lowercased() } ?? false
    }
}
