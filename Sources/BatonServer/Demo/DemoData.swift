import BatonCore
import BatonStore
import Foundation

/// The demo's history (`baton demo`, and the browser tests that read reports on it): 90 days of leads and of
/// marketing work, generated once per database through the same workflows and store as the live server.
public enum DemoData {
    /// Generates the lead history when the database has no lead; returns how many leads it admitted (0 when it had some).
    public static func generateLeads(store: any BatonStorage, policy: Policy, now: Date, scale: Int = 1, days: Int = 90) async throws -> Int {
        guard try await store.leadCounts().isEmpty else { return 0 }
        let version = try await store.policyVersions().first?.id
        var history = DemoHistory(store: store, workflow: LeadWorkflow(pipeline: LeadPipeline(policy: policy), policyVersion: version), now: now)
        history.days = days
        history.leadsPerWorkingDay *= max(scale, 1)
        let count = try await history.generate()
        // The history's notifications went out when they happened; only the last day's reach the inbox now.
        _ = try await store.settleOutbox(topic: "notifications", createdBefore: now.addingTimeInterval(-86400))
        return count
    }

    /// Generates `leads` leads over `days` days in bulk, for the report benchmarks (`DemoHistory.generateInBulk`),
    /// when the database has no lead; returns how many it admitted. The outbox is settled: nobody is told about them.
    public static func generateLeadsInBulk(store: any BatonStorage, policy: Policy, now: Date, leads: Int, days: Int, companies: Int) async throws -> Int {
        guard try await store.leadCounts().isEmpty else { return 0 }
        let version = try await store.policyVersions().first?.id
        var history = DemoHistory(store: store, workflow: LeadWorkflow(pipeline: LeadPipeline(policy: policy), policyVersion: version), now: now)
        history.days = days
        let count = try await history.generateInBulk(leads: leads, companies: companies)
        _ = try await store.settleOutbox(topic: "notifications", createdBefore: now)
        return count
    }

    /// Generates the work history when the database has no work item; returns how many items it made (0 when it had some).
    public static func generateWork(store: any BatonStorage, policy: Policy, now: Date, scale: Int = 1, days: Int = 90) async throws -> Int {
        guard try await store.countWorkItems(WorkQuery(limit: 1)) == 0 else { return 0 }
        let version = try await store.policyVersions().first?.id
        var work = DemoWork(store: store, workflow: WorkWorkflow(policy: policy, policyVersion: version), now: now)
        work.days = days
        work.itemsPerWorkingDay *= max(scale, 1)
        let count = try await work.generate()
        _ = try await store.settleOutbox(topic: "notifications", createdBefore: now.addingTimeInterval(-86400))
        return count
    }
}
