@testable import BatonCore
import Foundation
import Testing

/// The example numbers libphonenumber ships for every region and number type, and numbers it calls invalid, as
/// scripts/generate-phone-metadata.py wrote them into Fixtures/phone-examples.json.
struct PhoneExamples: Decodable, Sendable {
    struct Example: Decodable, Sendable, CustomTestStringConvertible {
        let region: String
        let type: String
        let e164: String
        /// The number as its region writes it, and what libphonenumber reads that as; nil for +800 and the like.
        let national: String?
        let nationalE164: String?
        var testDescription: String { "\(region) \(type) \(e164)" }
    }

    struct Invalid: Decodable, Sendable, CustomTestStringConvertible {
        let region: String
        let e164: String
        var testDescription: String { "\(region) \(e164)" }
    }

    let valid: [Example]
    let invalid: [Invalid]

    static let fixture: PhoneExamples = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/phone-examples.json")
        return try! JSONDecoder().decode(PhoneExamples.self, from: Data(contentsOf: path))
    }()
}

@Suite("Phone numbers against libphonenumber's metadata")
struct PhoneNumberTests {
    @Test("the fixture has examples for every region and non-geographic calling code of the metadata")
    func fixtureComplete() {
        let examples = PhoneExamples.fixture.valid
        #expect(Set(examples.map(\.region)) == Set(PhoneRegion.all.map(\.region)))
        #expect(Set(examples.filter { $0.region == "001" }.map { $0.e164.prefix(4) })
            == Set(PhoneRegion.all.filter { $0.region == "001" }.map { "+\($0.callingCode)" }))
    }

    @Test("every example number is accepted in E.164 form", arguments: PhoneExamples.fixture.valid)
    func examplesInternational(_ example: PhoneExamples.Example) throws {
        #expect(try PhoneNumber(example.e164, country: nil).e164 == example.e164)
    }

    @Test("every example number is accepted as its region writes it, with the lead's country",
          arguments: PhoneExamples.fixture.valid.filter { $0.national != nil })
    func examplesNational(_ example: PhoneExamples.Example) throws {
        let country = try #require(Country(example.region))
        #expect(try PhoneNumber(example.national!, country: country).e164 == example.nationalE164)
    }

    @Test("numbers libphonenumber calls invalid are refused", arguments: PhoneExamples.fixture.invalid)
    func invalid(_ example: PhoneExamples.Invalid) {
        #expect(throws: PhoneNumber.Problem.self) { try PhoneNumber(example.e164, country: nil) }
    }

    @Test("what people type is normalised to E.164", arguments: [
        ("+44 20 7946 0018", nil, "+442079460018"), ("+44 (0) 20 7946 0018", nil, "+442079460018"),
        ("0044 20 7946 0018", nil, "+442079460018"), ("011 44 20 7946 0018", "US", "+442079460018"),
        ("tel:+1-650-253-0000", nil, "+16502530000"), ("tel:7946-0018;phone-context=+44-20", nil, "+442079460018"),
        ("030 1234567", "DE", "+49301234567"), ("030 1234 5678", "DE", "+493012345678"), ("49 30 1234567", "DE", "+49301234567"),
        ("(415) 555-0100", "US", "+14155550100"), ("1-415-555-0100", "US", "+14155550100"), ("06 12 34 56 78", "FR", "+33612345678"),
        ("02 1234 5678", "IT", "+390212345678"), ("8 (495) 123-45-67", "RU", "+74951234567"), ("011 15 2345-6789", "AR", "+5491123456789"),
        ("+800 1234 5678", nil, "+80012345678"),
    ] as [(String, String?, String)])
    func normalised(text: String, country: String?, e164: String) throws {
        #expect(try PhoneNumber(text, country: country.flatMap(Country.init)).e164 == e164)
    }

    @Test("extensions are kept apart from the number", arguments: [
        "tel:+1-650-253-0000;ext=123", "+1 650 253 0000;ext=123", "+1 650 253 0000 ext 123", "+1 650 253 0000 ext. 123",
        "+1 (650) 253-0000 Ext: 123", "+1 650 253 0000, extension 123", "+1 650 253 0000 x123", "+1 650 253 0000 #123",
    ])
    func extensions(text: String) throws {
        let number = try PhoneNumber(text, country: nil)
        #expect(number.e164 == "+16502530000")
        #expect(number.extensionNumber == "123")
        #expect(number.description == "+16502530000;ext=123")
        #expect(try PhoneNumber(number.description, country: nil) == number)
    }

    @Test("a number without an extension is its E.164 form")
    func noExtension() throws {
        let number = try PhoneNumber("+44 20 7946 0018", country: nil)
        #expect(number.extensionNumber == nil && number.description == "+442079460018")
    }

    @Test("numbers that are not valid are refused with a reason", arguments: [
        ("+1 555 0100", nil, "too short for a number in US: 7 digits after +1"),
        ("+1 415 55", nil, "too short for a number in US: 5 digits after +1"),
        ("12", "DE", "too short for a number in DE: 2 digits after +49"),
        ("+44 20 7946 0018 1234 567", nil, "too long for a number in GB: 17 digits after +44"),
        ("+44 20 7946 001", nil, "+44207946001 is not a valid number in GB"),
        ("+999 1234 5678", nil, "+999 is not a country calling code"),
        ("555-0100", nil, "a national number needs a known country, or write it with + and the country code"),
        ("123 456", "AQ", "no numbering plan for AQ: write the number with + and its country code"),
        ("call me maybe", "DE", "'c' is not part of a phone number"),
        ("+1 650 253 0000 ext", nil, "'e' is not part of a phone number"),
        ("+49 30 12+34", nil, "'+' only begins a number, before its country code"),
        ("+12", nil, "too short for an international number: +12"),
        ("", nil, "no digits: not a phone number"),
    ] as [(String, String?, String)])
    func refused(text: String, country: String?, reason: String) {
        #expect(throws: PhoneNumber.Problem(description: reason)) { try PhoneNumber(text, country: country.flatMap(Country.init)) }
    }
}
