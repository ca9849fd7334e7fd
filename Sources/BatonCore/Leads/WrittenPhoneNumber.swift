import Foundation

/// A phone number as a person wrote it, before any numbering plan is consulted: its digits, whether a "+" led
/// them, and an extension. Reads "+44 (0) 20 7946 0018", "(415) 555-0100 ext. 12", "030 1234567 x12" and RFC 3966
/// URIs ("tel:+1-650-253-0000;ext=123").
struct WrittenPhoneNumber: Sendable {
    /// ASCII digits only.
    let digits: String
    let startsWithPlus: Bool
    let extensionNumber: String?

    init(_ text: String) throws(PhoneNumber.Problem) {
        guard text.count <= 250 else { throw PhoneNumber.Problem(description: "too long to be a phone number") }
        var body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var extensionNumber: String?
        if body.lowercased().hasPrefix("tel:") {
            var parameters = body.dropFirst(4).split(separator: ";", omittingEmptySubsequences: false)
            body = String(parameters.removeFirst())
            for parameter in parameters {
                let value = parameter.drop(while: { $0 != "=" }).dropFirst()
                switch parameter.prefix(while: { $0 != "=" }).lowercased() {
                case "ext": extensionNumber = value.filter(\.isASCII).filter(\.isNumber)
                case "phone-context" where value.hasPrefix("+"): body = value + body  // a global number's prefix
                default: continue  // a domain context, an ISDN subaddress: nothing about the digits
                }
            }
        } else if let match = Self.extensionLabel.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)),
            let digits = Range(match.range(at: 1), in: body), let label = Range(match.range, in: body)
        {
            extensionNumber = String(body[digits])
            body = String(body[..<label.lowerBound])
        }
        var digits = "", plus = false
        for character in body {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if character == "+" {
                guard digits.isEmpty && !plus else { throw PhoneNumber.Problem(description: "'+' only begins a number, before its country code") }
                plus = true
            } else if !character.isWhitespace && !Self.separators.contains(character) {
                throw PhoneNumber.Problem(description: "'\(character)' is not part of a phone number")
            }
        }
        guard !digits.isEmpty else { throw PhoneNumber.Problem(description: "no digits: not a phone number") }
        guard extensionNumber?.isEmpty != true else { throw PhoneNumber.Problem(description: "the extension has no digits") }
        self.digits = digits
        startsWithPlus = plus
        self.extensionNumber = extensionNumber
    }

    /// What people write between digits.
    private static let separators = Set("-./()[]‐‑‒–—−")

    /// An extension at the end: ";ext=123", "ext 123", "ext. 123", "extension 123", "x123", "#123" (1–20 digits).
    private static let extensionLabel = try! NSRegularExpression(
        pattern: #"(?:;\s*ext\s*=|[\s,]*(?:ext(?:ension|n)?\.?|x\.?|#)\s*:?)\s*([0-9]{1,20})#?\s*$"#, options: .caseInsensitive)
}
