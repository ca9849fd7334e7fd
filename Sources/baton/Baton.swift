import ArgumentParser

/// The `baton` command: a thin shell over the libraries. Each subcommand resolves its configuration once.
@main
struct Baton: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Baton — the handoff engine for marketing and sales teams.",
        subcommands: [
            ServeCommand.self, DemoCommand.self, PolicyCommand.self, UserCommand.self, TokenCommand.self, ImportCommand.self, ReportsCommand.self, AuditCommand.self, BacktestCommand.self, SimulateCommand.self, MigrateStoreCommand.self,
            BenchCommand.self,
        ]
    )
}
