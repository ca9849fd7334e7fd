import Foundation

/// The Handoff Health Scorecard (G7, G3, G6, X5): every figure of both kinds of handoff over a period, each with its
/// weekly trend, its parts (by stage, by kind of clock, by tier), its reasons (failure modes, rejection reasons,
/// gates bypassed), where it stands against the policy's diagnostic range, and the policy versions that came into
/// force, so a change in a figure can be tied to a change in the process.
///
/// Pure: it takes the journeys and items that may have an observation in the period and keeps those dated in it.
public struct Scorecard: Sendable {
    public var start: Date
    /// The first instant after the period.
    public var end: Date
    /// The start of each week (Monday 00:00 UTC) the period touches, oldest first.
    public var weeks: [Date]
    /// One per metric, tiles first.
    public var rows: [Row]
    /// Policy versions loaded during the period, oldest first.
    public var versions: [VersionMark]
    /// Every observation of the period, for the lists of items behind a figure.
    public var observations: [Observation]

    /// A policy version and when it came into force.
    public struct VersionMark: Sendable, Equatable {
        public var id: Int64
        public var at: Date

        public init(id: Int64, at: Date) {
            self.id = id
            self.at = at
        }
    }

    /// One metric: its figure over the period, per week, per part and per reason.
    public struct Row: Sendable {
        public var metric: ScorecardMetric
        public var figure: Figure
        /// One figure per week of `weeks`.
        public var trend: [Figure]
        public var parts: [Part]
        /// For a share: how many observations name each reason, of all the figure's observations.
        public var reasons: [(label: String, share: Share)]
        public var benchmark: Benchmark?

        /// Where the figure stands against its benchmark; nil without one or without data.
        public var reading: Benchmark.Reading? { figure.value.flatMap { value in benchmark?.reading(value) } }
    }

    /// A part of a figure: a stage, a kind of clock, a response tier.
    public struct Part: Sendable {
        public var label: String
        public var figure: Figure
    }

    /// `journeys` may come in parts (read side by side), which are observed as they are rather than joined first.
    public init(
        journeys: [[LeadJourney]], items: [WorkItem], policy: Policy, benchmarks: [Benchmark], from start: Date, to end: Date,
        filter: ScorecardFilter = ScorecardFilter(), versions: [VersionMark] = [], asOf now: Date
    ) {
        self.start = start
        self.end = end
        weeks = Self.weeks(from: start, to: end)
        self.versions = versions.filter { $0.at >= start && $0.at < end }.sorted { $0.at < $1.at }
        // A quarter of a large team is hundreds of thousands of journeys: observed, and each metric's row made, on
        // every core.
        // Each chunk of journeys gathers its observations in one array, and the period's are copied once.
        let leadObservations = journeys.flatMap { $0.chunks(of: 20_000) }.concurrentMap(chunk: 1) { chunk in
            var observed: [Observation] = []
            observed.reserveCapacity(chunk.count * 5)
            for journey in chunk where filter.keeps(journey, policy: policy) { journey.observe(asOf: now, into: &observed) }
            return observed
        }
        let workObservations = items.filter { filter.keeps($0, policy: policy) }.flatMap { $0.observations(asOf: now) }
        var inPeriod: [Observation] = []
        inPeriod.reserveCapacity(leadObservations.reduce(workObservations.count) { $0 + $1.count })
        for part in leadObservations + [workObservations] {
            inPeriod.append(contentsOf: part.lazy.filter { $0.at >= start && $0.at < end })
        }
        observations = inPeriod
        let byMetric = Dictionary(grouping: observations, by: \.metric)
        let weeks = weeks
        rows = ScorecardMetric.allCases.concurrentMap(chunk: 1) { metric in
            let observed = byMetric[metric] ?? []
            let byWeek = Dictionary(grouping: observed) { Self.week(of: $0.at) }
            let byPart = Dictionary(grouping: observed.filter { $0.group != nil }) { $0.group ?? "" }
            return Row(
                metric: metric, figure: Figure(metric, observed), trend: weeks.map { Figure(metric, byWeek[$0] ?? []) },
                parts: byPart.keys.sorted().map { Part(label: $0, figure: Figure(metric, byPart[$0] ?? [])) },
                reasons: Tally.of(observed.flatMap(\.reasons)).map { ($0.label, Share($0.count, of: observed.count)) },
                benchmark: benchmarks.first { $0.metric == metric })
        }
    }

    public var isEmpty: Bool { observations.isEmpty }

    public func row(_ metric: ScorecardMetric) -> Row? { rows.first { $0.metric == metric } }

    /// The observations behind a figure: one metric, optionally one week, one part, one reason; newest first.
    public func observations(of metric: ScorecardMetric, week: Date? = nil, part: String? = nil, reason: String? = nil) -> [Observation] {
        observations.filter { observation in
            observation.metric == metric && (week.map { Self.week(of: observation.at) == $0 } ?? true)
                && (part.map { observation.group == $0 } ?? true) && (reason.map { observation.reasons.contains($0) } ?? true)
        }.sorted { ($0.at, $0.subject.order) > ($1.at, $1.subject.order) }
    }

    /// The Monday 00:00 UTC that starts the week of `date`.
    public static func week(of date: Date) -> Date {
        // 1970-01-05 was a Monday.
        let monday = 4 * 86_400.0
        let weeks = ((date.timeIntervalSince1970 - monday) / (7 * 86_400)).rounded(.down)
        return Date(timeIntervalSince1970: monday + weeks * 7 * 86_400)
    }

    static func weeks(from start: Date, to end: Date) -> [Date] {
        guard start < end else { return [] }
        return Array(stride(from: week(of: start).timeIntervalSince1970, to: end.timeIntervalSince1970, by: 7 * 86_400).map(Date.init(timeIntervalSince1970:)).prefix(520))
    }
}

extension Observation.Subject {
    /// Leads before work, then by id: a stable order for lists.
    var order: Int64 {
        switch self {
        case .lead(let id): id
        case .work(let id): -id
        }
    }
}
