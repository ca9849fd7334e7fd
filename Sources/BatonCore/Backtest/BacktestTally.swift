extension Backtest {
    /// What one policy did with every lead a backtest replayed, counted as each is replayed: where the leads went,
    /// what sales answered of those it sent and what they became, and each owner's leads. Every figure of the
    /// comparison reads from it, so that a history of millions keeps no list of the leads that do not move.
    public struct Tally: Sendable, Equatable {
        /// Leads by destination.
        public private(set) var destinations: [LeadRoute.Destination: Int] = [:]
        /// Of the leads sent to sales: those sales answered, accepted, that opened an opportunity and that won.
        public private(set) var sales = 0, answered = 0, accepted = 0, opportunities = 0, won = 0
        /// Leads by owner.
        public private(set) var owners: [String: Int] = [:]

        /// Counts one lead the policy sent along `route`.
        mutating func count(_ route: LeadRoute, _ input: Input) {
            destinations[route.destination, default: 0] += 1
            if let owner = route.owner { owners[owner, default: 0] += 1 }
            guard route.destination == .sales else { return }
            sales += 1
            if let accepted = input.answer {
                answered += 1
                if accepted { self.accepted += 1 }
            }
            if input.openedOpportunity { opportunities += 1 }
            if input.won { won += 1 }
        }
    }
}
