import BatonCore
import BatonStore
import Foundation

extension StoreConformance {
    static let batchCases: [Case] = [
        Case(name: "within one admission batch a later submission sees what an earlier one created: merged, repeated, key reused") { store in
            var reused = intake("other@example.com", key: "k1")
            reused.fingerprint = "different"
            var first = intake("same@example.com", key: "k1", name: "Doe")
            first.fingerprint = "original"
            var again = first
            again.fingerprint = "original"
            let admitted = try await store.admitLeads(
                [first, intake("same@example.com", activity: "webinar"), again, reused, intake("new@example.com")], at: start, workflow: workflow)
            try expect(admitted.map(\.outcome) == [.created, .merged, .repeated, .keyReused, .created], "outcomes: \(admitted.map(\.outcome))")
            try expect(Set(admitted.prefix(4).map(\.lead.id)).count == 1, "the merge, the repeat and the reused key all name the first lead")
            let stored = try await store.lead(id: admitted[0].lead.id)
            try expect(stored?.activities.count == 2, "the merged activity is stored with the lead")
            try expect(try await store.countLeads(LeadQuery(limit: 10)) == 2, "two leads")
            let later = try await store.admitLeads([intake("same@example.com", key: "k1")], at: start, workflow: workflow)
            try expect(later.map(\.outcome) == [.repeated] && later[0].lead.id == admitted[0].lead.id, "the key is remembered for later batches")
        },
    ]
}
