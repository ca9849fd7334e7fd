import Foundation

/// One submission to admit, with the key that recognises a retried delivery of it.
public struct LeadIntake: Sendable {
    public var submission: LeadSubmission
    /// The `Idempotency-Key` header or the source's own id; the same key never makes a second lead.
    public var idempotencyKey: String?
    /// Who delivered it: "token:<id>", "hook:hubspot", a person id.
    public var actor: String
    /// A hash of what was sent with the key; the same key with another fingerprint is a reused key, not a retry.
    public var fingerprint: String?

    public init(submission: LeadSubmission, idempotencyKey: String?, actor: String, fingerprint: String? = nil) {
        self.submission = submission
        self.idempotencyKey = idempotencyKey
        self.actor = actor
        self.fingerprint = fingerprint
    }
}

/// What admitting a submission did.
public struct LeadAdmission: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable, Codable {
        /// A new lead.
        case created
        /// The same person was already a lead: the new activity was appended to it.
        case merged
        /// The same delivery (idempotency key) arrived before; nothing changed.
        case repeated
        /// The idempotency key came before with a different body; nothing changed, and `lead` is the key's lead.
        case keyReused = "key_reused"
    }

    public var outcome: Outcome
    public var lead: LeadRecord

    public init(outcome: Outcome, lead: LeadRecord) {
        self.outcome = outcome
        self.lead = lead
    }
}

extension LeadIntake {
    /// The key a store remembers the delivery by: the idempotency key within its source ("hubspot:123").
    public var deliveryKey: String? { idempotencyKey.map { BoundedKey.of("\(submission.source):\($0)") } }

    /// What a delivery whose key was seen before does: nothing either way, but a different body under the same key
    /// is a reused key, not a retry.
    public func repeatOutcome(storedFingerprint: String?) -> LeadAdmission.Outcome {
        storedFingerprint != nil && fingerprint != nil && storedFingerprint != fingerprint ? .keyReused : .repeated
    }
}
