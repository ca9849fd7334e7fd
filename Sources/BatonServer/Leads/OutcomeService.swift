import BatonCore
import BatonStore
import Foundation

/// Outcomes from the CRM as the API, the hooks and CSV imports take them in (H3): recorded on their leads, or kept
/// until the lead arrives.
struct OutcomeService: Sendable {
    let store: any BatonStorage
    let clock: any Clock
    let workflow: LeadWorkflow

    /// The most outcomes one request or transaction takes.
    static let maximumBatch = 1000

    func record(_ intakes: [OutcomeIntake]) async throws -> [OutcomeReceipt] {
        var receipts: [OutcomeReceipt] = []
        for chunk in intakes.chunks(of: Self.maximumBatch) {
            receipts += try await store.recordOutcomes(Array(chunk), at: clock.now(), workflow: workflow)
        }
        return receipts
    }

    /// Matches pending outcomes that name one of these new leads: one indexed read when none does.
    func matchPending(newLeads leads: [LeadRecord]) async throws {
        guard !leads.isEmpty else { return }
        _ = try await store.matchPendingOutcomes(naming: leads, at: clock.now(), workflow: workflow)
    }
}
