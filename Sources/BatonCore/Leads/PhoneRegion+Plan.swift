import Foundation
import Synchronization

extension PhoneRegion {
    /// A region's numbering plan with its patterns compiled (once per region, on first use), answering the questions
    /// libphonenumber asks of a national significant number.
    final class Plan: Sendable {
        let region: PhoneRegion
        private let internationalPrefix, nationalPrefix, leadingDigits: NSRegularExpression?
        /// `pattern` and `validPattern`, anchored to match whole numbers.
        private let general, valid: NSRegularExpression

        private init(_ region: PhoneRegion) {
            func compiled(_ pattern: String) -> NSRegularExpression { try! NSRegularExpression(pattern: pattern) }
            self.region = region
            internationalPrefix = region.internationalPrefix.map(compiled)
            nationalPrefix = region.nationalPrefix.map(compiled)
            leadingDigits = region.leadingDigits.map(compiled)
            general = compiled("^(?:\(region.pattern))$")
            valid = compiled("^(?:\(region.validPattern))$")
        }

        private static let made = Mutex<[Int: Plan]>([:])

        /// The plan of `PhoneRegion.all[index]`.
        static func compiled(_ index: Int) -> Plan {
            if let plan = made.withLock({ $0[index] }) { return plan }
            let plan = Plan(PhoneRegion.all[index])
            return made.withLock { plans in
                if let first = plans[index] { return first }
                plans[index] = plan
                return plan
            }
        }

        /// "in GB", or "among +800 numbers" for a non-geographic calling code.
        var place: String { region.region == "001" ? "among +\(region.callingCode) numbers" : "in \(region.region)" }

        /// Whether libphonenumber calls the national significant number valid here: a possible length, the general
        /// pattern and the pattern of one number type.
        func isValid(_ national: Substring) -> Bool {
            region.lengths.contains(national.count) && general.matchesWhole(national) && valid.matchesWhole(national)
        }

        /// Whether the number starts with this region's leading digits; nil when the region has none.
        func hasLeadingDigits(_ national: Substring) -> Bool? {
            leadingDigits.map { $0.matchAtStart(national) != nil }
        }

        /// The digits after this region's international prefix ("011 44 …" in US), or nil when they do not start
        /// with it or a 0 follows it (no calling code starts with 0).
        func afterInternationalPrefix(_ digits: Substring) -> Substring? {
            guard let match = internationalPrefix?.matchAtStart(digits) else { return nil }
            let rest = digits.dropFirst(match.range.length)
            return rest.first == "0" ? nil : rest
        }

        /// A national number without its trunk prefix ("030 1234567" → "301234567"), or with the digits the prefix
        /// captured put in place by the transform; unchanged when the number fits the general pattern only with its
        /// prefix.
        func droppingNationalPrefix(_ national: Substring) -> Substring {
            guard let nationalPrefix, let match = nationalPrefix.matchAtStart(national) else { return national }
            let rest = national.dropFirst(match.range.length)
            var result = rest
            if let transform = region.nationalPrefixTransform, match.numberOfRanges > 1,
                match.range(at: match.numberOfRanges - 1).location != NSNotFound
            {
                result = nationalPrefix.replacementString(for: match, in: String(national), offset: 0, template: transform) + rest
            }
            return general.matchesWhole(national) && !general.matchesWhole(result) ? national : result
        }

        /// "0049 30 …" written as a national number in DE: the digits after the region's own calling code, when they
        /// fit the general pattern and the whole did not, or the whole is too long; else nil.
        func afterOwnCallingCode(_ digits: Substring) -> Substring? {
            let code = String(region.callingCode)
            guard digits.hasPrefix(code) else { return nil }
            let rest = droppingNationalPrefix(digits.dropFirst(code.count))
            let better = !general.matchesWhole(digits) && general.matchesWhole(rest)
            return better || lengthFit(digits.count) == .tooLong ? rest : nil
        }

        /// How a number of this many digits fits the region's lengths.
        func lengthFit(_ count: Int) -> LengthFit {
            if region.localOnlyLengths.contains(count) { return .localOnly }
            guard let shortest = region.lengths.first, let longest = region.lengths.last else { return .invalid }
            if count < shortest { return .tooShort }
            if count > longest { return .tooLong }
            return region.lengths.contains(count) ? .possible : .invalid
        }

        enum LengthFit { case possible, tooShort, tooLong, localOnly, invalid }
    }
}

extension NSRegularExpression {
    fileprivate func matchesWhole(_ digits: Substring) -> Bool {
        let text = String(digits)
        return firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)) != nil
    }

    /// libphonenumber's `lookingAt`: a match at the start of the (ASCII) digits.
    fileprivate func matchAtStart(_ digits: Substring) -> NSTextCheckingResult? {
        let text = String(digits)
        return firstMatch(in: text, options: .anchored, range: NSRange(location: 0, length: text.utf16.count))
    }
}
