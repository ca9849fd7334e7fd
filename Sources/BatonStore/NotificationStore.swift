import BatonCore
import Foundation

/// One notification in a person's in-app inbox.
public struct InboxItem: Sendable, Equatable, Codable {
    public var id: Int64
    public var recipient: String
    public var eventSequence: Int64
    /// The item it is about ("lead:42"), for a link.
    public var subject: String?
    public var text: String
    public var createdAt: Date
    public var readAt: Date?

    public init(id: Int64, recipient: String, eventSequence: Int64, subject: String?, text: String, createdAt: Date, readAt: Date?) {
        self.id = id
        self.recipient = recipient
        self.eventSequence = eventSequence
        self.subject = subject
        self.text = text
        self.createdAt = createdAt
        self.readAt = readAt
    }
}

/// An outbox message with the event it announces and its delivery history.
public struct PendingDelivery: Sendable, Equatable {
    public var message: OutboxMessage
    public var event: Event
    public var lastError: String?

    public init(message: OutboxMessage, event: Event, lastError: String?) {
        self.message = message
        self.event = event
        self.lastError = lastError
    }
}

/// Delivering announced events (F3, D1): the in-app inbox and the state of each outbox message, so that a failed
/// delivery is retried with backoff, never lost, and visible to admins.
public protocol NotificationStore: Sendable {
    /// Undelivered messages of a topic whose next attempt is due at `now`, oldest first (claimed or not).
    func dueDeliveries(topic: String, at now: Date, limit: Int) async throws -> [PendingDelivery]
    /// Claims up to `limit` due messages nobody holds (or whose holder's lease ran out) for `claimant`, oldest
    /// first; instances claiming at once get disjoint sets.
    func claimDeliveries(topic: String, at now: Date, limit: Int, by claimant: Claimant) async throws -> [PendingDelivery]
    /// Records that a message is about to go to an outside `destination` ("slack"). The database keeps one row per
    /// message and destination: false means another attempt began already (sent, or lost with an instance that
    /// died mid-post), so this one must not send.
    func beginDelivery(_ messageID: Int64, destination: String, by claimant: Claimant, at now: Date) async throws -> Bool
    /// Forgets a begun delivery that certainly did not reach its destination (refused, never sent), so a retry may
    /// begin again.
    func abandonDelivery(_ messageID: Int64, destination: String) async throws
    /// Puts the notification in each recipient's inbox (once per recipient and event, however often this runs).
    func deliverToInbox(_ event: Event, recipients: [String], text: String, at now: Date) async throws
    /// Marks the message delivered and appends `events` (e.g. `lead.owner_notified`) in the same transaction.
    func markDelivered(_ messageID: Int64, at now: Date, events: [NewEvent]) async throws
    /// Marks messages created before `cutoff` as delivered then, without delivering them: history that was generated
    /// or imported, whose notifications belong to the past. Returns how many.
    func settleOutbox(topic: String, createdBefore cutoff: Date) async throws -> Int
    /// Records a failed attempt and when to try again; the message's claim ends.
    func markFailed(_ messageID: Int64, error: String, retryAt: Date) async throws
    /// Undelivered messages that have failed at least once, oldest first: what admins see.
    func failingDeliveries(limit: Int) async throws -> [PendingDelivery]
    /// A person's inbox, newest first.
    func inbox(for person: String, limit: Int) async throws -> [InboxItem]
    /// Marks these inbox items read (the ones a page showed).
    func markInboxRead(ids: [Int64], at now: Date) async throws
}
