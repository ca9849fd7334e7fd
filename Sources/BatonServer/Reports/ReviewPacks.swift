import BatonCore
import BatonPolicy
import BatonStore
import Foundation

/// The biweekly review pack (`baton reports pack`, its page, and the post on the policy's schedule): a period's
/// scorecards and lead journeys beside the period before, and the policy versions loaded in it as readable diffs.
public struct ReviewPacks: Sendable {
    let store: any BatonStorage

    public init(store: any BatonStorage) { self.store = store }

    /// The pack of the `weeks` × 7 days before `end` (an instant, normally a UTC midnight).
    public func pack(ending end: Date, weeks: Int, policy: Policy, now: Date) async throws -> ReviewPack {
        let length = Double(weeks * 7 * 86_400)
        let current = ReportPeriod(start: end.addingTimeInterval(-length), end: end)
        let previous = ReportPeriod(start: current.start.addingTimeInterval(-length), end: current.start)
        let scorecards = Scorecards(store: store)
        // Each period's journeys are read once, the two periods side by side, and serve both its scorecard and the
        // pack's own sections.
        async let currentJourneys = store.leadJourneys(receivedFrom: current.start, before: current.end)
        async let previousJourneys = store.leadJourneys(receivedFrom: previous.start, before: previous.end)
        let (journeys, before) = try await (currentJourneys, previousJourneys)
        async let currentCard = scorecards.scorecard(current, journeys: [journeys], policy: policy, now: now)
        async let previousCard = scorecards.scorecard(previous, journeys: [before], policy: policy, now: now)
        return ReviewPack(
            current: try await currentCard, previous: try await previousCard, journeys: journeys, previousJourneys: before,
            policy: policy, changes: try await changes(in: current))
    }

    /// The end of the pack shown when none is asked for: that of the last pack the schedule posted, else one that
    /// covers today (tomorrow's UTC midnight).
    public static func defaultEnd(policy: Policy, now: Date) -> Date {
        if let schedule = policy.reviewPack, let zone = policy.calendar(schedule.calendar).flatMap({ TimeZone(identifier: $0.timeZone) }),
           let slot = schedule.latestSlot(atOrBefore: now, in: zone) {
            return schedule.period(for: slot, in: zone).end
        }
        return ReportPeriod.startOfDay(now).addingTimeInterval(86_400)
    }

    /// Each policy version loaded in the period, with what it changed from the version before it.
    private func changes(in period: ReportPeriod) async throws -> [ReviewPack.DefinitionChange] {
        let versions = try await store.policyVersions().sorted { $0.id < $1.id }
        var changes: [ReviewPack.DefinitionChange] = []
        for (index, version) in versions.enumerated() where version.loadedAt >= period.start && version.loadedAt < period.end {
            let new = try? PolicyLoader.parse(version.source, file: version.file).policy
            let old = index > 0 ? try? PolicyLoader.parse(versions[index - 1].source, file: versions[index - 1].file).policy : nil
            let lines: [String] = switch (old, new) {
            case let (old?, new?): PolicyDiff(old: old, new: new).changes.nilIfEmpty ?? ["no change to the definitions (the file's text changed)"]
            case (nil, _?): ["the first policy version"]
            default: ["the stored text could not be read again"]
            }
            changes.append(ReviewPack.DefinitionChange(version: version.id, at: version.loadedAt, by: version.loadedBy, lines: lines))
        }
        return changes
    }

    /// The pack as text (the Slack summary and the command line) and as CSV.
    public static func text(_ pack: ReviewPack, link: String? = nil) -> String { ReviewPackText(pack: pack).summary(link: link) }
    public static func csv(_ pack: ReviewPack) -> String { ReviewPackText(pack: pack).csv() }
}

extension Array {
    /// nil for an empty array.
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
