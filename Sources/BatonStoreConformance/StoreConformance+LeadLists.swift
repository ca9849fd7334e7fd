import BatonCore
import BatonStore
import Foundation

extension StoreConformance {
    /// Twelve leads from two sources, some reassigned, touched, rejected or closed, at different times.
    static func varietyOfLeads(_ store: any BatonStorage) async throws -> [LeadRecord] {
        let names = ["Weber", "Dubois", "Rossi", "Novak", "Silva", "Khan", "Berg", "Lopez", "Ito", "Moreau", "Costa", "Nagy"]
        for (index, name) in names.enumerated() {
            let at = start.addingTimeInterval(Double(index) * 600)
            var submission = intake("\(name.lowercased())@firm\(index % 3).example", name: name).submission
            submission.source = index % 2 == 0 ? "api" : "web_form"
            submission.fields["company"] = "Firm \(index % 3)"
            let lead = try await store.admitLeads([LeadIntake(submission: submission, idempotencyKey: nil, actor: "test")], at: at, workflow: workflow)[0].lead
            let later = at.addingTimeInterval(index % 4 == 0 ? 7200 : 300)  // every fourth is touched after its 1-hour deadline
            switch index % 6 {
            case 1: _ = try await store.changeLead(id: lead.id, at: later) { lead, _ in try workflow.reassign(&lead, to: "sam", because: "test", by: "sam", at: later) }
            case 2, 4:
                _ = try await store.changeLead(id: lead.id, at: later) { lead, _ in try workflow.recordFirstTouch(&lead, channel: "call", note: nil, by: "ana", at: later) }
            case 3: _ = try await store.changeLead(id: lead.id, at: later) { lead, _ in try workflow.reject(&lead, reason: "not_icp", note: nil, by: "ana", at: later) }
            default: break
            }
        }
        return try await store.leads(LeadQuery(limit: 100))
    }

    static let leadListCases: [Case] = [
        Case(name: "leads by id come back in the order asked, unknown ids skipped, more than one statement's worth") { store in
            let admitted = try await store.admitLeads((1...1200).map { intake("bulk\($0)@example.com") }, at: start, workflow: workflow).map(\.lead.id)
            let asked = Array(admitted.reversed()) + [999_999]
            let read = try await store.leads(ids: asked)
            try expect(read.map(\.id) == Array(admitted.reversed()), "1,200 leads in the order asked, the unknown one skipped")
            try expect(try await store.leads(ids: []).isEmpty, "none asked, none read")
        },
        Case(name: "lead lists filter, search, scope, sort and page exactly as LeadQuery.matches says") { store in
            let all = try await varietyOfLeads(store)
            try expect(all.count == 12, "twelve leads, found \(all.count)")
            let now = start.addingTimeInterval(6 * 3600)
            var queries: [LeadQuery] = []
            func add(_ change: (inout LeadQuery) -> Void) {
                var query = LeadQuery(limit: 100, now: now)
                change(&query)
                queries.append(query)
            }
            add { _ in }
            add { $0.statuses = [.assigned, .working] }
            add { $0.owners = ["ana"] }
            add { $0.owners = ["sam", LeadQuery.nobody] }
            add { $0.sources = ["web_form"] }
            add { $0.tiers = ["standard"] }
            add { $0.breached = true }
            add { $0.breached = false }
            add { $0.search = "firm1" }
            add { $0.search = "WEBER firm0" }
            add { $0.search = "nobody-has-this" }
            add { $0.scope = .people(["ana"], unowned: false) }
            add { $0.scope = .people(["sam"], unowned: true) }
            add { $0.scope = .none }
            add {
                $0.scope = .people(["lukas"], unowned: false)
                $0.breached = true
                $0.sources = ["api"]
            }
            for query in queries {
                let expected = Set(all.filter(query.matches).map(\.id))
                let listed = try await store.leads(query)
                try expect(Set(listed.map(\.id)) == expected, "\(query): listed \(listed.map(\.id).sorted()), expected \(expected.sorted())")
                try expect(try await store.countLeads(query) == expected.count, "\(query): count differs from \(expected.count)")
            }
            for sort in LeadSort.allCases {
                var query = LeadQuery(limit: 5, now: now)
                query.sort = sort
                query.descending = true
                let first = try await store.leads(query)
                query.offset = 5
                let second = try await store.leads(query)
                query.offset = 10
                let third = try await store.leads(query)
                let ids = (first + second + third).map(\.id)
                try expect(ids.count == 12 && Set(ids).count == 12, "\(sort): pages of 5 give each lead once, found \(ids)")
                let keys: [String] = (first + second + third).map { lead in
                    switch sort {
                    case .due: lead.nextDeadline.map(Timestamp.sqlText) ?? ""
                    case .received: Timestamp.sqlText(lead.receivedAt)
                    case .updated: Timestamp.sqlText(lead.updatedAt)
                    case .score: String(format: "%012.4f", lead.score.total)
                    case .name: lead.displayName.lowercased()
                    }
                }
                let ordered = sort == .due ? keys.filter { !$0.isEmpty } : keys
                try expect(ordered == ordered.sorted(by: >), "\(sort) descending: \(ordered)")
            }
        }
    ]
}
