import BatonCore
import Foundation

/// One Baton instance taking due timers or outbox messages: its id, and how long its claims last. A claim held by
/// an instance that died runs out after `lease` and another instance takes the work over; a claim is never acted
/// on twice, because acting marks the row done only where it is still undone and still this claimant's.
public struct Claimant: Sendable, Equatable {
    public var id: String
    public var lease: TimeInterval

    public init(id: String, lease: TimeInterval = 15) {
        self.id = id
        self.lease = lease
    }

    /// A claimant no other has been: host name, process id and a random part (two servers in one process differ).
    public static func unique(lease: TimeInterval = 15) -> Claimant {
        Claimant(id: "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())", lease: lease)
    }

    /// This process, for tools that run alone (the demo generator, benchmarks).
    public static let thisProcess = unique()
}

/// A due timer one claimant holds until its lease ends.
public struct ClaimedTimer: Sendable, Equatable {
    public var id: Int64
    /// "lead:42" or "work:7".
    public var subject: String
    public var timer: PlannedTimer

    public init(id: Int64, subject: String, timer: PlannedTimer) {
        self.id = id
        self.subject = subject
        self.timer = timer
    }
}

/// Which stored timers a claim takes.
public enum TimerSubjects: String, Sendable {
    case leads = "lead:%"
    case work = "work:%"
}

/// Claiming due SLA timers, so that several instances on one database fire each timer once.
public protocol TimerStore: Sendable {
    /// Claims up to `limit` timers due at `now` that nobody holds (or whose holder's lease ran out), soonest first,
    /// for `claimant` until `now + claimant.lease`. Instances claiming at once get disjoint sets.
    func claimDueTimers(_ subjects: TimerSubjects, at now: Date, limit: Int, by claimant: Claimant) async throws -> [ClaimedTimer]
    /// When the next pending timer can be claimed (its due time, or when its holder's lease runs out), if any. A
    /// read: a loop that finds nothing due never writes.
    func nextTimerDue() async throws -> Date?
}

/// Timers are claimed in bulk but fired this many to a transaction, so that a transaction holding the assignment
/// lock stays short and intake on other instances never waits long behind it.
let timersPerTransaction = 100

extension LeadStore where Self: TimerStore {
    /// Claims due lead timers and fires them (see `claimDueTimers` and `fireClaimedTimers`); returns how many were claimed.
    public func fireDueTimers(
        at now: Date, limit: Int, by claimant: Claimant = .thisProcess, _ act: @Sendable (PlannedTimer, inout LeadRecord, inout RoutingState) -> LeadChange
    ) async throws -> Int {
        let claimed = try await claimDueTimers(.leads, at: now, limit: limit, by: claimant)
        for start in stride(from: 0, to: claimed.count, by: timersPerTransaction) {
            _ = try await fireClaimedTimers(Array(claimed[start..<min(start + timersPerTransaction, claimed.count)]), by: claimant, at: now, act)
        }
        return claimed.count
    }
}

extension WorkStore where Self: TimerStore {
    /// Claims due work timers and fires them; returns how many were claimed.
    public func fireDueWorkTimers(
        at now: Date, limit: Int, by claimant: Claimant = .thisProcess,
        _ act: @Sendable (PlannedTimer, inout WorkItem, inout WorkRoster) -> (WorkChange, WorkSummary)
    ) async throws -> Int {
        let claimed = try await claimDueTimers(.work, at: now, limit: limit, by: claimant)
        for start in stride(from: 0, to: claimed.count, by: timersPerTransaction) {
            _ = try await fireClaimedWorkTimers(Array(claimed[start..<min(start + timersPerTransaction, claimed.count)]), by: claimant, at: now, act)
        }
        return claimed.count
    }
}
