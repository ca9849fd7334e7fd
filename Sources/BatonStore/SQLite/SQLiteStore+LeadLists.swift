import BatonCore
import Foundation
import GRDB

/// Lead lists: `LeadQuery` as SQL over the lead table's list columns (written by `writeRow`).
extension SQLiteStore {
    public func leads(_ query: LeadQuery) async throws -> [LeadRecord] {
        try await writer.read { db in
            let (condition, arguments) = Self.condition(query)
            let direction = query.descending ? "DESC" : "ASC"
            let order = switch query.sort {
            case .due: "deadline IS NULL, deadline \(direction)"
            case .received: "received_at \(direction)"
            case .updated: "updated_at \(direction)"
            case .score: "score \(direction)"
            case .name: "name_key \(direction)"
            }
            let sql = "SELECT data FROM lead WHERE \(condition) ORDER BY \(order), id DESC LIMIT ? OFFSET ?"
            return try String.fetchAll(db, sql: sql, arguments: arguments + [query.limit, query.offset]).map(Self.decode)
        }
    }

    public func countLeads(_ query: LeadQuery) async throws -> Int {
        try await writer.read { db in
            let (condition, arguments) = Self.condition(query)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lead WHERE \(condition)", arguments: arguments) ?? 0
        }
    }

    public func leadCounts() async throws -> [LeadStatus: Int] {
        try await writer.read { db in
            var counts: [LeadStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM lead GROUP BY status") {
                if let status = LeadStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    /// The WHERE clause of a query, with its arguments; the same filters as `LeadQuery.matches`.
    private static func condition(_ query: LeadQuery) -> (String, StatementArguments) {
        var clauses = ["status IN (\(placeholders(query.statuses.count)))"]
        var arguments: [(any DatabaseValueConvertible)?] = query.statuses.map(\.rawValue).sorted()
        switch query.scope {
        case .all: break
        case .none: clauses.append("0")
        case .people(let people, let unowned):
            let seen = people.sorted().map { _ in "instr(owners_ever, ?) > 0" } + (unowned ? ["owner IS NULL"] : [])
            clauses.append(seen.isEmpty ? "0" : "(" + seen.joined(separator: " OR ") + ")")
            arguments += people.sorted().map { " \($0) " }
        }
        if let owners = query.owners {
            let named = owners.subtracting([LeadQuery.nobody]).sorted()
            var options = named.isEmpty ? [] : ["owner IN (\(placeholders(named.count)))"]
            if owners.contains(LeadQuery.nobody) { options.append("owner IS NULL") }
            clauses.append(options.isEmpty ? "0" : "(" + options.joined(separator: " OR ") + ")")
            arguments += named
        }
        if let queue = query.queue {
            clauses.append("queue = ?")
            arguments.append(queue)
        }
        if let sources = query.sources {
            clauses.append("source IN (\(placeholders(sources.count)))")
            arguments += sources.sorted()
        }
        if let tiers = query.tiers {
            clauses.append("COALESCE(tier, '') IN (\(placeholders(tiers.count)))")
            arguments += tiers.sorted()
        }
        if let breached = query.breached {
            let missed = "(deadline IS NOT NULL AND deadline < COALESCE(responded_at, ?))"
            clauses.append(breached ? missed : "NOT \(missed)")
            arguments.append(query.now.sqlText)
        }
        for word in query.searchWords ?? [] {
            clauses.append("instr(search, ?) > 0")
            arguments.append(word)
        }
        return (clauses.joined(separator: " AND "), StatementArguments(arguments))
    }

    /// "?, ?, ?"; an empty list becomes NULL, which matches nothing.
    private static func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
