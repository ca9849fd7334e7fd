import ArgumentParser
import BatonCore
import BatonPolicy
import BatonServer
import BatonStore
import Foundation

/// `baton demo`: a server on the example policy with one demo login per role.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run a demo server on examples/policy.yaml with demo logins.")

    @Option(help: "The policy file.") var policy = "examples/policy.yaml"
    @Option(help: "The demo database.") var database = ".baton/demo.sqlite"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Leads per day times this (10 makes about 27,000 leads, to try the lists at volume).") var scale = 1

    /// The password of every demo login. The demo database is for trying Baton, never for real data.
    static let password = "handoff-demo-2026"

    func run() async throws {
        let configuration = ServerConfiguration(port: port, policyPath: policy, database: .sqlite(path: database), bcryptCost: 10)
        let store = try SQLiteStore(path: database)
        let admin = AccountAdministration(store: store, bcryptCost: 10)
        do {
            try await admin.loadPolicy(at: policy)
        } catch {
            printToStandardError("\(error)")
            throw ExitCode.failure
        }
        let loaded = try PolicyLoader.load(contentsOf: policy)
        if try await store.leadCounts().isEmpty {
            print("Generating 90 days of lead history (once per demo database)…")
            let count = try await DemoData.generateLeads(store: store, policy: loaded.policy, now: Date(), scale: scale)
            print("  \(count) leads from HubSpot, Salesforce, the website form, CSV imports and the API.")
        }
        if try await store.countWorkItems(WorkQuery(limit: 1)) == 0 {
            print("Generating 90 days of marketing work…")
            let count = try await DemoData.generateWork(store: store, policy: loaded.policy, now: Date(), scale: scale)
            print("  \(count) work items across \(loaded.policy.assetTypes.count) asset types, from brief to launch.")
        }
        // Everyone in the policy signs in with the demo password, so each step can be taken by the person it waits on.
        var logins: [(AccessRole, Account)] = []
        let accounts = try await store.accounts().filter(\.active)
        for account in accounts { try await admin.setPassword(email: account.email, password: Self.password, actor: "demo") }
        for role in AccessRole.allCases {
            if let account = accounts.first(where: { $0.access == role }) { logins.append((role, account)) }
        }
        let demoLogins = logins
        try await Server.run(configuration) { _ in
            print("Baton demo on \(configuration.publicURL) — policy \(policy), database \(database)")
            print("Everyone in the policy signs in with the password \(Self.password); one per role:")
            for (role, account) in demoLogins {
                print("  \(role.label.padding(toLength: 15, withPad: " ", startingAt: 0)) \(account.email)  (\(account.name))")
            }
            print("Stop with Ctrl-C.")
        }
    }
}
