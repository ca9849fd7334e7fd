import Foundation

/// One region's numbering plan as libphonenumber's metadata describes it (or, with region "001", one
/// non-geographic calling code such as +800); the generated `PhoneRegion.all` lists them. Patterns apply to the
/// national significant number: the digits after the calling code, without a trunk prefix.
struct PhoneRegion: Sendable {
    let region: String
    let callingCode: Int
    /// What is dialled before a calling code from here ("00", "011"); nil for non-geographic codes.
    let internationalPrefix: String?
    /// The trunk prefix (and carrier code) dropped from national numbers ("0"); it may capture digits to keep.
    let nationalPrefix: String?
    /// What replaces a matched national prefix when it captured digits ("9$1" in AR, "268$1" in AG).
    let nationalPrefixTransform: String?
    /// For a region sharing its calling code: the digits its numbers start with ("268" for AG in +1).
    let leadingDigits: String?
    let lengths: [Int]
    /// Lengths of numbers only dialled within an area, not valid on their own.
    let localOnlyLengths: [Int]
    /// Every number of the region matches this.
    let pattern: String
    /// Valid numbers (fixed line, mobile, toll free, premium rate …) match this; lengths of a type are checked
    /// by lookaheads where they are not the region's `lengths`.
    let validPattern: String

    init(
        _ region: String, _ callingCode: Int, _ internationalPrefix: String?, _ nationalPrefix: String?,
        _ nationalPrefixTransform: String?, _ leadingDigits: String?, _ lengths: [Int], _ localOnlyLengths: [Int],
        _ pattern: String, _ validPattern: String
    ) {
        self.region = region
        self.callingCode = callingCode
        self.internationalPrefix = internationalPrefix
        self.nationalPrefix = nationalPrefix
        self.nationalPrefixTransform = nationalPrefixTransform
        self.leadingDigits = leadingDigits
        self.lengths = lengths
        self.localOnlyLengths = localOnlyLengths
        self.pattern = pattern
        self.validPattern = validPattern
    }

    /// The plan of an ISO region, e.g. "DE".
    static func plan(for region: String) -> Plan? { byRegion[region].map(Plan.compiled) }

    /// The plans of a calling code, the main region first (US for +1), as libphonenumber orders them.
    static func plans(forCallingCode code: Int) -> [Plan]? { byCallingCode[code]?.map(Plan.compiled) }

    /// Calling codes have 1 to 3 digits and none is the start of another: "4930…" → (49, "30…").
    static func splitCallingCode(_ digits: Substring) -> (code: Int, rest: Substring)? {
        guard digits.first != "0" else { return nil }
        for length in 1...min(3, digits.count) {
            if let code = Int(digits.prefix(length)), byCallingCode[code] != nil { return (code, digits.dropFirst(length)) }
        }
        return nil
    }

    private static let byRegion = Dictionary(uniqueKeysWithValues: all.indices.filter { all[$0].region != "001" }.map { (all[$0].region, $0) })
    private static let byCallingCode = Dictionary(grouping: all.indices) { all[$0].callingCode }
}
