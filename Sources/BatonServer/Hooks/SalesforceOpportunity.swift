import BatonCore
import Foundation

/// Opportunities in Salesforce outbound messages (H3): what became of a lead in the CRM. The opportunity names its
/// lead by one of these fields, which the outbound message must send (a formula or a field set on conversion):
/// `Baton_Lead_ID__c` (the lead's id in Baton), `Lead_ID__c` or `Converted_Lead_ID__c` (the Salesforce Lead id
/// Baton received it under), or `Lead_Email__c` / `Contact_Email__c` (its email).
enum SalesforceOpportunity {
    /// The API names that name the lead, by what they hold (compared without case or punctuation).
    static let leadFields: [(names: [String], hold: String)] = [
        (["Baton_Lead_ID__c"], "lead id"), (["Lead_ID__c", "Converted_Lead_ID__c", "ConvertedLeadId__c"], "Salesforce Lead id"),
        (["Lead_Email__c", "Contact_Email__c", "Email__c"], "email"),
    ]

    /// The outcomes of a message's Opportunity notifications; a 400 naming what is missing when one cannot be read
    /// (Salesforce then keeps it in its outbound queue and retries, so nothing is lost).
    static func outcomes(_ message: SalesforceOutboundMessage, actor: String) throws -> [OutcomeIntake] {
        try message.notifications.filter { $0.objectType == "Opportunity" }.map { notification in
            let fields = Dictionary(notification.fields.map { (SourceFieldNames.key($0.key), $0.value) }) { first, _ in first }
            func value(_ names: [String]) -> String? { names.lazy.compactMap { fields[SourceFieldNames.key($0)] }.first { !$0.isEmpty } }
            guard let id = value(["Id"]) else {
                throw AppError.badRequest("An Opportunity notification has no Id.", details: ["notification \(notification.id): add the Id field to the outbound message"])
            }
            let won = value(["IsWon"]) == "true", closed = value(["IsClosed"]) == "true"
            var outcome = LeadOutcome(
                origin: "salesforce", reference: id,
                stage: won ? .won : closed ? .lost : value(["StageName"]).map(OutcomeCSVReader.stage) ?? .opportunity,
                people: [value(["OwnerId"])].compactMap { $0 }, name: value(["Name"]))
            outcome.currency = value(["CurrencyIsoCode"])
            if let text = value(["Amount"]) {
                guard let amount = Double(text), amount.isFinite else {
                    throw AppError.badRequest("An opportunity's amount is not a number.", details: ["notification \(notification.id): Amount \"\(text)\""])
                }
                outcome.amount = amount
            }
            outcome.openedAt = value(["CreatedDate"]).flatMap(IntakeDate.parse)
            outcome.closedAt = outcome.stage == .opportunity ? nil : value(["CloseDate"]).flatMap(IntakeDate.parse)
            let leadID = value(leadFields[0].names).flatMap { Int64($0) }
            let lead = OutcomeLeadReference(leadID: leadID, source: "salesforce", sourceID: value(leadFields[1].names), email: value(leadFields[2].names))
            guard !lead.lookups.isEmpty else {
                throw AppError.badRequest(
                    "An opportunity does not name its lead.",
                    details: ["notification \(notification.id) (Opportunity \(id)): send one of " + leadFields.flatMap(\.names).joined(separator: ", ")])
            }
            return OutcomeIntake(outcome: outcome, lead: lead, actor: actor, line: nil)
        }
    }
}
