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
/// succeeds; the inbox is written once however often a delivery is retried. Delivering an assignment records
/// `lead.owner_notified`.
public struct NotificationService: Service {
    let store: any BatonStorage
    let clock: any Clock
    let text: NotificationText
    /// Slack channel ("#sdr-leads") → incoming webhook URL; "*" serves every other channel.
    let webhooks: [String: String]
    let logger: Logger
    let pollInterval: Duration

    static let topic = "notifications"
    static let longestWait: TimeInterval = 300

    init(store: any BatonStorage, clock: any Clock, policy: Policy, configuration: ServerConfiguration, logger: Logger, pollInterval: Duration = .milliseconds(200)) {
        self.store = store
        self.clock = clock
        text = NotificationText(policy: policy, publicURL: configuration.publicURL)
        webhooks = configuration.slackWebhooks
        self.logger = logger
        self.pollInterval = pollInterval
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
    @discardableResult
    public func deliverDue() async throws -> Int {
        var delivered = 0
        for delivery in try await store.dueDeliveries(topic: Self.topic, at: clock.now(), limit: 200) {
            if try await deliver(delivery) { delivered += 1 }
        }
        return delivered
    }

    private func deliver(_ delivery: PendingDelivery) async throws -> Bool {
        let event = delivery.event
        let payload = event.details
        let recipients = (payload["recipients"] ?? "").split(separator: ",").map(String.init).filter { !$0.isEmpty }
        var lead: LeadRecord?
        if let id = LeadRecord.id(inSubject: event.subject) { lead = try await store.lead(id: id) }
        let message = text.text(event, lead: lead)
        try await store.deliverToInbox(event, recipients: recipients, text: message, at: clock.now())
        var channels = ["inbox"]
        if let url = webhook(for: lead) {
            if let failure = await post(try text.slackBody(event, text: message), to: url) {
                let wait = failure.retryAfter ?? min(pow(2, Double(delivery.message.attempts)), Self.longestWait)
                try await store.markFailed(delivery.message.id, error: failure.reason, retryAt: clock.now().addingTimeInterval(wait))
                logger.warning("A Slack notification failed; it will be retried", metadata: ["event": "\(event.sequence)", "error": "\(failure.reason)"])
                return false
            }
            channels.append("slack")
        }
        var notified: [NewEvent] = []
        if ["lead.assigned", "lead.reassigned"].contains(event.type), let owner = payload["owner"] ?? payload["to"] {
            notified.append(NewEvent(
                type: "lead.owner_notified", subject: event.subject, actor: "system", at: clock.now(), policyVersion: event.policyVersion,
                payload: ["recipient": owner, "channel": channels.joined(separator: ","), "notification": String(event.sequence)]))
        }
        try await store.markDelivered(delivery.message.id, at: clock.now(), events: notified)
        return true
    }

    /// The webhook for the lead handoff's Slack channel, else the default one.
    private func webhook(for lead: LeadRecord?) -> String? {
        let channel = text.policy.leadHandoff?.channel
        if channel?.kind == .slack, let target = channel?.target, let url = webhooks[target] { return url }
        return webhooks["*"]
    }

    struct Failure {
        let reason: String
        let retryAfter: TimeInterval?
    }

    /// Posts to Slack; nil on success (HTTP 2xx), else why it failed.
    private func post(_ body: Data, to url: String) async -> Failure? {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let answer = String(buffer: try await response.body.collect(upTo: 64 * 1024))
            guard (200..<300).contains(response.status.code) else {
                let retryAfter = response.headers.first(name: "Retry-After").flatMap(TimeInterval.init)
                return Failure(reason: "HTTP \(response.status.code) \(answer.prefix(200))", retryAfter: retryAfter)
            }
            return nil
        } catch {
            return Failure(reason: "\(error)", retryAfter: nil)
        }
    }
}
