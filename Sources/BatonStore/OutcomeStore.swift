import BatonCore
import Foundation

/// What became of leads in the CRM (H3). Every outcome is kept, matched or not, once per origin and reference; a
/// matched one is applied to its lead through `LeadWorkflow.recordOutcome` in the same transaction, with its events.
public protocol OutcomeStore: Sendable {
    /// Records outcomes in one transaction, in order: each is matched to its lead (an outcome seen before keeps the
    /// lead it matched) and applied, or kept as pending.
    func recordOutcomes(_ intakes: [OutcomeIntake], at now: Date, workflow: LeadWorkflow) async throws -> [OutcomeReceipt]
    /// Tries pending outcomes again: those that could name one of `leads`, or all of them when nil. With leads, it
    /// only reads unless one could match, so admission can call it for every new lead. Returns how many now matched.
    func matchPendingOutcomes(naming leads: [LeadRecord]?, at now: Date, workflow: LeadWorkflow) async throws -> Int
    /// How many outcomes wait for their lead.
    func countPendingOutcomes() async throws -> Int
}

/// The journeys reports read (`LeadJourney`), one per lead, kept as events are written.
public protocol JourneyStore: Sendable {
    /// Journeys of the leads that arrived in [start, end), by lead id.
    func leadJourneys(receivedFrom start: Date, before end: Date) async throws -> [LeadJourney]
    /// The ids of the leads that arrived in [start, end), in arrival order (ties by id).
    func leadArrivals(receivedFrom start: Date, before end: Date) async throws -> [Int64]
    /// Folds every lead's journey again from the event log, replacing what is kept; returns how many leads.
    func rebuildJourneys() async throws -> Int
}
