import GRDB

extension SQLValue {
    /// The value as SQLite stores it: dates as GRDB's UTC text, booleans as 0 or 1.
    var sqlite: any DatabaseValueConvertible {
        switch self {
        case .text(let text): text.withoutNUL
        case .integer(let number): number
        case .real(let number): number
        case .bool(let flag): flag
        case .date(let date): date.sqlText
        case .blob(let bytes): bytes
        }
    }
}

extension SQLCondition {
    /// The condition's values, followed by `more` (a page's LIMIT and OFFSET).
    func statementArguments(_ more: [any DatabaseValueConvertible] = []) -> StatementArguments {
        StatementArguments(arguments.map(\.sqlite) + more)
    }
}

extension SQLStatement {
    /// The values as SQLite binds them.
    var sqliteArguments: StatementArguments { StatementArguments(arguments.map { $0?.sqlite }) }
}

extension Database {
    /// Runs a statement written for both databases.
    func run(_ statement: SQLStatement) throws {
        try run(statement.sql, statement.sqliteArguments)
    }
}
