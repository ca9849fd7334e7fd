import ArgumentParser
import BatonPolicy
import Foundation

/// `baton policy check|diff`: policy as code (X1).
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Check and compare policy files.",
        subcommands: [Check.self, Diff.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a policy file and list every problem with file:line:column. Exit 0 when valid, 1 when not.")

        @Argument(help: "The policy file to check.") var file: String

        func run() throws {
            do {
                let loaded = try PolicyLoader.load(contentsOf: file)
                let policy = loaded.policy
                print(
                    "\(file): valid — \(policy.teams.count) teams, \(policy.people.count) people, \(policy.handoffs.count) handoffs, \(policy.assetTypes.count) asset types"
                )
            } catch {
                printToStandardError(error.description)
                throw ExitCode.failure
            }
        }
    }

    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what changed between two policy files, in words.")

        @Argument(help: "The policy in force.") var old: String
        @Argument(help: "The candidate policy.") var new: String

        func run() throws {
            do {
                let changes = PolicyDiff(old: try PolicyLoader.load(contentsOf: old).policy, new: try PolicyLoader.load(contentsOf: new).policy)
                    .changes
                print(changes.isEmpty ? "No changes." : changes.map { "- \($0)" }.joined(separator: "\n"))
            } catch {
                printToStandardError(error.description)
                throw ExitCode.failure
            }
        }
    }
}

/// Writes a line to standard error.
func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
