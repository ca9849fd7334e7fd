import BatonCore
import Testing

@Suite("Recognising a lead already known")
struct LeadIdentityTests {
    @Test("keys are tried source record first, then email, then name at the company domain")
    func lookupOrder() {
        let identity = LeadIdentity(
            source: "hubspot", sourceID: "501",
            fields: ["email": "  Ana@Acme.COM ", "first_name": "Ana", "last_name": " Souza", "company_domain": "ACME.com"])
        #expect(identity.lookups == [.source("hubspot:501"), .email("ana@acme.com"), .person("ana souza@acme.com")])
        #expect(identity.lookups.map(\.column) == ["source_key", "email_key", "person_key"])
    }

    @Test("a name without a company domain, or an empty email, recognises nobody")
    func partialKeys() {
        #expect(LeadIdentity(source: "web", sourceID: nil, fields: ["first_name": "Ana", "email": " "]).lookups.isEmpty)
    }

    @Test("a delivery key seen before is a retry, unless its body differs")
    func repeatedDelivery() {
        let intake = LeadIntake(submission: LeadSubmission(source: "web", fields: [:]), idempotencyKey: "k1", actor: "token:t", fingerprint: "f1")
        #expect(intake.deliveryKey == "web:k1")
        #expect(intake.repeatOutcome(storedFingerprint: "f1") == .repeated)
        #expect(intake.repeatOutcome(storedFingerprint: nil) == .repeated)
        #expect(intake.repeatOutcome(storedFingerprint: "f2") == .keyReused)
    }

    @Test("a key too long for an index is shortened to a digest: equal keys stay equal, different ones differ")
    func boundedKeys() throws {
        let long = String(repeating: "k", count: 60_000)
        let intake = LeadIntake(submission: LeadSubmission(source: "api", fields: [:]), idempotencyKey: long, actor: "token:t")
        let key = try #require(intake.deliveryKey)
        #expect(key.utf8.count < BoundedKey.limit && key.hasPrefix("api:kkk"))
        #expect(BoundedKey.of("api:" + long) == key)
        #expect(BoundedKey.of("api:" + long + "x") != key)
        #expect(BoundedKey.of("short-key") == "short-key")
        let identity = LeadIdentity(source: "web", sourceID: long, fields: ["email": long + "@x.example"])
        #expect(identity.lookups.allSatisfy { $0.value.utf8.count <= BoundedKey.limit })
    }
}
