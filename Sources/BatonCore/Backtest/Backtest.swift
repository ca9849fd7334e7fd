import Foundation
import Synchronization

/// A candidate policy replayed over stored leads (X2): each lead, as it is stored now (fields, activities, source),
/// is decided again by the candidate's validation, definition, scoring and routing at the time it arrived — and by
/// the policy in force, replayed the same way, so that what differs is the policy and not the order leads came in,
/// a manager's triage or a reassignment. Beside both stands what became of the lead (accepted or rejected,
/// opportunity, deal), which gives the candidate's expected acceptance and conversion.
///
/// Routing is replayed in arrival order with the people's recorded absences, and each owner's open leads count
/// against their capacity until the lead closed as recorded. Pure: nothing is stored.
public struct Backtest: Sendable {
    /// One lead under both policies, with its recorded outcome.
    public struct Lead: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var arrived: Date
        public var inForce: LeadRoute
        public var candidate: LeadRoute
        /// Sales' answer as recorded: accepted (true), rejected (false), or none.
        public var accepted: Bool?
        public var opportunity: Bool
        public var won: Bool

        public var moved: Bool { inForce.destination != candidate.destination || (candidate.destination == .sales && inForce.owner != candidate.owner) }
    }

    /// A person's leads under both policies, and the most they held open at once under each.
    public struct Load: Sendable, Equatable {
        public var person: String
        public var inForce: Int
        public var candidate: Int
        public var peakInForce: Int
        public var peakCandidate: Int
        public var capacity: Int?
    }

    /// A time a person was away.
    public struct Away: Sendable, Equatable {
        public var person: String
        public var from: Date
        public var until: Date

        public init(person: String, from: Date, until: Date) {
            self.person = person
            self.from = from
            self.until = until
        }
    }

    public var leads: [Lead]
    public var loads: [Load]

    public init(records: [LeadRecord], journeys: [Int64: LeadJourney], inForce current: Policy, candidate: Policy, away: [Away] = []) {
        let ordered = records.sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
        let (before, after) = Self.replayBoth(ordered, current, candidate, away)
        leads = ordered.enumerated().map { index, record in
            let journey = journeys[record.id]
            return Lead(
                id: record.id, name: record.displayName, arrived: record.receivedAt, inForce: before.routes[index], candidate: after.routes[index],
                accepted: record.acceptedAt != nil ? true : record.rejection != nil ? false : nil,
                opportunity: (journey?.opportunities ?? 0) > 0, won: (journey?.won ?? 0) > 0)
        }
        let capacities = candidate.leads?.capacityByPerson ?? [:]
        var counts: [String: (inForce: Int, candidate: Int)] = [:]
        for lead in leads {
            if let owner = lead.inForce.owner { counts[owner, default: (0, 0)].inForce += 1 }
            if let owner = lead.candidate.owner { counts[owner, default: (0, 0)].candidate += 1 }
        }
        loads = counts.keys.sorted().map { person in
            Load(person: person, inForce: counts[person]?.inForce ?? 0, candidate: counts[person]?.candidate ?? 0,
                 peakInForce: before.peaks[person] ?? 0, peakCandidate: after.peaks[person] ?? 0, capacity: capacities[person])
        }
    }

    /// The two replays, side by side on two threads: they share nothing but the records.
    static func replayBoth(_ records: [LeadRecord], _ current: Policy, _ candidate: Policy, _ away: [Away])
        -> (inForce: (routes: [LeadRoute], peaks: [String: Int]), candidate: (routes: [LeadRoute], peaks: [String: Int])) {
        let replays = Mutex<[Int: (routes: [LeadRoute], peaks: [String: Int])]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let replayed = replay(records, index == 0 ? current : candidate, away)
            replays.withLock { $0[index] = replayed }
        }
        return replays.withLock { ($0[0]!, $0[1]!) }
    }

    /// Each lead's route under `policy`, in the order given, and each owner's most open leads at once.
    static func replay(_ records: [LeadRecord], _ policy: Policy, _ away: [Away]) -> (routes: [LeadRoute], peaks: [String: Int]) {
        let pipeline = LeadPipeline(policy: policy)
        var state = RoutingState()
        var closings = EventQueue<String>()
        var peaks: [String: Int] = [:]
        var routes: [LeadRoute] = []
        routes.reserveCapacity(records.count)
        for record in records {
            let now = record.receivedAt
            // Leads closed by now free their owner's capacity; people away now are passed over.
            while let next = closings.nextTime, next <= now, let owner = closings.pop()?.event { state.openLeads[owner, default: 1] -= 1 }
            state.absent = Set(away.filter { $0.from <= now && now < $0.until }.map(\.person))
            let submission = LeadSubmission(
                source: record.source, sourceID: record.sourceID, submittedAt: record.submittedAt,
                fields: record.fields.merging(record.extras) { kept, _ in kept }, activities: record.activities)
            let (decision, next) = pipeline.decide(submission, at: now, state: state)
            state = next
            let route = LeadRoute(decision)
            if let owner = route.owner {
                // The router counted the lead against its owner; it counts until the lead closed as recorded.
                peaks[owner] = max(peaks[owner] ?? 0, state.openLeads[owner] ?? 0)
                if let closed = record.closedAt { closings.push(owner, at: closed) }
            }
            routes.append(route)
        }
        return (routes, peaks)
    }

    /// How many leads each policy sent to each destination.
    public func volume(_ destination: LeadRoute.Destination) -> (inForce: Int, candidate: Int) {
        (leads.filter { $0.inForce.destination == destination }.count, leads.filter { $0.candidate.destination == destination }.count)
    }

    /// Of the leads a policy sends to sales, those sales accepted of those it answered (the candidate's expected
    /// acceptance is measured on the leads it sends that sales did answer); `unanswered` counts the rest.
    public func acceptance(candidate: Bool) -> (share: Share, unanswered: Int) {
        let sent = leads.filter { (candidate ? $0.candidate : $0.inForce).destination == .sales }
        let answered = sent.filter { $0.accepted != nil }
        return (Share(answered.filter { $0.accepted == true }.count, of: answered.count), sent.count - answered.count)
    }

    /// Of the leads a policy sends to sales, those that opened an opportunity and those that won a deal.
    public func conversion(candidate: Bool) -> (opportunity: Share, won: Share) {
        let sent = leads.filter { (candidate ? $0.candidate : $0.inForce).destination == .sales }
        return (Share(sent.filter(\.opportunity).count, of: sent.count), Share(sent.filter(\.won).count, of: sent.count))
    }

    /// The leads the candidate sends elsewhere, then those it sends to someone else in sales.
    public var moved: [Lead] {
        let moved = leads.filter(\.moved)
        return moved.filter { $0.inForce.destination != $0.candidate.destination } + moved.filter { $0.inForce.destination == $0.candidate.destination }
    }

    /// How many leads the candidate sends to another destination, and how many only to another person in sales.
    public var moves: (destination: Int, owner: Int) {
        let moved = leads.filter(\.moved)
        let elsewhere = moved.filter { $0.inForce.destination != $0.candidate.destination }.count
        return (elsewhere, moved.count - elsewhere)
    }
}
