import ArgumentParser
import Foundation

/// Where the database lives; shared by every command that opens it.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (env BATON_DATABASE).")
    var database: String = ProcessInfo.processInfo.environment["BATON_DATABASE"] ?? ".baton/baton.sqlite"
}
