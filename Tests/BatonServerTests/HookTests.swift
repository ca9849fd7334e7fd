import BatonCore
@testable import BatonServer
import BatonStore
import BatonTestSupport
import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Webhooks: HubSpot and Salesforce")
struct HookTests {
    static let secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
    static let organization = "00D000000000001EAA"

    @Test("HubSpot's published v1 and v2 test vectors verify; a changed byte does not")
    func publishedVectors() throws {
        // From developers.hubspot.com/docs/faq/v1-request-validation and v2-request-validation.
        let signature = HubSpotSignature(secret: Self.secret)
        let v1Body = Data(#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#.utf8)
        #expect(signature.v1(body: v1Body) == "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de")
        #expect(signature.v2(method: "GET", uri: "https://www.example.com/webhook_uri", body: Data())
            == "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e")
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(throws: Never.self) {
            try signature.verify(method: "POST", uri: "x", body: v1Body, headers: ["x-hubspot-signature": "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de"], now: now)
        }
        var tampered = v1Body
        tampered[tampered.count - 2] = UInt8(ascii: "2")
        #expect(throws: HubSpotSignature.Failure.mismatch) {
            try signature.verify(method: "POST", uri: "x", body: tampered, headers: ["x-hubspot-signature": "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de"], now: now)
        }
        // v3 has no published vector; this one was computed independently with Python's hmac module.
        #expect(signature.v3(method: "POST", uri: "https://baton.example.com/hooks/hubspot", body: Data("[]".utf8), timestamp: "1800000000000")
            == "LGmVcoCaTt4FXpjSKgvaANyIbJ6MY4reM3hmqeSaBB4=")
    }

    func setup() async throws -> (application: any ApplicationProtocol, store: SQLiteStore, clock: ManualClock) {
        let clock = ManualClock()
        var configuration = testConfiguration()
        configuration.publicURL = "https://baton.example.com"
        configuration.hubspotSecret = Self.secret
        configuration.salesforceOrganizationID = Self.organization
        configuration.salesforceHookToken = "sf-hook-token"
        let store = try await prepareAccounts(configuration, clock: clock)
        return (try await buildApplication(configuration, store: store, clock: clock).application, store, clock)
    }

    static let form = #"""
        {"submittedAt": "1799999990000",
         "fields": [
           {"objectTypeId": "0-1", "name": "email", "value": "jordan.lee@brightloop.io"},
           {"objectTypeId": "0-1", "name": "firstname", "value": "Jordan"},
           {"objectTypeId": "0-1", "name": "lastname", "value": "Lee"},
           {"objectTypeId": "0-1", "name": "jobtitle", "value": "VP Marketing"},
           {"objectTypeId": "0-1", "name": "country", "value": "United States"},
           {"objectTypeId": "0-1", "name": "industry", "value": "Software"},
           {"objectTypeId": "0-1", "name": "numemployees", "value": "201-500"},
           {"objectTypeId": "0-2", "name": "name", "value": "Brightloop"}],
         "context": {"pageUri": "https://northwind.example/demo", "pageName": "Request a demo"},
         "legalConsentOptions": {"consent": {"consentToProcess": true, "text": "…", "communications": [{"value": true, "subscriptionTypeId": 999, "text": "…"}]}}}
        """#

    func hubspot(_ client: any TestClientProtocol, body: String, timestamp: Date, signature: String? = nil) async throws -> TestResponse {
        let millis = String(Int64(timestamp.timeIntervalSince1970 * 1000))
        let signed = signature ?? HubSpotSignature(secret: Self.secret).v3(
            method: "POST", uri: "https://baton.example.com/hooks/hubspot", body: Data(body.utf8), timestamp: millis)
        return try await client.execute(
            uri: "/hooks/hubspot", method: .post,
            headers: [.contentType: "application/json", .init("X-HubSpot-Signature-v3")!: signed, .init("X-HubSpot-Request-Timestamp")!: millis],
            body: ByteBuffer(string: body))
    }

    @Test("a signed HubSpot form submission becomes a routed lead; the same delivery twice makes one")
    func hubspotForm() async throws {
        let (application, store, clock) = try await setup()
        try await application.test(.router) { client in
            let first = try await hubspot(client, body: Self.form, timestamp: clock.now())
            #expect(first.status == .ok)
            let result = try #require((first.json["results"] as? [[String: Any]])?.first)
            #expect(result["outcome"] as? String == "created" && result["status"] as? String == "assigned")
            #expect(result["owner"] as? String == "jordan", "North America pool")
            let again = try await hubspot(client, body: Self.form, timestamp: clock.now())
            #expect((again.json["results"] as? [[String: Any]])?.first?["outcome"] as? String == "repeated")
            let lead = try #require(try await store.lead(id: Int64(result["lead_id"] as! Int)))
            #expect(lead.source == "hubspot" && lead.activities.first?.kind == "demo_request" && lead.fields["consent_email"] == "true")
            #expect(lead.submittedAt == Date(timeIntervalSince1970: 1_799_999_990))
            #expect(try await store.leadCounts() == [.assigned: 1])
        }
    }

    @Test("a bad or stale HubSpot signature is refused with 401 and nothing is stored")
    func hubspotRefusals() async throws {
        let (application, store, clock) = try await setup()
        try await application.test(.router) { client in
            let forged = try await hubspot(client, body: Self.form, timestamp: clock.now(), signature: "AAAA")
            #expect(forged.status == .unauthorized)
            #expect((forged.json["error"] as? [String: Any])?["code"] as? String == "bad_signature")
            let stale = try await hubspot(client, body: Self.form, timestamp: clock.now().addingTimeInterval(-301))
            #expect(stale.status == .unauthorized)
            #expect((stale.json["error"] as? [String: Any])?["message"] as? String == "The request is more than 5 minutes old; replays are refused.")
            #expect(try await store.leadCounts().isEmpty)
        }
    }

    @Test("HubSpot webhook events build up one lead per contact; a redelivered event changes nothing")
    func hubspotEvents() async throws {
        let (application, store, clock) = try await setup()
        try await application.test(.router) { client in
            let created = #"[{"objectId": 1246965, "eventId": 1, "subscriptionType": "contact.creation", "occurredAt": 1799999990000, "portalId": 33, "appId": 1160452, "subscriptionId": 25, "attemptNumber": 0},{"objectId": 1246965, "eventId": 2, "subscriptionType": "contact.propertyChange", "propertyName": "email", "propertyValue": "sam@initech.de", "occurredAt": 1799999991000, "portalId": 33, "appId": 1160452, "subscriptionId": 26, "attemptNumber": 0}]"#
            let first = try await hubspot(client, body: created, timestamp: clock.now())
            let id = try #require((first.json["results"] as? [[String: Any]])?.first?["lead_id"] as? Int)
            #expect((first.json["results"] as? [[String: Any]])?.first?["status"] as? String == "remediation", "a contact with only an email needs enrichment")
            let more = #"[{"objectId": 1246965, "eventId": 3, "subscriptionType": "contact.propertyChange", "propertyName": "jobtitle", "propertyValue": "Head of Data", "occurredAt": 1799999992000}]"#
            let second = try await hubspot(client, body: more, timestamp: clock.now())
            #expect((second.json["results"] as? [[String: Any]])?.first?["lead_id"] as? Int == id, "the same contact")
            #expect((second.json["results"] as? [[String: Any]])?.first?["outcome"] as? String == "merged")
            let retried = try await hubspot(client, body: more, timestamp: clock.now())
            #expect((retried.json["results"] as? [[String: Any]])?.first?["outcome"] as? String == "repeated")
            let lead = try #require(try await store.lead(id: Int64(id)))
            #expect(lead.fields["email"] == "sam@initech.de" && lead.fields["job_title"] == "Head of Data")
            #expect(try await store.leadCounts() == [.remediation: 1])
        }
    }

    static func outboundMessage(organization: String = organization) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
           <OrganizationId>\(organization)</OrganizationId>
           <ActionId>04k000000000001AAA</ActionId>
           <SessionId xsi:nil="true"/>
           <EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/42.0/00D000000000001</EnterpriseUrl>
           <PartnerUrl>https://example.my.salesforce.com/services/Soap/u/42.0/00D000000000001</PartnerUrl>
           <Notification>
            <Id>04l000000000001AAA</Id>
            <sObject xsi:type="sf:Lead" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
             <sf:Id>00Q000000000001AAA</sf:Id>
             <sf:Company>Fabrikam</sf:Company>
             <sf:Email>li.wei@fabrikam.com</sf:Email>
             <sf:FirstName>Li</sf:FirstName>
             <sf:LastName>Wei</sf:LastName>
             <sf:Title>Director of Analytics</sf:Title>
             <sf:Country>USA</sf:Country>
             <sf:Industry>Retail</sf:Industry>
             <sf:NumberOfEmployees>2500</sf:NumberOfEmployees>
             <sf:HasOptedOutOfEmail>false</sf:HasOptedOutOfEmail>
             <sf:LastActivityDate>2027-01-14</sf:LastActivityDate>
             <sf:Status>Abierto</sf:Status>
             <sf:Custom_Field__c>value</sf:Custom_Field__c>
            </sObject>
           </Notification>
          </notifications>
         </soapenv:Body>
        </soapenv:Envelope>
        """
    }

    func salesforce(_ client: any TestClientProtocol, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: "/hooks/salesforce/sf-hook-token", method: .post, headers: [.contentType: "text/xml"], body: ByteBuffer(string: body))
    }

    @Test("a Salesforce outbound message is acknowledged; its lead goes to the named account's owner; redelivery is ignored")
    func salesforceMessage() async throws {
        let (application, store, _) = try await setup()
        try await application.test(.router) { client in
            let first = try await salesforce(client, Self.outboundMessage())
            #expect(first.status == .ok && first.text.contains("<Ack>true</Ack>"))
            let second = try await salesforce(client, Self.outboundMessage())
            #expect(second.status == .ok && second.text.contains("<Ack>true</Ack>"), "a redelivery is acknowledged too")
            #expect(try await store.leadCounts().values.reduce(0, +) == 1)
            let lead = try #require(try await store.lead(id: 1))
            #expect(lead.owner == "jordan" && lead.assignment?.rule == "named-accounts", "fabrikam.com is Jordan's named account: \(lead.status) \(lead.because) \(lead.problems)")
            #expect(lead.sourceID == "00Q000000000001AAA" && lead.extras["Custom_Field__c"] == "value")
            let stranger = try await salesforce(client, Self.outboundMessage(organization: "00D999999999999EAA"))
            #expect(stranger.status == .unauthorized)
            #expect(try await salesforce(client, "<not-soap").status == .badRequest)
        }
    }

    static func opportunityMessage(leadField: String = "<sf:Converted_Lead_ID__c>00Q000000000001AAA</sf:Converted_Lead_ID__c>", won: Bool = true) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <soapenv:Body>
          <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
           <OrganizationId>\(organization)</OrganizationId>
           <Notification>
            <Id>04l000000000009AAA</Id>
            <sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
             <sf:Id>006000000000001AAA</sf:Id>
             <sf:Name>Fabrikam — analytics platform</sf:Name>
             <sf:StageName>\(won ? "Closed Won" : "Negotiation")</sf:StageName>
             <sf:IsClosed>\(won)</sf:IsClosed>
             <sf:IsWon>\(won)</sf:IsWon>
             <sf:Amount>48000.00</sf:Amount>
             <sf:CurrencyIsoCode>EUR</sf:CurrencyIsoCode>
             <sf:CreatedDate>2027-01-20T10:00:00.000Z</sf:CreatedDate>
             <sf:CloseDate>2027-02-26</sf:CloseDate>
             <sf:OwnerId>005000000000001AAA</sf:OwnerId>
             \(leadField)
            </sObject>
           </Notification>
          </notifications>
         </soapenv:Body>
        </soapenv:Envelope>
        """
    }

    @Test("a Salesforce Opportunity outbound message records the outcome on the lead it names, once however often it is sent; one that names no lead is refused with the fields to send")
    func salesforceOpportunity() async throws {
        let (application, store, _) = try await setup()
        try await application.test(.router) { client in
            _ = try await salesforce(client, Self.outboundMessage())
            let open = try await salesforce(client, Self.opportunityMessage(won: false))
            #expect(open.status == .ok && open.text.contains("<Ack>true</Ack>"))
            let won = try await salesforce(client, Self.opportunityMessage())
            #expect(won.status == .ok)
            #expect(try await salesforce(client, Self.opportunityMessage()).status == .ok, "a redelivery is acknowledged")
            let lead = try #require(try await store.lead(id: 1))
            let outcome = try #require(lead.outcomes?.first)
            #expect(lead.outcomes?.count == 1 && outcome.stage == .won && outcome.amount == 48000 && outcome.currency == "EUR")
            #expect(outcome.key == LeadOutcome(origin: "salesforce", reference: "006000000000001AAA", stage: .won).key)
            let types = try await store.leadEvents(id: 1).map(\.type).filter { $0.hasPrefix("lead.deal") || $0.hasPrefix("lead.opportunity") }
            #expect(types == ["lead.opportunity_opened", "lead.deal_won"], "opened, then won; the redelivery adds nothing: \(types)")
            let nameless = try await salesforce(client, Self.opportunityMessage(leadField: ""))
            #expect(nameless.status == .badRequest && nameless.text.contains("send one of Baton_Lead_ID__c"), "Salesforce keeps it and retries: \(nameless.text)")
        }
    }

    @Test("HubSpot deal events build up the outcome of the lead the deal names, across batches; a redelivery changes nothing; a deal naming no lead is kept until one does")
    func hubspotDeals() async throws {
        let (application, store, clock) = try await setup()
        try await application.test(.router) { client in
            let contact = #"[{"objectId": 501, "eventId": 11, "subscriptionType": "contact.propertyChange", "propertyName": "email", "propertyValue": "kim@initech.de", "occurredAt": 1799999990000}]"#
            let leadID = try #require(((try await hubspot(client, body: contact, timestamp: clock.now())).json["results"] as? [[String: Any]])?.first?["lead_id"] as? Int)
            // The deal is created without a link; the link and the amount come in the next batch, the win in a third.
            let created = #"[{"objectId": 9001, "eventId": 21, "subscriptionType": "deal.creation", "occurredAt": 1800000000000}, {"objectId": 9001, "eventId": 22, "subscriptionType": "deal.propertyChange", "propertyName": "dealname", "propertyValue": "Initech pilot", "occurredAt": 1800000000000}]"#
            let first = try await hubspot(client, body: created, timestamp: clock.now())
            #expect((first.json["outcomes"] as? [[String: Any]])?.first?["result"] as? String == "unmatched", "\(first.json)")
            let linked = #"[{"objectId": 9001, "eventId": 23, "subscriptionType": "deal.propertyChange", "propertyName": "contact_id", "propertyValue": "501", "occurredAt": 1800000100000}, {"objectId": 9001, "eventId": 24, "subscriptionType": "deal.propertyChange", "propertyName": "amount", "propertyValue": "12000", "occurredAt": 1800000100000}]"#
            let second = try await hubspot(client, body: linked, timestamp: clock.now())
            #expect((second.json["outcomes"] as? [[String: Any]])?.first?["lead_id"] as? Int == leadID)
            let won = #"[{"objectId": 9001, "eventId": 25, "subscriptionType": "deal.propertyChange", "propertyName": "dealstage", "propertyValue": "closedwon", "occurredAt": 1800000200000}]"#
            _ = try await hubspot(client, body: won, timestamp: clock.now())
            let again = try await hubspot(client, body: won, timestamp: clock.now())
            #expect((again.json["outcomes"] as? [[String: Any]])?.first?["result"] as? String == "unchanged", "a redelivery changes nothing")
            let lead = try #require(try await store.lead(id: Int64(leadID)))
            let outcome = try #require(lead.outcomes?.first)
            #expect(lead.outcomes?.count == 1 && outcome.stage == .won && outcome.amount == 12000 && outcome.name == "Initech pilot")
            #expect(outcome.openedAt == Date(timeIntervalSince1970: 1_800_000_000) && outcome.closedAt == Date(timeIntervalSince1970: 1_800_000_200))
            let types = try await store.leadEvents(id: Int64(leadID)).map(\.type).filter { $0.hasPrefix("lead.deal") || $0.hasPrefix("lead.opportunity") || $0 == "lead.outcome_updated" }
            #expect(types == ["lead.opportunity_opened", "lead.deal_won"], "\(types)")
        }
    }
}
