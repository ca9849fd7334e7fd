import Foundation

/// A lead as it arrives from a form, a webhook, an API call or a CSV row, before anything is checked.
///
/// Field values are raw text keyed by the policy's lead field ids (`email`, `country`, …); the intake adapters
/// map each source's own names (HubSpot's `firstname`, Salesforce's `FirstName`) onto them.
public struct LeadSubmission: Sendable, Equatable, Codable {
    /// One of the policy's lead sources: "hubspot", "salesforce", "web_form", "csv_import", "api".
    public var source: String
    /// The source's own id for this record or delivery, used to recognise a retried delivery.
    public var sourceID: String?
    /// When the person filled in the form, when the source says so.
    public var submittedAt: Date?
    public var fields: [String: String]
    public var activities: [LeadActivity]

    public init(source: String, sourceID: String? = nil, submittedAt: Date? = nil, fields: [String: String], activities: [LeadActivity] = []) {
        self.source = source
        self.sourceID = sourceID
        self.submittedAt = submittedAt
        self.fields = fields
        self.activities = activities
    }
}

/// Something a lead did: requested a demo, visited the pricing page, watched a webinar, downloaded a guide.
public struct LeadActivity: Sendable, Equatable, Codable {
    /// The action, named as in the policy's behaviour criteria: "demo_request", "pricing_page_visit"…
    public var kind: String
    public var at: Date
    /// The content or page involved, e.g. "State of Analytics 2026 (PDF)".
    public var title: String?
    public var url: String?
    /// Minutes watched, for webinars and videos.
    public var minutes: Double?

    public init(kind: String, at: Date, title: String? = nil, url: String? = nil, minutes: Double? = nil) {
        self.kind = kind
        self.at = at
        self.title = title
        self.url = url
        self.minutes = minutes
    }
}
