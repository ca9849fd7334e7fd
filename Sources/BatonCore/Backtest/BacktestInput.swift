import Foundation

extension Backtest {
    /// What a backtest reads of a stored lead: what arrived and when, how sales closed it and what it became in the
    /// CRM — the keys of `LeadRecord` a replay needs, decoded without the rest (the decisions, scores and reasons
    /// the record also keeps are most of its text, and a backtest makes its own).
    public struct Input: Sendable, Equatable, Decodable {
        /// How the CRM's opportunity for the lead ended, the one part of `LeadOutcome` a backtest reads.
        public struct Outcome: Sendable, Equatable, Decodable {
            public var stage: LeadOutcome.Stage
        }

        /// When sales rejected the lead, the one part of `LeadRejection` a backtest reads.
        public struct Rejection: Sendable, Equatable, Decodable {
            public var at: Date
        }

        public var id: Int64
        public var source: String
        public var sourceID: String?
        public var submittedAt: Date?
        public var receivedAt: Date
        public var fields: [String: String]
        public var extras: [String: String]
        public var activities: [LeadActivity]
        public var acceptedAt: Date?
        public var rejection: Rejection?
        public var dispositionAt: Date?
        public var outcomes: [Outcome]?

        public init(
            id: Int64, source: String, sourceID: String?, submittedAt: Date?, receivedAt: Date, fields: [String: String], extras: [String: String],
            activities: [LeadActivity], acceptedAt: Date?, rejectedAt: Date?, dispositionAt: Date?, outcomes: [LeadOutcome.Stage]?
        ) {
            self.id = id
            self.source = source
            self.sourceID = sourceID
            self.submittedAt = submittedAt
            self.receivedAt = receivedAt
            self.fields = fields
            self.extras = extras
            self.activities = activities
            self.acceptedAt = acceptedAt
            rejection = rejectedAt.map { Rejection(at: $0) }
            self.dispositionAt = dispositionAt
            self.outcomes = outcomes?.map { Outcome(stage: $0) }
        }

        /// The same slice of a record in memory.
        public init(_ record: LeadRecord) {
            id = record.id
            source = record.source
            sourceID = record.sourceID
            submittedAt = record.submittedAt
            receivedAt = record.receivedAt
            fields = record.fields
            extras = record.extras
            activities = record.activities
            acceptedAt = record.acceptedAt
            rejection = record.rejection.map { Rejection(at: $0.at) }
            dispositionAt = record.dispositionAt
            outcomes = record.outcomes?.map { Outcome(stage: $0.stage) }
        }

        /// The submission as it would arrive again: the stored fields with the extras the policy did not know.
        var submission: LeadSubmission {
            LeadSubmission(
                source: source, sourceID: sourceID, submittedAt: submittedAt, fields: fields.merging(extras) { kept, _ in kept }, activities: activities)
        }

        /// Sales' answer as recorded: accepted (true), rejected (false), or none.
        var answer: Bool? { acceptedAt != nil ? true : rejection != nil ? false : nil }
        /// Whether the lead opened an opportunity in the CRM.
        var openedOpportunity: Bool { !(outcomes ?? []).isEmpty }
        /// Whether the lead's opportunity was won.
        var won: Bool { outcomes?.contains { $0.stage == .won } ?? false }

        /// When sales finished with the lead (`LeadRecord.closedAt`).
        var closedAt: Date? { rejection?.at ?? dispositionAt }
    }
}
