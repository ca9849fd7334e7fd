import ArgumentParser
import BatonCore
import BatonServer
import BatonStore
import Foundation

/// `baton token create|list|revoke`: bearer tokens for machines.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token; its secret is printed once.")

        @Option(help: "Email of the account the token acts for.") var user: String
        @Option(help: "What the token is for, e.g. \"HubSpot webhook\".") var name: String
        @Option(
            name: .customLong("scope"),
            help: "A scope the token may use; repeat for several. One of: \(APIScope.allCases.map(\.rawValue).joined(separator: ", ")).")
        var scopes: [String]
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let unknown = scopes.filter { APIScope(rawValue: $0) == nil }
            guard unknown.isEmpty else {
                throw ValidationError("Unknown scope \(unknown.joined(separator: ", ")); expected: \(APIScope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do {
                let issuer = TokenIssuer(store: try await database.open(), clock: SystemClock())
                let issued = try await issuer.issue(name: name, accountEmail: user, scopes: scopes.compactMap(APIScope.init), actor: "cli")
                print("Token \(issued.token.id) created for \(user). Its secret is shown only now:\n\(issued.secret)")
            } catch {
                printToStandardError("\(error)")
                throw ExitCode.failure
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            for token in try await database.open().apiTokens() {
                let state = token.revokedAt == nil ? "active" : "revoked"
                print("\(token.id)  \(state)  \(token.accountID)  \(token.scopes.map(\.rawValue).joined(separator: ","))  \(token.name)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token at once.")
        @Argument(help: "The token id.") var id: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            guard try await database.open().revokeAPIToken(id: id, actor: "cli", at: Date()) else {
                printToStandardError("No active token has the id \(id).")
                throw ExitCode.failure
            }
            print("Token \(id) revoked.")
        }
    }
}
