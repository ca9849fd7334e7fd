import BatonCore
import BatonStore
import Foundation

/// Rows of work lists: "My work", the team board and the item list.
struct WorkListModels {
    let workflow: WorkWorkflow
    let times: TimeText
    let now: Date

    var policy: Policy { workflow.policy }
    private func name(_ id: String?) -> String { id.flatMap { policy.person($0)?.name } ?? id ?? "" }

    /// One item as a row or a board card: name, type, stage, owners, next deadline, flags.
    func row(_ item: WorkRow) -> [String: Any] {
        [
            "id": item.id, "name": item.name, "type": policy.assetType(item.assetType)?.name ?? item.assetType, "status": item.status.label,
            "statusID": item.status.rawValue, "stage": item.stage, "campaign": item.campaign as Any,
            "owners": item.owners.map(name).joined(separator: ", "), "requester": name(item.requester),
            "due": times.value(item.nextDue) as Any, "overdue": item.nextDue.map { $0 < now } ?? false, "blocked": item.blocked,
            "rush": item.rush, "deadline": times.value(item.deadline) as Any, "late": item.late,
            "waitingOn": item.waitingOn.map(name).joined(separator: ", "),
        ]
    }

    /// One thing waiting on the viewer.
    func waiting(_ entry: WaitingWork) -> [String: Any] {
        [
            "id": entry.item.id, "name": entry.item.name, "type": policy.assetType(entry.item.assetType)?.name ?? entry.item.assetType,
            "what": entry.waiting.label, "kind": entry.waiting.kind.rawValue, "due": times.value(entry.waiting.due) as Any,
            "overdue": entry.waiting.due.map { $0 < now } ?? false, "rush": entry.item.rush,
        ]
    }

    /// Previous and next links and "items 51–100 of 5,000".
    static func pager(total: Int, page: Int, perPage: Int, link: (Int) -> String) -> [String: Any] {
        let pages = max(1, (total + perPage - 1) / perPage)
        let first = total == 0 ? 0 : (page - 1) * perPage + 1
        return [
            "total": total, "from": first, "to": min(total, page * perPage), "page": min(page, pages), "pages": pages,
            "previous": page > 1 ? link(min(page - 1, pages)) : "", "next": page < pages ? link(page + 1) : "",
        ]
    }
}
