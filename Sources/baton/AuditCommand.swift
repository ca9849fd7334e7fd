import ArgumentParser
import BatonCore
import BatonServer
import Foundation

/// `baton audit`: the monthly handoff audit's sample and the quarterly alignment review (G4, G5).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Draw the monthly audit sample, start the quarterly review, list audits.",
        subcommands: [AuditSampleCommand.self, AuditQuarterlyCommand.self, AuditListCommand.self])
}

/// `baton audit sample`: a random, reproducible sample of the month's closed handoffs, stored for inspection.
struct AuditSampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw and store a month's audit sample of closed handoffs of both kinds (inspect it on /audits).",
        discussion: "The same month, size and seed always draw the same sample; the seed is stored with the audit.")

    @Option(help: "The month, YYYY-MM; default: last month.") var month: String?
    @Option(help: "How many handoffs, \(AuditSampler.sizes.lowerBound) to \(AuditSampler.sizes.upperBound).") var size = 15
    @Option(help: "The seed; default: a random one (printed and stored).") var seed: UInt64?
    @Option(help: "Who draws it, as the policy names them.") var by = "cli"
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (service, _) = try await AuditCommand.service(database)
        do {
            let audit = try await service.sample(month: month ?? AuditService.lastMonth(before: SystemClock().now()), size: size, seed: seed, by: by)
            print(AuditCommand.describe(audit))
        } catch let problem as AuditProblem {
            throw ValidationError(problem.description)
        }
    }
}

/// `baton audit quarterly`: starts a quarter's alignment review.
struct AuditQuarterlyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarterly", abstract: "Start a quarter's alignment review of definitions, scoring, routing and feedback loops.")

    @Argument(help: "The quarter, YYYY-Qn, e.g. 2026-Q4.") var quarter: String
    @Option(help: "Who starts it, as the policy names them.") var by = "cli"
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let (service, _) = try await AuditCommand.service(database)
        do {
            print(AuditCommand.describe(try await service.startQuarterly(quarter, by: by)))
        } catch let problem as AuditProblem {
            throw ValidationError(problem.description)
        }
    }
}

/// `baton audit list`: every audit with its progress and open fixes.
struct AuditListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List audits: entries inspected, fixes open.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let store = try await database.location().open()
        let audits = try await store.audits()
        if audits.isEmpty { print("No audit yet: draw one with baton audit sample.") }
        for audit in audits {
            print("\(audit.id)  \(audit.title): \(audit.inspected) of \(audit.entries.count) inspected, \(audit.openFixes.count) fix\(audit.openFixes.count == 1 ? "" : "es") open")
        }
    }
}

extension AuditCommand {
    static func service(_ database: DatabaseOptions) async throws -> (AuditService, Policy) {
        let (store, policy) = try await database.openWithPolicy()
        return (AuditService(store: store, clock: SystemClock(), policy: policy), policy)
    }

    static func describe(_ audit: Audit) -> String {
        var lines = ["\(audit.title) (audit \(audit.id)\(audit.kind == .monthly ? ", seed \(audit.seed)" : "")): \(audit.entries.count) entries"]
        if !audit.note.isEmpty { lines.append(audit.note) }
        for entry in audit.entries {
            let problems = entry.checks.filter { !$0.passed }.map { "\($0.label): \($0.detail)" }
            lines.append("  \(entry.subject)  \(entry.title)" + (problems.isEmpty ? "" : " — " + problems.joined(separator: "; ")))
        }
        lines.append("Inspect it on /audits/\(audit.id).")
        return lines.joined(separator: "\n")
    }
}
