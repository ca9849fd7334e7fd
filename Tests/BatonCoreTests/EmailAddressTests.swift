import BatonCore
import Foundation
import Testing

/// One case of the is_email suite (BSD-3-Clause, copied into Fixtures/isemail).
struct IsEmailCase: CustomStringConvertible, Sendable {
    let id: String
    let address: String
    let category: String
    let diagnosis: String
    var description: String { "#\(id) \(diagnosis): \(address.debugDescription)" }

    static let all: [IsEmailCase] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/isemail/isemail_tests_v3.05.csv").path
        let text = try! String(contentsOfFile: path, encoding: .utf8)
        return csvRecords(text).dropFirst().filter { $0.count == 6 }.map { fields in
            let decoded = try! JSONSerialization.jsonObject(with: Data(fields[2].utf8), options: .fragmentsAllowed) as! String
            return IsEmailCase(id: fields[0], address: decoded, category: fields[3], diagnosis: fields[4])
        }
    }()

    /// Splits the suite's CSV into records of fields: quoted fields with doubled quotes, which may span lines.
    static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], current = "", quoted = false, afterQuote = false
        for character in text {
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true } else { current.append(character) }
                continue
            }
            if character == "\"" {
                if afterQuote { current.append("\"") }  // a doubled quote inside a quoted field
                quoted = true
                afterQuote = false
                continue
            }
            afterQuote = false
            if character == "," {
                fields.append(current)
                current = ""
            } else if character.isNewline {
                records.append(fields + [current])
                fields = []
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty || !fields.isEmpty { records.append(fields + [current]) }
        return records
    }
}

@Suite("Email addresses against the is_email suite")
struct EmailAddressTests {
    @Test("the suite is complete")
    func suiteLoaded() {
        #expect(IsEmailCase.all.count == 164)
    }

    @Test("every address the suite calls valid is accepted", arguments: IsEmailCase.all.filter { $0.category == "ISEMAIL_VALID_CATEGORY" || $0.category == "ISEMAIL_DNSWARN" })
    func valid(_ example: IsEmailCase) {
        #expect(throws: Never.self) { try EmailAddress(example.address) }
    }

    @Test("every address the suite calls an error is refused with a reason", arguments: IsEmailCase.all.filter { $0.category == "ISEMAIL_ERR" })
    func errors(_ example: IsEmailCase) {
        #expect(throws: EmailAddress.Problem.self) { try EmailAddress(example.address) }
    }

    @Test("the domain is lowercased, the local part kept, spaces around trimmed")
    func normalized() throws {
        #expect(try EmailAddress("  Ana.Souza@Northwind.EXAMPLE\t").normalized == "Ana.Souza@northwind.example")
        #expect(try EmailAddress("a@b.example").domain == "b.example")
    }

    @Test("reasons say what to fix")
    func reasons() {
        #expect(throws: EmailAddress.Problem(description: "no @: an address needs a local part and a domain")) { try EmailAddress("ana.northwind.example") }
        #expect(throws: EmailAddress.Problem(description: "IP-address domains ([…]) are not accepted; use a host name")) { try EmailAddress("a@[127.0.0.1]") }
    }
}
