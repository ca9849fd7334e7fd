import BatonCore
import Foundation

/// An outcome that matches no lead yet, kept until its lead arrives (H3).
public struct PendingOutcome: Sendable, Equatable, Codable {
    public var id: Int64
    public var outcome: LeadOutcome
    public var lead: OutcomeLeadReference
    public var actor: String
    /// The CSV line it came from, when it came from a file.
    public var line: Int?
    public var reason: String
    public var receivedAt: Date

    public init(id: Int64, outcome: LeadOutcome, lead: OutcomeLeadReference, actor: String, line: Int?, reason: String, receivedAt: Date) {
        self.id = id
        self.outcome = outcome
        self.lead = lead
        self.actor = actor
        self.line = line
        self.reason = reason
        self.receivedAt = receivedAt
    }
}

/// What became of leads in the CRM (H3). Every outcome is kept, matched or not, once per origin and reference; a
/// matched one is applied to its lead through `LeadWorkflow.recordOutcome` in the same transaction, with its events.
public protocol OutcomeStore: Sendable {
    /// Records outcomes in one transaction, in order: each is matched to its lead (an outcome seen before keeps the
    /// lead it matched) and applied, or kept as pending.
    func recordOutcomes(_ intakes: [OutcomeIntake], at now: Date, workflow: LeadWorkflow) async throws -> [OutcomeReceipt]
    /// Tries pending outcomes again: those that could name one of `leadIDs`, or all of them when nil. Returns how
    /// many now matched.
    func matchPendingOutcomes(leadIDs: [Int64]?, at now: Date, workflow: LeadWorkflow) async throws -> Int
    /// Pending outcomes, oldest first.
    func pendingOutcomes(limit: Int, offset: Int) async throws -> [PendingOutcome]
    func countPendingOutcomes() async throws -> Int
}

/// The journeys reports read (`LeadJourney`), one per lead, kept as events are written.
public protocol JourneyStore: Sendable {
    /// Journeys of the leads that arrived in [start, end), by lead id.
    func leadJourneys(receivedFrom start: Date, before end: Date) async throws -> [LeadJourney]
    /// Folds every lead's journey again from the event log, replacing what is kept; returns how many leads.
    func rebuildJourneys() async throws -> Int
}
