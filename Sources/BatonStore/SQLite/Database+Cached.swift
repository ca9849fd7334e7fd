import GRDB

extension Database {
    /// Executes SQL compiled once per connection (GRDB's statement cache): for the statements every lead runs.
    func run(_ sql: String, _ arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
