import Foundation

/// The SLA Timeline of one item (D2, H4): every step with the time it was planned for and the time it happened,
/// then what is still to come. Built from the item's events and its pending timers, so it needs nothing else.
public struct SLATimeline: Sendable {
    /// One row of the timeline.
    public struct Step: Sendable, Equatable {
        public enum State: String, Sendable, Equatable {
            /// Happened; nothing was planned for it.
            case happened
            /// Stopped a clock before its deadline.
            case onTime = "on_time"
            /// Stopped a clock after its deadline, or a timer that fired (its lateness is how long acting took).
            case late
            /// Planned and not yet due.
            case upcoming
            /// Planned, due, and not done.
            case overdue
        }

        public var event: String
        public var planned: Date?
        public var actual: Date?
        public var state: State
        public var actor: String?
        public var payload: [String: String]

        /// Seconds between the plan and what happened (or now, when overdue); nil without a plan.
        public func offset(now: Date) -> TimeInterval? {
            planned.map { (actual ?? now).timeIntervalSince($0) }
        }
    }

    /// A clock on the item: started by events that carry its deadline under `dueKey`, stopped by others.
    /// Its row, while it runs, is named `name` (e.g. "lead.first_touch_due").
    public struct Clock: Sendable {
        public var name: String
        public var starts: Set<String>
        public var dueKey: String
        public var stops: Set<String>

        public init(name: String, starts: Set<String>, dueKey: String, stops: Set<String>) {
            self.name = name
            self.starts = starts
            self.dueKey = dueKey
            self.stops = stops
        }
    }

    /// A lead's two clocks: the response (assignment to first touch) and the disposition (first touch to outcome).
    public static let leadClocks = [
        Clock(name: "lead.first_touch_due", starts: ["lead.assigned", "lead.reassigned"], dueKey: "due", stops: ["lead.first_touch"]),
        Clock(name: "lead.disposition_due", starts: ["lead.first_touch"], dueKey: "disposition_due", stops: ["lead.disposition", "lead.rejected"]),
    ]

    /// Events that a timer fired, with the deadline under "due".
    public static let timerEvents: Set<String> = [
        "lead.sla_at_risk", "lead.sla_breached", "lead.escalation_reminder", "lead.escalated", "lead.disposition_overdue",
    ]

    public let steps: [Step]

    public init(events: [Event], pending: [PlannedTimer], clocks: [Clock] = leadClocks, now: Date) {
        var steps: [Step] = []
        var running: [String: Date] = [:]
        for event in events {
            let payload = event.details
            var step = Step(event: event.type, planned: nil, actual: event.at, state: .happened, actor: event.actor, payload: payload)
            for clock in clocks where clock.stops.contains(event.type) {
                guard let due = running.removeValue(forKey: clock.name) else { continue }
                step.planned = due
                step.state = event.at <= due ? .onTime : .late
            }
            if Self.timerEvents.contains(event.type), let due = payload["due"].flatMap(Self.date) {
                step.planned = due
                step.state = .late
            }
            for clock in clocks where clock.starts.contains(event.type) {
                running[clock.name] = payload[clock.dueKey].flatMap(Self.date)
            }
            steps.append(step)
        }
        var ahead = running.map { name, due in
            Step(event: name, planned: due, actual: nil, state: due < now ? .overdue : .upcoming, actor: nil, payload: [:])
        }
        ahead += pending.map { timer in
            Step(
                event: "timer.\(timer.kind.rawValue)", planned: timer.due, actual: nil, state: timer.due < now ? .overdue : .upcoming, actor: nil,
                payload: ["level": String(timer.level)])
        }
        self.steps = steps + ahead.sorted { ($0.planned ?? now) < ($1.planned ?? now) }
    }

    private static func date(_ text: String) -> Date? {
        text.isEmpty ? nil : try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
