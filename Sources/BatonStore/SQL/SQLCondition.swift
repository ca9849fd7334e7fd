import Foundation

/// A value bound to a statement, written the same way for either database; each store binds it its own way.
public enum SQLValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case real(Double)
    case bool(Bool)
    case date(Date)
    /// Bytes: a BLOB in SQLite, a BYTEA in PostgreSQL.
    case blob(Data)
}

extension String {
    /// The text without NUL characters, which PostgreSQL cannot store and SQLite would cut the text at: both stores
    /// drop them from every text they bind, so both keep and search the same text.
    var withoutNUL: String { utf8.contains(0) ? replacingOccurrences(of: "\0", with: "") : self }
}

/// A piece of SQL that both databases read alike, with `?` placeholders and the values they stand for, in order.
/// Lists are filtered with these so that SQLite and PostgreSQL cannot disagree about what a filter means.
struct SQLCondition: Sendable {
    var clauses: [String] = []
    var arguments: [SQLValue] = []

    /// The clauses joined with AND ("1 = 1" when there are none).
    var sql: String { clauses.isEmpty ? "1 = 1" : clauses.joined(separator: " AND ") }

    mutating func add(_ clause: String, _ values: [SQLValue] = []) {
        clauses.append(clause)
        arguments += values
    }

    /// "?, ?, ?"; an empty list becomes NULL, which matches nothing.
    static func placeholders(_ count: Int) -> String {
        count == 0 ? "NULL" : Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// Adds "column IN (?, ?)" over sorted texts, so the same query always makes the same SQL.
    mutating func add(_ column: String, isIn values: some Sequence<String>) {
        let sorted = values.sorted()
        add("\(column) IN (\(Self.placeholders(sorted.count)))", sorted.map(SQLValue.text))
    }
}

/// A whole statement both databases read alike, with `?` placeholders; nil binds NULL.
struct SQLStatement: Sendable {
    var sql: String
    var arguments: [SQLValue?]
}
