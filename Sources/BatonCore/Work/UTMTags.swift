import Foundation

/// UTM parameters built from an item's taxonomy values (C6), checked so analytics can attribute without guessing:
/// lowercase, no spaces, and the medium from the taxonomy's closed list when it has one.
public struct UTMTags: Sendable, Equatable {
    /// `utm_source`, `utm_medium`, `utm_campaign`, `utm_content` in that order; missing ones left out.
    public var parameters: [(key: String, value: String)]
    /// The destination with the parameters added, ready to copy; nil without a destination.
    public var taggedURL: String?
    public var problems: [String]

    public static func == (lhs: UTMTags, rhs: UTMTags) -> Bool {
        lhs.parameters.map { "\($0.key)=\($0.value)" } == rhs.parameters.map { "\($0.key)=\($0.value)" } && lhs.taggedURL == rhs.taggedURL
            && lhs.problems == rhs.problems
    }

    /// Builds the tags of an item: source from its first channel, medium from `utm_medium` (else the channel),
    /// campaign from `campaign_id`, content from the item's name; the destination is `destination_url` or `page_url`.
    public init(item fields: [String: String], name: String, policy: Policy) {
        let first = { (field: String) in fields[field].flatMap { BriefValidator.items($0).first } }
        let values: [(String, String?)] = [
            ("utm_source", first("channels")), ("utm_medium", first("utm_medium") ?? first("channels")),
            ("utm_campaign", first("campaign_id")), ("utm_content", name.isEmpty ? nil : name),
        ]
        parameters = values.compactMap { key, value in value.map { (key, Self.slug($0)) } }
        // Values are written lowercase with hyphens for spaces; what cannot be fixed that way is a problem.
        var problems: [String] = []
        for (key, value) in parameters where value.contains(where: { !($0.isLetter || $0.isNumber || "-._~".contains($0)) }) {
            problems.append("\(key) '\(value)' has characters analytics tools split or drop; use letters, digits, '-', '.', '_'")
        }
        if let medium = first("utm_medium"), let allowed = policy.taxonomyField("utm_medium")?.values, !allowed.isEmpty, !allowed.contains(medium) {
            problems.append("utm_medium '\(medium)' is not allowed; expected one of: \(allowed.joined(separator: ", "))")
        }
        self.problems = problems
        let query = parameters.map { "\($0.key)=\(Self.escaped($0.value))" }.joined(separator: "&")
        if let destination = first("destination_url") ?? first("page_url"), BriefValidator.isWebAddress(destination), !query.isEmpty {
            taggedURL = destination + (destination.contains("?") ? "&" : "?") + query
        } else {
            taggedURL = nil
        }
    }

    /// Lowercase, spaces and underscores as hyphens.
    static func slug(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: "-")
    }

    private static func escaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
