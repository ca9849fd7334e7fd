import BatonCore
import Foundation

/// A period in which a person takes no new leads (F4).
public struct Absence: Sendable, Equatable, Codable {
    public var person: String
    public var starts: Date
    public var ends: Date
    public var note: String

    public init(person: String, starts: Date, ends: Date, note: String) {
        self.person = person
        self.starts = starts
        self.ends = ends
        self.note = note
    }
}

/// Leads, their SLA timers and the routing state, changed only in whole steps: each step writes the record, its
/// events and outbox messages, its timers and people's open-lead counts in one transaction.
public protocol LeadStore: Sendable {
    /// Admits submissions in one transaction, in order. The store only looks up what the decision needs (the lead an
    /// idempotency key made, the first lead sharing a `LeadIdentity` key) and writes what `workflow` decides on the
    /// routing state read inside the transaction: `LeadWorkflow.repeatOutcome`, `merge` or `admitNew`.
    func admitLeads(_ intakes: [LeadIntake], at now: Date, workflow: LeadWorkflow) async throws -> [LeadAdmission]
    func lead(id: Int64) async throws -> LeadRecord?
    /// One page of the leads the query matches, in its order (ties broken by newest id first).
    func leads(_ query: LeadQuery) async throws -> [LeadRecord]
    /// The leads with these ids, in the order given; unknown ids are skipped.
    func leads(ids: [Int64]) async throws -> [LeadRecord]
    /// What a backtest replays of the leads with these ids, in the order given, from their `replay` column (written
    /// with each lead, decoded without its JSON record); unknown ids are skipped.
    func replayInputs(ids: [Int64]) async throws -> [Backtest.Input]
    /// Fills every lead's `replay` column again from its record; returns how many leads.
    func rebuildReplays() async throws -> Int
    /// How many leads the query matches, ignoring its page.
    func countLeads(_ query: LeadQuery) async throws -> Int
    /// How many leads are in each status.
    func leadCounts() async throws -> [LeadStatus: Int]
    /// The events of one lead, oldest first.
    func leadEvents(id: Int64) async throws -> [Event]
    /// Changes one lead with `body`, which may refuse by throwing; throws `StoreError` "not_found" for an unknown id.
    func changeLead(id: Int64, at now: Date, _ body: @Sendable (inout LeadRecord, inout RoutingState) throws -> LeadChange) async throws -> LeadRecord
    /// Fires timers `claimant` claimed (`TimerStore.claimDueTimers`), in one transaction, each as its own step: a
    /// timer already done, cancelled by an earlier one, or taken over by another claimant is skipped. Returns how
    /// many fired.
    func fireClaimedTimers(
        _ claimed: [ClaimedTimer], by claimant: Claimant, at now: Date, _ act: @Sendable (PlannedTimer, inout LeadRecord, inout RoutingState) -> LeadChange
    ) async throws -> Int
    /// Pending timers of one lead, soonest first.
    func pendingTimers(leadID: Int64) async throws -> [PlannedTimer]
    func recordAbsence(_ absence: Absence, actor: String, at now: Date) async throws
    /// Absences that have not ended by `time`, soonest first.
    func absences(endingAfter time: Date) async throws -> [Absence]
    func routingState(at now: Date) async throws -> RoutingState
}

