import BatonCore
import Foundation
import GRDB

/// Lead lists: `LeadQuery` as SQL over `lead_list`, the narrow table `writeRow` keeps beside each lead.
extension SQLiteStore {
    /// One page: the ids from the narrow `lead_list` in the query's order, then those leads' JSON, so that sorting a
    /// deep page never carries the records along.
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
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM lead_list WHERE \(condition) ORDER BY \(order), id DESC LIMIT ? OFFSET ?",
                arguments: arguments + [query.limit, query.offset])
            guard !ids.isEmpty else { return [] }
            var records: [Int64: LeadRecord] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, data FROM lead WHERE id IN (\(Self.placeholders(ids.count)))", arguments: StatementArguments(ids)) {
                records[row["id"]] = try Self.decode(row["data"])
            }
            return ids.compactMap { records[$0] }
        }
    }

    public func countLeads(_ query: LeadQuery) async throws -> Int {
        try await writer.read { db in
            let (condition, arguments) = Self.condition(query)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lead_list WHERE \(condition)", arguments: arguments) ?? 0
        }
    }

    public func leadCounts() async throws -> [LeadStatus: Int] {
        try await writer.read { db in
            var counts: [LeadStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM lead_list GROUP BY status") {
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
            let missed = "(response_due IS NOT NULL AND response_due < COALESCE(responded_at, ?))"
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
    static func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
