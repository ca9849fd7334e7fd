import BatonCore
import BatonStore
import Foundation
import Hummingbird
import HummingbirdCore

/// A work list as a page or the API asks for it in the query string, read into a `WorkQuery`: `q`, `status` (a
/// group — open, active, shipped, all — or statuses separated by commas), `type` (asset type), `campaign`, `person`,
/// `breached`, `blocked` and `rush` (yes or no), `sort` and `dir`, and the page (`page`/`per` on pages,
/// `limit`/`offset` on the API). A value it cannot use is a 400 naming the parameter and what it takes.
struct WorkListRequest: ListLinking {
    var query: WorkQuery
    var parameters: [(name: String, value: String)]
    var page: Int
    var perPage: Int
    var statusGroup: String

    static let statusGroups: [(id: String, label: String, statuses: Set<WorkStatus>)] = [
        ("open", "Open", Set(WorkStatus.allCases).subtracting([.draft, .launched, .cancelled])),
        ("drafts", "Drafts", [.draft]),
        ("shipped", "Launched", [.launched]),
        ("all", "Every status", Set(WorkStatus.allCases)),
    ]
    static let names = ["q", "status", "type", "campaign", "person", "breached", "blocked", "rush", "sort", "dir"]

    init(_ uri: URI, now: Date, api: Bool = false) throws {
        let given = uri.queryParameters
        func value(_ name: String) -> String? {
            given[Substring(name)].map { String($0).trimmedWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let known = Set((Self.names + (api ? ["limit", "offset"] : ["page", "per"])).map { Substring($0) })
        if api, let unknown = given.map(\.key).first(where: { !known.contains($0) }) {
            throw AppError.badRequest("Unknown parameter \(unknown).", details: ["expected any of: \(known.sorted().joined(separator: ", "))"])
        }
        query = WorkQuery(now: now)
        let status = value("status") ?? (value("q") == nil ? "open" : "all")
        statusGroup = status
        query.statuses = try listStatuses(status, groups: Self.statusGroups)
        query.search = value("q")
        query.assetTypes = value("type").map { Set($0.split(separator: ",").map(String.init)) }
        query.campaign = value("campaign")
        query.person = value("person")
        query.breached = try Self.yesNo(value("breached"), "breached")
        query.blocked = try Self.yesNo(value("blocked"), "blocked")
        query.rush = try Self.yesNo(value("rush"), "rush")
        (query.sort, query.descending) = try listOrder(sort: value("sort"), dir: value("dir"), default: WorkSort.due) { [.due, .deadline, .name].contains($0) }
        (page, perPage, query.offset) = try listPage(uri, api: api, apiDefault: 50, apiLimit: 500)
        query.limit = perPage
        parameters = (Self.names + ["per"]).compactMap { name in value(name).map { (name, $0) } }
    }

    private static func yesNo(_ value: String?, _ name: String) throws -> Bool? {
        guard let value else { return nil }
        guard ["yes", "no"].contains(value) else { throw AppError.badRequest("Unknown \(name) filter.", details: ["\(name): expected yes or no"]) }
        return value == "yes"
    }
}
