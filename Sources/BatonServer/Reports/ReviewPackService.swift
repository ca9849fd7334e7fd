import BatonCore
import BatonStore
import Foundation
import Logging
import ServiceLifecycle

/// Posts the biweekly review pack on the policy's schedule (H7): at each pack time it appends one
/// `report.review_pack` event per Slack channel, announced to the notification service, which puts the summary in
/// the inboxes of admins, ops and sales managers and posts it to Slack with its retries.
///
/// Each pack is posted once however many instances run: the events are appended under the pack time's key, which
/// only the first instance gets. A pack more than a day late (the server was down) is not posted; the page has it.
public struct ReviewPackService: Service {
    let store: any BatonStorage
    let clock: any Clock
    let policy: Policy
    let publicURL: String
    /// Slack channel → incoming webhook, to post once per webhook when channels share one.
    let webhooks: [String: String]
    let logger: Logger
    let pollInterval: Duration

    static let eventType = "report.review_pack"
    /// How late a pack may still be posted.
    static let lateness: TimeInterval = 86_400

    init(store: any BatonStorage, clock: any Clock, policy: Policy, configuration: ServerConfiguration, logger: Logger, pollInterval: Duration = .seconds(30)) {
        self.store = store
        self.clock = clock
        self.policy = policy
        publicURL = configuration.publicURL
        webhooks = configuration.slackWebhooks
        self.logger = logger
        self.pollInterval = pollInterval
    }

    /// Runs until shutdown even without a schedule: a service that returns would stop the server with it.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await postDue()
            } catch {
                logger.error("The review pack could not be posted", metadata: ["error": "\(error)"])
            }
            // A long pause: shutting down must not wait for it.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
        }
    }

    /// Posts the pack of the latest pack time when it has come (and is not a day late) and no instance posted it
    /// yet; returns whether this call posted it.
    @discardableResult
    public func postDue() async throws -> Bool {
        guard let schedule = policy.reviewPack, let zone = policy.calendar(schedule.calendar).flatMap({ TimeZone(identifier: $0.timeZone) }) else {
            return false
        }
        let now = clock.now()
        guard let slot = schedule.latestSlot(atOrBefore: now, in: zone), now.timeIntervalSince(slot) < Self.lateness else { return false }
        let key = "review_pack:" + Timestamp.text(slot)
        // The pack is computed only when no instance has posted it; appendOnce decides between instances that race.
        guard try await !store.anyDeliverySeen(source: "once", ids: [key]) else { return false }
        let (_, end) = schedule.period(for: slot, in: zone)
        let pack = try await ReviewPacks(store: store).pack(ending: end, weeks: schedule.everyWeeks, policy: policy, now: now)
        let lastDay = String(Timestamp.text(end.addingTimeInterval(-1)).prefix(10))
        let summary = ReviewPacks.text(pack)
        let readers = policy.people.filter { [.admin, .ops, .salesManager].contains($0.access) }.map(\.id)
        let events = channels(schedule).enumerated().map { index, channel in
            NewEvent(
                type: Self.eventType, subject: "review-pack:\(lastDay)", actor: "system", at: now,
                // The inboxes get the pack once, with the first channel's post.
                payload: ["channel": channel, "summary": summary, "recipients": index == 0 ? readers.joined(separator: ",") : ""],
                announce: ["notifications"])
        }
        let posted = try await store.appendOnce(events, key: key, at: now)
        if posted { logger.info("Review pack posted", metadata: ["period_ends": "\(lastDay)", "channels": "\(schedule.channels)"]) }
        return posted
    }

    /// The schedule's channels, one per Slack webhook (two channels served by one webhook would post twice); one
    /// entry, for the inboxes, when there is none.
    func channels(_ schedule: ReviewPackSchedule) -> [String] {
        var seen: Set<String> = []
        let distinct = schedule.channels.filter { channel in
            guard let url = webhooks[channel] ?? webhooks["*"] else { return true }
            return seen.insert(url).inserted
        }
        return distinct.isEmpty ? [""] : distinct
    }

    /// The pack's last day in a subject such as "review-pack:2026-11-29".
    static func lastDay(inSubject subject: String?) -> String? {
        guard let subject, subject.hasPrefix("review-pack:") else { return nil }
        let day = String(subject.dropFirst("review-pack:".count))
        return Timestamp.day(day) == nil ? nil : day
    }
}
