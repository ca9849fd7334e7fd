/// Weighted round-robin across a routing pool that skips people who cannot take a lead now and stays fair over time.
///
/// Smooth weighted round-robin (as in nginx): on each pick every eligible member gains its weight in credit, the
/// member with the most credit is chosen and pays back the total weight of the eligible members. Members who are
/// skipped neither gain nor pay, so someone back from absence takes their normal share at once rather than a
/// burst of catch-up leads. Among the members available over a stretch of leads, each gets `weight / total` of them.
public struct WeightedRoundRobin: Sendable {
    /// Credit per person of one pool; persisted between decisions.
    public typealias Credits = [String: Int]

    /// Why a member was passed over for one lead.
    public enum Skip: Sendable, Equatable, CustomStringConvertible {
        case absent
        /// The member already had this lead (an escalation reassigns it to someone else).
        case alreadyHad
        case outsideWorkingHours
        case atCapacity(open: Int, limit: Int)

        public var description: String {
            switch self {
            case .absent: "absent"
            case .alreadyHad: "already had this lead"
            case .outsideWorkingHours: "outside working hours"
            case .atCapacity(let open, let limit): "at capacity (\(open) of \(limit) open leads)"
            }
        }
    }

    /// The result of one pick: who, or nobody, and why each other member was passed over.
    public struct Pick: Sendable, Equatable {
        public let person: String?
        public let skipped: [String: Skip]
        public let credits: Credits
    }

    public let pool: RoutingPool
    /// Each member's credit slot: the position of the person's first listing, so that a person listed twice has one
    /// credit, as by name.
    let slots: [Int]

    public init(pool: RoutingPool) {
        self.pool = pool
        var first: [String: Int] = [:]
        slots = pool.members.indices.map { position in
            if let slot = first[pool.members[position].person] { return slot }
            first[pool.members[position].person] = position
            return position
        }
    }

    /// Picks the next member; `skip` says why a member cannot take a lead now (nil when they can).
    public func pick(credits: Credits, skip: (String) -> Skip?) -> Pick {
        var credits = credits
        let pick = pick(credits: &credits) { position in skip(pool.members[position].person) }
        // A person listed twice is passed over for the reason found last, as a name can hold only one.
        let skipped = Dictionary(pick.skipped.map { (pool.members[$0.position].person, $0.skip) }, uniquingKeysWith: { $1 })
        return Pick(person: pick.chosen.map { pool.members[$0].person }, skipped: skipped, credits: credits)
    }

    /// A pick by position in `pool.members`: who (nil for nobody) and each member passed over, in order, with why.
    struct PositionPick: Sendable {
        let chosen: Int?
        let skipped: [(position: Int, skip: Skip)]
    }

    /// Picks the next member, moving `credits` (by name or by slot) on in place, untouched when nobody can take the
    /// lead; `skip` is given each member's position in `pool.members`, which lets a caller keep what it knows of the
    /// members in the same order instead of looking each up by name, and names no one it passes over until someone
    /// asks why.
    func pick<Book: CreditBook>(credits: inout Book, skipAt skip: (Int) -> Skip?) -> PositionPick {
        var skipped: [(position: Int, skip: Skip)] = []
        var eligible: [Int] = []
        // Room for every member at once: most of a large pool may be passed over (outside working hours) for a lead.
        skipped.reserveCapacity(pool.members.count)
        eligible.reserveCapacity(pool.members.count)
        for position in pool.members.indices {
            if let reason = skip(position) { skipped.append((position, reason)) } else { eligible.append(position) }
        }
        guard let first = eligible.first else { return PositionPick(chosen: nil, skipped: skipped) }
        let total = eligible.reduce(0) { $0 + pool.members[$1].weight }
        var chosen = first
        var best = Int.min
        for position in eligible {
            let member = pool.members[position]
            let credit = Self.add(member.weight, to: &credits[slot: slots[position], person: member.person])
            if credit > best {
                best = credit
                chosen = position
            }
        }
        credits[slot: slots[chosen], person: pool.members[chosen].person] -= total
        return PositionPick(chosen: chosen, skipped: skipped)
    }

    /// Adds `weight` to a credit in place and returns it: one lookup of the member's credit instead of a read and a write.
    private static func add(_ weight: Int, to credit: inout Int) -> Int {
        credit += weight
        return credit
    }
}
