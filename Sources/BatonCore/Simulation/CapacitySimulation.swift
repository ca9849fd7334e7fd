import Foundation

/// How well a team can meet its lead response SLAs (X4, D7), by discrete-event simulation with a fixed seed.
///
/// Sales-ready leads arrive at the rates given per tier, weekday and hour (Poisson within each hour). Each goes to the
/// rep who is at work or next at work, not away and under capacity, with the fewest leads waiting (then the fewest
/// so far, as round-robin shares them); when everyone is at capacity it waits in the triage queue until someone frees
/// up. A rep takes their leads in arrival order, only in their working hours: the first touch is made when they take
/// it, and the lead holds them for a handling time (exponential around its mean) before they take the next. A
/// touched lead stays open, counting against capacity, for as long as leads stayed open after the first touch. A lead
/// meets its SLA when the first touch comes by its deadline: the tier's response time on the lead handoff's calendar.
public struct CapacitySimulation: Sendable {
    /// Leads per hour for one tier at one local weekday (1 = Monday … 7 = Sunday) and hour (0–23).
    public struct Rate: Sendable, Equatable {
        public var tier: String
        public var weekday: Int
        public var hour: Int
        public var leadsPerHour: Double

        public init(tier: String, weekday: Int, hour: Int, leadsPerHour: Double) {
            self.tier = tier
            self.weekday = weekday
            self.hour = hour
            self.leadsPerHour = leadsPerHour
        }
    }

    /// A rep as the simulation sees them.
    public struct Rep: Sendable {
        public var id: String
        public var time: BusinessTime
        public var capacity: Int?
        /// Times away: [from, until).
        public var away: [(from: Date, until: Date)]

        public init(id: String, time: BusinessTime, capacity: Int?, away: [(from: Date, until: Date)] = []) {
            self.id = id
            self.time = time
            self.capacity = capacity
            self.away = away
        }
    }

    public struct Input: Sendable {
        public var start: Date
        public var end: Date
        public var rates: [Rate]
        /// Tier id → response time.
        public var tiers: [(id: String, response: BusinessDuration)]
        public var reps: [Rep]
        /// The lead handoff's calendar: deadlines and the local weekday and hour of the rates.
        public var calendar: BusinessTime
        public var zone: TimeZone
        /// Mean working seconds a lead holds its rep from the first touch before they take the next.
        public var handlingSeconds: Double
        /// How long a touched lead stays open (wall clock), counting against capacity.
        public var openSeconds: Double
        public var seed: UInt64

        public init(
            start: Date, end: Date, rates: [Rate], tiers: [(id: String, response: BusinessDuration)], reps: [Rep], calendar: BusinessTime,
            zone: TimeZone, handlingSeconds: Double, openSeconds: Double, seed: UInt64
        ) {
            self.start = start
            self.end = end
            self.rates = rates
            self.tiers = tiers
            self.reps = reps
            self.calendar = calendar
            self.zone = zone
            self.handlingSeconds = handlingSeconds
            self.openSeconds = openSeconds
            self.seed = seed
        }
    }

    /// What one tier can expect.
    public struct TierResult: Sendable {
        public var tier: String
        public var response: BusinessDuration
        public var leads: Int
        /// First touches by the deadline, of the leads whose touch or deadline fell in the period.
        public var attainment: Share
        /// Arrival to first touch, wall-clock minutes (a lead not touched by the end waits until the end).
        public var wait: Spread
    }

    /// What one rep can expect.
    public struct RepResult: Sendable {
        public var rep: String
        public var leads: Int
        /// Handling time within the period, of their working time in it.
        public var utilization: Double?
        public var peakOpen: Int
    }

    public var tiers: [TierResult]
    public var reps: [RepResult]
    /// Leads that waited in the triage queue because every rep was at capacity.
    public var queued: Int

    private enum Step {
        case arrive(tier: Int)
        case finish(rep: Int)
        case close(rep: Int)
    }

    private struct Lead {
        var tier: Int
        var arrived: Date
        var deadline: Date
    }

    public init(_ input: Input) {
        var generator = SeededGenerator(seed: input.seed)
        var queue = EventQueue<Step>()
        var localCalendar = Calendar(identifier: .gregorian)
        localCalendar.timeZone = input.zone
        let tierIndex = Dictionary(input.tiers.enumerated().map { ($1.id, $0) }) { first, _ in first }
        // In a fixed order: rates read from a dictionary come in any order, and each draw consumes the generator.
        let rates = input.rates.filter { tierIndex[$0.tier] != nil }.sorted { ($0.tier, $0.weekday, $0.hour) < ($1.tier, $1.weekday, $1.hour) }
        let ratesBySlot = Dictionary(grouping: rates) { "\($0.weekday)-\($0.hour)" }
        // Arrivals: each hour of the period, Poisson for each tier's rate at that local weekday and hour.
        var hour = input.start
        while hour < input.end {
            let slot = Self.slot(of: hour, in: localCalendar)
            for rate in ratesBySlot["\(slot.weekday)-\(slot.hour)"] ?? [] {
                for _ in 0..<Self.poisson(rate.leadsPerHour, &generator) {
                    queue.push(.arrive(tier: tierIndex[rate.tier]!), at: hour.addingTimeInterval(Double.random(in: 0..<3600, using: &generator)))
                }
            }
            hour = hour.addingTimeInterval(3600)
        }
        var waiting = Array(repeating: [Lead](), count: input.reps.count)
        var busy = Array(repeating: false, count: input.reps.count)
        var open = Array(repeating: 0, count: input.reps.count)
        var peak = Array(repeating: 0, count: input.reps.count)
        var handled = Array(repeating: 0, count: input.reps.count)
        var handling = Array(repeating: 0.0, count: input.reps.count)
        var triage: [Lead] = []
        var queuedCount = 0
        var outcomes: [[(met: Bool, wait: Double)]] = Array(repeating: [], count: input.tiers.count)

        // Reps share a few calendars: each arrival asks each calendar once whether it is open and when it next opens.
        var calendars: [BusinessTime] = []
        let calendarOf = input.reps.map { rep in
            if let known = calendars.firstIndex(where: { $0.calendar == rep.time.calendar }) { return known }
            calendars.append(rep.time)
            return calendars.count - 1
        }

        func away(_ rep: Int, at time: Date) -> Date? { input.reps[rep].away.first { $0.from <= time && time < $0.until }?.until }
        func hasRoom(_ rep: Int) -> Bool { input.reps[rep].capacity.map { open[rep] < $0 } ?? true }
        func take(_ lead: Lead, by rep: Int, at time: Date) {
            waiting[rep].append(lead)
            open[rep] += 1
            peak[rep] = max(peak[rep], open[rep])
            if !busy[rep] { startNext(rep, at: time) }
        }
        func startNext(_ rep: Int, at time: Date) {
            guard !waiting[rep].isEmpty else {
                busy[rep] = false
                return
            }
            var start = input.reps[rep].time.nextOpen(atOrAfter: time) ?? input.end
            while let back = away(rep, at: start) { start = input.reps[rep].time.nextOpen(atOrAfter: back) ?? input.end }
            // The period is over before the rep can take it: it stays waiting, and misses.
            guard start < input.end else {
                busy[rep] = false
                return
            }
            let lead = waiting[rep].removeFirst()
            let seconds = -input.handlingSeconds * log(1 - Double.random(in: 0..<1, using: &generator))
            let done = input.reps[rep].time.deadline(from: start, addingSeconds: seconds) ?? input.end
            busy[rep] = true
            handled[rep] += 1
            handling[rep] += input.reps[rep].time.workingSeconds(from: start, to: min(done, input.end))
            outcomes[lead.tier].append((start <= lead.deadline, max(start.timeIntervalSince(lead.arrived), 0) / 60))
            queue.push(.finish(rep: rep), at: done)
            queue.push(.close(rep: rep), at: start.addingTimeInterval(input.openSeconds))
        }
        while let (time, step) = queue.pop(), time < input.end {
            switch step {
            case .arrive(let tier):
                let deadline = input.calendar.deadline(from: time, adding: input.tiers[tier].response) ?? time
                let lead = Lead(tier: tier, arrived: time, deadline: deadline)
                // Present and under capacity; at work now first, then whoever is next at work; fewest waiting.
                let candidates = input.reps.indices.filter { away($0, at: time) == nil && hasRoom($0) }
                let clocks = calendars.map { (open: $0.isOpen(at: time), next: $0.nextOpen(atOrAfter: time) ?? .distantFuture) }
                let chosen = candidates.min { a, b in
                    let (clockA, clockB) = (clocks[calendarOf[a]], clocks[calendarOf[b]])
                    if clockA.open != clockB.open { return clockA.open }
                    if clockA.next != clockB.next { return clockA.next < clockB.next }
                    return (waiting[a].count + (busy[a] ? 1 : 0), handled[a] + waiting[a].count, a) < (waiting[b].count + (busy[b] ? 1 : 0), handled[b] + waiting[b].count, b)
                }
                if let chosen { take(lead, by: chosen, at: time) } else {
                    triage.append(lead)
                    queuedCount += 1
                }
            case .finish(let rep):
                startNext(rep, at: time)
            case .close(let rep):
                open[rep] -= 1
                if !triage.isEmpty, away(rep, at: time) == nil, hasRoom(rep) { take(triage.removeFirst(), by: rep, at: time) }
            }
        }
        // Leads nobody took (no rep could, or not before the run ended) miss their deadline.
        for lead in triage + waiting.flatMap({ $0 }) {
            outcomes[lead.tier].append((false, max(input.end.timeIntervalSince(lead.arrived), 0) / 60))
        }
        tiers = input.tiers.enumerated().map { index, tier in
            let results = outcomes[index]
            return TierResult(tier: tier.id, response: tier.response, leads: results.count, attainment: Share(results.filter(\.met).count, of: results.count),
                              wait: Spread(results.map(\.wait)))
        }
        reps = input.reps.enumerated().map { index, rep in
            let working = rep.time.workingSeconds(from: input.start, to: input.end)
            return RepResult(rep: rep.id, leads: handled[index], utilization: working > 0 ? handling[index] / working : nil, peakOpen: peak[index])
        }
        queued = queuedCount
    }

    /// The local weekday (1 = Monday … 7 = Sunday) and hour of `date` in `calendar`'s time zone: the slot of a rate.
    public static func slot(of date: Date, in calendar: Calendar) -> (weekday: Int, hour: Int) {
        let parts = calendar.dateComponents([.weekday, .hour], from: date)
        // Foundation counts weekdays from Sunday = 1.
        return (((parts.weekday ?? 1) + 5) % 7 + 1, parts.hour ?? 0)
    }

    /// A Poisson count with mean `mean` (Knuth's method; the hourly means here are small).
    static func poisson(_ mean: Double, _ generator: inout SeededGenerator) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 { return max(0, Int((mean + sqrt(mean) * Self.normal(&generator)).rounded())) }
        let limit = exp(-mean)
        var count = 0
        var product = Double.random(in: 0..<1, using: &generator)
        while product > limit {
            count += 1
            product *= Double.random(in: 0..<1, using: &generator)
        }
        return count
    }

    private static func normal(_ generator: inout SeededGenerator) -> Double {
        let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &generator), v = Double.random(in: 0..<1, using: &generator)
        return sqrt(-2 * log(u)) * cos(2 * .pi * v)
    }
}
