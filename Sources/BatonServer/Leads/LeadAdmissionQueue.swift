import BatonCore
import BatonStore

/// Admits the leads of concurrent requests together, in one transaction (group commit).
///
/// Each request waits for its own admissions. While one transaction runs, the requests that arrive meanwhile gather
/// and go into the next one, so under load a commit carries many leads and at rest a lead goes in at once. When a
/// shared transaction fails, each request is tried on its own, so an error reaches only the request it belongs to.
actor LeadAdmissionQueue {
    private struct Waiting {
        let intakes: [LeadIntake]
        let continuation: CheckedContinuation<[LeadAdmission], any Error>
    }

    private let store: any BatonStorage
    private let clock: any Clock
    private let workflow: LeadWorkflow
    /// The most leads one transaction takes (a single request may bring more: it then goes alone).
    private let batchLimit: Int
    private var waiting: [Waiting] = []
    private var draining = false

    init(store: any BatonStorage, clock: any Clock, workflow: LeadWorkflow, batchLimit: Int = 1000) {
        self.store = store
        self.clock = clock
        self.workflow = workflow
        self.batchLimit = batchLimit
    }

    func admit(_ intakes: [LeadIntake]) async throws -> [LeadAdmission] {
        guard !intakes.isEmpty else { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(intakes: intakes, continuation: continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            var count = 0
            let taken = waiting.prefix { entry in
                defer { count += entry.intakes.count }
                return count == 0 || count + entry.intakes.count <= batchLimit
            }
            waiting.removeFirst(taken.count)
            await admit(Array(taken))
        }
        draining = false
    }

    private func admit(_ batch: [Waiting]) async {
        do {
            var admissions = try await store.admitLeads(batch.flatMap(\.intakes), at: clock.now(), workflow: workflow)[...]
            for entry in batch {
                entry.continuation.resume(returning: Array(admissions.prefix(entry.intakes.count)))
                admissions = admissions.dropFirst(entry.intakes.count)
            }
        } catch where batch.count > 1 {
            for entry in batch { await admit([entry]) }
        } catch {
            batch[0].continuation.resume(throwing: error)
        }
    }
}
