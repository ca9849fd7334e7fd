import BatonCore
import BatonStore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A Salesforce Outbound Message (SOAP `notifications`): the organisation it came from and up to 100 notifications,
/// each with its id, the object's type (a Lead, or an Opportunity: see `SalesforceOpportunity`) and its fields. Salesforce may deliver a message more than once; the notification id
/// recognises a redelivery.
struct SalesforceOutboundMessage {
    struct Notification {
        let id: String
        /// The object's type: "Lead", "Opportunity".
        let objectType: String
        /// Field values by Salesforce API name: `Email`, `FirstName`, `Custom_Field__c`…
        let fields: [String: String]
    }

    let organizationID: String
    let notifications: [Notification]

    /// The answer Salesforce needs to stop retrying; one Ack covers every notification of the message.
    static let acknowledgement = """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
         <soapenv:Body>
          <notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound">
           <Ack>true</Ack>
          </notificationsResponse>
         </soapenv:Body>
        </soapenv:Envelope>
        """

    init(xml: Data) throws {
        let reader = Reader()
        let parser = XMLParser(data: xml)
        parser.shouldProcessNamespaces = true
        parser.delegate = reader
        guard parser.parse(), let organization = reader.organizationID else {
            let position = "line \(parser.lineNumber), column \(parser.columnNumber)"
            throw AppError.badRequest("This is not a Salesforce outbound message.", details: [parser.parserError.map { "\($0.localizedDescription) at \(position)" } ?? "OrganizationId missing"])
        }
        organizationID = organization
        notifications = reader.notifications
    }

    /// The leads the message carries, keyed by notification id (the delivery) and Lead id (the record).
    func intakes(actor: String) -> [LeadIntake] {
        notifications.filter { $0.objectType == "Lead" }.map { notification in
            var fields: [String: String] = [:]
            for (name, value) in notification.fields where name != "Id" {
                fields[SourceFieldNames.fieldID(for: name)] = SourceFieldNames.fieldValue(for: name, value)
            }
            return LeadIntake(
                submission: LeadSubmission(source: "salesforce", sourceID: notification.fields["Id"], fields: fields),
                idempotencyKey: notification.id, actor: actor)
        }
    }

    /// Collects OrganizationId and each Notification's Id and sObject fields.
    private final class Reader: NSObject, XMLParserDelegate {
        var organizationID: String?
        var notifications: [Notification] = []
        private var path: [String] = []
        private var text = ""
        private var notificationID: String?
        private var objectType = "Lead"
        private var fields: [String: String] = [:]

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            path.append(name)
            text = ""
            if name == "Notification" {
                notificationID = nil
                objectType = "Lead"
                fields = [:]
            }
            // xsi:type="sf:Opportunity" (the key is the qualified name, or the local one with namespaces processed).
            if name == "sObject", let type = attributes["xsi:type"] ?? attributes["type"] {
                objectType = String(type.split(separator: ":").last ?? "Lead")
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let parent = path.dropLast().last
            switch (parent, name) {
            case ("notifications", "OrganizationId"): organizationID = value
            case ("Notification", "Id"): notificationID = value
            case ("sObject", _) where !value.isEmpty: fields[name] = value
            case (_, "Notification"):
                if let notificationID { notifications.append(Notification(id: notificationID, objectType: objectType, fields: fields)) }
            default: break
            }
            path.removeLast()
            text = ""
        }
    }
}
