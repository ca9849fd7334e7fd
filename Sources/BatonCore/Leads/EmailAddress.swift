/// An email address checked the way mail systems practise RFC 5321: a dot-atom local part and a host name,
/// within the length limits. Quoted local parts, comments and IP-address literals are valid in the RFCs but
/// refused by mainstream mail providers and CRMs, so they are refused here too, each with its reason.
public struct EmailAddress: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The address with its domain lowercased; the local part keeps its case (it may be significant).
    public let normalized: String

    public var domain: String { String(normalized[normalized.index(after: normalized.lastIndex(of: "@")!)...]) }

    public var description: String { normalized }

    /// Why an address was refused, in words a person can act on.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Characters allowed unquoted in a local part (RFC 5322 atext).
    private static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
    private static let hostCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
    /// The same two sets by ASCII code, for text that is ASCII throughout (nearly every address), read byte by byte.
    private static let atextBytes = asciiTable(atext)
    private static let hostBytes = asciiTable(hostCharacters)

    private static func asciiTable(_ characters: Set<Character>) -> [Bool] {
        (0..<128).map { characters.contains(Character(Unicode.Scalar(UInt8($0)))) }
    }

    /// The first character of `text` not in `allowed` (and `table`, its ASCII codes).
    private static func firstOutside(_ text: Substring, _ allowed: Set<Character>, _ table: [Bool], except: Character? = nil) -> Character? {
        let exceptByte = except?.asciiValue
        if text.isASCII {
            guard let bad = text.utf8.first(where: { $0 != exceptByte && !table[Int($0)] }) else { return nil }
            return Character(Unicode.Scalar(bad))
        }
        return text.first { $0 != except && !allowed.contains($0) }
    }

    public init(_ text: String) throws(Problem) {
        let address = text.trimmingSpaces
        // ASCII (nearly every address) is read byte by byte: its line breaks are control characters, and its "@" is
        // a character of its own.
        let ascii = address.isASCII
        if ascii ? address.utf8.contains(where: { $0 < 32 || $0 == 127 }) : address.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true }) {
            throw Problem(description: "contains a line break or control character")
        }
        guard let at = ascii ? address.utf8.lastIndex(of: 0x40) : address.lastIndex(of: "@") else {
            throw Problem(description: "no @: an address needs a local part and a domain")
        }
        let local = address[..<at], domain = address[address.index(after: at)...].lowercased()
        guard !local.isEmpty else { throw Problem(description: "nothing before the @") }
        guard !domain.isEmpty else { throw Problem(description: "nothing after the @") }
        guard address.utf8.count <= 254 else { throw Problem(description: "longer than 254 characters") }
        try Self.checkLocal(local, ascii: ascii)
        try Self.checkDomain(domain, ascii: ascii)
        normalized = "\(local)@\(domain)"
    }

    private static func checkLocal(_ local: Substring, ascii: Bool) throws(Problem) {
        if ascii ? local.utf8.first == 0x22 : local.first == "\"" { throw Problem(description: "quoted local parts (\"…\"@) are not accepted by mail systems in practice") }
        guard local.utf8.count <= 64 else { throw Problem(description: "the part before the @ is longer than 64 characters") }
        if ascii ? local.utf8.first == 0x2E || local.utf8.last == 0x2E || zip(local.utf8, local.utf8.dropFirst()).contains(where: { $0 == 0x2E && $1 == 0x2E })
            : local.first == "." || local.last == "." || local.contains("..") {
            throw Problem(description: "dots must separate words before the @: none at the start, the end, or twice in a row")
        }
        if let bad = firstOutside(local, atext, atextBytes, except: ".") {
            throw Problem(description: "'\(bad)' is not allowed before the @ without quotes")
        }
    }

    private static func checkDomain(_ domain: String, ascii: Bool) throws(Problem) {
        if ascii ? domain.utf8.first == 0x5B : domain.first == "[" { throw Problem(description: "IP-address domains ([…]) are not accepted; use a host name") }
        guard domain.utf8.count <= 253 else { throw Problem(description: "the domain is longer than 253 characters") }
        let labels = ascii ? domain.utf8.split(separator: 0x2E, omittingEmptySubsequences: false).map { Substring($0) }
            : domain.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty else { throw Problem(description: "the domain has an empty part (two dots, or a dot at the start or end)") }
            guard label.utf8.count <= 63 else { throw Problem(description: "a domain part is longer than 63 characters") }
            if let bad = firstOutside(label, hostCharacters, hostBytes) {
                throw Problem(description: "'\(bad)' is not allowed in a domain")
            }
            if ascii ? label.utf8.first == 0x2D || label.utf8.last == 0x2D : label.first == "-" || label.last == "-" { throw Problem(description: "a domain part starts or ends with a hyphen") }
        }
        if ascii ? labels.last!.utf8.allSatisfy({ (0x30...0x39).contains($0) }) : labels.last!.allSatisfy(\.isNumber) { throw Problem(description: "the top-level domain is a number") }
    }
}
