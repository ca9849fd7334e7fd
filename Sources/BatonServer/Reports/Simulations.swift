import BatonCore
import BatonStore
import Foundation

/// Capacity simulations (`baton simulate`, its page, and the sales team page's warning): the lead handoff's tiers,
/// the pools' reps with their calendars, capacities and recorded absences, and arrival rates taken from the whole
/// weeks of history before today (scaled by `volume`), run forward from tomorrow, 00:00 UTC.
public struct Simulations: Sendable {
    let store: any BatonStorage

    public init(store: any BatonStorage) { self.store = store }

    /// What a simulation is asked: how far ahead, how much of the recent volume, how long a first touch takes.
    public struct Request: Sendable, Equatable {
        public var weeks: Int
        public var volume: Double
        public var handlingMinutes: Double
        public var historyWeeks: Int
        public var seed: UInt64

        public init(weeks: Int = 13, volume: Double = 1, handlingMinutes: Double = 6, historyWeeks: Int = 4, seed: UInt64 = 1) {
            self.weeks = weeks
            self.volume = volume
            self.handlingMinutes = handlingMinutes
            self.historyWeeks = historyWeeks
            self.seed = seed
        }

        /// Why the request cannot run, or nil.
        public var problem: String? {
            if !(1...26).contains(weeks) { return "weeks: expected 1 to 26" }
            if !(volume > 0 && volume <= 20) { return "volume: expected more than 0 and at most 20 (times the recent volume)" }
            if !(handlingMinutes > 0 && handlingMinutes <= 480) { return "handling: expected more than 0 and at most 480 minutes" }
            if !(1...26).contains(historyWeeks) { return "history: expected 1 to 26 weeks" }
            return nil
        }
    }

    /// The SLA attainment each tier falls short of, as a warning; the policy's `sla_compliance` benchmark minimum is
    /// the target, else 90 %.
    public static func target(_ policy: Policy) -> Double { policy.benchmarks.first { $0.metric == .slaCompliance }?.min ?? 90 }

    /// A tier at a local weekday and hour, for counting arrivals.
    private struct Slot: Hashable {
        let tier: String
        let weekday: Int
        let hour: Int
    }

    /// How long a touched lead stayed open, over the history: the median of first touch → closed (two days without any).
    static let defaultOpenSeconds: Double = 2 * 86_400

    public func run(_ request: Request, policy: Policy, now: Date) async throws -> CapacitySimulation? {
        guard let leads = policy.leads, let handoff = policy.leadHandoff, let calendar = policy.calendar(handoff.sla.calendar),
              let zone = TimeZone(identifier: calendar.timeZone), let time = BusinessTime(calendar) else { return nil }
        // Whole days, so that the same request gives the same figures all day: history up to today, simulated from
        // tomorrow.
        let today = ReportPeriod.startOfDay(now)
        let start = today.addingTimeInterval(86_400)
        let historyStart = today.addingTimeInterval(-Double(request.historyWeeks * 7 * 86_400))
        let journeys = try await store.leadJourneys(receivedFrom: historyStart, before: today)
        var local = Calendar(identifier: .gregorian)
        local.timeZone = zone
        var counts: [Slot: Double] = [:]
        for journey in journeys {
            guard journey.qualifiedAt != nil, let tier = journey.tier, let arrived = journey.receivedAt else { continue }
            let slot = CapacitySimulation.slot(of: arrived, in: local)
            counts[Slot(tier: tier, weekday: slot.weekday, hour: slot.hour), default: 0] += 1
        }
        let rates = counts.map { slot, count in
            CapacitySimulation.Rate(tier: slot.tier, weekday: slot.weekday, hour: slot.hour, leadsPerHour: count / Double(request.historyWeeks) * request.volume)
        }
        let openTimes = journeys.compactMap { journey -> Double? in
            guard let touched = journey.touchedAt, let closed = journey.rejectedAt ?? journey.dispositionAt, closed > touched else { return nil }
            return closed.timeIntervalSince(touched)
        }
        let times = policy.businessTimeByPerson()
        let absences = try await store.absences(endingAfter: start)
        let members = leads.pools.flatMap(\.members).map(\.person).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let reps = members.compactMap { person -> CapacitySimulation.Rep? in
            guard let time = times[person] else { return nil }
            return CapacitySimulation.Rep(
                id: person, time: time, capacity: leads.capacityByPerson[person],
                away: absences.filter { $0.person == person }.map { ($0.starts, $0.ends) })
        }
        return CapacitySimulation(CapacitySimulation.Input(
            start: start, end: start.addingTimeInterval(Double(request.weeks * 7 * 86_400)), rates: rates,
            tiers: leads.responseTiers.map { ($0.id, $0.response) }, reps: reps, calendar: time, zone: zone,
            handlingSeconds: request.handlingMinutes * 60, openSeconds: Spread(openTimes).median ?? Self.defaultOpenSeconds, seed: request.seed))
    }

    /// "Hand-raiser: 71.3 % of first touches within 5 minutes is expected, below the 90 % target." for each tier short.
    public static func warnings(_ simulation: CapacitySimulation, policy: Policy) -> [String] {
        let target = target(policy)
        return simulation.tiers.compactMap { tier in
            guard let percent = tier.attainment.percent, percent < target else { return nil }
            let label = policy.leads?.responseTiers.first { $0.id == tier.tier }?.label ?? tier.tier
            return "\(label): \(String(format: "%.1f", percent)) % of first touches within \(tier.response) is expected with the people and volume the team has, below the \(target.compactText) % target."
        }
    }

    public static func text(_ simulation: CapacitySimulation, policy: Policy, request: Request) -> String {
        var lines = ["Capacity simulation: the next \(request.weeks) weeks at \(request.volume.compactText)× the volume of the last \(request.historyWeeks), \(request.handlingMinutes.compactText) minutes per first touch, seed \(request.seed)"]
        lines += simulation.tiers.map { tier in
            "  \(tier.tier) (\(tier.response)): \(tier.leads) leads, \(tier.attainment.percent.map { String(format: "%.1f %%", $0) } ?? "no data") on time; wait median \(tier.wait.median.map { String(format: "%.0f", $0) } ?? "–") min, 90th percentile \(tier.wait.p90.map { String(format: "%.0f", $0) } ?? "–") min"
        }
        lines += simulation.reps.map { rep in
            "  \(policy.person(rep.rep)?.name ?? rep.rep): \(rep.leads) leads, busy \(rep.utilization.map { String(format: "%.0f %%", $0 * 100) } ?? "–") of working time, most open at once \(rep.peakOpen)"
        }
        if simulation.queued > 0 { lines.append("  \(simulation.queued) leads waited in the triage queue: every rep was at capacity.") }
        lines += warnings(simulation, policy: policy).map { "Warning: \($0)" }
        return lines.joined(separator: "\n")
    }
}
