import AsyncHTTPClient
import BatonCore
import BatonStore
import Foundation
import Logging
import NIOCore
import ServiceLifecycle

/// Delivers announced events (F3, D1): every notification goes to its recipients' in-app inbox and, when a Slack
/// incoming webhook is configured for the channel, to Slack. A failed Slack delivery is retried with exponential
/// backoff (1 s, 2 s, 4 s … at most 5 minutes; Slack's Retry-After is honoured) and shown to admins until it
/// succeeds; the inbox is written once however often a delivery is retried, and before any post to Slack.
/// Delivering an assignment records `lead.owner_notified`.
///
/// Several instances on one database share the work: each claims due messages under its own `claimant` (a lease
/// that a dead instance's claims outlive by at most `deliveryLease`), and a post to Slack is begun in the
/// database first (one row per message and destination, by primary key), so no two instances post the same one.
public struct NotificationService: Service {
    let store: any BatonStorage
    let clock: any Clock
    let text: NotificationText
    /// Slack channel ("#sdr-leads") → incoming webhook URL; "*" serves every other channel.
    let webhooks: [String: String]
    let logger: Logger
    let pollInterval: Duration
    /// How long a post to Slack may take before it counts as unconfirmed.
    let slackTimeout: TimeAmount
    /// This instance, with the lease its claims on messages carry.
    let claimant: Claimant

    static let topic = "notifications"
    static let longestWait: TimeInterval = 300
    /// How long this instance holds the messages it claimed: long enough for a batch of slow posts.
    static let deliveryLease: TimeInterval = 60
    static let slack = "slack"

    init(store: any BatonStorage, clock: any Clock, policy: Policy, configuration: ServerConfiguration, logger: Logger, pollInterval: Duration = .milliseconds(200)) {
        self.store = store
        self.clock = clock
        text = NotificationText(policy: policy, publicURL: configuration.publicURL)
        webhooks = configuration.slackWebhooks
        self.logger = logger
        self.pollInterval = pollInterval
        slackTimeout = .milliseconds(Int64(configuration.slackTimeout * 1000))
        claimant = Claimant(id: configuration.claimant.id, lease: max(Self.deliveryLease, configuration.slackTimeout * 4))
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await deliverDue()
            } catch {
                logger.error("Notifications could not be delivered", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Delivers every notification due now; returns how many were delivered.
    ///
    /// The inbox never waits on an outside system: every due notification is put in its recipients' inboxes first.
    /// Then Slack gets them, each webhook on its own (a slow workspace holds up nobody else), in order per webhook.
    @discardableResult
    public func deliverDue() async throws -> Int {
        var delivered = 0
        var bySlackWebhook: [String: [(delivery: PendingDelivery, message: String)]] = [:]
        for delivery in try await store.claimDeliveries(topic: Self.topic, at: clock.now(), limit: 200, by: claimant) {
            let event = delivery.event
            let recipients = (event.details["recipients"] ?? "").split(separator: ",").map(String.init).filter { !$0.isEmpty }
            var lead: LeadRecord?
            var message: String
            if let id = WorkItem.id(inSubject: event.subject) {
                message = text.workText(event, item: try await store.workItem(id: id))
            } else {
                if let id = LeadRecord.id(inSubject: event.subject) { lead = try await store.lead(id: id) }
                message = text.text(event, lead: lead)
            }
            // Dated when it happened, not when it was delivered: a notice about an old breach does not look new.
            try await store.deliverToInbox(event, recipients: recipients, text: message, at: event.at)
            if let url = webhook(for: event) {
                bySlackWebhook[url, default: []].append((delivery, message))
            } else {
                try await store.markDelivered(delivery.message.id, at: clock.now(), events: notified(event, channels: ["inbox"]))
                delivered += 1
            }
        }
        delivered += try await withThrowingTaskGroup(of: Int.self) { group in
            for (url, queue) in bySlackWebhook {
                group.addTask {
                    var done = 0
                    for (delivery, message) in queue where try await postToSlack(delivery, message: message, url: url) { done += 1 }
                    return done
                }
            }
            return try await group.reduce(0, +)
        }
        return delivered
    }

    /// Posts one notification to Slack and records the outcome; true once it is delivered.
    ///
    /// A post Slack may have received (the request went out, the answer did not come back in time) is not sent
    /// again, since Slack cannot tell a repeat: it is recorded as delivered-unconfirmed for admins to check. A post
    /// refused or never sent is retried with backoff.
    private func postToSlack(_ delivery: PendingDelivery, message: String, url: String) async throws -> Bool {
        let event = delivery.event
        guard try await store.beginDelivery(delivery.message.id, destination: Self.slack, by: claimant, at: clock.now()) else {
            // Another attempt began this post and never finished (its instance died mid-post): Slack may have it.
            try await markUnconfirmed(delivery, reason: "an earlier attempt began this post and did not record its outcome")
            return true
        }
        switch await post(try text.slackBody(event, text: message), to: url) {
        case .delivered:
            try await store.markDelivered(delivery.message.id, at: clock.now(), events: notified(event, channels: ["inbox", "slack"]))
            return true
        case .unconfirmed(let reason):
            try await markUnconfirmed(delivery, reason: reason)
            return true
        case .failed(let reason, let retryAfter):
            try await store.abandonDelivery(delivery.message.id, destination: Self.slack)
            let wait = retryAfter ?? min(pow(2, Double(delivery.message.attempts)), Self.longestWait)
            try await store.markFailed(delivery.message.id, error: reason, retryAt: clock.now().addingTimeInterval(wait))
            logger.warning("A Slack notification failed; it will be retried", metadata: ["event": "\(event.sequence)", "error": "\(reason)"])
            return false
        }
    }

    /// Marks a post Slack may have received delivered-unconfirmed, for admins to check; it is never sent again.
    private func markUnconfirmed(_ delivery: PendingDelivery, reason: String) async throws {
        let event = delivery.event
        let warning = NewEvent(
            type: "notification.unconfirmed", subject: event.subject, actor: "system", at: clock.now(), policyVersion: event.policyVersion,
            payload: ["notification": String(event.sequence), "channel": Self.slack, "error": reason])
        try await store.markDelivered(delivery.message.id, at: clock.now(), events: [warning] + notified(event, channels: ["inbox", "slack?"]))
        logger.warning("A Slack notification may have been sent without an answer; not resent", metadata: ["event": "\(event.sequence)", "error": "\(reason)"])
    }

    /// `lead.owner_notified` for an assignment or reassignment, with the channels that carried it.
    private func notified(_ event: Event, channels: [String]) -> [NewEvent] {
        let payload = event.details
        guard ["lead.assigned", "lead.reassigned"].contains(event.type), let owner = payload["owner"] ?? payload["to"] else { return [] }
        return [NewEvent(
            type: "lead.owner_notified", subject: event.subject, actor: "system", at: clock.now(), policyVersion: event.policyVersion,
            payload: ["recipient": owner, "channel": channels.joined(separator: ","), "notification": String(event.sequence)])]
    }

    /// The webhook of the Slack channel the event names (a work handoff's), or of the lead handoff's channel for a
    /// lead, else the default one.
    private func webhook(for event: Event) -> String? {
        if let channel = event.details["channel"], !channel.isEmpty { return webhooks[channel] ?? webhooks["*"] }
        let channel = LeadRecord.id(inSubject: event.subject) != nil ? text.policy.leadHandoff?.channel : nil
        if channel?.kind == .slack, let target = channel?.target, let url = webhooks[target] { return url }
        return webhooks["*"]
    }

    /// What became of one post to Slack.
    enum PostOutcome {
        case delivered
        /// The request was sent but no answer came: Slack may have it.
        case unconfirmed(String)
        /// Refused, or never sent: safe to send again.
        case failed(String, retryAfter: TimeInterval?)
    }

    /// Posts to Slack within `slackTimeout`.
    private func post(_ body: Data, to url: String) async -> PostOutcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: slackTimeout)
            let answer = String(buffer: try await response.body.collect(upTo: 64 * 1024))
            guard (200..<300).contains(response.status.code) else {
                let retryAfter = response.headers.first(name: "Retry-After").flatMap(TimeInterval.init)
                return .failed("HTTP \(response.status.code) \(answer.prefix(200))", retryAfter: retryAfter)
            }
            return .delivered
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return .unconfirmed("no answer within \(slackTimeout): \(error)")
        } catch {
            return .failed("\(error)", retryAfter: nil)
        }
    }
}
