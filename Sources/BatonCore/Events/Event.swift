import Foundation

/// An immutable record of one step: who did what, when, under which policy version.
///
/// The history of every item is its events; nothing in the log is ever updated or deleted.
public struct Event: Sendable, Equatable, Codable {
    /// Position in the log, assigned by the store; strictly increasing.
    public var sequence: Int64
    public var type: String
    /// The item the event is about ("policy:3", "user:ana"), if any.
    public var subject: String?
    /// Who caused it: a person id, "token:<id>", or "system".
    public var actor: String
    public var at: Date
    public var policyVersion: Int64?
    /// JSON object with the event's details.
    public var payload: String

    /// The payload's fields; empty when it holds anything but text values.
    public var details: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(payload.utf8))) ?? [:]
    }

    public init(
        sequence: Int64, type: String, subject: String?, actor: String, at: Date, policyVersion: Int64?, payload: String
    ) {
        self.sequence = sequence
        self.type = type
        self.subject = subject
        self.actor = actor
        self.at = at
        self.policyVersion = policyVersion
        self.payload = payload
    }
}

/// An event about to be appended; the store assigns its sequence.
public struct NewEvent: Sendable, Equatable {
    public var type: String
    public var subject: String?
    public var actor: String
    public var at: Date
    public var policyVersion: Int64?
    public var payload: [String: String]
    /// Topics this event is announced on through the outbox (e.g. "notifications"); empty for none.
    public var announce: [String]

    public init(
        type: String, subject: String? = nil, actor: String, at: Date, policyVersion: Int64? = nil,
        payload: [String: String] = [:], announce: [String] = []
    ) {
        self.type = type
        self.subject = subject
        self.actor = actor
        self.at = at
        self.policyVersion = policyVersion
        self.payload = payload
        self.announce = announce
    }

    /// The payload as a JSON object with sorted keys, as stored.
    public var payloadJSON: String { JSONText.object(payload) }
}

/// A message waiting in the outbox for delivery, written in the same transaction as its event.
public struct OutboxMessage: Sendable, Equatable, Codable {
    public var id: Int64
    public var topic: String
    public var eventSequence: Int64
    public var createdAt: Date
    public var deliveredAt: Date?
    public var attempts: Int

    public init(id: Int64, topic: String, eventSequence: Int64, createdAt: Date, deliveredAt: Date?, attempts: Int) {
        self.id = id
        self.topic = topic
        self.eventSequence = eventSequence
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
        self.attempts = attempts
    }
}
