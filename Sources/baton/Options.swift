import ArgumentParser
import Foundation

/// Where the database lives; shared by every command that opens it.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (env BATON_DATABASE).")
    var database: String = ProcessInfo.processInfo.environment["BATON_DATABASE"] ?? ".baton/baton.sqlite"
}

/// The policy file the server runs on; shared by `serve` and `import`.
struct PolicyFileOptions: ParsableArguments {
    @Option(name: .long, help: "The policy file (env BATON_POLICY).")
    var policy: String = ProcessInfo.processInfo.environment["BATON_POLICY"] ?? "policy.yaml"
}
