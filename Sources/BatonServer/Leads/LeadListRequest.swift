import BatonCore
import BatonStore
import Foundation
import Hummingbird
import HummingbirdCore

/// A lead list as a page or the API asks for it in the query string, read into a `LeadQuery`:
/// `q` (name, email or company), `status` (a group — open, waiting, held, done, all — or statuses separated by
/// commas), `owner` (a person id, or `nobody`), `source`, `tier`, `breached` (yes or no), `sort` and `dir`
/// (asc or desc), and the page: `page` and `per` on pages, `limit` and `offset` on the API.
///
/// A search without a status looks through every status. A value it cannot use is a 400 naming the parameter and what it takes; nothing is silently ignored.
struct LeadListRequest: ListLinking {
    var query: LeadQuery
    /// The parameters as given (without the page), so links to other pages and orders keep them.
    var parameters: [(name: String, value: String)]
    /// 1-based, for pages.
    var page: Int
    var perPage: Int
    var statusGroup: String
    /// Whether the caller chose a status, or the default (open; every status when searching) applies.
    var statusChosen: Bool

    /// Named groups of statuses, in the order a status filter offers them.
    static let statusGroups: [(id: String, label: String, statuses: Set<LeadStatus>)] = [
        ("open", "Open (with a rep)", LeadStatus.open),
        ("waiting", "Waiting for an owner", [.queued, .unrouted]),
        ("held", "Held back (remediation, nurture, no consent)", LeadStatus.held),
        ("done", "Closed or rejected", [.closed, .rejected]),
        ("all", "Every status", Set(LeadStatus.allCases)),
    ]
    static let perPageChoices = [25, 50, 100, 200]

    init(_ uri: URI, defaultStatus: String = "open", defaultSort: LeadSort = .due, now: Date, scope: LeadScope, api: Bool = false) throws {
        let given = uri.queryParameters
        func value(_ name: String) -> String? {
            given[Substring(name)].map { String($0).trimmedWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        }
        // The API refuses a parameter it does not know (a typo must not widen a list silently); pages ignore them.
        let known: Set<Substring> = ["q", "status", "owner", "source", "tier", "queue", "breached", "sort", "dir", "limit", "offset"]
        if api, let unknown = given.map(\.key).first(where: { !known.contains($0) }) {
            throw AppError.badRequest("Unknown parameter \(unknown).", details: ["expected any of: \(known.sorted().joined(separator: ", "))"])
        }
        query = LeadQuery(now: now)
        query.scope = scope
        // A search looks through every status unless a status is chosen: whoever types an email wants that lead.
        let status = value("status") ?? (value("q") == nil ? defaultStatus : "all")
        statusGroup = status
        statusChosen = value("status") != nil
        query.statuses = try listStatuses(status, groups: Self.statusGroups)
        query.search = value("q")
        if let owner = value("owner") { query.owners = [owner == "nobody" ? LeadQuery.nobody : owner] }
        if let source = value("source") { query.sources = [source] }
        if let tier = value("tier") { query.tiers = [tier] }
        query.queue = value("queue")
        if let breached = value("breached") {
            guard ["yes", "no"].contains(breached) else { throw AppError.badRequest("Unknown breach filter.", details: ["breached: expected yes or no"]) }
            query.breached = breached == "yes"
        }
        (query.sort, query.descending) = try listOrder(sort: value("sort"), dir: value("dir"), default: defaultSort) { $0 == .due || $0 == .name }
        (page, perPage, query.offset) = try listPage(uri, api: api, apiDefault: 200, apiLimit: 1000)
        query.limit = perPage
        let kept = ["q", "status", "owner", "source", "tier", "queue", "breached", "sort", "dir", "per"]
        parameters = kept.compactMap { name in value(name).map { (name, $0) } }
    }
}
