import BatonCore
import BatonStore
import Foundation

/// Reads what HubSpot posts: a batch of webhook events (`contact.creation`, `contact.propertyChange`, …) or a form
/// submission in the Forms v3 shape, into lead submissions with the keys that recognise a retried delivery.
enum HubSpotPayload {
    /// The delivery ids of a body: its events' ids, or for a form submission the hash of the body.
    static func deliveryIDs(in body: Data) -> [String] {
        guard let events = (try? JSONDecoder().decode(JSONValue.self, from: body))?.array else { return ["form-\(ContentHash.sha256(body))"] }
        return events.compactMap { $0.object?["eventId"]?.scalarText }
    }

    static func intakes(from body: Data, actor: String) throws -> [LeadIntake] {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch let error as DecodingError {
            throw AppError.badRequest("The HubSpot payload is not valid JSON.", details: [JSONErrorDescription.describe(error)])
        }
        if let events = value.array { return try webhookEvents(events, actor: actor) }
        if let form = value.object, form["fields"] != nil { return try [formSubmission(form, body: body, actor: actor)] }
        throw AppError.badRequest("Expected a list of HubSpot webhook events or a form submission with \"fields\".")
    }

    /// One submission per contact in the batch; each is keyed by the contact id (the record) and its event ids (the delivery).
    private static func webhookEvents(_ events: [JSONValue], actor: String) throws -> [LeadIntake] {
        var order: [String] = []
        var grouped: [String: (fields: [String: String], eventIDs: [String], at: Date?)] = [:]
        for (index, event) in events.enumerated() {
            guard let object = event.object, let objectID = object["objectId"]?.scalarText, let eventID = object["eventId"]?.scalarText else {
                throw AppError.badRequest("Each HubSpot event needs objectId and eventId.", details: ["[\(index)]: objectId or eventId missing"])
            }
            let type = object["subscriptionType"]?.string ?? object["eventType"]?.string ?? ""
            guard type.hasPrefix("contact.") else { continue }
            if grouped[objectID] == nil {
                order.append(objectID)
                grouped[objectID] = ([:], [], nil)
            }
            grouped[objectID]!.eventIDs.append(eventID)
            if let name = object["propertyName"]?.string, let value = object["propertyValue"]?.scalarText {
                grouped[objectID]!.fields[SourceFieldNames.fieldID(for: name)] = value
            }
            if let millis = object["occurredAt"]?.number { grouped[objectID]!.at = Date(timeIntervalSince1970: millis / 1000) }
        }
        return order.map { objectID in
            let group = grouped[objectID]!
            return LeadIntake(
                submission: LeadSubmission(source: "hubspot", sourceID: "contact-\(objectID)", submittedAt: group.at, fields: group.fields),
                idempotencyKey: "events-" + group.eventIDs.sorted().joined(separator: ","), actor: actor)
        }
    }

    /// A Forms v3 submission: fields by HubSpot name, the page as the activity, consent from the legal options.
    private static func formSubmission(_ form: [String: JSONValue], body: Data, actor: String) throws -> LeadIntake {
        var fields: [String: String] = [:]
        for (index, field) in (form["fields"]?.array ?? []).enumerated() {
            guard let name = field.object?["name"]?.string, let value = field.object?["value"]?.scalarText else {
                throw AppError.badRequest("Each form field needs a name and a value.", details: ["fields[\(index)]: name or value missing"])
            }
            fields[SourceFieldNames.fieldID(for: name)] = value
        }
        let submitted = form["submittedAt"].flatMap(IntakeDate.parse)
        let context = form["context"]?.object ?? [:]
        let page = context["pageName"]?.string
        let uri = context["pageUri"]?.string
        let consent = form["legalConsentOptions"]?.object?["consent"]?.object
        if let consent, fields["consent_email"] == nil {
            let communications = consent["communications"]?.array?.compactMap { $0.object?["value"] } ?? []
            fields["consent_email"] = communications.contains(.bool(true)) ? "yes" : "no"
        }
        let activity = LeadActivity(kind: activityKind(page: page, uri: uri), at: submitted ?? Date(timeIntervalSince1970: 0), title: page, url: uri)
        return LeadIntake(
            submission: LeadSubmission(source: "hubspot", submittedAt: submitted, fields: fields, activities: submitted == nil ? [] : [activity]),
            idempotencyKey: "form-\(ContentHash.sha256(body))", actor: actor)
    }

    /// What a form on this page means: a demo or contact request raises a hand.
    static func activityKind(page: String?, uri: String?) -> String {
        let text = ((page ?? "") + " " + (uri ?? "")).lowercased()
        if text.contains("demo") { return "demo_request" }
        if text.contains("contact") || text.contains("talk-to-sales") || text.contains("talk to sales") { return "contact_request" }
        if text.contains("webinar") { return "webinar_registration" }
        if text.contains("pricing") { return "pricing_page_visit" }
        return "form_submission"
    }
}
