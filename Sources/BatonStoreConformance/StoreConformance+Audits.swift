import BatonCore
import BatonStore
import Foundation

extension StoreConformance {
    static let auditCases: [Case] = [
        Case(name: "audits are kept whole, one per kind and period, changed with their events, newest period first") { store in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let entry = AuditEntry(subject: "lead:1", title: "Maren Weber", closedAt: start, checks: [AuditCheck(id: "sla_breach", label: "SLAs met", passed: false, detail: "late")])
            let october = Audit(kind: .monthly, period: "2026-10", seed: 42, requested: 15, note: "Only 1 handoff closed", entries: [entry], by: "rhea", at: start)
            let stored = try await store.createAudit(october) { audit in [NewEvent(type: "audit.sampled", subject: audit.subject, actor: "rhea", at: start)] }
            try expect(stored.id > 0 && stored.entries == [entry], "stored with an id")
            do {
                _ = try await store.createAudit(october) { _ in [] }
                throw Failure(description: "a second monthly audit of 2026-10 was stored")
            } catch let error as StoreError {
                try expect(error.code == "exists", "refused as existing, found \(error.code)")
            }
            let quarterly = try await store.createAudit(Audit(kind: .quarterly, period: "2026-Q4", seed: 0, requested: 4, note: "", entries: [], by: "rhea", at: start)) { _ in [] }
            let november = try await store.createAudit(Audit(kind: .monthly, period: "2026-11", seed: 7, requested: 10, note: "", entries: [], by: "rhea", at: start)) { _ in [] }
            try expect(try await store.audits().map(\.period) == ["2026-Q4", "2026-11", "2026-10"], "newest period first")
            let changed = try await store.changeAudit(id: stored.id) { audit in
                audit.entries[0].finding = "first touch 3 h late"
                audit.revision += 1
                return [NewEvent(type: "audit.inspected", subject: audit.subject, actor: "tomas", at: start)]
            }
            try expect(try await store.audit(id: stored.id) == changed && changed.entries[0].finding == "first touch 3 h late", "the change is kept")
            do {
                _ = try await store.changeAudit(id: stored.id) { _ in throw StoreError(code: "refused", message: "no") }
            } catch let error as StoreError where error.code == "refused" {}
            try expect(try await store.audit(id: stored.id)?.revision == changed.revision, "a refused change writes nothing")
            let events = try await store.events(after: 0, limit: 100).filter { $0.subject == stored.subject }.map(\.type)
            try expect(events == ["audit.sampled", "audit.inspected"], "the events are kept with the audit, found \(events)")
            do {
                _ = try await store.changeAudit(id: 999) { _ in [] }
                throw Failure(description: "an unknown audit was changed")
            } catch let error as StoreError {
                try expect(error.code == "not_found", "unknown audit: \(error.code)")
            }
            try expect(quarterly.id != november.id, "distinct ids")
        },
    ]
}
