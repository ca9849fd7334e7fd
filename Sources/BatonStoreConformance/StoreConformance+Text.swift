import BatonCore
import BatonStore
import Foundation

extension StoreConformance {
    static let textCases: [Case] = [
        Case(name: "a NUL character in submitted text is dropped the same way by every store, in lists and search") { store in
            let admitted = try await store.admitLeads([intake("nul@example.com", name: "Do\u{0}e")], at: start, workflow: workflow)
            try expect(admitted.map(\.outcome) == [.created], "the lead is admitted")
            var query = LeadQuery(limit: 10)
            query.search = "doe"
            try expect(try await store.leads(query).map(\.id) == [admitted[0].lead.id], "found by the name without its NUL")
            query.search = "d\u{0}oe"
            try expect(try await store.countLeads(query) == 1, "a search with a NUL finds the same")
        },
    ]
}
