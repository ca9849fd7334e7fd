import BatonCore
import Foundation

/// Where an item named in events ("lead:42", "work:7", "review-pack:2026-11-29", "audit:3") is shown.
enum ItemPage {
    static func path(forSubject subject: String?) -> String? {
        if let id = WorkItem.id(inSubject: subject) { return "/work/\(id)" }
        if let day = ReviewPackService.lastDay(inSubject: subject) { return "/reports/review-pack?ending=\(day)" }
        if let subject, subject.hasPrefix("audit:"), let id = Int64(subject.dropFirst(6)) { return "/audits/\(id)" }
        return LeadRecord.id(inSubject: subject).map { "/leads/\($0)" }
    }
}
