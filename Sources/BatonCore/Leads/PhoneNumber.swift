/// A telephone number valid by libphonenumber's metadata, in E.164 form ("+4930123456"), with any extension;
/// normalised from what people type.
public struct PhoneNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// "+", the country calling code and the national significant number, without the extension.
    public let e164: String
    /// The extension's digits ("123" in "+1 650 253 0000 ext. 123"); nil when none was written.
    public let extensionNumber: String?

    /// `e164`, then ";ext=" and the extension when there is one, as RFC 3966 writes it: "+16502530000;ext=123".
    /// `PhoneNumber(_:country:)` reads it back.
    public var description: String { extensionNumber.map { "\(e164);ext=\($0)" } ?? e164 }

    /// Why a number was refused.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Reads an international number ("+44 20 7946 0018", "+44 (0) 20 7946 0018", "tel:+1-650-253-0000;ext=123",
    /// "0044 …", or with the lead's country its international prefix: "011 44 …" in US) or, with the lead's
    /// country, a national one ("030 1234567" in DE), and accepts it when libphonenumber would call it valid.
    /// As libphonenumber does, a trunk prefix written after the calling code ("(0)") is dropped.
    public init(_ text: String, country: Country?) throws(Problem) {
        let written = try WrittenPhoneNumber(text)
        let home = country.flatMap { PhoneRegion.plan(for: $0.code) }
        let digits = Substring(written.digits)
        // The plan whose trunk prefix is dropped: the lead's country's for a national number, else the main region's.
        let plan: PhoneRegion.Plan, plans: [PhoneRegion.Plan]
        var national: Substring
        // Without a country, "00" is taken for the international prefix most of the world dials.
        let international: Substring? =
            if written.startsWithPlus {
                digits
            } else if let home {
                home.afterInternationalPrefix(digits)
            } else {
                digits.hasPrefix("00") ? digits.dropFirst(2) : nil
            }
        if let international {
            guard international.count > 2 else { throw Problem(description: "too short for an international number: +\(international)") }
            guard let (code, rest) = PhoneRegion.splitCallingCode(international), let found = PhoneRegion.plans(forCallingCode: code) else {
                throw Problem(description: "+\(international.prefix(3)) is not a country calling code")
            }
            (plan, plans, national) = (found[0], found, rest)
        } else if let home {
            (plan, plans) = (home, PhoneRegion.plans(forCallingCode: home.region.callingCode) ?? [home])
            national = home.afterOwnCallingCode(digits) ?? digits
        } else if let country {
            throw Problem(description: "no numbering plan for \(country.code): write the number with + and its country code")
        } else {
            throw Problem(description: "a national number needs a known country, or write it with + and the country code")
        }
        let withoutPrefix = plan.droppingNationalPrefix(national)
        if [.possible, .tooLong].contains(plan.lengthFit(withoutPrefix.count)) { national = withoutPrefix }

        let code = plan.region.callingCode
        // Regions sharing a calling code: the first whose leading digits the number has or, lacking those, that
        // calls it valid, as libphonenumber picks the region it validates against.
        let region = plans.count == 1 ? plans[0] : plans.first { $0.hasLeadingDigits(national) ?? $0.isValid(national) }
        guard let region, region.isValid(national) else {
            let named = region ?? plan, lengths = named.region.lengths
            if national.count < lengths.first ?? 0 {
                throw Problem(description: "too short for a number \(named.place): \(national.count) digits after +\(code)")
            } else if national.count > lengths.last ?? .max {
                throw Problem(description: "too long for a number \(named.place): \(national.count) digits after +\(code)")
            }
            throw Problem(description: "+\(code)\(national) is not a valid number \(named.place)")
        }
        e164 = "+\(code)\(national)"
        extensionNumber = written.extensionNumber
    }
}
