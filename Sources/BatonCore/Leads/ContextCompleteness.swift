/// How much context a lead carries to sales (H5): what they did, what they read, which campaign brought them,
/// who they are. Marketing's side of the SLA is measured by it.
public struct ContextCompleteness: Sendable, Equatable, Codable {
    /// Each piece of context and whether the lead has it, in a fixed order.
    public var items: [Item]

    public struct Item: Sendable, Equatable, Codable {
        public var label: String
        public var present: Bool
    }

    /// 0–100.
    public var percent: Int { items.isEmpty ? 0 : Int((Double(items.filter(\.present).count) / Double(items.count) * 100).rounded()) }

    public init(_ lead: LeadRecord) {
        func has(_ field: String) -> Bool { !(lead.fields[field] ?? lead.extras[field] ?? "").isEmpty }
        items = [
            Item(label: "Activity history", present: !lead.activities.isEmpty),
            Item(label: "Content consumed", present: lead.activities.contains { $0.title != nil || $0.url != nil }),
            Item(label: "Campaign", present: has("utm_campaign")),
            Item(label: "UTM source", present: has("utm_source")),
            Item(label: "Job title", present: has("job_title")),
            Item(label: "Company size", present: has("company_size")),
            Item(label: "Industry", present: has("industry")),
            Item(label: "Phone", present: has("phone")),
        ]
    }
}
