import Foundation

/// What one step of a work item changes beyond the item itself: events to append (announced when they notify
/// someone), SLA timers to start and clocks to stop. A refused action may still carry events (the gate result that
/// blocked it, stored for "why was this blocked"), with `refusal` saying why nothing else changed.
public struct WorkChange: Sendable, Equatable {
    public var events: [NewEvent] = []
    public var startTimers: [PlannedTimer] = []
    /// Pending timers of these clocks are cancelled before `startTimers` are added.
    public var cancelClocks: Set<String> = []
    public var refusal: WorkActionError?

    public init() {}

    public mutating func merge(_ other: WorkChange) {
        events += other.events
        cancelClocks.formUnion(other.cancelClocks)
        startTimers = startTimers.filter { !other.cancelClocks.contains($0.clock) } + other.startTimers
        refusal = refusal ?? other.refusal
    }
}

/// A work action that is not allowed now, with the reason a person can read and, for a gate, each failed check.
public struct WorkActionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The item's state does not allow it (409).
        case conflict
        /// What was sent is wrong or incomplete (400).
        case invalid
        /// The caller is not the person the policy names for it (403).
        case forbidden
        /// A gate's checks fail (422).
        case gate
    }

    public var kind: Kind
    public var code: String
    public var message: String
    public var details: [String]

    public init(_ kind: Kind, code: String, message: String, details: [String] = []) {
        self.kind = kind
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String { message }
}

/// Who is away and how loaded people are, read when work is assigned; round-robin credits per role.
public struct WorkRoster: Sendable, Equatable {
    public var absent: Set<String>
    /// Person id → open work tasks (offered, active or handed over and not yet accepted).
    public var openTasks: [String: Int]
    /// "role:ID" → credits of the weighted round-robin among the role's holders.
    public var credits: [String: WeightedRoundRobin.Credits]

    public init(absent: Set<String> = [], openTasks: [String: Int] = [:], credits: [String: WeightedRoundRobin.Credits] = [:]) {
        self.absent = absent
        self.openTasks = openTasks
        self.credits = credits
    }
}
