import Foundation
import Hummingbird
import HummingbirdCore

/// A list request whose query parameters the links to its other pages and orders keep.
protocol ListLinking {
    /// The parameters as given (without the page).
    var parameters: [(name: String, value: String)] { get }
}

extension ListLinking {
    /// A link to `path` with the same parameters, some changed (nil removes one); the page starts over unless given.
    func link(_ path: String, changing changes: [String: String?] = [:]) -> String {
        var pairs = parameters.filter { changes[$0.name] == nil && $0.name != "page" }
        for (name, value) in changes.sorted(by: { $0.key < $1.key }) { if let value { pairs.append((name, value)) } }
        guard !pairs.isEmpty else { return path }
        return path + "?" + pairs.map { "\($0.name)=\(encodedQueryValue($0.value))" }.joined(separator: "&")
    }
}

/// A query-string value with everything but letters and digits percent-encoded.
func encodedQueryValue(_ value: String) -> String { value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

/// The statuses a list's `status` parameter names: one of its named `groups`, or statuses separated by commas; a
/// 400 listing what it takes otherwise.
func listStatuses<Status: RawRepresentable & CaseIterable & Hashable>(
    _ text: String, groups: [(id: String, label: String, statuses: Set<Status>)]
) throws -> Set<Status> where Status.RawValue == String {
    if let group = groups.first(where: { $0.id == text }) { return group.statuses }
    let named = text.split(separator: ",").map(String.init)
    let statuses = named.compactMap(Status.init(rawValue:))
    guard !named.isEmpty, statuses.count == named.count else {
        let choices = groups.map(\.id) + Status.allCases.map(\.rawValue)
        throw AppError.badRequest("Unknown status.", details: ["status: expected one of \(choices.joined(separator: ", ")), or statuses separated by commas"])
    }
    return Set(statuses)
}

/// A list's order from its `sort` and `dir` parameters: the sort (its default when absent) and whether it runs
/// descending (`ascending` sorts run ascending unless `dir` says otherwise); a 400 naming what each takes.
func listOrder<Sort: RawRepresentable & CaseIterable>(
    sort text: String?, dir: String?, default fallback: Sort, ascending: (Sort) -> Bool
) throws -> (sort: Sort, descending: Bool) where Sort.RawValue == String {
    guard let sort = text.map({ Sort(rawValue: $0) }) ?? fallback else {
        throw AppError.badRequest("Unknown order.", details: ["sort: expected one of \(Sort.allCases.map(\.rawValue).joined(separator: ", "))"])
    }
    let direction = dir ?? (ascending(sort) ? "asc" : "desc")
    guard ["asc", "desc"].contains(direction) else { throw AppError.badRequest("Unknown direction.", details: ["dir: expected asc or desc"]) }
    return (sort, direction == "desc")
}

/// The page a list asks for: `limit` and `offset` over the API (up to `apiLimit`), `per` and `page` on pages.
func listPage(_ uri: URI, api: Bool, apiDefault: Int, apiLimit: Int) throws -> (page: Int, perPage: Int, offset: Int) {
    if api {
        return (1, try uri.integer("limit", default: apiDefault, in: 1...apiLimit), try uri.integer("offset", default: 0, in: 0...10_000_000))
    }
    let perPage = try uri.integer("per", default: 50, in: 1...200)
    let page = try uri.integer("page", default: 1, in: 1...1_000_000)
    return (page, perPage, (page - 1) * perPage)
}
