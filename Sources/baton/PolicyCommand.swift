import ArgumentParser
import BatonCore
import BatonPolicy
import BatonServer
import Foundation

/// `baton policy check|diff`: policy as code (X1).
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Check, test and compare policy files.",
        subcommands: [Check.self, Test.self, Diff.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a policy file and list every problem with file:line:column. Exit 0 when valid, 1 when not.",
            discussion: """
                With --capacity, the policy's people, calendars, capacities and response tiers are also simulated over \
                the next four weeks at the volume of the last four in the database (baton simulate), with a warning for \
                each tier that cannot be met.
                """)

        @Argument(help: "The policy file to check.") var file: String
        @Flag(help: "Also warn when a response SLA cannot be met with the people and recent volume (reads --database).") var capacity = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let policy: Policy
            do {
                let loaded = try PolicyLoader.load(contentsOf: file)
                policy = loaded.policy
                for warning in loaded.warnings { printToStandardError(warning.description) }
            } catch {
                printToStandardError(error.description)
                throw ExitCode.failure
            }
            if capacity {
                let store = try await database.location().open()
                if let simulation = try await Simulations(store: store).run(Simulations.Request(weeks: 4), policy: policy, now: SystemClock().now()) {
                    for warning in Simulations.warnings(simulation, policy: policy) { printToStandardError("\(file): warning: \(warning)") }
                }
            }
            print("\(file): valid — \(policy.teams.count) teams, \(policy.people.count) people, \(policy.handoffs.count) handoffs, \(policy.assetTypes.count) asset types")
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the sales-ready definition's examples and counterexamples. Exit 0 when all agree, 1 when not.")

        @Argument(help: "The policy file to test.") var file: String

        func run() throws {
            let policy: Policy
            do {
                policy = try PolicyLoader.load(contentsOf: file).policy
            } catch {
                printToStandardError(error.description)
                throw ExitCode.failure
            }
            let results = PolicyExamples(policy: policy).run(at: Date())
            for result in results {
                if result.passed {
                    print("PASS \(result.example.id): \(result.verdict.rawValue) — \(result.because)")
                } else {
                    print("FAIL \(result.example.id): expected \(result.example.expect.rawValue), got \(result.verdict.rawValue) — \(result.because)")
                    print("     \(result.example.label)")
                    print("     criteria: \(result.criteria.isEmpty ? "none gave points" : result.criteria.joined(separator: "; "))")
                }
            }
            let failed = results.filter { !$0.passed }.count
            print("\(results.count) example\(results.count == 1 ? "" : "s"), \(failed) failed")
            if failed > 0 { throw ExitCode.failure }
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
