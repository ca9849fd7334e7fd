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
        case outsideWorkingHours
        case atCapacity(open: Int, limit: Int)

        public var description: String {
            switch self {
            case .absent: "absent"
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

    public init(pool: RoutingPool) { self.pool = pool }

    /// Picks the next member; `skip` says why a member cannot take a lead now (nil when they can).
    public func pick(credits: Credits, skip: (String) -> Skip?) -> Pick {
        pick(credits: credits) { position in skip(pool.members[position].person) }
    }

    /// Picks the next member; `skip` is given each member's position in `pool.members`, which lets a caller keep
    /// what it knows of the members in the same order instead of looking each up by name.
    func pick(credits: Credits, skipAt skip: (Int) -> Skip?) -> Pick {
        var credits = credits
        var skipped: [String: Skip] = [:]
        var eligible: [PoolMember] = []
        // Room for every member at once: most of a large pool may be passed over (outside working hours) for a lead.
        skipped.reserveCapacity(pool.members.count)
        eligible.reserveCapacity(pool.members.count)
        for (position, member) in pool.members.enumerated() {
            if let reason = skip(position) { skipped[member.person] = reason } else { eligible.append(member) }
        }
        guard !eligible.isEmpty else { return Pick(person: nil, skipped: skipped, credits: credits) }
        let total = eligible.reduce(0) { $0 + $1.weight }
        var chosen = eligible[0].person
        var best = Int.min
        for member in eligible {
            let credit = Self.add(member.weight, to: &credits[member.person, default: 0])
            if credit > best {
                best = credit
                chosen = member.person
            }
        }
        credits[chosen, default: 0] -= total
        return Pick(person: chosen, skipped: skipped, credits: credits)
    }

    /// Adds `weight` to a credit in place and returns it: one lookup of the member's credit instead of a read and a write.
    private static func add(_ weight: Int, to credit: inout Int) -> Int {
        credit += weight
        return credit
    }
}
