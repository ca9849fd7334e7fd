import Foundation
import Logging
import PostgresNIO

/// One connection (often inside a transaction) that runs SQL written with `?` placeholders, as `ListSQL` and the
/// SQLite store write it, numbering them `$1, $2, …` for PostgreSQL.
struct PostgresSQL: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// A result row, read by column name.
    struct Row: Sendable {
        let cells: PostgresRandomAccessRow

        func get<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
            try cells[column].decode(Value.self)
        }
    }

    /// Runs a statement and returns its rows.
    func rows(_ sql: String, _ arguments: [SQLValue?] = []) async throws -> [Row] {
        let sequence = try await connection.query(Self.query(sql, arguments), logger: logger)
        return try await sequence.collect().map { Row(cells: $0.makeRandomAccess()) }
    }

    /// Runs a statement and hands its rows to `body` one at a time, as they arrive.
    func each(_ sql: String, _ arguments: [SQLValue?] = [], _ body: (Row) throws -> Void) async throws {
        for try await row in try await connection.query(Self.query(sql, arguments), logger: logger) {
            try body(Row(cells: row.makeRandomAccess()))
        }
    }

    /// Runs a statement that selects one record per row (`SELECT ROW(…) …`) and hands each to `body` as it arrives.
    func eachRecord(_ sql: String, _ arguments: [SQLValue?] = [], _ body: (PostgresRecord) throws -> Void) async throws {
        for try await row in try await connection.query(Self.query(sql, arguments), logger: logger) {
            try body(try row.decode(PostgresRecord.self))
        }
    }

    /// Runs a statement for its effect.
    func run(_ sql: String, _ arguments: [SQLValue?] = []) async throws {
        _ = try await connection.query(Self.query(sql, arguments), logger: logger).collect()
    }

    /// Runs a statement written for both databases.
    func run(_ statement: SQLStatement) async throws {
        try await run(statement.sql, statement.arguments)
    }

    /// How many rows a statement changed: it must end in `RETURNING 1` (or any column).
    func count(_ sql: String, _ arguments: [SQLValue?] = []) async throws -> Int {
        try await rows(sql, arguments).count
    }

    func rows(_ statement: SQLStatement) async throws -> [Row] {
        try await rows(statement.sql, statement.arguments)
    }

    func count(_ statement: SQLStatement) async throws -> Int {
        try await count(statement.sql, statement.arguments)
    }

    /// The first column of the first row, if any.
    func value<Value: PostgresDecodable>(_ sql: String, _ arguments: [SQLValue?] = [], as type: Value.Type = Value.self) async throws -> Value? {
        guard let row = try await rows(sql, arguments).first else { return nil }
        return try row.cells[0].decode(Value.self)
    }

    /// The statement with `?` numbered and the values bound in order; nil binds NULL.
    static func query(_ sql: String, _ arguments: [SQLValue?]) -> PostgresQuery {
        var text = ""
        text.reserveCapacity(sql.utf8.count + arguments.count * 2)
        var number = 0
        for character in sql {
            if character == "?" {
                number += 1
                text += "$\(number)"
            } else {
                text.append(character)
            }
        }
        precondition(number == arguments.count, "\(number) placeholders for \(arguments.count) values in: \(sql)")
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case nil: binds.appendNull()
            case .text(let text): binds.append(text.withoutNUL)
            case .integer(let number): binds.append(number)
            case .real(let number): binds.append(number)
            case .bool(let flag): binds.append(flag)
            case .date(let date): binds.append(date)
            case .blob(let bytes): binds.append(ByteBuffer(bytes: bytes))
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: binds)
    }
}

extension SQLCondition {
    /// The condition's values as optionals, for `PostgresSQL`.
    var postgresArguments: [SQLValue?] { arguments.map { $0 } }
}
