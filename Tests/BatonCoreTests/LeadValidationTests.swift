import BatonCore
import BatonPolicy
import BatonTestSupport
import Foundation
import Testing

@Suite("Lead validation at the boundary")
struct LeadValidationTests {
    static let model = try! PolicyLoader.load(contentsOf: examplePolicyPath).policy.leads!

    static let complete: [String: String] = [
        "email": "M.Weber@Kaufhaus-Nord.DE", "last_name": "Weber", "company": "Kaufhaus Nord", "job_title": "Head of Analytics",
        "country": "Germany", "consent_email": "yes", "phone": "030 1234 5678", "company_size": "201-500",
    ]

    @Test("countries are read from codes, English names and common aliases", arguments: [
        ("DE", "DE"), ("de", "DE"), ("Germany", "DE"), ("Deutschland", "DE"), ("United States of America", "US"), ("USA", "US"),
        ("UK", "GB"), ("Côte d’Ivoire", "CI"), ("Brasil", "BR"),
    ])
    func countries(text: String, code: String) {
        #expect(Country(text)?.code == code)
    }

    @Test("two models validate alike only while their fields are the same: a field made optional validates differently")
    func alike() throws {
        var scored = Self.model
        scored.scoring = nil
        var optional = Self.model
        let required = try #require(optional.fields.firstIndex { $0.required })
        optional.fields[required].required = false
        let validator = LeadValidator(model: Self.model)
        #expect(validator.validatesLike(LeadValidator(model: scored)), "scoring is not validation")
        #expect(!validator.validatesLike(LeadValidator(model: optional)))
        let missing = LeadSubmission(source: "api", fields: Self.complete.filter { $0.key != optional.fields[required].id })
        #expect(validator.validate(missing) != LeadValidator(model: optional).validate(missing), "which is why they are told apart")
    }

    @Test("countries map to the sales regions routing rules name")
    func regions() {
        #expect(["DE", "NG", "AE", "US", "CA", "BR", "MX", "JP", "AU"].map { Country($0)!.salesRegion }
            == ["emea", "emea", "emea", "na", "na", "latam", "latam", "apac", "apac"])
        #expect(Country("Atlantis") == nil)
    }

    @Test("a complete lead is normalised: email, ISO country, E.164 phone, domain from the work address, size from a range")
    func normalised() {
        let lead = LeadValidator(model: Self.model).validate(LeadSubmission(source: "api", fields: Self.complete.merging(["favourite_colour": "teal"]) { $1 }))
        #expect(lead.problems.isEmpty)
        #expect(lead.fields["email"] == "M.Weber@kaufhaus-nord.de")
        #expect(lead.fields["country"] == "DE" && lead.country?.salesRegion == "emea")
        #expect(lead.fields["phone"] == "+493012345678")
        #expect(lead.companyDomain == "kaufhaus-nord.de")
        #expect(lead.companySize == 201)
        #expect(lead.consent == true)
        #expect(lead.extras == ["favourite_colour": "teal"])
    }

    @Test("a phone number keeps its extension after the E.164 form")
    func phoneExtension() {
        var fields = Self.complete
        fields["phone"] = "+49 30 1234 5678 ext. 42"
        let lead = LeadValidator(model: Self.model).validate(LeadSubmission(source: "api", fields: fields))
        #expect(lead.problems.isEmpty)
        #expect(lead.fields["phone"] == "+493012345678;ext=42")
    }

    @Test("every problem is listed at once, nothing is thrown away")
    func everyProblem() {
        var fields = Self.complete
        fields["email"] = "jane.doe@@example.com"
        fields["country"] = "Atlantis"
        fields["phone"] = "12"
        fields["company_domain"] = "not a domain"
        fields["consent_email"] = "maybe"
        fields["job_title"] = "  "
        let lead = LeadValidator(model: Self.model).validate(LeadSubmission(source: "api", fields: fields))
        #expect(lead.problems.map(\.field) == ["company_domain", "consent_email", "country", "email", "job_title", "phone"])
        #expect(lead.problems.first { $0.field == "job_title" }?.reason == "required by the policy, missing")
        #expect(lead.problems.first { $0.field == "country" }?.reason == "'Atlantis' is not an ISO 3166-1 country")
        #expect(lead.fields["email"] == "jane.doe@@example.com", "the original value is kept for the person fixing it")
    }

    @Test("a free-mail address says nothing about the company; declined consent is recorded, not an error")
    func freeMailAndConsent() {
        var fields = Self.complete
        fields["email"] = "lena.k@gmail.com"
        fields["consent_email"] = "no"
        let lead = LeadValidator(model: Self.model).validate(LeadSubmission(source: "api", fields: fields))
        #expect(lead.problems.isEmpty)
        #expect(lead.companyDomain == nil)
        #expect(lead.consent == false)
    }

    @Test("a domain is read the same whether written bare or as a URL", arguments: [
        ("contoso.com", "contoso.com"), ("www.Contoso.com", "contoso.com"), ("https://www.contoso.com/about", "contoso.com"),
        ("contoso.com:8443", "contoso.com"), ("sub.contoso.co.uk", "sub.contoso.co.uk"), ("a-b.example", "a-b.example"),
    ])
    func domains(text: String, domain: String) {
        let validated = LeadValidator(model: Self.model).validate(LeadSubmission(source: "api", fields: ["email": "x@y.example", "company_domain": text]))
        #expect(validated.fields["company_domain"] == domain)
    }

    @Test("what is not a domain or a head count is a problem, however it is written", arguments: [
        ("company_domain", "contoso"), ("company_domain", "contoso..com"), ("company_domain", "-"), ("company_domain", "con_toso.com"),
        ("company_size", "many"), ("company_size", "about twelve"), ("company_size", ",+"),
    ])
    func refusals(field: String, text: String) {
        let validated = LeadValidator(model: Self.model).validate(LeadSubmission(source: "api", fields: ["email": "x@y.example", field: text]))
        #expect(validated.problems.contains { $0.field == field }, "\(field) \(text): \(validated.problems)")
    }
}
