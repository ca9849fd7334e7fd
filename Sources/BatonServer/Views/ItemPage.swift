import BatonCore

/// Where an item named in events ("lead:42", "work:7") is shown.
enum ItemPage {
    static func path(forSubject subject: String?) -> String? {
        if let id = WorkItem.id(inSubject: subject) { return "/work/\(id)" }
        return LeadRecord.id(inSubject: subject).map { "/leads/\($0)" }
    }
}
