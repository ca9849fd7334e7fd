import BatonCore
import Foundation

/// One thing waiting on a person, with its item's row: a line of "My work".
public struct WaitingWork: Sendable, Equatable {
    public var item: WorkRow
    public var waiting: WorkSummary.Waiting

    public init(item: WorkRow, waiting: WorkSummary.Waiting) {
        self.item = item
        self.waiting = waiting
    }
}

/// What a list, a board card or "My work" shows of an item, kept beside it so lists never read whole items.
public struct WorkRow: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var assetType: String
    public var status: WorkStatus
    /// Where the item is (the summary's stage).
    public var stage: String
    public var campaign: String?
    public var requester: String
    public var owners: [String]
    /// Everyone something waits on, sorted.
    public var waitingOn: [String]
    public var nextDue: Date?
    public var deadline: Date?
    public var blocked: Bool
    public var rush: Bool
    /// The plan found the deadline cannot be met.
    public var late: Bool
    public var updatedAt: Date

    public init(item: WorkItem, summary: WorkSummary) {
        id = item.id
        name = item.name
        assetType = item.assetType
        status = item.status
        stage = summary.stage
        campaign = item.campaign
        requester = item.requester
        owners = item.owners
        waitingOn = Array(Set(summary.waiting.map(\.person))).sorted()
        nextDue = summary.nextDue
        deadline = item.deadline
        blocked = summary.blocked
        rush = item.rush != nil
        late = !item.plan.feasible
        updatedAt = item.updatedAt
    }

    public init(
        id: Int64, name: String, assetType: String, status: WorkStatus, stage: String, campaign: String?, requester: String, owners: [String],
        waitingOn: [String], nextDue: Date?, deadline: Date?, blocked: Bool, rush: Bool, late: Bool, updatedAt: Date
    ) {
        self.id = id
        self.name = name
        self.assetType = assetType
        self.status = status
        self.stage = stage
        self.campaign = campaign
        self.requester = requester
        self.owners = owners
        self.waitingOn = waitingOn
        self.nextDue = nextDue
        self.deadline = deadline
        self.blocked = blocked
        self.rush = rush
        self.late = late
        self.updatedAt = updatedAt
    }
}

/// Work items, their SLA timers and the assignment state, changed only in whole steps: each step writes the item,
/// its list row and summary, its events and outbox messages, its timers and the round-robin credits in one
/// transaction. The store decides nothing: every body is a pure function from `BatonCore`.
public protocol WorkStore: Sendable {
    /// Creates an item: `body` gets the new id and the roster read inside the transaction, and returns the item, its
    /// change and its summary. A body that throws leaves nothing behind.
    func createWorkItem(at now: Date, _ body: @Sendable (Int64, inout WorkRoster) throws -> (WorkItem, WorkChange, WorkSummary)) async throws -> WorkItem
    func workItem(id: Int64) async throws -> WorkItem?
    /// Changes one item with `body`, which may refuse by throwing (nothing is written) or by returning a change with
    /// a `refusal` (its events are written, the item is not); throws `StoreError` "not_found" for an unknown id.
    func changeWorkItem(id: Int64, at now: Date, _ body: @Sendable (inout WorkItem, inout WorkRoster) throws -> (WorkChange, WorkSummary)) async throws
        -> (WorkItem, WorkChange)
    /// One page of the items the query matches, in its order (ties broken by newest id first).
    func workItems(_ query: WorkQuery) async throws -> [WorkItem]
    /// The same page as `workItems`, as the rows lists show (without reading whole items).
    func workRows(_ query: WorkQuery) async throws -> [WorkRow]
    func countWorkItems(_ query: WorkQuery) async throws -> Int
    /// How many items the query matches in each status, ignoring its statuses and page (a board's columns).
    func workCounts(_ query: WorkQuery) async throws -> [WorkStatus: Int]
    /// What waits on a person, soonest due first (undated last).
    func waitingWork(person: String, limit: Int, offset: Int) async throws -> [WaitingWork]
    func countWaitingWork(person: String) async throws -> Int
    /// The events of one item, oldest first.
    func workEvents(id: Int64) async throws -> [Event]
    /// Fires work timers `claimant` claimed, like `LeadStore.fireClaimedTimers`; returns how many fired.
    func fireClaimedWorkTimers(
        _ claimed: [ClaimedTimer], by claimant: Claimant, at now: Date,
        _ act: @Sendable (PlannedTimer, inout WorkItem, inout WorkRoster) -> (WorkChange, WorkSummary)
    ) async throws -> Int
    /// Pending timers of one item, soonest first.
    func pendingWorkTimers(itemID: Int64) async throws -> [PlannedTimer]
    /// Who is absent now, open tasks per person, and the round-robin credits per role.
    func workRoster(at now: Date) async throws -> WorkRoster
}

/// Which items to list, in what order, and which page of them.
public struct WorkQuery: Sendable, Equatable {
    public var statuses: Set<WorkStatus>
    public var assetTypes: Set<String>?
    /// Text the campaign ID contains, in any case.
    public var campaign: String?
    /// Items this person requested, owns a task of, or reviews.
    public var person: String?
    /// Words that must all appear in the item's name, asset type, campaign or people (case-insensitive).
    public var search: String?
    /// Keep only items with (true) or without (false) a running SLA deadline passed at `now`.
    public var breached: Bool?
    /// Keep only items a failing gate blocks (true) or not (false).
    public var blocked: Bool?
    public var rush: Bool?
    /// Keep only items changed at or after this instant (a report reads the items a period may have touched).
    public var changedSince: Date?
    public var sort: WorkSort = .due
    public var descending = false
    public var limit: Int
    public var offset = 0
    public var now: Date

    public init(statuses: Set<WorkStatus> = Set(WorkStatus.allCases), limit: Int = 50, now: Date = .distantFuture) {
        self.statuses = statuses
        self.limit = limit
        self.now = now
    }

    /// Does one item match every filter (not the page)? The store's SQL must agree; the conformance suite checks.
    public func matches(_ item: WorkItem, summary: WorkSummary) -> Bool {
        guard statuses.contains(item.status) else { return false }
        if let assetTypes, !assetTypes.contains(item.assetType) { return false }
        if let campaign, !(item.campaign?.lowercased().contains(campaign.lowercased()) ?? false) { return false }
        if let person, !Self.people(item).contains(person) { return false }
        if let breached, (summary.nextDue.map { $0 < now } ?? false) != breached { return false }
        if let blocked, summary.blocked != blocked { return false }
        if let rush, (item.rush != nil) != rush { return false }
        if let changedSince, item.updatedAt < changedSince { return false }
        if let words = searchWords, !words.allSatisfy(item.searchText.contains) { return false }
        return true
    }

    /// The people an item involves: requester, task owners and reviewers.
    public static func people(_ item: WorkItem) -> Set<String> {
        Set([item.requester] + item.owners + item.reviews.flatMap(\.reviewers))
    }

    public var searchWords: [String]? {
        // Ten words at most: a search is a few words, and each is one more condition on every row.
        let words = (search ?? "").lowercased().split(whereSeparator: \.isWhitespace).prefix(10).map(String.init)
        return words.isEmpty ? nil : words
    }
}

/// The orders a work list can be shown in.
public enum WorkSort: String, Sendable, Equatable, CaseIterable {
    /// The soonest running SLA deadline first; items without one last.
    case due
    case deadline
    case created
    case updated
    case name

    public var label: String {
        switch self {
        case .due: "Next SLA deadline"
        case .deadline: "Deadline"
        case .created: "Requested"
        case .updated: "Last change"
        case .name: "Name"
        }
    }
}
