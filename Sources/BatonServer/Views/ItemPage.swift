import BatonCore

/// Where an item named in events ("lead:42") is shown.
enum ItemPage {
    static func path(forSubject subject: String?) -> String? {
        LeadRecord.id(inSubject: subject).map { "/leads/\($0)" }
    }
}
