import BatonCore
import Foundation

/// Where an item named in events ("lead:42", "work:7", "review-pack:2026-11-29") is shown.
enum ItemPage {
    static func path(forSubject subject: String?) -> String? {
        if let id = WorkItem.id(inSubject: subject) { return "/work/\(id)" }
        if let day = ReviewPackService.lastDay(inSubject: subject) { return "/reports/review-pack?ending=\(day)" }
        return LeadRecord.id(inSubject: subject).map { "/leads/\($0)" }
    }
}
