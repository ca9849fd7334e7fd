import Foundation

/// What became of a lead after sales took it (H3), as the CRM reports it: an opportunity, then a deal won or lost.
///
/// An outcome is known by its origin and reference (`salesforce` + the opportunity id): the same outcome sent again
/// changes nothing, and a later state of it (opportunity → won) replaces the earlier one on the lead.
public struct LeadOutcome: Sendable, Equatable, Codable {
    /// How far the opportunity got.
    public enum Stage: String, Sendable, Codable, CaseIterable {
        case opportunity, won, lost
    }

    /// The system that reported it: "csv", "api", "salesforce" or "hubspot".
    public var origin: String
    /// The opportunity's or deal's id in that system.
    public var reference: String
    public var stage: Stage
    public var amount: Double?
    /// ISO 4217 code as the CRM gave it, e.g. "EUR".
    public var currency: String?
    /// When the opportunity was created in the CRM.
    public var openedAt: Date?
    /// When the deal was won or lost.
    public var closedAt: Date?
    /// The sales people involved, as the CRM names them (ids or names), in its order.
    public var people: [String]
    public var name: String?

    public init(
        origin: String, reference: String, stage: Stage, amount: Double? = nil, currency: String? = nil, openedAt: Date? = nil,
        closedAt: Date? = nil, people: [String] = [], name: String? = nil
    ) {
        self.origin = origin
        self.reference = reference
        self.stage = stage
        self.amount = amount
        self.currency = currency
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.people = people
        self.name = name
    }

    /// A part of an outcome a partial update may carry.
    public enum Part: String, Sendable, Equatable, Hashable, CaseIterable {
        case stage, amount, currency, openedAt, closedAt, people, name
    }

    /// "salesforce:006…": one outcome per origin and reference.
    public var key: String { BoundedKey.of("\(origin):\(reference)") }
}

/// How an outcome names its lead: Baton's lead id, the lead's record in the system it came from, or its email.
public struct OutcomeLeadReference: Sendable, Equatable, Codable {
    public var leadID: Int64?
    /// The intake source of the lead ("hubspot", "salesforce", "csv_import", "api", "form").
    public var source: String?
    /// The lead's id in that source.
    public var sourceID: String?
    public var email: String?

    public init(leadID: Int64? = nil, source: String? = nil, sourceID: String? = nil, email: String? = nil) {
        self.leadID = leadID
        self.source = source
        self.sourceID = sourceID
        self.email = email
    }

    /// One way to find the lead, tried in `lookups` order.
    public enum Lookup: Sendable, Equatable {
        case id(Int64)
        case key(LeadIdentity.Lookup)
    }

    /// The lead id, then the source record, then the email: the first that finds a lead decides.
    public var lookups: [Lookup] {
        var lookups: [Lookup] = leadID.map { [.id($0)] } ?? []
        let identity = LeadIdentity(source: source ?? "", sourceID: source == nil ? nil : sourceID, fields: email.map { ["email": $0] } ?? [:])
        lookups += identity.lookups.map(Lookup.key)
        return lookups
    }

    /// What the reference gives, for an unmatched outcome's reason: "lead 12, csv_import record abc, email x@y".
    public var summary: String {
        var parts: [String] = []
        if let leadID { parts.append("lead \(leadID)") }
        if let sourceID { parts.append("\(source ?? "unknown source") record \(sourceID)") }
        if let email { parts.append("email \(email)") }
        return parts.isEmpty ? "nothing to find a lead by" : parts.joined(separator: ", ")
    }
}

/// An outcome on its way in: what it says, which lead it names, and who sent it.
public struct OutcomeIntake: Sendable, Equatable {
    public var outcome: LeadOutcome
    public var lead: OutcomeLeadReference
    public var actor: String
    /// The CSV line it came from, for the report of outcomes that match no lead.
    public var line: Int?
    /// For a partial update (a HubSpot deal's changed properties), the parts it carries: the rest, and any part of
    /// the lead reference it lacks, are kept from the outcome stored under the same key. Nil for a whole record.
    public var parts: Set<LeadOutcome.Part>?

    public init(outcome: LeadOutcome, lead: OutcomeLeadReference, actor: String, line: Int? = nil, parts: Set<LeadOutcome.Part>? = nil) {
        self.outcome = outcome
        self.lead = lead
        self.actor = actor
        self.line = line
        self.parts = parts
    }

    /// This update over what is stored under its key: a whole record replaces it; a partial one changes only its parts.
    public func merged(over stored: LeadOutcome?, reference storedReference: OutcomeLeadReference?) -> OutcomeIntake {
        guard let parts else { return self }
        var merged = self
        var outcome = stored ?? LeadOutcome(origin: self.outcome.origin, reference: self.outcome.reference, stage: .opportunity)
        for part in parts {
            switch part {
            case .stage: outcome.stage = self.outcome.stage
            case .amount: outcome.amount = self.outcome.amount
            case .currency: outcome.currency = self.outcome.currency
            case .openedAt: outcome.openedAt = self.outcome.openedAt
            case .closedAt: outcome.closedAt = self.outcome.closedAt
            case .people: outcome.people = self.outcome.people
            case .name: outcome.name = self.outcome.name
            }
        }
        merged.outcome = outcome
        merged.lead = OutcomeLeadReference(
            leadID: lead.leadID ?? storedReference?.leadID, source: lead.sourceID == nil ? storedReference?.source ?? lead.source : lead.source,
            sourceID: lead.sourceID ?? storedReference?.sourceID, email: lead.email ?? storedReference?.email)
        merged.parts = nil
        return merged
    }
}

/// What happened to one outcome: applied to a lead (or already there), or kept until its lead arrives.
public struct OutcomeReceipt: Sendable, Equatable, Codable {
    public enum Result: String, Sendable, Codable {
        /// Applied to the lead; its events are written.
        case recorded
        /// The lead already had exactly this outcome: nothing changed.
        case unchanged
        /// No lead matches yet; the outcome is kept and matched when the lead arrives.
        case unmatched
    }

    public var result: Result
    public var leadID: Int64?
    /// Why it is unmatched.
    public var reason: String?

    public init(result: Result, leadID: Int64?, reason: String? = nil) {
        self.result = result
        self.leadID = leadID
        self.reason = reason
    }
}
