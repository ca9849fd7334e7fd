import BatonCore
import Foundation

/// The template models of the audit pages: the list with open fixes, and one audit with its entries' forms.
struct AuditModels {
    let policy: Policy
    let now: Date

    func list(_ audits: [Audit], mayEdit: Bool) -> [String: Any] {
        let fixes = audits.flatMap { audit in
            audit.entries.enumerated().compactMap { index, entry -> [String: Any]? in
                guard let fix = entry.fix, fix.doneAt == nil else { return nil }
                return ["audit": audit.id, "auditTitle": audit.title, "entry": entry.title, "text": fix.text, "owner": person(fix.owner),
                        "due": day(fix.due), "overdue": fix.due < now, "anchor": "entry-\(index + 1)"]
            }
        }
        return [
            "audits": audits.map { audit in
                ["id": audit.id, "title": audit.title, "entries": audit.entries.count, "inspected": audit.inspected,
                 "problems": audit.entries.filter(\.hasProblem).count, "open": audit.openFixes.count,
                 "overdue": audit.openFixes.filter { $0.due < now }.count, "created": day(audit.createdAt)]
            },
            "fixes": fixes, "mayEdit": mayEdit, "month": AuditService.lastMonth(before: now),
            "quarter": Self.quarter(of: now), "sizes": AuditSampler.sizes.map { ["size": $0, "selected": $0 == 15] },
        ]
    }

    func detail(_ audit: Audit, mayEdit: Bool, csrf: String) -> [String: Any] {
        [
            "id": audit.id, "title": audit.title, "kind": audit.kind.rawValue,
            "periodName": Timestamp.day(audit.period + "-01").map(AuditService.monthName) ?? audit.period, "monthly": audit.kind == .monthly, "seed": String(audit.seed),
            "note": audit.note, "requested": audit.requested, "createdBy": person(audit.createdBy), "created": day(audit.createdAt),
            "revision": audit.revision, "mayEdit": mayEdit, "csrf": csrf, "inspected": audit.inspected, "count": audit.entries.count,
            "entries": audit.entries.enumerated().map { index, entry in self.entry(entry, number: index + 1) },
        ]
    }

    private func entry(_ entry: AuditEntry, number: Int) -> [String: Any] {
        var model: [String: Any] = [
            "number": number, "subject": entry.subject, "title": entry.title, "href": ItemPage.path(forSubject: entry.subject) ?? "",
            "closed": entry.closedAt.map(day) ?? "", "finding": entry.finding, "hasProblem": entry.hasProblem,
            "checks": entry.checks.map { ["id": $0.id, "label": $0.label, "found": !$0.passed, "detail": $0.detail] },
            "evidence": entry.evidence.map { line in ["text": line, "link": Self.evidenceLink(line) ?? ""] },
            // Per entry, so the fix's owner is the one selected.
            "people": policy.people.map { ["id": $0.id, "name": $0.name, "selected": $0.id == entry.fix?.owner] },
            "evidenceText": entry.evidence.joined(separator: "\n"),
            "inspection": entry.inspectedAt.map { "Inspected by \(person(entry.inspectedBy ?? "")) on \(day($0))" } ?? "",
        ]
        if let fix = entry.fix {
            model["fix"] = ["text": fix.text, "owner": person(fix.owner), "ownerID": fix.owner, "due": day(fix.due), "overdue": fix.doneAt == nil && fix.due < now,
                            "completed": fix.doneAt.map { "Done \(day($0)) by \(person(fix.doneBy ?? ""))" } ?? ""]
        }
        return model
    }

    /// Evidence becomes a link only when it is an http(s) address or a page of this server ("/reports/…").
    static func evidenceLink(_ line: String) -> String? {
        if let link = SafeLink.href(line) { return link }
        return line.wholeMatch(of: /\/[A-Za-z0-9\/_\-?=&#.%]*/) != nil && !line.hasPrefix("//") ? line : nil
    }

    /// "2026-Q4".
    static func quarter(of date: Date) -> String {
        let text = Timestamp.text(date)
        let month = Int(text.dropFirst(5).prefix(2)) ?? 1
        return "\(text.prefix(4))-Q\((month - 1) / 3 + 1)"
    }

    private func person(_ id: String) -> String { policy.person(id)?.name ?? id }
    private func day(_ date: Date) -> String { String(Timestamp.text(date).prefix(10)) }
}
