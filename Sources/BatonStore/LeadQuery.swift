import BatonCore
import Foundation

/// Which leads to list, in what order, and which page of them.
///
/// Every filter narrows the list; `scope` is who is asking (see `LeadScope`) and is applied before anything else.
public struct LeadQuery: Sendable, Equatable {
    public var scope: LeadScope = .all
    public var statuses: Set<LeadStatus>
    /// Current owners to keep; `LeadQuery.nobody` in the set keeps leads without an owner.
    public var owners: Set<String>?
    public var queue: String?
    /// Words that must all appear in the lead's name, email or company (case-insensitive).
    public var search: String?
    public var sources: Set<String>?
    public var tiers: Set<String>?
    /// Keep only leads whose response SLA was (true) or was not (false) missed, as of `now`.
    public var breached: Bool?
    public var sort: LeadSort = .due
    public var descending = false
    public var limit: Int
    public var offset = 0
    /// The time "breached" is judged at.
    public var now: Date

    /// The owner filter value that means "no owner".
    public static let nobody = ""

    public init(
        statuses: Set<LeadStatus> = Set(LeadStatus.allCases), owners: Set<String>? = nil, queue: String? = nil, limit: Int = 200,
        now: Date = .distantFuture
    ) {
        self.statuses = statuses
        self.owners = owners
        self.queue = queue
        self.limit = limit
        self.now = now
    }

    /// Does one lead match every filter (not the page)? The store's SQL must agree; the conformance suite checks.
    public func matches(_ lead: LeadRecord) -> Bool {
        guard scope.contains(lead), statuses.contains(lead.status) else { return false }
        if let owners, !owners.contains(lead.owner ?? Self.nobody) { return false }
        if let queue, lead.queue != queue { return false }
        if let sources, !sources.contains(lead.source) { return false }
        if let tiers, !tiers.contains(lead.tier ?? "") { return false }
        if let breached, lead.responseBreached(at: now) != breached { return false }
        if let words = searchWords, !words.allSatisfy(lead.searchText.contains) { return false }
        return true
    }

    /// The search as lower-case words, or nil when there is nothing to search for.
    public var searchWords: [String]? {
        // Ten words at most: a search is a few words, and each is one more condition on every row.
        let words = (search ?? "").lowercased().split(whereSeparator: \.isWhitespace).prefix(10).map(String.init)
        return words.isEmpty ? nil : words
    }
}

/// The orders a lead list can be shown in.
public enum LeadSort: String, Sendable, Equatable, CaseIterable {
    /// The next deadline (first touch, then disposition), soonest first; leads without one last.
    case due
    case received
    case updated
    case score
    case name

    public var label: String {
        switch self {
        case .due: "Response due"
        case .received: "Received"
        case .updated: "Last change"
        case .score: "Score"
        case .name: "Name"
        }
    }
}

/// The leads one person may see — the same rule as a list filter and as a test on one lead.
///
/// Who gets which scope is decided in one place, `LeadAccess` in the server.
public enum LeadScope: Sendable, Equatable {
    case all
    case none
    /// Leads now or once owned by one of `people`; with `unowned`, also leads nobody owns (queued, unrouted, held).
    case people(Set<String>, unowned: Bool)

    public func contains(_ lead: LeadRecord) -> Bool {
        switch self {
        case .all: true
        case .none: false
        case .people(let people, let unowned):
            lead.owner.map(people.contains) ?? unowned || lead.previousOwners.contains(where: people.contains)
        }
    }
}
