import ArgumentParser
import BatonServer
import BatonStore
import Foundation

/// `baton user password EMAIL`: set a password; passwords never live in the policy file.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.", subcommands: [Password.self])

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an account's password, read from standard input (asked for when it is a terminal).")

        @Argument(help: "The account's email, as in the policy.") var email: String
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Load this policy first, so that its people are accounts.") var policy: String?

        func run() async throws {
            let admin = AccountAdministration(store: try await database.open())
            do {
                if let policy { try await admin.loadPolicy(at: policy) }
                let password: String
                if isatty(STDIN_FILENO) == 1 {
                    password = String(cString: getpass("New password for \(email): "))
                } else {
                    password = readLine(strippingNewline: true) ?? ""
                }
                try await admin.setPassword(email: email, password: password)
                print("Password set for \(email). Their other sessions have ended.")
            } catch {
                printToStandardError("\(error)")
                throw ExitCode.failure
            }
        }
    }
}
