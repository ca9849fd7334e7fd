import Foundation

/// Draws a monthly audit's sample (G4): from the handoffs of both kinds that closed in the month, a random sample
/// that the seed reproduces exactly — half leads and half work where there are enough of each, the rest from the
/// other kind — and says so when the month has fewer than asked for.
public struct AuditSampler: Sendable {
    /// A closed handoff that may be drawn.
    public struct Candidate: Sendable, Equatable {
        public var subject: String
        public var closedAt: Date
        public var isLead: Bool

        public init(subject: String, closedAt: Date, isLead: Bool) {
            self.subject = subject
            self.closedAt = closedAt
            self.isLead = isLead
        }
    }

    public static let sizes = 10...20

    public let seed: UInt64
    public let size: Int

    public init(seed: UInt64, size: Int) {
        self.seed = seed
        self.size = size
    }

    /// The sample, in the order drawn, and a note when the month had fewer closed handoffs than `size`.
    public func draw(_ candidates: [Candidate], period: String) -> (sample: [Candidate], note: String) {
        var generator = SeededGenerator(seed: seed)
        // Sorted first, so the draw depends on the seed and the month's handoffs, not on the order they were read in.
        let leads = Self.shuffled(candidates.filter(\.isLead).sorted { $0.subject < $1.subject }, &generator)
        let work = Self.shuffled(candidates.filter { !$0.isLead }.sorted { $0.subject < $1.subject }, &generator)
        let half = (size + 1) / 2
        let leadCount = min(leads.count, max(half, size - work.count))
        let workCount = min(work.count, size - leadCount)
        let sample = Array(leads.prefix(leadCount)) + Array(work.prefix(workCount))
        guard sample.count < size else { return (sample, "") }
        let note = "Only \(candidates.count) handoff\(candidates.count == 1 ? "" : "s") closed in \(period) (\(leads.count) lead\(leads.count == 1 ? "" : "s"), \(work.count) work item\(work.count == 1 ? "" : "s")); "
            + (candidates.isEmpty ? "there is nothing to sample." : "the sample has all of them, not the \(size) asked for.")
        return (sample, note)
    }

    /// Fisher–Yates with the seeded generator, written out so that a later Swift cannot change a stored sample's draw.
    static func shuffled(_ items: [Candidate], _ generator: inout SeededGenerator) -> [Candidate] {
        var items = items
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        return items
    }
}
