import ArgumentParser
import BatonCore
import BatonServer
import BatonStore
import Foundation
import Synchronization

/// `baton bench routing|csv|timers`: the lead handoff's benchmarks (issue 3), run on a release build. Results go to
/// standard output; BENCHMARKS.md records them with these commands.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure routing, CSV import and SLA timers (use a release build).",
        subcommands: [Routing.self, CSVImport.self, Timers.self, BareInsert.self, BenchGate.self, BenchWorkData.self])

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

    /// (d) 100,000 open SLA timers: how long after its deadline each breach is acted on.
    struct Timers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "timers", abstract: "Open N SLA timers due over a window; measure how late each is acted on.")
        @Option(help: "Timers (one lead each, one breach timer).") var timers = 100_000
        @Option(help: "Seconds over which the deadlines are spread.") var window = 60.0

        func run() async throws {
            let folder = NSTemporaryDirectory() + "baton-bench-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let store = try SQLiteStore(path: folder + "/bench.sqlite")
            let policy = BenchPolicy.large(people: 500, rules: 200, responseMinutes: 1)
            let workflow = LeadWorkflow(pipeline: LeadPipeline(policy: policy), policyVersion: nil)
            // Admitted in batches of 1,000 with a 1-minute response SLA on a 24/7 calendar, spread over the window
            // (no escalation levels here). Admission times lie in the future; once all are stored, the loop's clock is
            // shifted so that the first deadline is 5 s away: lateness is measured on that clock.
            let setupStart = Date()
            let firstAdmission = setupStart.addingTimeInterval(100_000)
            var generator = SeededGenerator(seed: 11)
            for batch in stride(from: 0, to: timers, by: 1000) {
                let intakes = (batch..<min(batch + 1000, timers)).map { index in
                    LeadIntake(submission: BenchPolicy.submission(index, using: &generator), idempotencyKey: nil, actor: "bench")
                }
                let at = firstAdmission.addingTimeInterval(window * Double(batch) / Double(timers))
                _ = try await store.admitLeads(intakes, at: at, workflow: workflow)
            }
            let pending = try await store.nextTimerDue()
            print("timers: \(timers) leads admitted in \(Int(Date().timeIntervalSince(setupStart))) s; timers stored")
            print("        memory after setup \(ResidentMemory.currentMegabytes()) MB")
            let late = Mutex<[UInt64]>([])
            let shift = (pending ?? Date()).timeIntervalSince(Date()) - 5
            @Sendable func clock() -> Date { Date().addingTimeInterval(shift) }
            let deadline = Date().addingTimeInterval(window + 180)
            while Date() < deadline {
                let now = clock()
                _ = try await store.fireDueTimers(at: now, limit: 500) { timer, lead, state in
                    let acted = clock()
                    if timer.kind == .breach { late.withLock { $0.append(UInt64(max(0, acted.timeIntervalSince(timer.due)) * 1_000_000)) } }
                    return workflow.fire(timer, on: &lead, state: &state, at: acted)
                }
                if (try await store.nextTimerDue()).map({ $0 > clock() }) ?? true {
                    try await Task.sleep(for: .milliseconds(200))
                }
                if try await store.nextTimerDue() == nil { break }
            }
            let lateness = late.withLock { $0 }
            print("timers: \(lateness.count) breaches acted on; lateness after the deadline:")
            print(Percentiles(lateness).report(unit: "ms", divisor: 1000))
            print("        peak memory \(ResidentMemory.peakMegabytes()) MB")
        }
    }
}
