import Foundation

/// A candidate policy replayed over stored leads (X2): each lead, as it is stored now (fields, activities, source),
/// is decided again by the candidate's validation, definition, scoring and routing at the time it arrived — and by
/// the policy in force, replayed the same way, so that what differs is the policy and not the order leads came in,
/// a manager's triage or a reassignment. Beside both stands what became of the lead (accepted or rejected,
/// opportunity, deal), which gives the candidate's expected acceptance and conversion.
///
/// Routing is replayed in arrival order with the people's recorded absences, and each owner's open leads count
/// against their capacity until the lead closed as recorded. Pure: nothing is stored.
public struct Backtest: Sendable {
    /// One lead under both policies, with its recorded outcome: kept, with its name, only when it moves and is
    /// among the first `keeping` of its kind of move.
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

        public var moved: Bool { inForce.moved(to: candidate) }
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

    /// How many leads were replayed.
    public private(set) var count = 0
    /// What the policy in force and the candidate did with them.
    public var tallies: (inForce: Tally, candidate: Tally) { (inForce.tally, candidate.tally) }
    /// How many leads the candidate sends to another destination, and how many only to another person in sales.
    public private(set) var moves = (destination: 0, owner: 0)
    /// The leads kept of those that move to another destination, and of those that move to another person, in
    /// arrival order.
    private var elsewhere: [Lead] = [], reassigned: [Lead] = []
    /// How many leads of each kind of move are kept, with their name and why; nil keeps all.
    private let keeping: Int?
    private var inForce: Replay
    private var candidate: Replay
    private let judging: Judging
    private let capacities: [String: Int]

    /// A backtest with nothing replayed yet; `replay` feeds it the leads, oldest first. `keeping` is how many leads
    /// of each kind of move to keep with their name and why (the first, as `moved` lists them; nil for all): a
    /// history of a million leads may move half of them, and a summary shows a few.
    public init(inForce current: Policy, candidate: Policy, away: [Away] = [], keeping: Int? = nil) {
        self.keeping = keeping
        inForce = Replay(LeadPipeline(policy: current), away: away)
        self.candidate = Replay(LeadPipeline(policy: candidate), away: away)
        judging = Judging(inForce: inForce.pipeline, candidate: self.candidate.pipeline)
        capacities = candidate.leads?.capacityByPerson ?? [:]
    }

    /// Leads judged under both policies and not yet routed, in arrival order: made by this backtest's `judge` or
    /// `route(_:whileJudging:)` and routed once, in the order they were made (routing carries each policy's
    /// state from one lead to the next).
    public struct Judged: Sendable {
        fileprivate let inputs: [Input]
        fileprivate let verdicts: [(Verdict, Verdict)]
    }

    /// Replays the next leads, in arrival order and after every lead replayed before: judged, then routed.
    public mutating func replay(_ inputs: [Input]) { route(judge(inputs)) }

    /// Judges leads under both policies on every core: judging depends on no other lead.
    public func judge(_ inputs: [Input]) -> Judged {
        let judging = judging
        return Judged(inputs: inputs, verdicts: inputs.concurrentMap(chunk: Self.piece) { judging.judge($0) })
    }

    /// Routes leads judged before, in arrival order and after every lead routed so far.
    public mutating func route(_ judged: Judged) { _ = route(judged, whileJudging: []) }

    /// Routes leads judged before and, on the same cores at the same time, judges the next leads: each policy routes
    /// in order on a thread of its own (routing carries round-robin turns and open leads from one lead to the next),
    /// and the next leads are judged in pieces on whichever core routing leaves free. A history read in chunks keeps
    /// both cores busy by routing one chunk while judging the next.
    public mutating func route(_ judged: Judged, whileJudging next: [Input]) -> Judged {
        /// One piece of the work: one policy's routing of every judged lead, or the judging of some of the next.
        enum Job: Sendable {
            case route(candidate: Bool)
            case judge(Range<Int>)
        }
        enum Done: Sendable {
            case routed(Replay, [Replay.Routed], candidate: Bool)
            case judged([(Verdict, Verdict)])
        }
        let (before, judging) = ((inForce, candidate), judging)
        let pieces = stride(from: 0, to: next.count, by: Self.piece).map { Job.judge($0..<min(next.count, $0 + Self.piece)) }
        let done = ([Job.route(candidate: false), .route(candidate: true)] + pieces).concurrentMap(chunk: 1) { job in
            switch job {
            case .route(let isCandidate):
                var replay = isCandidate ? before.1 : before.0
                let routes = replay.route(judged.inputs, judgements: judged.verdicts, candidate: isCandidate)
                return Done.routed(replay, routes, candidate: isCandidate)
            case .judge(let range):
                return Done.judged(next[range].map { judging.judge($0) })
            }
        }
        var verdicts: [(Verdict, Verdict)] = []
        verdicts.reserveCapacity(next.count)
        var routes: (inForce: [Replay.Routed], candidate: [Replay.Routed]) = ([], [])
        for result in done {  // in order: the pieces judged come back as they were cut
            switch result {
            case .routed(let replay, let routed, candidate: false): (inForce, routes.inForce) = (replay, routed)
            case .routed(let replay, let routed, candidate: true): (candidate, routes.candidate) = (replay, routed)
            case .judged(let part): verdicts += part
            }
        }
        compare(judged.inputs, routes.inForce, routes.candidate)
        return Judged(inputs: next, verdicts: verdicts)
    }

    /// How many leads are judged at a time on one core: small enough that, while routing runs, the core which
    /// finishes routing first takes its share of the judging.
    private static let piece = 500

    /// Counts the leads that move from the policy in force's route to the candidate's, and keeps those asked for.
    private mutating func compare(_ inputs: [Input], _ inForceRoutes: [Replay.Routed], _ candidateRoutes: [Replay.Routed]) {
        for (index, input) in inputs.enumerated() where inForceRoutes[index].route.moved(to: candidateRoutes[index].route) {
            let (mine, theirs) = (inForceRoutes[index].route, candidateRoutes[index].route)
            let isElsewhere = mine.destination != theirs.destination
            if isElsewhere { moves.destination += 1 } else { moves.owner += 1 }
            // Only the leads that move are kept, as many as asked for, with their name and why: the others are
            // counted, so that a history of millions stays small and only the leads shown are explained.
            guard (isElsewhere ? elsewhere.count : reassigned.count) < keeping ?? .max else { continue }
            let lead = Lead(
                id: input.id, name: LeadRecord.displayName(fields: input.fields, id: input.id), arrived: input.receivedAt,
                inForce: inForce.explained(inForceRoutes[index], input), candidate: candidate.explained(candidateRoutes[index], input),
                accepted: input.answer, opportunity: input.openedOpportunity, won: input.won)
            if isElsewhere { elsewhere.append(lead) } else { reassigned.append(lead) }
        }
        count += inputs.count
    }

    /// How one lead is judged under both policies, reading it once where the two read alike.
    struct Judging: Sendable {
        let inForce: LeadPipeline
        let candidate: LeadPipeline
        private let alike: Alike

        /// How much of a lead the candidate reads as the policy in force does: all of it up to the verdict (its
        /// judgement is the in-force one's with its own thresholds), its validation only, or nothing.
        private enum Alike {
            case reading, validation, nothing
        }

        init(inForce: LeadPipeline, candidate: LeadPipeline) {
            (self.inForce, self.candidate) = (inForce, candidate)
            alike = inForce.readsLike(candidate) ? .reading : inForce.validatesLike(candidate) ? .validation : .nothing
        }

        /// The lead's verdict under the policy in force and under the candidate, judged silently: why a lead went
        /// where it did is written only for the leads a backtest keeps (`Replay.explained`).
        func judge(_ input: Input) -> (Verdict, Verdict) {
            let (submission, at) = (input.submission, input.receivedAt)
            let validated = inForce.validate(submission)
            let judgement = inForce.judge(submission, validated: validated, at: at, wording: .silent)
            let other = switch alike {
            case .reading: candidate.judge(submission, readAs: judgement, at: at, wording: .silent)
            case .validation: candidate.judge(submission, validated: validated, at: at, wording: .silent)
            case .nothing: candidate.judge(submission, at: at, wording: .silent)
            }
            return (Verdict(judgement), Verdict(other))
        }
    }

    /// Each person's leads under both policies and the most they held open at once, by person.
    public var loads: [Load] {
        let (mine, theirs) = (tallies.inForce.owners, tallies.candidate.owners)
        return Set(mine.keys).union(theirs.keys).sorted().map { person in
            Load(person: person, inForce: mine[person] ?? 0, candidate: theirs[person] ?? 0,
                 peakInForce: inForce.peak(of: person), peakCandidate: candidate.peak(of: person), capacity: capacities[person])
        }
    }

    /// What routing needs of a policy's (silent) judgement of one lead: where it goes when the policy does not route
    /// it, else the facts routing reads and its response tier. The rest of the judgement (fields, problems, score lines) is
    /// let go where it was made, on every core, rather than carried to routing.
    enum Verdict: Sendable {
        case unrouted(LeadRoute)
        case routable(RoutingFacts, tier: String?)

        init(_ judgement: LeadPipeline.Judgement) {
            self = judgement.routable ? .routable(judgement.routingFacts, tier: judgement.tier?.id) : .unrouted(LeadRoute(judgement.decision))
        }
    }

    /// One policy's routing through the replayed leads: its routing state, the leads its owners hold open until they
    /// closed as recorded, and each owner's most open leads at once.
    struct Replay: Sendable {
        let pipeline: LeadPipeline
        let away: [Away]
        /// Who is away, open leads and round-robin credits, by the router's index of each person.
        var ledger: RoutingLedger
        /// Each routed lead's owner, by index, at the time the lead closed as recorded.
        var closings = EventQueue<Int>()
        /// The most open leads each person held at once, by index.
        private var peaks: [Int]
        var tally = Tally()

        init(_ pipeline: LeadPipeline, away: [Away]) {
            self.pipeline = pipeline
            self.away = away
            ledger = pipeline.ledger()
            peaks = Array(repeating: 0, count: ledger.open.count)
        }

        /// The most open leads the person held at once.
        func peak(of person: String) -> Int { ledger.people[person].map { peaks[$0] } ?? 0 }

        /// Where a policy sent one lead; for a lead it routed, the routing choice, which says why only when asked.
        /// Until `explained`, the route's `because` is empty: judged silently, or routed without words.
        struct Routed: Sendable {
            var route: LeadRoute
            var choice: LeadRouter.Choice?
        }

        /// Where the policy sends each lead, in the order given, from its judgement of it: the first (in force) or
        /// second (candidate) of each pair, read in place.
        mutating func route(_ inputs: [Input], judgements: [(Verdict, Verdict)], candidate: Bool) -> [Routed] {
            inputs.indices.map { index in
                let routed = candidate ? route(inputs[index], judgements[index].1) : route(inputs[index], judgements[index].0)
                tally.count(routed.route, inputs[index])
                return routed
            }
        }

        private mutating func route(_ input: Input, _ verdict: Verdict) -> Routed {
            switch verdict {
            case .unrouted(let route): Routed(route: route)
            case .routable(let facts, let tier): route(input, facts, tier: tier)
            }
        }

        private mutating func route(_ input: Input, _ facts: RoutingFacts, tier: String?) -> Routed {
            let now = input.receivedAt
            // Leads closed by now free their owner's capacity; people away now are passed over.
            while let next = closings.nextTime, next <= now, let owner = closings.pop()?.event { ledger.closeLead(of: owner) }
            if !away.isEmpty { ledger.setAbsent(away.filter { $0.from <= now && now < $0.until }.map(\.person)) }
            let choice = pipeline.choose(facts, at: now, ledger: &ledger)
            // The router counted the lead against its owner (the ledger knows everyone it can name); it counts until
            // the lead closed as recorded.
            if let owner = choice.owner, let person = ledger.people[owner] {
                peaks[person] = max(peaks[person], ledger.open[person])
                if let closed = input.closedAt { closings.push(person, at: closed) }
            }
            let route = LeadRoute(destination: .sales, owner: choice.owner, queue: choice.queue, tier: tier, because: "")
            return Routed(route: route, choice: choice)
        }

        /// The route of `input` with why it went there: for a routed lead, its choice in words; for another, its
        /// judgement made again, explained (judging is pure: it decides as the silent judgement did).
        func explained(_ routed: Routed, _ input: Input) -> LeadRoute {
            guard let choice = routed.choice else { return LeadRoute(pipeline.judge(input.submission, at: input.receivedAt).decision) }
            return LeadRoute(pipeline.explain(choice), tier: routed.route.tier)
        }
    }

    /// How many leads each policy sent to each destination.
    public func volume(_ destination: LeadRoute.Destination) -> (inForce: Int, candidate: Int) {
        (tallies.inForce.destinations[destination] ?? 0, tallies.candidate.destinations[destination] ?? 0)
    }

    /// Of the leads a policy sends to sales, those sales accepted of those it answered (the candidate's expected
    /// acceptance is measured on the leads it sends that sales did answer); `unanswered` counts the rest.
    public func acceptance(candidate: Bool) -> (share: Share, unanswered: Int) {
        let tally = candidate ? tallies.candidate : tallies.inForce
        return (Share(tally.accepted, of: tally.answered), tally.sales - tally.answered)
    }

    /// Of the leads a policy sends to sales, those that opened an opportunity and those that won a deal.
    public func conversion(candidate: Bool) -> (opportunity: Share, won: Share) {
        let tally = candidate ? tallies.candidate : tallies.inForce
        return (Share(tally.opportunities, of: tally.sales), Share(tally.won, of: tally.sales))
    }

    /// The leads kept of those the candidate sends elsewhere, then of those it sends to someone else in sales.
    public var moved: [Lead] { elsewhere + reassigned }
}
