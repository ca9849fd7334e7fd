import ArgumentParser
import BatonCore
import BatonServer
import BatonStore
import Foundation
import Synchronization

/// `baton bench …`: the benchmarks and the data they run on (issues 3, 10, 11 and 12), run on a release build.
/// Results go to standard output; BENCHMARKS.md records them with these commands.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure routing, CSV import, SLA timers, gates; generate data for the page and report benchmarks (use a release build).",
        subcommands: [Routing.self, CSVImport.self, Timers.self, BareInsert.self, BenchGate.self, BenchWorkData.self, BenchReportData.self])

    /// (c) One routing decision in process, with 500 people and 200 rules.
    struct Routing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "routing", abstract: "Time routing decisions: 500 people, 200 rules.")
        @Option(help: "Decisions to time.") var decisions = 200_000

        func run() async throws {
            let policy = BenchPolicy.large(people: 500, rules: 200)
            let router = LeadRouter(policy: policy)
            var state = RoutingState()
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            var generator = SeededGenerator(seed: 7)
            let facts = (0..<10_000).map { _ in BenchPolicy.facts(using: &generator) }
            var nanoseconds: [UInt64] = []
            nanoseconds.reserveCapacity(decisions)
            var owners = 0
            for index in 0..<decisions {
                let start = DispatchTime.now().uptimeNanoseconds
                let (assignment, next) = router.route(facts[index % facts.count], at: now, state: state)
                nanoseconds.append(DispatchTime.now().uptimeNanoseconds - start)
                state.credits = next.credits
                if assignment.owner != nil { owners += 1 }
            }
            print("routing: \(decisions) decisions, 500 people, 200 rules, \(owners) to a person")
            print(Percentiles(nanoseconds).report(unit: "µs", divisor: 1000))
        }
    }

    /// (b) CSV import end to end: parse, validate, score, route, store with events, outbox and timers.
    struct CSVImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "csv", abstract: "Import a generated CSV of N leads into a fresh database.")
        @Option(help: "Rows to generate.") var rows = 100_000
        @Option(help: "The policy file.") var policy = "examples/policy.yaml"

        func run() async throws {
            let folder = NSTemporaryDirectory() + "baton-bench-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let file = folder + "/leads.csv"
            try BenchPolicy.csv(rows: rows).write(toFile: file, atomically: true, encoding: .utf8)
            let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            let importer = LeadCSVImporter(configuration: ServerConfiguration(policyPath: policy, database: .sqlite(path: folder + "/bench.sqlite")))
            let started = DispatchTime.now().uptimeNanoseconds
            let report = try await importer.run(file: file, mapping: [], actor: "bench")
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            print("csv: \(rows) rows (\(size / 1_000_000) MB) in \(String(format: "%.2f", seconds)) s = \(Int(Double(rows) / seconds)) leads/s")
            print("     created \(report.created), merged \(report.merged), refused \(report.rejected.count); by status: \(report.statuses.sorted { $0.key < $1.key })")
            print("     peak memory \(ResidentMemory.peakMegabytes()) MB")
        }
    }
}
