import Foundation

/// What routing knows about the people at the moment of a decision: who is away, how loaded each is, and the
/// round-robin credits of every pool.
public struct RoutingState: Sendable, Equatable {
    public var absent: Set<String>
    public var openLeads: [String: Int]
    /// Pool id → credits.
    public var credits: [String: WeightedRoundRobin.Credits]

    public init(absent: Set<String> = [], openLeads: [String: Int] = [:], credits: [String: WeightedRoundRobin.Credits] = [:]) {
        self.absent = absent
        self.openLeads = openLeads
        self.credits = credits
    }
}

/// A routing decision as stored with the lead, so anyone can ask why it went where it went (X3).
public struct LeadAssignment: Sendable, Equatable, Codable {
    /// The rule that matched; nil when the fallback took the lead.
    public var rule: String?
    public var ruleLabel: String?
    public var matchedBecause: String
    /// Each earlier rule and why it did not match.
    public var passedOver: [PassedRule]
    /// The pool the owner was picked from, if any.
    public var pool: String?
    /// Pool members passed over for this lead and why ("ana": "absent").
    public var skipped: [String: String]
    public var owner: String?
    public var queue: String?
    /// One sentence: "Routed to Ana Costa by rule emea (region is emea; company_size at least 50) through pool emea-sdr."
    public var summary: String
}

/// Routes a lead: the first matching rule, then the pool's weighted round-robin over the members who are present,
/// in working hours and under capacity, then the fallback (F4, X3). Pure: the state comes in and goes out.
public struct LeadRouter: Sendable {
    private let rules: RuleRouter
    private let labels: [String: String]
    /// Pool id → the pool, its round-robin, its index and what routing asks of each member.
    private let pools: [String: PoolFacts]
    /// Everyone routing can name as an owner (the policy's people, pool members, named accounts' owners, rules'
    /// and the fallback's people), by name: their index in a `RoutingLedger`.
    private let people: [String: Int]
    /// Each calendar's business time, once: members on one calendar are open or closed together.
    private let times: [BusinessTime]
    private let names: [String: String]
    private let fallback: RoutingTarget

    /// What routing asks of a pool member: the most open leads they take (nil for no limit), where their
    /// calendar's business time is in `times` (nil without one), and their index in `people`.
    private struct MemberFacts: Sendable {
        let capacity: Int?
        let time: Int?
        let person: Int
    }

    /// A pool as routing reads it: its round-robin, its index in a `RoutingLedger`, and each member's facts in the
    /// order of its members.
    private struct PoolFacts: Sendable {
        let robin: WeightedRoundRobin
        let index: Int
        let members: [MemberFacts]

        var pool: RoutingPool { robin.pool }
    }

    /// `times`: each person's business time, when the caller already has them (they share their memo of local days).
    public init(policy: Policy, times: [String: BusinessTime]? = nil) {
        let leads = policy.leads
        let fallbackText = leads?.fallback ?? ""
        fallback = fallbackText.isEmpty ? .queue("unrouted") : RoutingTarget(parsing: fallbackText)
        rules = RuleRouter(rules: leads?.routingRules ?? [], fallback: fallback)
        labels = Dictionary((leads?.routingRules ?? []).map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let pools = Dictionary((leads?.pools ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var everyone = policy.people.map(\.id) + (leads?.pools ?? []).flatMap { $0.members.map(\.person) }
        for rule in leads?.routingRules ?? [] {
            everyone += rule.namedAccounts.values.sorted()
            if case .person(let id)? = rule.target { everyone.append(id) }
        }
        if case .person(let id) = fallback { everyone.append(id) }
        var people: [String: Int] = [:]
        for person in everyone where people[person] == nil { people[person] = people.count }
        self.people = people
        let hours = times ?? policy.businessTimeByPerson()
        var calendars: [String: Int] = [:], distinct: [BusinessTime] = []
        for time in hours.values where calendars[time.calendar.id] == nil {
            calendars[time.calendar.id] = distinct.count
            distinct.append(time)
        }
        self.times = distinct
        let order = Dictionary(uniqueKeysWithValues: pools.keys.sorted().enumerated().map { ($1, $0) })
        self.pools = pools.mapValues { pool in
            let byPerson = Dictionary(pool.members.map { member in
                (member.person, MemberFacts(capacity: member.capacity, time: hours[member.person].flatMap { calendars[$0.calendar.id] }, person: people[member.person]!))
            }, uniquingKeysWith: { first, second in
                // A person listed twice keeps the first limit given, as `LeadPolicy.capacityByPerson` reads it.
                MemberFacts(capacity: first.capacity ?? second.capacity, time: first.time, person: first.person)
            })
            return PoolFacts(robin: WeightedRoundRobin(pool: pool), index: order[pool.id]!, members: pool.members.map { byPerson[$0.person]! })
        }
        names = Dictionary(policy.people.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// Decides the owner or queue; returns the assignment and the routing state after it.
    public func route(_ facts: RoutingFacts, at now: Date, state: RoutingState, excluding: Set<String> = []) -> (LeadAssignment, RoutingState) {
        var state = state
        let assignment = route(facts, at: now, state: &state, excluding: excluding)
        return (assignment, state)
    }

    /// Decides the owner or queue and moves `state` on in place (a replay of many leads copies no state).
    public func route(_ facts: RoutingFacts, at now: Date, state: inout RoutingState, excluding: Set<String> = []) -> LeadAssignment {
        explain(choose(facts, at: now, state: &state, excluding: excluding))
    }

    /// A routing decision before it is put in words: the rule's decision, the pool, who was passed over (by
    /// position in the pool) and why, and the owner or queue. `explain` writes it as the assignment stored with a
    /// lead; a backtest, which replays millions of leads, writes it only for the leads that move.
    public struct Choice: Sendable {
        /// The rule that matched (or the fallback), with what made it match and why earlier rules did not.
        public let decision: RuleRouter.Decision
        /// The pool the rule's target named, if any.
        public fileprivate(set) var pool: String?
        fileprivate var skipped: [(position: Int, skip: WeightedRoundRobin.Skip)] = []
        /// Whether the rule's pool had nobody who could take the lead, so that the fallback took it.
        fileprivate var nobodyInPool = false
        /// The person who takes the lead, or the queue it waits in.
        public fileprivate(set) var owner: String?
        public fileprivate(set) var queue: String?

        fileprivate init(decision: RuleRouter.Decision) { self.decision = decision }
    }

    /// Decides the owner or queue, moving `state` on in place (the pool's credits, the owner's open leads), without
    /// writing why.
    public func choose(_ facts: RoutingFacts, at now: Date, state: inout RoutingState, excluding: Set<String> = []) -> Choice {
        choose(facts, at: now, book: &state, excluding: excluding)
    }

    /// A ledger for this router's people and pools with nobody away, no open leads and no credits.
    func ledger() -> RoutingLedger {
        RoutingLedger(people: people, poolSizes: pools.values.sorted { $0.index < $1.index }.map { $0.pool.members.count })
    }

    /// `choose` on a state by name or a ledger by position: the same decision.
    func choose<Book: RoutingBook>(_ facts: RoutingFacts, at now: Date, book state: inout Book, excluding: Set<String> = []) -> Choice {
        var choice = Choice(decision: rules.decide(facts))
        var target = choice.decision.target
        if case .pool(let id) = target {
            let (owner, skipped) = pick(from: id, at: now, state: &state, excluding: excluding)
            (choice.pool, choice.skipped) = (id, skipped)
            if let owner {
                target = .person(owner)
            } else {
                // The policy's fallback is a person or a queue, never a pool.
                choice.nobodyInPool = true
                target = fallback
            }
        }
        switch target {
        case .person(let id):
            choice.owner = id
            // The lead counts against its owner, whoever named them: the pool, a named account, the fallback.
            if let index = people[id] { state.countLead(of: id, index: index) }
        case .queue(let name): choice.queue = name
        case .pool: choice.queue = "unrouted"
        }
        return choice
    }

    /// The assignment a choice reads as: the rule and why it matched, each member passed over and why, and the
    /// sentence that says it all.
    public func explain(_ choice: Choice) -> LeadAssignment {
        let decision = choice.decision
        let members = choice.pool.flatMap { pools[$0]?.pool.members } ?? []
        var skipped: [String: String] = [:]
        for (position, skip) in choice.skipped { skipped[members[position].person] = skip.description }
        var assignment = LeadAssignment(
            rule: decision.rule, ruleLabel: decision.rule.flatMap { labels[$0] }, matchedBecause: decision.matchedBecause,
            passedOver: decision.passedOver, pool: choice.pool, skipped: skipped, owner: choice.owner, queue: choice.queue, summary: "")
        assignment.summary = summary(assignment, notes: choice.nobodyInPool ? ["nobody in pool \(choice.pool ?? "") could take it"] : [])
        return assignment
    }

    /// The pool's weighted round-robin over the members who can take the lead now: the owner, if any, and the
    /// members passed over, by position in the pool, with why.
    private func pick<Book: RoutingBook>(from poolID: String, at now: Date, state: inout Book, excluding: Set<String>)
        -> (owner: String?, skipped: [(position: Int, skip: WeightedRoundRobin.Skip)]) {
        guard let facts = pools[poolID] else { return (nil, []) }
        let pool = facts.pool
        // Whether each calendar is open now, asked once per calendar rather than once per member.
        var open = [Bool?](repeating: nil, count: times.count)
        func skip(_ position: Int, hoursMatter: Bool) -> WeightedRoundRobin.Skip? {
            let (person, member) = (pool.members[position].person, facts.members[position])
            if !excluding.isEmpty && excluding.contains(person) { return .alreadyHad }
            if state.isAbsent(person, index: member.person) { return .absent }
            if let limit = member.capacity {
                let count = state.openLeads(of: person, index: member.person)
                if count >= limit { return .atCapacity(open: count, limit: limit) }
            }
            if hoursMatter, let index = member.time {
                let isOpen = open[index] ?? times[index].isOpen(at: now)
                open[index] = isOpen
                if !isOpen { return .outsideWorkingHours }
            }
            return nil
        }
        // Taken out of the state and put back, so that the pick moves them on in place rather than copying them.
        var credits = state.takeCredits(of: poolID, index: facts.index)
        var result = facts.robin.pick(credits: &credits, skipAt: { skip($0, hoursMatter: true) })
        if result.chosen == nil, result.skipped.contains(where: { $0.skip == .outsideWorkingHours }) {
            // Nobody is at work: share among those present and under capacity; their SLA clock starts when they open.
            result = facts.robin.pick(credits: &credits, skipAt: { skip($0, hoursMatter: false) })
        }
        state.putCredits(credits, of: poolID, index: facts.index)
        return (result.chosen.map { pool.members[$0].person }, result.skipped)
    }

    private func summary(_ assignment: LeadAssignment, notes: [String]) -> String {
        var text: String
        if let owner = assignment.owner {
            text = "Routed to \(names[owner] ?? owner)"
        } else {
            text = "Queued in \(assignment.queue ?? "unrouted")"
        }
        if let rule = assignment.rule {
            text += " by rule \(rule) (\(assignment.matchedBecause))"
        } else {
            text += " by the fallback: no rule matched"
        }
        if let pool = assignment.pool, assignment.owner != nil { text += " through pool \(pool)" }
        if !assignment.skipped.isEmpty {
            text += "; passed over " + assignment.skipped.sorted { $0.key < $1.key }.map { "\(names[$0.key] ?? $0.key) (\($0.value))" }.joined(separator: ", ")
        }
        if !notes.isEmpty { text += "; " + notes.joined(separator: "; ") }
        return text + "."
    }
}

extension Policy {
    /// A person's own calendar, or their team's.
    public func calendar(forPerson person: Person) -> BusinessCalendar? {
        calendar(person.calendar ?? team(person.team)?.calendar ?? "")
    }

    /// Each person's business time; people on the same calendar share one, and with it its memo of local days.
    public func businessTimeByPerson() -> [String: BusinessTime] {
        var byCalendar: [String: BusinessTime] = [:]
        var byPerson: [String: BusinessTime] = [:]
        for person in people {
            guard let calendar = calendar(forPerson: person) else { continue }
            if byCalendar[calendar.id] == nil { byCalendar[calendar.id] = BusinessTime(calendar) }
            byPerson[person.id] = byCalendar[calendar.id]
        }
        return byPerson
    }
}
