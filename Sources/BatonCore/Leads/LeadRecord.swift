import Foundation

/// A lead as stored: what arrived, every decision with its reason, and what sales did with it.
public struct LeadRecord: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var status: LeadStatus
    /// Why the lead has its status, e.g. "score 72 reaches the sales-ready threshold of 60".
    public var because: String
    public var source: String
    public var sourceID: String?
    public var submittedAt: Date?
    public var receivedAt: Date
    public var updatedAt: Date
    public var policyVersion: Int64?
    public var fields: [String: String]
    public var extras: [String: String]
    public var activities: [LeadActivity]
    public var problems: [LeadProblem]
    public var readiness: [CheckResult]
    public var score: LeadScore
    public var tier: String?
    /// The routing decision that placed the lead, with its explanation.
    public var assignment: LeadAssignment?
    /// The current owner: the assignment's, or whoever it was reassigned to.
    public var owner: String?
    public var queue: String?
    /// Everyone who owned the lead before the current owner, oldest first.
    public var previousOwners: [String]
    public var responseDue: Date?
    public var firstTouch: LeadTouch?
    public var acceptedAt: Date?
    public var rejection: LeadRejection?
    /// The latest disposition; earlier ones are in the events.
    public var disposition: String?
    /// When the first disposition closed the lead.
    public var dispositionAt: Date?
    /// Why the lead was closed without a first touch (one of the policy's no-contact reasons).
    public var noContactReason: String?
    public var dispositionDue: Date?
    /// What became of the lead in the CRM (H3): its opportunities, won or lost; nil until the first arrives.
    public var outcomes: [LeadOutcome]?

    /// A new record from a pipeline decision.
    public init(id: Int64, submission: LeadSubmission, decision: LeadDecision, receivedAt: Date, policyVersion: Int64?) {
        self.id = id
        status = decision.status
        because = decision.because
        source = submission.source
        sourceID = submission.sourceID
        submittedAt = submission.submittedAt
        self.receivedAt = receivedAt
        updatedAt = receivedAt
        self.policyVersion = policyVersion
        fields = decision.fields
        extras = decision.extras
        activities = submission.activities.sorted { $0.at < $1.at }
        problems = decision.problems
        readiness = decision.readiness
        score = decision.score
        previousOwners = []
        apply(decision, at: receivedAt)
    }

    /// The item name events and timers use: "lead:42".
    public var subject: String { "lead:\(id)" }

    /// The lead id in an item name such as "lead:42"; nil for other items.
    public static func id(inSubject subject: String?) -> Int64? {
        guard let subject, subject.hasPrefix("lead:") else { return nil }
        return Int64(subject.dropFirst(5))
    }

    /// The person's name, else their email address, else "Lead 42".
    public var displayName: String { Self.displayName(fields: fields, id: id) }

    /// The name a lead with these fields goes by (`displayName`).
    public static func displayName(fields: [String: String], id: Int64) -> String {
        let name = [fields["first_name"], fields["last_name"]].compactMap { $0 }.joined(separator: " ")
        return name.isEmpty ? fields["email"] ?? "Lead \(id)" : name
    }

    /// When sales finished with the lead: its rejection or its first disposition.
    public var closedAt: Date? { rejection?.at ?? dispositionAt }

    /// Was the response SLA missed by `now`: the deadline passed before the first touch, or before the lead was
    /// closed, or (while neither happened) before `now`.
    public func responseBreached(at now: Date) -> Bool {
        guard let due = responseDue else { return false }
        return due < (firstTouch?.at ?? closedAt ?? now)
    }

    /// The next deadline someone has to meet: the first touch, then the disposition; nil once the lead is closed,
    /// rejected or held back.
    public var nextDeadline: Date? {
        guard [.assigned, .working, .accepted, .queued, .unrouted].contains(status) else { return nil }
        return firstTouch == nil ? responseDue : dispositionDue
    }

    /// What a search looks in: the name, email and company, lower-cased.
    public var searchText: String {
        [displayName, fields["email"], fields["company"]].compactMap { $0?.lowercased() }.joined(separator: " ")
    }

    /// Applies a fresh pipeline decision (after a fix or new activity), keeping the lead's history.
    public mutating func apply(_ decision: LeadDecision, at now: Date) {
        status = decision.status
        because = decision.because
        fields = decision.fields
        extras = decision.extras
        problems = decision.problems
        readiness = decision.readiness
        score = decision.score
        tier = decision.tier
        assignment = decision.assignment
        owner = decision.assignment?.owner
        queue = decision.assignment?.queue
        responseDue = decision.responseDue
        updatedAt = now
    }
}

/// The first contact a rep made: when, how, and by whom.
public struct LeadTouch: Sendable, Equatable, Codable {
    /// "call", "email", "meeting", "linkedin".
    public var channel: String
    public var note: String?
    public var by: String
    public var at: Date

    public init(channel: String, note: String?, by: String, at: Date) {
        self.channel = channel
        self.note = note
        self.by = by
        self.at = at
    }

    /// The ways a first touch can happen.
    public static let channels = ["call", "email", "meeting", "linkedin"]
}

/// Sales sent the lead back, with a reason code from the policy (H8).
public struct LeadRejection: Sendable, Equatable, Codable {
    public var reason: String
    public var note: String?
    public var by: String
    public var at: Date

    public init(reason: String, note: String?, by: String, at: Date) {
        self.reason = reason
        self.note = note
        self.by = by
        self.at = at
    }
}
