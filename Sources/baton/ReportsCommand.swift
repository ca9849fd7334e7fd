import ArgumentParser
import BatonCore
import BatonServer
import Foundation

/// `baton reports`: the figures the team reviews, read from the database.
struct ReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports", abstract: "The Handoff Health Scorecard; lead KPIs, conversion and seams; rebuild the summaries reports read.",
        subcommands: [ScorecardCommand.self, ReviewPackCommand.self, LeadReportCommand.self, RebuildReportsCommand.self])
}

/// `baton reports leads`: the lead KPIs of the leads that arrived in a period (docs/metrics.md).
struct LeadReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leads",
        abstract: "Lead KPIs, conversion by segment, won deals and seams for the leads that arrived in a period.",
        discussion: "Figures with nothing to divide by read \"no data\". Definitions: docs/metrics.md.")

    @Option(help: "First day (YYYY-MM-DD, UTC) of arrivals to count; default: the beginning.") var from: String?
    @Option(help: "Last day (YYYY-MM-DD, UTC), included; default: today.") var to: String?
    @Option(
        name: .customLong("by"),
        help: "Split conversion by: \(LeadConversion.Segment.allCases.map(\.rawValue).joined(separator: ", ")). Repeatable; default source.")
    var segments: [String] = []
    @Flag(help: "Print CSV instead of text.") var csv = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let segments = try (self.segments.isEmpty ? ["source"] : self.segments).map { name in
            guard let segment = LeadConversion.Segment(rawValue: name) else {
                throw ValidationError("--by \(name): expected one of \(LeadConversion.Segment.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return segment
        }
        let now = SystemClock().now()
        let period: ReportPeriod
        do { period = try ReportPeriod(from: from, to: to, now: now) } catch { throw ValidationError(error.description) }
        let store = try await database.location().open()
        let report = try await LeadReports(store: store).report(period, segments: segments, now: now)
        print(csv ? LeadReports.csv(report) : LeadReports.text(report), terminator: csv ? "" : "\n")
    }
}

/// `baton reports scorecard`: every figure of both kinds of handoff, with its parts and its flag (docs/metrics.md).
struct ScorecardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "The Handoff Health Scorecard: brief compliance, rework, speed to lead, acceptance, SLA compliance and the rest.",
        discussion: "Reads the policy last loaded into the database (its benchmarks flag figures). Definitions: docs/metrics.md.")

    @Option(help: "First day (YYYY-MM-DD, UTC); default: the Monday twelve weeks before this week's.") var from: String?
    @Option(help: "Last day (YYYY-MM-DD, UTC), included; default: today.") var to: String?
    @Option(help: "Only this team (an id from the policy).") var team: String?
    @Option(help: "Only this handoff (an id from the policy, e.g. H1 or the lead handoff).") var handoff: String?
    @Option(help: "Only this channel (a lead's UTM medium, a brief's channel).") var channel: String?
    @Option(help: "Only this source (a lead's UTM source, a brief's first channel).") var source: String?
    @Flag(help: "Print CSV instead of text.") var csv = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let now = SystemClock().now()
        let period: ReportPeriod
        do { period = try ReportPeriod(from: from ?? Scorecards.defaultFrom(now: now), to: to, now: now) } catch { throw ValidationError(error.description) }
        if let problem = Scorecards.problem(with: period) { throw ValidationError(problem) }
        let (store, policy) = try await database.openWithPolicy()
        let filter = ScorecardFilter(team: team, handoff: handoff, channel: channel, source: source)
        let problems = Scorecards.problems(with: filter, policy: policy)
        if !problems.isEmpty { throw ValidationError(problems.joined(separator: "\n")) }
        let scorecard = try await Scorecards(store: store).scorecard(period, policy: policy, filter: filter, now: now)
        print(csv ? Scorecards.csv(scorecard) : Scorecards.text(scorecard), terminator: csv ? "" : "\n")
    }
}

/// `baton reports pack`: the biweekly review pack, as posted to Slack on the policy's schedule.
struct ReviewPackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "The biweekly review pack: SLA performance, disposition and rejection trends, definition changes.",
        discussion: "Each figure beside the period before. Reads the policy last loaded into the database.")

    @Option(help: "Last day the pack covers (YYYY-MM-DD, UTC), included; default: that of the last pack the schedule posted, else today.")
    var ending: String?
    @Option(help: "Weeks it covers; default: the policy's review_pack.every_weeks, else 2.") var weeks: Int?
    @Flag(help: "Print CSV instead of text.") var csv = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let now = SystemClock().now()
        let (store, policy) = try await database.openWithPolicy()
        let weeks = weeks ?? policy.reviewPack?.everyWeeks ?? 2
        guard (1...26).contains(weeks) else { throw ValidationError("--weeks \(weeks): expected 1 to 26") }
        var end = ReviewPacks.defaultEnd(policy: policy, now: now)
        if let ending {
            guard let day = Timestamp.day(ending) else { throw ValidationError("--ending \(ending): expected YYYY-MM-DD") }
            end = day.addingTimeInterval(86_400)
        }
        let pack = try await ReviewPacks(store: store).pack(ending: end, weeks: weeks, policy: policy, now: now)
        print(csv ? ReviewPacks.csv(pack) : ReviewPacks.text(pack), terminator: csv ? "" : "\n")
    }
}

/// `baton reports rebuild`: folds every lead's journey again from the event log, and writes every lead's replay
/// input again from its record.
struct RebuildReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild what reports and backtests read: the lead journeys, from the event log, and each lead's replay input, from its record (exact; both are also kept as leads and events are written).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.location().open()
        var started = Date()
        let count = try await store.rebuildJourneys()
        print("Rebuilt the journeys of \(count) leads from the event log in \(Self.seconds(since: started)) s.")
        started = Date()
        let replays = try await store.rebuildReplays()
        print("Rebuilt the replay inputs of \(replays) leads from their records in \(Self.seconds(since: started)) s.")
    }

    private static func seconds(since start: Date) -> String { String(format: "%.1f", Date().timeIntervalSince(start)) }
}
