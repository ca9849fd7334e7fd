import Foundation

/// One lead's path from arrival to outcome, as its events tell it (H1): when each step happened, where it went, who
/// worked it and what became of it. Folded from the lead's events in order, by `apply`, and nothing else: a store
/// keeps one per lead, updated as events are written and rebuilt from the event log on demand.
///
/// Every lead KPI (`LeadMetrics`) is a function of journeys.
public struct LeadJourney: Sendable, Equatable {
    public var leadID: Int64
    /// How it came in: "hubspot", "salesforce", "form", "csv_import", "api".
    public var intake: String?
    /// The lead's UTM source, medium (its channel) and campaign when it arrived.
    public var source: String?
    public var channel: String?
    public var campaign: String?
    /// Context completeness in percent when it arrived (H5).
    public var completeness: Int?
    /// The policy version in force when it arrived.
    public var policyVersion: Int64?
    public var submittedAt: Date?
    public var receivedAt: Date?
    public var validatedAt: Date?
    public var remediationAt: Date?
    public var scoredAt: Date?
    /// When it first became sales-ready (an MQL).
    public var qualifiedAt: Date?
    public var nurtureAt: Date?
    public var tier: String?
    /// The routing rule that first placed it.
    public var rule: String?
    public var routedAt: Date?
    public var assignedAt: Date?
    /// The current owner.
    public var owner: String?
    public var responseDue: Date?
    public var reassignments: Int = 0
    public var notifiedAt: Date?
    public var touchedAt: Date?
    public var touchedBy: String?
    /// Arrival to first touch in the toucher's business time, as recorded with the touch.
    public var touchBusinessSeconds: Int?
    /// Whether the first touch met the response deadline.
    public var touchWithinSLA: Bool?
    public var breachedAt: Date?
    public var acceptedAt: Date?
    public var rejectedAt: Date?
    public var rejectionReason: String?
    public var disposition: String?
    public var dispositionAt: Date?
    /// When its first opportunity opened in the CRM.
    public var opportunityAt: Date?
    public var opportunities: Int = 0
    /// When its first deal was won, and how many deals and how much it won in all.
    public var wonAt: Date?
    public var won: Int = 0
    public var wonAmount: Double = 0
    public var lostAt: Date?
    /// The sales people of its won deals, as the CRM names them.
    public var dealPeople: [String] = []
    public var updatedAt: Date?

    public init(leadID: Int64) { self.leadID = leadID }

    /// Folds `events` (the lead's, oldest first) into a journey.
    public init(leadID: Int64, events: [Event]) {
        self.leadID = leadID
        for event in events { apply(event) }
    }

    /// The event types a journey is folded from; a store skips the others.
    public static let foldedTypes: Set<String> = [
        "lead.submitted", "lead.received", "lead.resubmitted", "lead.validated", "lead.remediation", "lead.scored", "lead.qualified",
        "lead.nurture", "lead.routed", "lead.assigned", "lead.reassigned", "lead.owner_notified", "lead.first_touch",
        "lead.sla_breached", "lead.accepted", "lead.rejected", "lead.disposition", "lead.disposition_changed",
        "lead.opportunity_opened", "lead.opportunity_reopened", "lead.outcome_updated", "lead.deal_won", "lead.deal_lost",
    ]

    /// Whether events of `type` change a journey.
    public static func folds(_ type: String) -> Bool { foldedTypes.contains(type) }

    /// Takes one more event of the lead into account. Events of other kinds change nothing.
    public mutating func apply(_ event: Event) {
        apply(event.type, actor: event.actor, at: event.at, policyVersion: event.policyVersion, payload: event.details)
    }

    /// Takes an event about to be written into account: its payload is still a dictionary, not JSON to read back.
    public mutating func apply(_ event: NewEvent) {
        apply(event.type, actor: event.actor, at: event.at, policyVersion: event.policyVersion, payload: event.payload)
    }

    private mutating func apply(_ type: String, actor: String, at: Date, policyVersion version: Int64?, payload: [String: String]) {
        func first(_ value: inout Date?) { if value == nil { value = at } }
        func date(_ key: String) -> Date? { payload[key].flatMap(Timestamp.date) }
        func text(_ key: String) -> String? { payload[key].flatMap { $0.isEmpty ? nil : $0 } }
        switch type {
        case "lead.submitted": first(&submittedAt)
        case "lead.received":
            first(&receivedAt)
            intake = text("source")
            policyVersion = version
            readAttributes(payload)
        case "lead.resubmitted": readAttributes(payload)
        case "lead.validated": first(&validatedAt)
        case "lead.remediation": first(&remediationAt)
        case "lead.scored": first(&scoredAt)
        case "lead.qualified":
            first(&qualifiedAt)
            tier = text("tier") ?? tier
        case "lead.nurture": first(&nurtureAt)
        case "lead.routed":
            if routedAt == nil { rule = text("rule") }
            first(&routedAt)
        case "lead.assigned":
            first(&assignedAt)
            owner = text("owner") ?? owner
            if responseDue == nil { responseDue = date("due") }
        case "lead.reassigned":
            reassignments += 1
            owner = text("to") ?? owner
        case "lead.owner_notified": first(&notifiedAt)
        case "lead.first_touch":
            first(&touchedAt)
            touchedBy = actor
            touchWithinSLA = payload["within_sla"].map { $0 == "yes" }
            touchBusinessSeconds = payload["business_seconds"].flatMap { Int($0) }
        case "lead.sla_breached": first(&breachedAt)
        case "lead.accepted": first(&acceptedAt)
        case "lead.rejected":
            first(&rejectedAt)
            rejectionReason = text("reason")
        case "lead.disposition":
            first(&dispositionAt)
            disposition = text("disposition")
        case "lead.disposition_changed": disposition = text("disposition") ?? disposition
        case "lead.opportunity_opened", "lead.opportunity_reopened", "lead.outcome_updated", "lead.deal_won", "lead.deal_lost":
            readOutcome(type, payload, at: at)
        default: return
        }
        updatedAt = max(updatedAt ?? at, at)
    }

    private mutating func readAttributes(_ payload: [String: String]) {
        func text(_ key: String) -> String? { payload[key].flatMap { $0.isEmpty ? nil : $0 } }
        source = text("utm_source") ?? source
        channel = text("utm_medium") ?? channel
        campaign = text("utm_campaign") ?? campaign
        completeness = payload["completeness"].flatMap { Int($0) } ?? completeness
    }

    private mutating func readOutcome(_ type: String, _ payload: [String: String], at: Date) {
        let opened = payload["opened_at"].flatMap(Timestamp.date) ?? at
        let closed = payload["closed_at"].flatMap(Timestamp.date) ?? at
        opportunities = payload["opportunities"].flatMap { Int($0) } ?? opportunities
        won = payload["won"].flatMap { Int($0) } ?? won
        wonAmount = payload["won_amount"].flatMap { Double($0) } ?? wonAmount
        if type == "lead.opportunity_opened" { opportunityAt = min(opportunityAt ?? opened, opened) }
        if type == "lead.deal_won" {
            wonAt = min(wonAt ?? closed, closed)
            for person in (payload["people"] ?? "").split(separator: ",").map(String.init) where !dealPeople.contains(person) {
                dealPeople.append(person)
            }
        }
        if type == "lead.deal_lost" { lostAt = min(lostAt ?? closed, closed) }
    }
}

extension LeadJourney {
    /// Whether the response SLA can be judged as of `now`: touched (whether routed to its owner or taken from the
    /// triage queue), or given to an owner and past its deadline.
    public func responseIsDue(asOf now: Date) -> Bool {
        touchedAt != nil || (assignedAt != nil && (responseDue.map { $0 <= now } ?? false))
    }

    /// Was the first touch made by the response deadline (a touch without a deadline meets it).
    public var metResponseDeadline: Bool {
        guard let touched = touchedAt else { return false }
        if let within = touchWithinSLA { return within }
        return responseDue.map { touched <= $0 } ?? true
    }
}
