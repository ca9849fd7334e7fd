import BatonCore
import BatonStore
import Foundation

/// The template model of a lead list: the filter form, one page of rows with sort links and pagination, and
/// the bulk reassignment form for those who may reassign.
struct LeadListModel {
    let request: LeadListRequest
    let views: LeadViewModels
    let path: String
    let leads: [LeadRecord]
    let total: Int
    /// Owners the reader may filter by (nil: no owner filter, as for a rep).
    let owners: [Person]?
    /// People a bulk reassignment may go to, with their open leads; nil when the reader may not reassign.
    let reassignTo: [Person]?
    let load: [String: Int]
    /// Status groups to offer; nil when the page fixes the status (a queue's tab).
    let offersStatus: Bool

    var policy: Policy { views.policy }

    func model() -> [String: Any] {
        let query = request.query
        let pages = max(1, (total + request.perPage - 1) / request.perPage)
        let first = total == 0 ? 0 : query.offset + 1
        var model: [String: Any] = [
            "path": path, "q": query.search ?? "",
            "rows": leads.map { lead in
                var row = views.row(lead)
                row["selectable"] = reassignTo != nil && LeadStatus.open.union([.queued, .unrouted]).contains(lead.status)
                row["outcome"] = outcome(lead)
                return row
            },
            "summary": total == 0 ? "No leads match."
                : leads.isEmpty ? "No leads on page \(request.page): \(total) lead\(total == 1 ? "" : "s") fill \(pages) page\(pages == 1 ? "" : "s")."
                : "Showing \(first)–\(query.offset + leads.count) of \(total) lead\(total == 1 ? "" : "s").",
            "page": request.page, "pages": pages,
            "previous": request.page > 1 ? request.link(path, changing: ["page": String(min(request.page - 1, pages))]) : "",
            "next": request.page < pages ? request.link(path, changing: ["page": String(request.page + 1)]) : "",
            "columns": columns(),
            "hidden": offersStatus ? [] : [["name": "status", "value": request.statusGroup]],
            "sources": options(policy.leads?.sources ?? [], selected: query.sources?.first, label: { $0.replacingOccurrences(of: "_", with: " ") }),
            "tiers": options((policy.leads?.responseTiers ?? []).map(\.id), selected: query.tiers?.first, label: views.tierLabel),
            "breachOptions": [
                ["id": "yes", "label": "Response SLA missed", "selected": query.breached == true],
                ["id": "no", "label": "Response SLA kept", "selected": query.breached == false],
            ],
            "perOptions": LeadListRequest.perPageChoices.map { ["id": String($0), "label": "\($0) a page", "selected": $0 == request.perPage] },
        ]
        model["offersStatus"] = offersStatus
        model["hasOwners"] = owners != nil
        if offersStatus {
            let chosen = request.statusChosen ? request.statusGroup : nil
            model["statusOptions"] = [["id": "", "label": "Open, or any when searching", "selected": chosen == nil] as [String: Any]]
                + LeadListRequest.statusGroups.map { ["id": $0.id, "label": $0.label, "selected": $0.id == chosen] as [String: Any] }
                + LeadStatus.allCases.map { ["id": $0.rawValue, "label": "Only \($0.label.lowercased())", "selected": $0.rawValue == chosen] }
        }
        if let owners {
            let chosen = query.owners?.first
            model["owners"] = [["id": "nobody", "label": "Nobody (queued)", "selected": chosen == LeadQuery.nobody]]
                + owners.map { ["id": $0.id, "label": $0.name, "selected": chosen == $0.id] as [String: Any] }
        }
        if let reassignTo {
            model["bulk"] = ["people": ReassignChoices(policy: policy, load: load).choices(reassignTo)]
        }
        return model
    }

    /// The sortable column headers, each a link that sorts by it (again: the other way round).
    private func columns() -> [[String: Any]] {
        let query = request.query
        return [(LeadSort.name, "Lead"), (.due, "Deadline"), (.score, "Score"), (.received, "Received"), (.updated, "Last change")].map { sort, label in
            let current = query.sort == sort
            let direction = current ? (query.descending ? "asc" : "desc") : (sort == .due || sort == .name ? "asc" : "desc")
            return [
                "label": label, "link": request.link(path, changing: ["sort": sort.rawValue, "dir": direction]),
                "current": current ? (query.descending ? "descending" : "ascending") : "",
            ]
        }
    }

    private func options(_ ids: [String], selected: String?, label: (String) -> String) -> [[String: Any]] {
        ids.map { ["id": $0, "label": label($0), "selected": $0 == selected] }
    }

    /// What became of a lead that left sales: the rejection reason or the disposition.
    private func outcome(_ lead: LeadRecord) -> String {
        if let rejection = lead.rejection { return "Rejected: \(rejection.reason.replacingOccurrences(of: "_", with: " "))" }
        if let disposition = lead.disposition {
            let contact = lead.noContactReason.map { " (without contact: \($0.replacingOccurrences(of: "_", with: " ")))" } ?? ""
            return "Disposition: \(disposition.replacingOccurrences(of: "_", with: " "))\(contact)"
        }
        return ""
    }
}

/// The people a lead can be given to, each with their open leads and capacity ("Lukas Novak — 12 open of 60"),
/// for the lead page and bulk reassignment alike.
struct ReassignChoices {
    let policy: Policy
    let load: [String: Int]

    /// Everyone in sales except `excluded`.
    func sellers(excluding excluded: String? = nil) -> [Person] {
        policy.people.filter { [.salesRep, .salesManager].contains($0.access) && $0.id != excluded }
    }

    func choices(_ people: [Person]) -> [[String: String]] {
        let capacities = policy.leads?.capacityByPerson ?? [:]
        return people.map { person in
            let capacity = capacities[person.id].map { " of \($0)" } ?? ""
            return ["id": person.id, "name": "\(person.name) — \(load[person.id] ?? 0) open\(capacity)"]
        }
    }
}
