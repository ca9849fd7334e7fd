import Foundation

/// The keys that recognise a lead already known (H1 dedupe): the same source record, the same email, or the same
/// name at the same company domain. A store keeps them beside each lead and looks them up in `lookups` order.
public struct LeadIdentity: Sendable, Equatable {
    /// One key to look a lead up by, and the column a store keeps it in.
    public enum Lookup: Sendable, Hashable {
        case source(String)
        case email(String)
        case person(String)

        /// The store column holding this kind of key.
        public var column: String {
            switch self {
            case .source: "source_key"
            case .email: "email_key"
            case .person: "person_key"
            }
        }

        public var value: String {
            switch self {
            case .source(let key), .email(let key), .person(let key): key
            }
        }
    }

    /// "hubspot:123": the source's own record id.
    public var source: String?
    /// The email, trimmed and lower-case.
    public var email: String?
    /// "ana souza@acme.com": first and last name at the company domain, lower-case.
    public var person: String?

    public init(source: String, sourceID: String?, fields: [String: String]) {
        self.source = sourceID.map { BoundedKey.of("\(source):\($0)") }
        let email = fields["email"]?.trimmedWhitespace.lowercased()
        self.email = email?.isEmpty == false ? email.map(BoundedKey.of) : nil
        let name = [fields["first_name"], fields["last_name"]].compactMap { $0?.trimmedWhitespace.lowercased() }.joined(separator: " ")
        let domain = fields["company_domain"]?.lowercased()
        person = name.isEmpty ? nil : domain.map { BoundedKey.of("\(name)@\($0)") }
    }

    public init(_ submission: LeadSubmission) {
        self.init(source: submission.source, sourceID: submission.sourceID, fields: submission.fields)
    }

    public init(_ lead: LeadRecord) {
        self.init(source: lead.source, sourceID: lead.sourceID, fields: lead.fields)
    }

    /// The keys in the order they decide: the first that finds a lead names the duplicate.
    public var lookups: [Lookup] {
        [source.map(Lookup.source), email.map(Lookup.email), person.map(Lookup.person)].compactMap { $0 }
    }
}
