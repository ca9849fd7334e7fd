import ArgumentParser
import BatonCore
import BatonStore
import Foundation
import Synchronization

extension BenchCommand {
    /// (d) 100,000 open SLA timers: how long after its deadline each breach is acted on, by one instance or several
    /// on one database, each running the timer loop's cycle (read when the next timer is due; claim and fire in
    /// batches of 500; sleep until the next deadline, 200 ms at most).
    struct Timers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "timers", abstract: "Open N SLA timers due over a window; measure how late each is acted on.")
        @Option(help: "Timers (one lead each, one breach timer).") var timers = 100_000
        @Option(help: "Seconds over which the deadlines are spread.") var window = 60.0
        @Option(help: "An empty PostgreSQL database (postgres://…) instead of a new SQLite file.") var database: String?
        @Option(help: "Instances firing at once, each with its own connection pool and claimant.") var instances = 1

        func run() async throws {
            let folder = NSTemporaryDirectory() + "baton-bench-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let location = try database.map { try DatabaseLocation($0) } ?? .sqlite(path: folder + "/bench.sqlite")
            var stores: [any BatonStorage] = []
            for _ in 0..<max(1, instances) { stores.append(try await location.open()) }
            let store = stores[0]
            let policy = BenchPolicy.large(people: 500, rules: 200, responseMinutes: 1)
            let workflow = LeadWorkflow(pipeline: LeadPipeline(policy: policy), policyVersion: nil)
            // Admitted in batches of 1,000 with a 1-minute response SLA on a 24/7 calendar, spread over the window
            // (no escalation levels here). Admission times lie in the future; once all are stored, the loops' clock
            // is shifted so that the first deadline is 5 s away: lateness is measured on that clock.
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
            print("timers: \(timers) leads admitted in \(Int(Date().timeIntervalSince(setupStart))) s on \(location); timers stored")
            print("        memory after setup \(ResidentMemory.currentMegabytes()) MB; \(stores.count) instance(s) firing")
            let late = Lateness()
            let shift = (pending ?? Date()).timeIntervalSince(Date()) - 5
            let clock = { @Sendable in Date().addingTimeInterval(shift) }
            let deadline = Date().addingTimeInterval(window + 180)
            let started = Date()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for instance in stores {
                    let claimant = Claimant.unique()
                    group.addTask {
                        while Date() < deadline {
                            guard let next = try await instance.nextTimerDue() else { return }
                            if next <= clock() {
                                let began = DispatchTime.now().uptimeNanoseconds
                                defer { late.busy.withLock { $0 += DispatchTime.now().uptimeNanoseconds - began } }
                                while try await instance.fireDueTimers(at: clock(), limit: 500, by: claimant, { timer, lead, state in
                                    let acted = clock()
                                    if timer.kind == .breach { late.values.withLock { $0.append(UInt64(max(0, acted.timeIntervalSince(timer.due)) * 1_000_000)) } }
                                    return workflow.fire(timer, on: &lead, state: &state, at: acted)
                                }) == 500 {}
                            }
                            // As the timer loop does: until the next deadline if sooner than 200 ms, at least 10 ms.
                            let wait = (try await instance.nextTimerDue()).map { $0.timeIntervalSince(clock()) } ?? 0.2
                            try await Task.sleep(for: .milliseconds(Int64(min(200, max(10, wait * 1000)))))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let lateness = late.values.withLock { $0 }
            let breachEvents = try await countEvents("lead.sla_breached", in: store)
            print("timers: \(lateness.count) breaches acted on (\(breachEvents) breach events: \(breachEvents == timers ? "each once" : "NOT each once")) in \(Int(Date().timeIntervalSince(started))) s; lateness after the deadline:")
            print(Percentiles(lateness).report(unit: "ms", divisor: 1000))
            // Each instance's loop keeps up while its own busy time stays under the window (the instances run at once).
            let busy = Double(late.busy.withLock { $0 }) / 1e9 / Double(stores.count)
            print(String(format: "        busy firing %.1f s per instance of the %.0f s the deadlines span (%.0f%%): a machine %.1f× slower still keeps up", busy, window, 100 * busy / window, window / busy))
            print("        peak memory \(ResidentMemory.peakMegabytes()) MB")
        }

        private func countEvents(_ type: String, in store: any BatonStorage) async throws -> Int {
            var count = 0
            var after: Int64 = 0
            while true {
                let events = try await store.events(after: after, limit: 10_000)
                guard let last = events.last else { return count }
                after = last.sequence
                count += events.filter { $0.type == type }.count
            }
        }
    }

    /// How late each breach was acted on, in microseconds, from every instance's loop.
    final class Lateness: Sendable {
        let values = Mutex<[UInt64]>([])
        /// Nanoseconds the loops spent claiming and firing, all instances together.
        let busy = Mutex<UInt64>(0)
    }
}
