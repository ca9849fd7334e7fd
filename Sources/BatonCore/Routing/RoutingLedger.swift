/// What routing reads and moves on of the people as it decides a lead: who is away, each person's open leads and
/// each pool's round-robin credits. `RoutingState` keeps them by name, as the stores keep them; `RoutingLedger` by
/// the router's index of each person and pool, for a replay of millions of leads. Each person is given by name and
/// by index, and each book reads the one it keeps.
protocol RoutingBook {
    associatedtype PoolCredits: CreditBook
    func isAbsent(_ person: String, index: Int) -> Bool
    func openLeads(of person: String, index: Int) -> Int
    /// Counts a lead against the person.
    mutating func countLead(of person: String, index: Int)
    /// Takes the pool's credits out, so that a pick moves them on in place rather than copying them; `putCredits`
    /// puts them back.
    mutating func takeCredits(of pool: String, index: Int) -> PoolCredits
    mutating func putCredits(_ credits: PoolCredits, of pool: String, index: Int)
}

/// A pool's round-robin credits as a pick reads and moves them: by the member's slot (the position of the person's
/// first listing in the pool, so that a person listed twice has one credit) or by name.
protocol CreditBook {
    subscript(slot slot: Int, person person: String) -> Int { get set }
}

extension Dictionary: CreditBook where Key == String, Value == Int {
    subscript(slot _: Int, person person: String) -> Int {
        get { self[person, default: 0] }
        _modify { yield &self[person, default: 0] }
    }
}

extension RoutingState: RoutingBook {
    func isAbsent(_ person: String, index _: Int) -> Bool { !absent.isEmpty && absent.contains(person) }
    func openLeads(of person: String, index _: Int) -> Int { openLeads[person, default: 0] }
    mutating func countLead(of person: String, index _: Int) { openLeads[person, default: 0] += 1 }
    mutating func takeCredits(of pool: String, index _: Int) -> WeightedRoundRobin.Credits { credits.removeValue(forKey: pool) ?? [:] }
    mutating func putCredits(_ credits: WeightedRoundRobin.Credits, of pool: String, index _: Int) { self.credits[pool] = credits }
}

/// Routing state by position (`LeadRouter.ledger()`): who is away, open leads and credits held in arrays by the
/// router's index of each person and pool, so that routing a lead hashes no member's name. Routes as a
/// `RoutingState` would; a backtest replays its leads on one.
struct RoutingLedger: RoutingBook, Sendable {
    /// Every person the router can name as an owner, by name: their index.
    let people: [String: Int]
    private var absent: [Bool]
    /// Open leads by person index.
    private(set) var open: [Int]
    private var credits: [SlotCredits]

    /// A pool's credits by slot.
    struct SlotCredits: CreditBook, Sendable {
        var values: [Int]

        subscript(slot slot: Int, person _: String) -> Int {
            get { values[slot] }
            _modify { yield &values[slot] }
        }
    }

    /// Nobody away, no open leads, no credits: `people` by index, and the number of members of each pool by index.
    init(people: [String: Int], poolSizes: [Int]) {
        self.people = people
        absent = Array(repeating: false, count: people.count)
        open = Array(repeating: 0, count: people.count)
        credits = poolSizes.map { SlotCredits(values: Array(repeating: 0, count: $0)) }
    }

    /// The people away now, by name: everyone else is present.
    mutating func setAbsent(_ away: some Sequence<String>) {
        absent = Array(repeating: false, count: absent.count)
        for person in away { if let index = people[person] { absent[index] = true } }
    }

    /// Counts one of the person's leads closed.
    mutating func closeLead(of index: Int) { open[index] -= 1 }

    func isAbsent(_ person: String, index: Int) -> Bool { absent[index] }
    func openLeads(of person: String, index: Int) -> Int { open[index] }
    mutating func countLead(of person: String, index: Int) { open[index] += 1 }

    mutating func takeCredits(of pool: String, index: Int) -> SlotCredits {
        let taken = credits[index]
        credits[index].values = []
        return taken
    }

    mutating func putCredits(_ credits: SlotCredits, of pool: String, index: Int) { self.credits[index] = credits }
}
