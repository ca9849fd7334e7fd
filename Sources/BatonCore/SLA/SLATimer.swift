import Foundation

/// A moment at which an SLA clock needs attention, planned when the clock starts and stored so it survives
/// restarts. The same mechanism serves leads and work items: the subject names the item ("lead:42").
public struct PlannedTimer: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        /// Three quarters of the working time allowed has passed.
        case atRisk = "at_risk"
        /// The deadline itself.
        case breach
        /// An escalation level from the policy, `level` counting from 0.
        case escalate
        /// The disposition is due (H6).
        case dispositionDue = "disposition_due"

        /// Whether firing may reassign: only an escalation does, and it is the one kind that reads and changes the
        /// routing state (round-robin credits, open leads). The others only announce.
        public var mayReassign: Bool { self == .escalate }
    }

    public var kind: Kind
    /// The escalation level for `.escalate`, otherwise 0.
    public var level: Int
    public var due: Date
    /// Which of an item's clocks the timer belongs to ("task:design:response", "review:brand:2"); empty for a lead's.
    public var clock: String

    public init(kind: Kind, level: Int = 0, due: Date, clock: String = "") {
        self.kind = kind
        self.level = level
        self.due = due
        self.clock = clock
    }
}

/// Plans the timers of one SLA clock on a business calendar: at risk, breach, then each escalation level at its
/// business-time offset after the deadline (D2–D4). Outside working hours the clock does not run.
public struct SLATimerPlanner: Sendable {
    public let time: BusinessTime

    public init(time: BusinessTime) { self.time = time }

    /// The deadline and every timer of a clock started at `start` for `allowed` business time.
    public func plan(from start: Date, allowed: BusinessDuration, escalation: [EscalationLevel], clock: String = "") -> (deadline: Date, timers: [PlannedTimer])? {
        guard let deadline = time.deadline(from: start, adding: allowed) else { return nil }
        var timers: [PlannedTimer] = []
        let window = time.workingSeconds(from: start, to: deadline)
        if window > 0, let risk = time.deadline(from: start, addingSeconds: window * 0.75), risk < deadline {
            timers.append(PlannedTimer(kind: .atRisk, due: risk, clock: clock))
        }
        timers.append(PlannedTimer(kind: .breach, due: deadline, clock: clock))
        for (level, step) in escalation.enumerated() {
            guard let due = time.deadline(from: deadline, adding: step.after) else { continue }
            timers.append(PlannedTimer(kind: .escalate, level: level, due: due, clock: clock))
        }
        return (deadline, timers)
    }
}
